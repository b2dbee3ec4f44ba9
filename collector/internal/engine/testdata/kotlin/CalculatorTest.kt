package com.acme.calc

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Disabled
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Nested
import org.junit.jupiter.api.Test
import io.kotest.matchers.shouldBe

class CalculatorTest {
    private lateinit var calc: Calculator

    @BeforeEach
    fun setUp() {
        calc = Calculator()
    }

    @Test
    fun `adds two numbers`() {
        calc.add(2, 2) shouldBe 4
    }

    @Test
    @DisplayName("divides")
    fun divides() = assertEquals(2, calc.divide(4, 2))

    @Disabled("see #42")
    @Test
    fun `subtracts with "quotes" and 'apostrophes'`() {
        val s = "@Test fun fake() {}"
    }

    @Nested
    inner class `when the memory is empty` {
        @Test
        fun `recall returns zero`() {}

        @Nested
        inner class AfterStore {
            @Test
            fun recalls() {}
        }
    }

    private fun helper() = 42

    companion object {
        @Test
        @JvmStatic
        fun notATestInCompanion() {}
    }
}
