package com.acme.cli;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

// What TestNG 7.5's dry run lists for these classes (checked with
// e2e/cmd/accuracy testng): a class-level @Test makes public static methods
// tests too; static void main(String[]) is never a test; a class-level
// enabled = false disables only the methods that have no @Test of their own.
@Test(groups = "cli")
public class TestNGMainAndStaticTest {

    @BeforeClass
    public void setUp() {}

    public void parsesFlags() {}

    public static void parsesStaticFlags() {}

    @DataProvider
    public Object[][] flags() {
        return new Object[][] {{"-v"}, {"-q"}};
    }

    @Test(dataProvider = "flags")
    public void acceptsFlag(String flag) {}

    @Test(enabled = false)
    public static void main(String[] args) {
        new TestNGMainAndStaticTest().parsesFlags();
    }

    // Not the entry point: a test.
    public static void main(int times) {}

    @Test(enabled = false)
    public void notYet() {}

    public static class NestedRunner {
        public static void main(String... args) {}

        @Test
        public void nestedRuns() {}
    }
}

@Test(enabled = false, description = "until the parser is rewritten")
class DisabledCommandTest {

    public void offByClass() {}

    public static void alsoOffByClass() {}

    @Test(groups = "slow")
    public void ownAnnotationRuns() {}

    @Test(enabled = true)
    public void explicitlyEnabled() {}

    @Test
    public static void main(String args[]) {}

    static class Nested {
        @Test
        public void notDisabledByOuterClass() {}
    }
}
