package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalculatorTest {
    private final Calculator calc = new Calculator();

    @Test
    void addsZero() {
        assertEquals(1, calc.add(1, 0));
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 2", "2, 3, 5"})
    void adds(int a, int b, int sum) {
        assertEquals(sum, calc.add(a, b));
    }
}
