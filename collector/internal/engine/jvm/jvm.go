// Package jvm is the engine's front end for the JVM languages: Extractor reads
// Java test files (JUnit 4, JUnit 5 Jupiter, TestNG) and KotlinExtractor
// reads Kotlin test files (the same annotation-based frameworks, and Kotest
// specs).
//
// Everything is read from one tree-sitter parse of one file and one query
// (two for a Kotlin file that declares a Kotest spec); nesting is computed
// from byte ranges, never by walking the tree. A Java file is parsed
// without its method bodies, which hold nothing the rules read
// (java_bodies.go), and only when an annotation's name holds Test or Theory
// (or it may be JUnit 3's: mayBeJUnit3). Nothing is compiled or
// resolved. The rules, as the runners apply them to the source:
//
//   - A test is a method annotated @Test (JUnit 4, Jupiter, TestNG),
//     @ParameterizedTest, @RepeatedTest, @TestFactory, @TestTemplate or
//     @Theory, matched by the annotation's simple name, or with a composed
//     annotation whose type carries one of those (@Test @interface
//     FastTest, in the file or in the file its name resolves to, junit3.go), or a public method
//     (static too) of a class annotated with TestNG's class-level @Test
//     (unless it carries a TestNG configuration annotation). In a Java
//     class that derives JUnit 3's TestCase, directly (in a file naming
//     junit.framework) or through the project's own bases in other files
//     (junit3.go), which JUnit 4 runs as JUnit 3 does, a test is a public
//     void test…() method without parameters, annotated or not, and @Test
//     elsewhere counts only when the file also uses Jupiter. A Java
//     static void main(String[]) is never a test. In a Java file that uses
//     Jupiter and neither JUnit 4 nor TestNG, Jupiter's discovery applies:
//     a private, static or abstract method, a non-void test or a void
//     @TestFactory is no test, and neither is anything in a private class
//     or in an inner class without @Nested. Its suite path is its class
//     and the classes around it, outermost first (simple names, no package);
//     every such class is a suite. Methods of anonymous classes, enum
//     constant bodies, local classes, Kotlin objects and companion objects,
//     and top-level functions are not tests.
//   - Names are method names (Kotlin: without the backticks). @DisplayName
//     is ignored, so that names stay stable and match the method a report or
//     a stack trace points at. Kotest names are the names as written: the
//     runner's "Given: "/"When: "/"Then: " prefixes (BehaviorSpec) and " should"/
//     " when" suffixes (WordSpec) are not added.
//   - Statuses: @Disabled, @Ignore (and Kotest's @Ignored) on a method or on
//     any enclosing class, TestNG's @Test(enabled = false) on the method, or
//     on its class for the methods without a @Test of their own → skipped.
//     Conditional annotations (@DisabledOnOs, @EnabledIf, …) and assumptions
//     leave a test active.
//   - Cases (kind "case", suite path + the method's name, which is then a
//     suite too): @RepeatedTest(n) gives "repetition i of n" (or its literal
//     name pattern, LONG_DISPLAY_NAME included). A @ParameterizedTest whose
//     every source is a literal @ValueSource or @CsvSource (value or
//     textBlock; delimiter, delimiterString, quoteCharacter, nullValues and
//     useHeadersInDisplayName understood) gives one case per value or row,
//     named as JUnit 5 names it by default without -parameters: "[1] a, b",
//     arguments unquoted (JUnit 6 quotes text arguments; we follow 5), or its
//     literal name pattern ({index}, {arguments}, {argumentsWithNames},
//     {displayName}, {0}…, MessageFormat quotes). @MethodSource,
//     @EnumSource, @CsvFileSource, @NullSource, @ArgumentsSource, any
//     non-literal value, TestNG data providers and invocationCount, and JUnit
//     4's Parameterized runner are not expanded: the declared test alone is
//     reported, once.
//   - Kotest specs (a class whose supertype is a Kotest spec style, or any
//     supertype whose name ends in "Spec", for a project's own base class):
//     context/describe/given/when/and/feature/"x" - {} and WordSpec's
//     "x" should {} / "x" When {} are suites; test/it/then/should/scenario/
//     expect/"x" {} are tests (a test that holds tests is a suite). An x
//     prefix (xtest, xdescribe, xGiven), a "!" name prefix or
//     .config(enabled = false) → skipped; an f prefix (fcontext, fit) or an
//     "f:" name prefix on a top-level scope → focused, inherited by what it
//     holds (Kotest ignores focus on nested scopes). A name built from a
//     template ("adds $n") is reported once, as written. Data-driven
//     withData and include(…) factories are not followed.
//
// Lines are the first line of the declaration, annotations included, so a
// declared test comes before the cases of its annotations; a case's line is
// the line of its value or row (the annotation's for @RepeatedTest). A file
// with syntax errors (the Kotlin grammar also leaves ERROR nodes in some
// valid code) is read for whatever parses; it gets no SkipReason.
//
// Detection: an import of org.junit.jupiter, org.junit (JUnit 4), org.testng
// or io.kotest.core (Kotest; its assertion packages are used from JUnit tests
// too and count only a little), or a fully qualified annotation, weighs
// project.ImportWeight; framework-only annotation names (@Nested,
// @ParameterizedTest, @Ignore, @RunWith, @DataProvider, …) and Kotest spec
// styles a few points. Project.Decide adds the nearest build file's
// dependencies, in the preference order junit5, junit4, testng (Kotest first
// for a Kotlin file that declares a spec). A kotlin.test import names no
// framework, nor do its @BeforeTest, @AfterTest and @Ignore in a file that
// imports it: the build decides (kotlin-test-junit, kotlin-test-junit5, also
// in a script of the project's gradle/ folder that the build applies).
package jvm

