package com.acme.support;

public final class Fixtures {
    public static final String TEST_USER = "ada";

    private Fixtures() {}
}
