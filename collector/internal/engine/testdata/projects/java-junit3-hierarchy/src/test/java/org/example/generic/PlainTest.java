package org.example.generic;

import java.util.ArrayList;

/** Not JUnit: its superclass is no TestCase, whatever its methods are named. */
public class PlainTest extends ArrayList<String> {
    public void testNotRun() {
    }
}