import (
	"path"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxCases bounds the cases one file may expand to; past it, further tests
// are reported without their cases, so that @RepeatedTest(1_000_000_000)
// costs nothing. MaxRepetitions bounds one @RepeatedTest expansion.
// MaxNames bounds the size of what one file is reported as, counted in
// names: each suite and test costs its name and the names of its suite path.
// Deep nesting repeats paths, so a small hostile file could otherwise ask for
// gigabytes; a file over the bound is reported with a SkipReason.
const (
	MaxCases       = 100_000
	MaxRepetitions = 10_000
	MaxNames       = 1_000_000
)

// maxNameBytes bounds one case name, as JUnit truncates long arguments.
const maxNameBytes = 512

// isTestDir reports whether a folder on dir (slash-separated, ending in "/"
// or empty) is a Gradle or Maven test source set: src/test/, src/it/,
// src/integrationTest/, src/androidTest/, ….
func isTestDir(dir string) bool {
	elems := strings.Split(dir, "/")
	for i := 0; i+1 < len(elems); i++ {
		if elems[i] != "src" {
			continue
		}
		next := elems[i+1]
		if next == "test" || next == "it" || strings.HasSuffix(next, "Test") || strings.HasSuffix(next, "Tests") {
			return true
		}
	}
	return false
}

// candidate implements Candidate for one extension and its naming rules.
func candidate(relPath, ext string, prefixTest bool) bool {
	dir, base := path.Split(relPath)
	stem, ok := strings.CutSuffix(base, ext)
	if !ok || stem == "" || stem == "package-info" || stem == "module-info" {
		return false
	}
	for _, suf := range []string{"Test", "Tests", "IT", "TestCase", "Spec"} {
		if strings.HasSuffix(stem, suf) && (suf != "Spec" || ext == ".kt") {
			return true
		}
	}
	if prefixTest && strings.HasPrefix(stem, "Test") {
		return true
	}
	return isTestDir(dir)
}

// junitOrder is the preference order among the annotation frameworks.
var junitOrder = []inventory.Framework{inventory.FrameworkJUnit5, inventory.FrameworkJUnit4, inventory.FrameworkTestNG}

// importScores scores one import (or fully qualified annotation) path.
func importScores(imp string, scores map[inventory.Framework]int) {
	switch {
	case strings.HasPrefix(imp, "org.junit.jupiter"):
		scores[inventory.FrameworkJUnit5] += project.ImportWeight
	case strings.HasPrefix(imp, "org.testng"):
		scores[inventory.FrameworkTestNG] += project.ImportWeight
	case strings.HasPrefix(imp, "io.kotest"):
		scores[inventory.FrameworkKotest] += project.ImportWeight
	case strings.HasPrefix(imp, "org.junit.Assert"), strings.HasPrefix(imp, "org.junit.Assume"):
		// Assertions are used from Jupiter tests too (during migrations):
		// a hint, not a proof.
		scores[inventory.FrameworkJUnit4] += syntaxWeight
	case imp == "org.junit.*", strings.HasPrefix(imp, "org.junit.") && !strings.HasPrefix(imp, "org.junit.platform"):
		scores[inventory.FrameworkJUnit4] += project.ImportWeight
	case strings.HasPrefix(imp, "junit.framework"):
		scores[inventory.FrameworkJUnit4] += project.ImportWeight
	}
}

// syntaxWeight is what framework-specific syntax adds to a file's score.
const syntaxWeight = 5

// junit5Only and junit4Only are annotation names only one framework has.
var (
	junit5Only = map[string]bool{"ParameterizedTest": true, "RepeatedTest": true, "TestFactory": true, "TestTemplate": true, "Nested": true, "Disabled": true, "DisplayName": true, "BeforeEach": true, "AfterEach": true, "BeforeAll": true, "AfterAll": true}
	junit4Only = map[string]bool{"Ignore": true, "RunWith": true, "Before": true, "After": true, "BeforeClass": true, "AfterClass": true, "Theory": true}
	testngOnly = map[string]bool{"DataProvider": true, "BeforeMethod": true, "AfterMethod": true, "BeforeSuite": true, "AfterSuite": true, "BeforeTest": true, "AfterTest": true, "BeforeGroups": true, "AfterGroups": true, "Factory": true}
)

// syntaxScores adds the hints of annotation names to scores.
func syntaxScores(names map[string]bool, scores map[inventory.Framework]int) {
	for n := range names {
		switch {
		case junit5Only[n]:
			scores[inventory.FrameworkJUnit5] += syntaxWeight
		case junit4Only[n]:
			scores[inventory.FrameworkJUnit4] += syntaxWeight
		case testngOnly[n]:
			scores[inventory.FrameworkTestNG] += syntaxWeight
		}
	}
}
