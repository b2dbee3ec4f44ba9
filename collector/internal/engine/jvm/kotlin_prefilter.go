package jvm

import "bytes"

// The Kotlin pre-filter decides from bytes alone, before any parse, that a
// file declares no test. The front end reports a test in two ways only, and
// each needs a token written in a place the filter can find with a short
// scan:
//
//   - JUnit 4/5, TestNG and kotlin.test: a method whose modifiers hold an
//     annotation named Test, ParameterizedTest, RepeatedTest, TestFactory,
//     TestTemplate or Theory (testAnnotations), or any public method of a
//     class annotated TestNG's @Test. The name is the annotation's last
//     segment, so it is an identifier holding Test or Theory, written after
//     the annotation's @ and what may come between: blanks, a qualifier
//     (@org.junit.Test, @a . b .Test) and a use-site target
//     (@field:Test, @get : Test). The filter reads each @ that way
//     (kotlinAnnotationMayTest).
//   - Kotest: a DSL call named by a string literal ("…") inside a class
//     whose supertype list names a type whose identifier ends in Spec
//     (FunSpec, a project's own abstract BaseSpec). In the query that
//     identifier is a segment of the user_type a delegation specifier
//     starts with, and a delegation specifier follows the class header's :
//     or a , (class A : B(), FooSpec({…})), so the filter looks back from
//     each identifier ending in Spec over a qualifier (io.kotest.core.spec.
//     style.FunSpec) for one of them (kotlinSupertypeAt), and wants a " in
//     the file.
//
// Where the bytes allow a reading the filter does not follow — a comment
// between the tokens, a byte of a non-ASCII identifier or blank, type
// arguments, a backticked name, @[A B] — it lets the file pass: a false
// accept only costs a parse. Strings and comments are not told apart, for
// the same reason. Generated code and helpers in test folders name their
// types Test… or …Spec (KotlinTest, TestSimpleTableWithEnum, TypeSpec.
// builder) without either shape, and are not parsed.
//
// The promise holds for every tree without an ERROR node (MISSING automatic
// semicolons, which the grammar wants in some valid code, are fine). Error
// recovery can build a test annotation out of junk around its name — @1 Test,
// @* why */Test, "@o\nrg.junit.Test" are read as @Test — which no compiler
// accepts and no byte-level filter short of "Test after some @" could
// follow. The differential test, the variants of the fixtures and the fuzz
// target check the promise (kotlin_prefilter_test.go).

// kotlinMayDeclareTests reports whether src may declare a test: false only
// when neither a test annotation nor a Kotest spec's supertype is written.
func kotlinMayDeclareTests(src []byte) bool {
	return kotlinAnnotatesTests(src) || kotlinExtendsSpec(src)
}

// kotlinAnnotatesTests reports whether some annotation of src may be a test
// annotation: its name, read from the @ on, has a segment holding Test or
// Theory (a superset of testAnnotations and of TestNG's class-level @Test).
func kotlinAnnotatesTests(src []byte) bool {
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '@')
		if i < 0 {
			return false
		}
		at += i + 1
		if kotlinAnnotationMayTest(src, at) {
			return true
		}
	}
}

// kotlinAnnotationMayTest reads the annotation whose @ ends before src[at]:
// blanks, then segments separated by . (a qualifier) or by one : (a use-site
// target), each an identifier. It reports true when a segment holds Test or
// Theory, or when the bytes go where the scan does not follow (unsure).
func kotlinAnnotationMayTest(src []byte, at int) bool {
	target := false
	for {
		var unsure bool
		if at, unsure = skipKotlinSpace(src, at); unsure {
			return true
		}
		if at >= len(src) {
			return false
		}
		c := src[at]
		switch {
		case isKotlinNameByte(c):
			start := at
			for at < len(src) && isKotlinNameByte(src[at]) {
				at++
			}
			if name := src[start:at]; bytes.Contains(name, []byte("Test")) || bytes.Contains(name, []byte("Theory")) {
				return true
			}
		case c == '[', c == '`', c >= 0x80:
			// @[A B] (a list whose members may have arguments), a
			// backticked name, a non-ASCII identifier: not followed.
			return true
		default:
			return false // not an annotation's name: @Suppress("x") ends here
		}
		if at, unsure = skipKotlinSpace(src, at); unsure {
			return true
		}
		if at >= len(src) {
			return false
		}
		switch src[at] {
		case '.':
		case ':':
			if target {
				return false
			}
			target = true
		case '<':
			return true // type arguments: not followed
		default:
			return false // the name ended without Test or Theory
		}
		at++
	}
}

