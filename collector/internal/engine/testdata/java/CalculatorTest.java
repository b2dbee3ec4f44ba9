package com.acme.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Calculator tests. A javadoc that mentions @Test void notATest() must not count.
 */
@DisplayName("A calculator")
class CalculatorTest {

    private Calculator calc;

    @BeforeEach
    void setUp() {
        calc = new Calculator();
    }

    @Test
    @DisplayName("adds two numbers")
    void addsTwoNumbers() {
        assertEquals(4, calc.add(2, 2));
    }

    @Test
    @Tag("slow")
    public void dividesByZero() {
        assertThrows(ArithmeticException.class, () -> calc.divide(1, 0));
    }

    @Disabled("flaky on CI, see #123")
    @Test
    void subtractsNegative() {
        // @Test in a comment
        String s = "@Test void fake() {}";
        assertEquals(3, calc.subtract(1, -2));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void usesUnixPaths() {}

    @Nested
    @DisplayName("when empty")
    class WhenEmpty {

        @Test
        void hasZeroMemory() {
            assertEquals(0, calc.memory());
        }

        @Nested
        class AfterStoring {
            @BeforeEach
            void store() {
                calc.store(5);
            }

            @Test
            void recalls() {
                assertEquals(5, calc.memory());
            }

            @Disabled
            @Test
            void clears() {}
        }
    }

    private int helper() {
        return 42;
    }
}
