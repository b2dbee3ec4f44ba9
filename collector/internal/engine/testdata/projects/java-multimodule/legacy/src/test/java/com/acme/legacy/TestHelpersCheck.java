package com.acme.legacy;

import com.acme.legacy.support.*;

// No import names the framework: the nearest pom.xml (junit:junit) does.
public class TestHelpersCheck {
    @Test
    public void helps() {}
}
