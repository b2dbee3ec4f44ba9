package com.acme.ng;

import com.acme.ng.support.*;

// No import names the framework: the nearest pom.xml (testng) does.
public class BillingTest {
    @Test(enabled = false)
    public void bills() {}

    @Test
    public void refunds() {}
}
