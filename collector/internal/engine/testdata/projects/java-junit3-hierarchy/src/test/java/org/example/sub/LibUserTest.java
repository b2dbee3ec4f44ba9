package org.example.sub;

import org.example.support.LibTestCase;

public class LibUserTest extends LibTestCase {
    public LibUserTest(String name) {
        super(name);
    }

    public void testUsesLib() {
        assertTrue(true);
    }
}
