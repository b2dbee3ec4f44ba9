package org.example.reactive

import kotlin.test.BeforeTest
import kotlin.test.Test

// This module's build chooses kotlin-test-junit5: Jupiter runs it.
class PublishTest {
    @BeforeTest
    fun setUp() {
    }

    @Test
    fun publishesOne() {
    }
}
