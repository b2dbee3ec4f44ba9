package com.acme;

import com.acme.testing.*;

// @Test comes through a wildcard import of a project package and there is no
// build file: nothing says which framework runs these tests.
public class WildcardTest {
    @Test
    public void firstCheck() {}

    @Test
    public void secondCheck() {}
}
