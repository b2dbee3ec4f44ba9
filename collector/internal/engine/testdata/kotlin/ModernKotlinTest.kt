package com.acme.modern

import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

@JvmInline
value class UserId(val value: String)

sealed interface Shape {
    data class Circle(val r: Double) : Shape
    data object Empty : Shape
}

// The Kotlin grammar leaves an ERROR node here (fun interface): the tests
// below are still found.
fun interface Validator {
    fun validate(s: String): Boolean
}

context(Logger)
fun logged() = log("x")

class ModernKotlinTest {
    @Test
    fun `suspending test`() = runTest {
        val shape: Shape = Shape.Circle(1.0)
        val area = when (shape) {
            is Shape.Circle -> shape.r * shape.r
            Shape.Empty -> 0.0
        }
        check(area > 0)
    }

    @Test
    fun `throws on blank`() {
        assertThrows<IllegalArgumentException> {
            UserId("").also { require(it.value.isNotBlank()) }
        }
    }

    @Test
    fun `trailing commas and generics`() {
        val m = mapOf<String, List<Int>>(
            "a" to listOf(1, 2,),
        )
        val v = Validator { it.isNotEmpty() }
        check(v.validate("x"))
    }

    @Nested
    inner class Multiline {
        @Test
        fun `names with spaces, commas and (parens)`() {}

        @Test
        fun afterTricky() {
            val s = """
                @Test fun fake() {}
            """.trimIndent()
        }
    }
}
