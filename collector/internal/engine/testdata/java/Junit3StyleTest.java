package org.example.legacy;

import junit.framework.TestCase;
import org.junit.Test;

/**
 * JUnit 3 style: JUnit 4 (and the JUnit Platform's Vintage engine) runs the
 * public void test…() methods of a TestCase subclass, with no annotation,
 * and ignores @Test there.
 */
public class Junit3StyleTest extends TestCase {

    @Override
    protected void setUp() throws Exception {
        super.setUp();
    }

    public void testAdds() {
        assertEquals(2, 1 + 1);
    }

    public void testThrows() throws Exception {
        assertNotNull(new Object());
    }

    // Annotated as well: still one test.
    @Test
    public void testAnnotated() {
        assertTrue(true);
    }

    // Not run: JUnit 3 finds tests by name, and JUnit 4 ignores @Test here.
    @Test
    public void checksSomething() {
        assertTrue(true);
    }

    // JUnit 3 runs a static one too.
    public static void testStatic() {
    }

    // Not tests: not public, with a parameter, not void.
    void testPackagePrivate() {
    }

    private void testPrivate() {
    }


    public void testWithArgument(int value) {
    }

    public int testReturnsValue() {
        return 1;
    }

    // "public void testInAComment() {}" and "public void testInAString()"
    private final String trap = "public void testInAString() {}";

    public static class NestedTest extends junit.framework.TestCase {
        public void testNested() {
        }
    }

    /** Not a TestCase: a helper whose test… methods are no tests. */
    public static class Helper {
        public void testLooksLikeOne() {
        }
    }
}
