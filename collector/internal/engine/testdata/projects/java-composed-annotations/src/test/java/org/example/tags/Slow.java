package org.example.tags;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Not a test annotation: it names no test annotation. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Slow {
}
