package org.example;

// Nothing here names JUnit: TestCase is two classes up, in this package.
public class FooTest extends BaseTestCase {
    public void testFoo() {
        assertEquals(2, 1 + 1);
    }

    public void testBar() throws Exception {
    }

    /** Not a test: JUnit 3 wants no parameters. */
    public void testWith(String name) {
    }
}
