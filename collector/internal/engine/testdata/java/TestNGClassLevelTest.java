package com.acme.orders;

import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

@Test(groups = "fast")
public class TestNGClassLevelTest {

    public void implicitOne() {}

    public void implicitTwo() {}

    @Test(enabled = false)
    public void explicitlyDisabled() {}

    @AfterMethod
    public void tearDown() {}

    private void helper() {}

    // Public, static or not: a test (TestNG runs it).
    public static void staticHelper() {}

    void packagePrivate() {}
}

@Test(enabled = false)
class DisabledTestNGClassTest {
    public void off() {}

    // Its own @Test replaces the class's: enabled, TestNG runs it.
    @Test
    public void ownTestRuns() {}
}
