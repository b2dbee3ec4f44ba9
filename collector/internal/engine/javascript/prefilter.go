package javascript

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// The pre-filter decides from bytes alone, before any parse, that a file
// declares no test. A declaration is a call whose callee resolves to one of
// bases (resolve), so some base name must be written where a call or an
// alias can use it:
//   - at the start of a callee: the name, not after a dot, then only
//     modifiers resolve accepts (.skip, .each, test.describe …), then ( or a
//     template (describe.each`…`) or, after a modifier, TypeScript's type
//     arguments (test.each<Row>(…));
//   - as an alias's value (= it.skip, = test.extend(…), = old ? it.skip : it), an import rename
//     (it as spec) or a destructured key ({ it: spec } = require(…));
//   - or behind a binding of a framework module, whose members are written
//     after a dot (import * as v from 'vitest'; v.it(…)), or whose default
//     export is the test function (const t = require('node:test')): a file
//     that names such a module anywhere always passes.
//
// Wrappers and loops call a base inside, so they pass too. Strings and
// comments are not told apart (a match there only costs a parse). Generated
// code in test folders (fixtures, protocol buffers, bundles) names test,
// context or suite as fields, parameters and methods, never like this, and
// is not parsed.

// frameworkModules are the module names moduleFramework knows, as
// substrings: a file that holds one may bind a test function to any name.
var frameworkModules = [][]byte{
	[]byte("vitest"), []byte("@jest/globals"), []byte("playwright/test"), []byte("@playwright/experimental-ct-"),
	[]byte("node:test"), []byte("bun:test"), []byte("mocha"), []byte("cypress"), []byte("jasmine"),
	[]byte("RuleTester"), // not a module: its run(…) declares the tests (ruletester.go)
}

// baseRoots are substrings every name of bases holds.
var baseRoots = [][]byte{[]byte("it"), []byte("test"), []byte("describe"), []byte("context"), []byte("suite"), []byte("specify")}

// chainWords are the names resolve accepts after a base in a callee:
// modifiers, test.describe, and node:test's test.it / test.suite / test.test.
var chainWords = map[string]bool{
	"only": true, "skip": true, "fixme": true, "todo": true, "failing": true, "fails": true, "fail": true,
	"concurrent": true, "serial": true, "parallel": true, "sequential": true, "shuffle": true,
	"describe": true, "each": true, "for": true, "skipIf": true, "runIf": true, "if": true,
	"it": true, "suite": true, "test": true,
}

// mayDeclareTests reports whether src may declare a test: false only when
// no base name is written where a declaration could use it.
func mayDeclareTests(src []byte) bool {
	for _, m := range frameworkModules {
		if bytes.Contains(src, m) {
			return true
		}
	}
	for _, root := range baseRoots {
		for at := 0; ; {
			k := bytes.Index(src[at:], root)
			if k < 0 {
				break
			}
			start, end := at+k, at+k+len(root)
			at = end
			for start > 0 && isIdentByte(src[start-1]) {
				start--
			}
			for end < len(src) && isIdentByte(src[end]) {
				end++
			}
			if _, ok := bases[string(src[start:end])]; ok && usedAsTestFunction(src, start, end) {
				return true
			}
		}
	}
	// The scan knows ASCII's usual blanks only: where others are, the parse
	// decides.
	return rareBlank(src)
}

// usedAsTestFunction reports whether the base name at src[start:end] is
// written as a callee's start, an alias's value, an import rename or a
// destructured key.
func usedAsTestFunction(src []byte, start, end int) bool {
	b := blankBefore(src, start)
	before := byte(0)
	if b >= 0 {
		before = src[b]
	}
	if before == '.' {
		return false // a member: only a module binding can make it a test function
	}
	// const itSlow = it.skip; const test = test.extend(…) — not a member's
	// assignment (this.test = test), which binds no name.
	alias := before == '=' && !assignsMember(src, b) ||
		before == '?' // const run = old ? it.skip : it (the other branch follows a ':')
	j := skipBlank(src, end)
	if j < len(src) && src[j] == ':' {
		if before == '?' {
			// cond ? xit : it — when the other branch is a test function too.
			_, ok := bases[string(identAt(src, skipBlank(src, j+1)))]
			return ok
		}
		return before == '{' || before == ',' || before == '/' // a key
	}
	if word := identAt(src, j); string(word) == "as" {
		return true
	}
	modifiers := 0
	for j < len(src) && (src[j] == '.' || src[j] == '?' && j+1 < len(src) && src[j+1] == '.') {
		// Optional chaining reads as the plain chain: it?.skip?.('x').
		if src[j] == '?' {
			j++
		}
		j = skipBlank(src, j+1)
		if j < len(src) && (src[j] == '(' || src[j] == '`') {
			break // it?.('x'): an optional call
		}
		word := identAt(src, j)
		if !chainWords[string(word)] {
			return alias && string(word) == "extend"
		}
		j = skipBlank(src, j+len(word))
		modifiers++
	}
	switch {
	case alias:
		return true
	case j == len(src):
		return false
	case src[j] == '(':
		// test(obj) { … } defines a method or function of that name.
		return modifiers > 0 || !definesFunction(src, j)
	}
	return src[j] == '`' || src[j] == '<' && modifiers > 0
}

