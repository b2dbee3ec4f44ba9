package org.example.coroutines

import kotlin.test.*

// kotlin.test's annotations: kotlin-test-junit maps them to JUnit 4's.
class DelayTest {
    @BeforeTest
    fun setUp() {
    }

    @AfterTest
    fun tearDown() {
    }

    @Test
    fun testDelayZero() {
        assertTrue(true)
    }

    @Ignore
    @Test
    fun testDelayForever() {
    }
}
