package com.acme

// Shared fixtures for the tests of this folder: no test in here.
object TestFixtures {
    fun user(name: String = "Ada") = User(name)
}

fun String.shouldBeTestName() = this.isNotEmpty()
