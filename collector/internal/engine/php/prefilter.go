package php

import "bytes"

// The pre-filter decides from bytes alone, before any parse, that a file
// declares no test, by the rules of phpunit.go and pest.go:
//
//   - A PHPUnit test is a method of a class_declaration that isTestClass
//     accepts: one with a base clause whose class name or base ends with Test
//     or TestCase. Its test methods may be inherited from a class of another
//     file (inherit.go), so nothing in the file's own methods is required:
//     what must be written is the header `class Name extends Base`, up to the
//     body's {, with a name in it that ends in Test or TestCase. The keywords
//     match in any case, as PHP's do; Test does not (isTestClass's suffixes
//     are case-sensitive). test* methods, @test, #[Test] and data providers
//     only matter inside such a class.
//   - A Pest test is a call whose function is the name test, it or todo
//     (declQuery; a describe() reports suites only, its tests are calls of
//     their own): the name as a whole word, then `(`. A member or static call
//     (->test(, ::test(), a variable's call ($test() and a declaration
//     (function test() are other nodes, never such a call.
//
// The grammar's extras may stand between the parts of either: comments,
// ?>…<?php, Unicode spaces. A class header is read with its comments
// skipped (Test in them counts); ?> or an attribute in it passes. A name
// followed by a comment, ? or a byte past ASCII passes. The open tag is a
// token of its own: <?phptest(…) calls test. Strings and comments are
// otherwise not told apart from code: a match there only costs a parse; but
// a class keyword followed by what no header holds (prose: "This class is
// …", a string) opens none. Sound on every source the grammar parses
// without an error (FuzzPreFilterDropsNoTest); error recovery may read a
// header through bytes no header holds.
//
// Generated code and helpers in test folders (flatbuffers' Monster.php:
// class Monster extends Table, methods testarrayofstring() and getTest())
// write test and Test inside other names, as methods or in classes that
// are no test class, and are not parsed.

// pestFunctions are the names a Pest test is declared with.
var pestFunctions = [][]byte{[]byte("test"), []byte("it"), []byte("todo")}

// mayDeclareTests reports whether src may declare a test: false only when
// it writes neither a test class's header nor a call of a Pest function.
func mayDeclareTests(src []byte) bool {
	return mayDeclareTestClass(src) || mayCallPest(src)
}

// maxHeader bounds the bytes read of one class header: a longer one passes.
const maxHeader = 4096

// mayDeclareTestClass reports whether some `class` keyword may open the
// header of a test class (testClassHeader).
func mayDeclareTestClass(src []byte) bool {
	if !bytes.Contains(src, []byte("Test")) {
		return false
	}
	for at := 0; ; {
		k := indexWordFold(src, at, "class")
		if k < 0 {
			return false
		}
		at = k + len("class")
		if memberBefore(src, k) {
			continue // Foo::class, $o->class, $class: no declaration
		}
		may, next := testClassHeader(src, at)
		if may {
			return true
		}
		at = max(at, next)
	}
}

// testClassHeader reads the header of a class declaration whose keyword ends
// at i, up to its body's {. It reports whether the header holds extends and
// a name ending in Test or TestCase, or what it does not read (?>…<?php, an
// attribute, a header longer than maxHeader). A byte no header holds (a
// class keyword in a comment or a string, in prose: "This class is …") ends
// the reading: no declaration. next is where the search may go on: after
// the header or that byte, unless the reading skipped a comment (a class
// word inside it might start a header of its own).
func testClassHeader(src []byte, i int) (may bool, next int) {
	extends, testName, comments := false, false, false
	stop := func(j int) int {
		if comments {
			return i
		}
		return j
	}
	for j := i; j < len(src); {
		if j-i > maxHeader {
			return true, j
		}
		switch c := src[j]; {
		case isSpace(c) || c == '\\' || c == ',' || c >= 0x80:
			// Unicode white space and names past ASCII are read as
			// neither: a name's end is then taken for a boundary below.
			j++
		case isWordByte(c):
			start := j
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			word := src[start:j]
			extends = extends || wordFoldAt(word, 0, "extends")
			testName = testName || bytes.HasSuffix(word, []byte("Test")) || bytes.HasSuffix(word, []byte("TestCase"))
		case c == '/' && j+1 < len(src) && src[j+1] == '*':
			end := bytes.Index(src[j+2:], []byte("*/"))
			if end < 0 {
				return false, stop(j) // not closed: not code
			}
			// Test in a comment counts too: nodes leave trailing comments
			// out of their text, but nothing is lost by not relying on it.
			testName = testName || bytes.Contains(src[j:j+2+end], []byte("Test"))
			j += 2 + end + 2
			comments = true
		case c == '/' && j+1 < len(src) && src[j+1] == '/' || c == '#' && (j+1 == len(src) || src[j+1] != '['):
			// A line comment ends at \r or \n, or at ?> (which passes).
			start := j
			for j++; j < len(src) && src[j] != '\n' && src[j] != '\r'; j++ {
				if src[j] == '?' {
					return true, j
				}
			}
			testName = testName || bytes.Contains(src[start:j], []byte("Test"))
			comments = true
		case c == '{':
			return extends && testName, stop(j + 1)
		case c == '?' || c == '#':
			return true, j // ?>…<?php, or an attribute: not read
		default:
			return false, stop(j)
		}
	}
	return false, stop(len(src)) // no body follows
}

