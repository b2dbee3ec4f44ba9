package org.example.support;

/** A JUnit 3 base shipped in the main sources (xmlunit's XMLTestCase). */
public abstract class LibTestCase extends junit.framework.TestCase {
    protected LibTestCase(String name) {
        super(name);
    }

    public void testLibraryLoads() {
        assertNotNull(getName());
    }
}
