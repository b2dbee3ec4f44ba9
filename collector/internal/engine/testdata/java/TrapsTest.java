package com.acme.traps;

import java.util.Comparator;

import org.junit.jupiter.api.Test;

interface ContractTest {
    @Test
    default void contractHolds() {}
}

class TrapsTest implements ContractTest {

    @Test
    void outer() {
        // An anonymous class whose method carries @Test is not a test of this class.
        Runnable r = new Runnable() {
            @Test
            public void run() {}
        };
        class Local {
            @Test
            void localMethod() {}
        }
        String block = """
            @Test
            void insideTextBlock() {}
            """;
        Comparator<String> c = (a, b) -> 0;
    }

    /* @Test void commented() {} */

    @SuppressWarnings("unused")
    @Test
    void annotatedTwice(@TempDir java.nio.file.Path dir) {}

    enum Mode {
        A {
            @Test
            void inEnumConstant() {}
        };
    }

    record Point(int x, int y) {
        @Test
        void inRecord() {}
    }
}