// mayCallPest reports whether test, it or todo is written as a whole word
// that may be a called function's name.
func mayCallPest(src []byte) bool {
	for _, fn := range pestFunctions {
		for at := 0; ; {
			k := bytes.Index(src[at:], fn)
			if k < 0 {
				break
			}
			start, end := at+k, at+k+len(fn)
			at = end
			if !wordStarts(src, start) || end < len(src) && isWordByte(src[end]) {
				continue // part of another name: testarrayofstring, getTest, items
			}
			if mayOpenCall(src, end) && !calleeOfOtherNode(src, start) {
				return true
			}
		}
	}
	return false
}

// mayOpenCall reports whether the name ending at i may be followed by its
// arguments: ( after ASCII white space, or what might hide a ( (a comment,
// ?>…<?php, a Unicode space).
func mayOpenCall(src []byte, i int) bool {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i == len(src) {
		return false
	}
	c := src[i]
	return c == '(' || c == '/' || c == '#' || c == '?' || c >= 0x80
}

// calleeOfOtherNode reports whether the name at start is written where it
// cannot be a function_call_expression's (name): after -> or ?-> (a member
// call), :: (a static call), $ (a variable) or the keyword function (a
// declaration).
func calleeOfOtherNode(src []byte, start int) bool {
	b := start - 1
	for b >= 0 && isSpace(src[b]) {
		b--
	}
	switch {
	case b < 0:
		return false
	case src[b] == '$':
		return true
	case b > 0 && (src[b] == '>' && src[b-1] == '-' || src[b] == ':' && src[b-1] == ':'):
		return true
	}
	const kw = "function"
	return b+1 >= len(kw) && wordFoldAt(src, b+1-len(kw), kw)
}

// memberBefore reports whether the keyword at k follows ->, :: or $.
func memberBefore(src []byte, k int) bool {
	if k > 0 && src[k-1] == '$' {
		return true
	}
	b := k - 1
	for b >= 0 && isSpace(src[b]) {
		b--
	}
	return b > 0 && (src[b] == '>' && src[b-1] == '-' || src[b] == ':' && src[b-1] == ':')
}

// indexWordFold returns the offset of the first whole word at or after at
// that equals word (ASCII lower case) in any case, or -1. Only ASCII name
// bytes join a word: a byte past ASCII counts as a boundary, which can only
// find more words than the grammar's names.
func indexWordFold(src []byte, at int, word string) int {
	first := word[0]
	for i := at; i+len(word) <= len(src); i++ {
		if src[i]|0x20 == first && wordFoldAt(src, i, word) {
			return i
		}
	}
	return -1
}

// wordFoldAt reports whether the whole word at i equals word (ASCII lower
// case) in any case.
func wordFoldAt(src []byte, i int, word string) bool {
	if i < 0 || i+len(word) > len(src) || !wordStarts(src, i) ||
		i+len(word) < len(src) && isWordByte(src[i+len(word)]) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if src[i+j]|0x20 != word[j] {
			return false
		}
	}
	return true
}

// wordStarts reports whether a word may start at i: no ASCII name byte
// before it, or the open tag <?php just before it (the tag is a token of its
// own: <?phptest(…) is a call of test).
func wordStarts(src []byte, i int) bool {
	if i == 0 || !isWordByte(src[i-1]) {
		return true
	}
	return i >= len("<?php") && bytes.EqualFold(src[i-len("<?php"):i], []byte("<?php"))
}

// isSpace reports whether c is ASCII white space (\s of the grammar's
// extras, past ASCII aside).
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
