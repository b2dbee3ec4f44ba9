package org.example;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import org.example.tags.FastTest;
import org.example.tags.Slow;
import org.junit.jupiter.api.Test;

class CalculatorTest {

    @Test
    void plain() {
    }

    @FastTest
    void adds() {
    }

    @Smoke
    void smokes() {
    }

    @Slow
    void notATest() {
    }
}

/** Declared in this file: the @Test on it makes @Smoke a test annotation. */
@Retention(RetentionPolicy.RUNTIME)
@Test
@interface Smoke {
}
