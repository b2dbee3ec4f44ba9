package org.example;

import junit.framework.TestCase;

/** The suite's own base between its tests and TestCase. */
public abstract class BaseTestCase extends TestCase {
    public void testInBase() {
        assertTrue(true);
    }
}
