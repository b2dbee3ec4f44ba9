package com.acme.params

import org.junit.jupiter.api.RepeatedTest
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource
import org.junit.jupiter.params.provider.MethodSource
import org.junit.jupiter.params.provider.ValueSource

class ParameterizedKotlinTest {

    @ParameterizedTest
    @ValueSource(strings = ["racecar", "radar"])
    fun palindromes(candidate: String) {}

    @ParameterizedTest
    @ValueSource(ints = [1, -2, 0x10])
    fun ints(n: Int) {}

    @ParameterizedTest(name = "{0} has rank {1}")
    @CsvSource("apple, 1", "'lemon, lime', 2")
    fun csvVarargs(fruit: String, rank: Int) {}

    @ParameterizedTest
    @CsvSource(value = ["a;1", "b;2"], delimiter = ';')
    fun csvNamed(s: String, n: Int) {}

    @ParameterizedTest
    @CsvSource(
        textBlock = """
        x, 1
        y, 2
        """
    )
    fun textBlock(s: String, n: Int) {}

    @ParameterizedTest
    @MethodSource("cases")
    fun fromMethod(s: String) {}

    @RepeatedTest(2)
    fun repeated() {}

    companion object {
        @JvmStatic
        fun cases() = listOf("a", "b")
    }
}
