package com.acme;

class FullyQualifiedTest {

    @org.junit.jupiter.api.Test
    void qualified() {}

    @org.junit.jupiter.api.Disabled
    @org.junit.jupiter.api.Test
    void qualifiedDisabled() {}
}
