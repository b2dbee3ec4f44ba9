package org.example.discovery;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What Jupiter discovers (checked with the JUnit Platform's discovery):
 * a test method is not private, static or abstract, and returns void — a
 * @TestFactory returns its tests; an inner class runs only with @Nested, and
 * a private class never.
 */
class JupiterDiscoveryTest {

    @Test
    void runs() {
    }

    @Test
    private void privateNeverRuns() {
    }

    @Test
    static void staticNeverRuns() {
    }

    @Test
    int returnsNeverRuns() {
        return 1;
    }

    @RepeatedTest(2)
    static void staticRepeatedNeverRuns() {
    }

    // {displayName} is the @DisplayName when there is one: "Rep 1/2".
    @DisplayName("Rep")
    @RepeatedTest(value = 2, name = "{displayName} {currentRepetition}/{totalRepetitions}")
    void repeated() {
    }

    @TestFactory
    Stream<DynamicTest> factoryRuns() {
        return Stream.of();
    }

    @TestFactory
    void voidFactoryNeverRuns() {
    }

    @Nested
    class WithNested {
        @Test
        void runsNested() {
        }
    }

    class InnerWithoutNested {
        @Test
        void neverRuns() {
        }
    }

    static class StaticMember {
        @Test
        void runsInStaticMember() {
        }
    }

    @Nested
    private class PrivateNested {
        @Test
        void neverRunsEither() {
        }
    }
}
