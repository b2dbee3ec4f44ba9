package org.example.generic;

import junit.framework.TestCase;

/** A generic base (args4j's Args4JTestBase<T>). */
public abstract class Base<T> extends TestCase {
    protected abstract T make();
}
