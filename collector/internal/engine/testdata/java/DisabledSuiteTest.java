package com.acme;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Disabled("until the new API lands")
public class DisabledSuiteTest {

    @Test
    void a() {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void cases(int n) {}

    @Nested
    class Inner {
        @Test
        void inheritsDisabled() {}
    }
}

class EnabledNeighbourTest {
    @Test
    void runs() {}

    static class StaticNested {
        @Test
        void alsoRuns() {}
    }
}

class OnlyNestedTest {
    @Nested
    class Level1 {
        @Nested
        class Level2 {
            @Test
            void deep() {}
        }
    }
}