// kotlinExtendsSpec reports whether src may declare a Kotest spec with a
// test: it holds a string literal's quote, and an identifier ending in Spec
// where a supertype list may hold it.
func kotlinExtendsSpec(src []byte) bool {
	if bytes.IndexByte(src, '"') < 0 {
		return false // every Kotest test is named by a string literal
	}
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte("Spec"))
		if i < 0 {
			return false
		}
		start := at + i
		at = start + len("Spec")
		if at < len(src) && isKotlinNameByte(src[at]) {
			continue // SpecHelper, Specs: the identifier goes on
		}
		if kotlinSupertypeAt(src, start) {
			return true
		}
	}
}

// kotlinSupertypeAt reports whether the identifier holding src[i] may start
// a delegation specifier or be a later segment of its user_type: before it,
// over blanks and any qualifier (a.b.), comes : or ,.
func kotlinSupertypeAt(src []byte, i int) bool {
	for {
		for i > 0 && isKotlinNameByte(src[i-1]) {
			i--
		}
		if i > 0 && (src[i-1] >= 0x80 || src[i-1] == '`') {
			return true // a non-ASCII or backticked identifier: not followed
		}
		var unsure bool
		if i, unsure = skipKotlinSpaceBack(src, i); unsure {
			return true
		}
		if i == 0 {
			return false
		}
		switch src[i-1] {
		case ':', ',':
			return true
		case '.':
			// A qualifier: its segment comes next, after blanks.
			if i, unsure = skipKotlinSpaceBack(src, i-1); unsure {
				return true
			}
			switch {
			case i == 0:
				return false
			case isKotlinNameByte(src[i-1]):
				// the segment, read by the loop
			case src[i-1] == '>', src[i-1] == '`', src[i-1] >= 0x80:
				return true // a segment with type arguments, backticked, non-ASCII
			default:
				return false // x?.FooSpec, f().FooSpec: no type
			}
		default:
			return false
		}
	}
}

// isKotlinNameByte reports an ASCII byte of an identifier. The grammar also
// takes non-ASCII letters: the scans treat bytes >= 0x80 as unsure.
func isKotlinNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isKotlinSpace reports an ASCII blank or control byte. Skipping a byte
// that is no blank to the grammar only lets more files pass.
func isKotlinSpace(c byte) bool { return c <= ' ' || c == 0x7f }

// skipKotlinSpace skips blanks from src[at]; unsure is set at a comment or a
// non-ASCII byte (maybe a Unicode blank).
func skipKotlinSpace(src []byte, at int) (int, bool) {
	for ; at < len(src); at++ {
		c := src[at]
		switch {
		case isKotlinSpace(c):
		case c >= 0x80:
			return at, true
		case c == '/' && at+1 < len(src) && (src[at+1] == '/' || src[at+1] == '*'):
			return at, true
		default:
			return at, false
		}
	}
	return at, false
}

// skipKotlinSpaceBack skips blanks before src[at]; unsure is set at the end
// of a block comment, at a non-ASCII byte, or when a line crossed holds //
// (the blanks may follow a line comment, which hides what it holds). A line
// is read back to the previous \n: a line comment runs over a lone \r
// (class A://\r0\nSpec({…}) is class A : Spec({…}) to the grammar).
func skipKotlinSpaceBack(src []byte, at int) (int, bool) {
	for ; at > 0; at-- {
		c := src[at-1]
		switch {
		case c == '\n' || c == '\r':
			line := src[:at-1]
			if k := bytes.LastIndexByte(line, '\n'); k >= 0 {
				line = line[k+1:]
			}
			if bytes.Contains(line, []byte("//")) {
				return at, true
			}
		case isKotlinSpace(c):
		case c >= 0x80:
			return at, true
		case c == '/' && at >= 2 && src[at-2] == '*':
			return at, true
		default:
			return at, false
		}
	}
	return at, false
}
