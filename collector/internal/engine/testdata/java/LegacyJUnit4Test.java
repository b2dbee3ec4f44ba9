package com.acme.legacy;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.Collection;

import org.junit.Before;
import org.junit.Ignore;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

public class LegacyJUnit4Test {

    @Before
    public void setUp() {}

    @Test
    public void addition() {
        assertEquals(2, 1 + 1);
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsNegative() {
        throw new IllegalArgumentException();
    }

    @Test(timeout = 1000)
    public void fast() {}

    @Ignore("broken since the migration")
    @Test
    public void ignored() {}

    public void notATest() {}

    @RunWith(Parameterized.class)
    public static class FibonacciTest {
        @Parameters(name = "{index}: fib({0})={1}")
        public static Collection<Object[]> data() {
            return Arrays.asList(new Object[][] {{0, 0}, {1, 1}, {2, 1}});
        }

        private final int input;
        private final int expected;

        public FibonacciTest(int input, int expected) {
            this.input = input;
            this.expected = expected;
        }

        @Test
        public void computes() {}
    }
}
