package com.acme.testing;

// @Test comes from this package (or a wildcard import of a helper package),
// so nothing in the file says which framework runs it.
public class NoImportTest {
    @Test
    public void works() {}

    @Test
    public void alsoWorks() {}
}