// blankBefore returns the offset of the last byte before i that is not
// white space, or -1.
func blankBefore(src []byte, i int) int {
	for i--; i >= 0; i-- {
		if c := src[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return -1
}

// assignsMember reports whether the = at eq assigns a member (a.b = …).
func assignsMember(src []byte, eq int) bool {
	i := blankBefore(src, eq)
	if i < 0 || !isIdentByte(src[i]) {
		return false
	}
	for i >= 0 && isIdentByte(src[i]) {
		i--
	}
	i = blankBefore(src, i+1)
	return i >= 0 && src[i] == '.'
}

// definesFunction reports whether the ( at open starts the parameters of a
// definition: its ) is followed by {. Quoted strings and comments are
// skipped; a list that does not close within reach is taken for a call.
func definesFunction(src []byte, open int) bool {
	reach := src[:min(len(src), open+4096)]
	end := frontend.ClosingEnd(reach, open+1, '(', ')', func(k int) int {
		switch c := reach[k]; {
		case c == '\'' || c == '"' || c == '`':
			return frontend.QuotedEnd(reach, k+1, c, c == '`')
		case c == '/' && k+1 < len(reach) && (reach[k+1] == '/' || reach[k+1] == '*'):
			return skipBlank(reach, k)
		}
		return 0
	})
	if end < 0 {
		return false
	}
	j := skipBlank(src, end)
	return j < len(src) && src[j] == '{'
}

// skipBlank returns the offset of the first byte at or after i that is
// neither white space nor inside a comment.
func skipBlank(src []byte, i int) int {
	return frontend.SkipTrivia(src, i, isBlank, false)
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// rareBlank reports whether src holds white space other than space, tab
// and line breaks, which JavaScript (and tree-sitter's grammar) also
// allows between tokens: form feed, vertical tab, Unicode spaces (no-break
// space, U+2000…), the byte order mark and zero-width spaces.
func rareBlank(src []byte) bool {
	if bytes.ContainsAny(src, "\f\v") {
		return true
	}
	for i := 0; i < len(src); i++ {
		if src[i] < 0x80 {
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if unicode.IsSpace(r) || r == 0xFEFF || r == 0x200B || r == 0x2060 {
			return true
		}
		i += n - 1
	}
	return false
}

// identAt returns the identifier that starts at i (empty if none).
func identAt(src []byte, i int) []byte {
	end := i
	for end < len(src) && isIdentByte(src[end]) {
		end++
	}
	return src[i:end]
}

// Minified code (a bundle, a compressed asset among a test folder's
// fixtures: Rails' actionpack/test/fixtures/public/gzip/application-….js,
// 113 kB on 3 lines) writes `it(` and `it.each(` for its own short names,
// and its parse, deep and on few lines, cost two copies of it a fifth of
// the CPU of the scan of Rails' whole tree. It is build output, not a test
// file: one in a test folder is not parsed (not reported), while a file
// whose name says it is a test is parsed whatever its shape.
const (
	minifiedLine       = 1000 // bytes: a line longer than this is a minified one
	minifiedStatements = 100  // semicolons: fewer, and the file is too small to matter
)

// minified reports whether src is minified code: at least minifiedStatements
// semicolons, nine in ten of them and nine in ten of its bytes on lines over
// minifiedLine bytes. A test file with a long data line (base64, JSON) keeps
// its statements on short lines.
func minified(src []byte) bool {
	if len(src) < minifiedLine*minifiedStatements/10 {
		return false
	}
	var semis, longSemis, longBytes int
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		n := bytes.Count(src[start:end], []byte{';'})
		semis += n
		if end-start > minifiedLine {
			longSemis += n
			longBytes += end - start
		}
		start = end + 1
	}
	return semis >= minifiedStatements && longSemis*10 >= semis*9 && longBytes*10 >= len(src)*9
}
