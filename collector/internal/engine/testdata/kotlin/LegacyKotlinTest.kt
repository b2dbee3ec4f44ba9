package com.acme.legacy

import org.junit.Assert.assertEquals
import org.junit.Ignore
import org.junit.Test

class LegacyKotlinTest {
    @Test
    fun addition() {
        assertEquals(2, 1 + 1)
    }

    @Test(expected = IllegalStateException::class)
    fun throws() {
        error("boom")
    }

    @Ignore
    @Test
    fun ignored() {}

    fun notATest() {}
}

@Ignore("whole class")
class IgnoredKotlinTest {
    @Test
    fun off() {}
}
