package com.acme;

import com.acme.support.*;

// @Test here is a project meta-annotation (com.acme.support.Test) composed
// with Jupiter's: only the pom.xml says which framework runs it.
class MetaAnnotatedChecks {
    @Test
    void composed() {}
}
