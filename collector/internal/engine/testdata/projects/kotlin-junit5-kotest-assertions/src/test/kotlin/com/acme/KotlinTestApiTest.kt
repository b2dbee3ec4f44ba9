package com.acme

import kotlin.test.Test
import kotlin.test.assertEquals

// kotlin.test maps @Test to the JUnit on the classpath: build.gradle.kts
// says JUnit 5.
class KotlinTestApiTest {
    @Test
    fun sums() {
        assertEquals(3, 1 + 2)
    }
}
