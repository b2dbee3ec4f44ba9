package com.acme;

import java.nio.file.Path;

/** Shared fixtures: mentions Test in names but declares no test. */
public abstract class AbstractHelperTest {
    protected Path tempDir;

    protected static String fixture(String name) {
        return "Test fixture " + name;
    }
}
