package com.acme

import io.kotest.matchers.shouldBe
import org.junit.jupiter.api.Disabled
import org.junit.jupiter.api.Test

// Kotest's matchers in a JUnit 5 test: the runner is JUnit 5.
class PriceTest {
    @Test
    fun `rounds half up`() {
        (2.5).toInt() shouldBe 2
    }

    @Disabled
    @Test
    fun `applies discounts`() {}
}
