package com.acme.legacy;

import org.junit.*;

@Ignore
public class WildcardJUnit4Test {
    @Test
    public void first() {}

    @Test
    public void second() {}
}
