package jvm

import (
	"slices"
	"testing"
)

func TestJavaFileRoots(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path, pkg string
		want      []string
	}{
		{"m/src/test/java/org/x/FooTest.java", "org.x", []string{"m/src/test/java", "m/src/main/java", "m/src/src/java"}},
		{"args4j/test/org/kohsuke/FooTest.java", "org.kohsuke", []string{"args4j/test", "args4j/main", "args4j/src"}},
		{"FooTest.java", "", []string{"."}},
		{"odd/place/FooTest.java", "org.x", []string{"odd/place"}}, // folders do not follow the package
	} {
		if got := (&javaFile{path: c.path, pkg: c.pkg}).roots(); !slices.Equal(got, c.want) {
			t.Errorf("roots(%s, %s) = %q, want %q", c.path, c.pkg, got, c.want)
		}
	}
}

func TestJavaFileQualified(t *testing.T) {
	t.Parallel()
	f := &javaFile{pkg: "org.x", imports: map[string]string{"Base": "org.y.Base", "Outer": "org.z.Outer"}, wildcards: []string{"org.w"}}
	for super, want := range map[string][]string{
		"Base":        {"org.y.Base"},
		"Local":       {"org.x.Local", "org.w.Local"},
		"Outer.Inner": {"org.z.Outer.Inner", "Outer.Inner"},
		"a.b.C":       {"a.b.C", "org.x.a.b.C"},
	} {
		if got := f.qualified(super); !slices.Equal(got, want) {
			t.Errorf("qualified(%s) = %q, want %q", super, got, want)
		}
	}
}

func TestSummarizeJavaFile(t *testing.T) {
	t.Parallel()
	src := []byte(`package org.example /* a comment */ . gen;

import junit.framework.TestCase;
import static org.junit.Assert.*;
import org.example.support.*;

/** class Commented extends TestCase */
public abstract class Base<T extends Comparable<T>> extends TestCase {
    String s = "class InString extends TestCase";
    Class<?> c = Base.class;
    static class Nested extends org.example.Other<String> {}
}
class Plain {}
`)
	f := summarizeJavaFile("src/test/java/org/example/gen/Base.java", src).(*javaFile)
	if f.pkg != "org.example.gen" || !f.junitFramework || f.imports["TestCase"] != "junit.framework.TestCase" || !slices.Equal(f.wildcards, []string{"org.example.support"}) {
		t.Errorf("summary = %+v", f)
	}
	want := map[string]string{"Base": "TestCase", "Nested": "org.example.Other", "Plain": ""}
	if len(f.supers) != len(want) {
		t.Errorf("supers = %v, want %v (comments, strings and Base.class are no declarations)", f.supers, want)
	}
	for k, v := range want {
		if got, ok := f.supers[k]; !ok || got != v {
			t.Errorf("supers[%s] = %q, %v; want %q", k, got, ok, v)
		}
	}
}

func TestSummarizeAnnotationTypes(t *testing.T) {
	t.Parallel()
	src := []byte(`package p;
@Target({ElementType.METHOD}) @Retention(RUNTIME) @org.junit.jupiter.api.Test @interface Fast {}
@ParameterizedTest(name = "{0}; {1}") public @interface Each {}
@Retention(RUNTIME) @interface Slow {}
class X { @Fast void a() {} }
`)
	f := summarizeJavaFile("p/X.java", src).(*javaFile)
	want := map[string]bool{"Fast": true, "Each": true, "Slow": false}
	if len(f.testAnnotations) != len(want) {
		t.Fatalf("testAnnotations = %v, want %v", f.testAnnotations, want)
	}
	for k, v := range want {
		if got, ok := f.testAnnotations[k]; !ok || got != v {
			t.Errorf("testAnnotations[%s] = %v, %v; want %v", k, got, ok, v)
		}
	}
}
