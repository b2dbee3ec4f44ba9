package rust

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// The pre-filter: most .rs files declare no test, and most of the candidates
// in test folders are helpers or generated code (flatbuffers'
// monster_generated.rs: #[derive(…)] and #[inline] everywhere, identifiers
// such as monster_test and a method test()). A file is parsed only when its
// bytes hold what the rules need to report a test.
//
// Why it is sound: with no other file read (remote macros aside, below),
// every test the front end reports comes from one of two things written in
// the file itself.
//   - An attribute that classify accepts: its path, read by attrPath, ends in
//     a segment test, rstest, test_case, quickcheck or wasm_bindgen_test (the
//     test words). This holds for a function's attributes in the tree, in a
//     proptest! block (proptest.go), in another item macro's braces and in
//     a macro_rules! body of the file (macros.go: a test macro's expansion
//     reports a function only with such an attribute written in its body;
//     attributes are never substituted from the invocation's arguments,
//     #[$m] is no test). attrPath reads the text after `#`, spaces, an
//     optional `[` and spaces: a run of ASCII letters, digits, _ and :; so
//     the last segment is a whole run of letters, digits and _, not followed
//     by a colon. That text is a node's source (from its `#`, or from its
//     `[` when tree-sitter's recovery makes an attribute with a missing `#`;
//     `#test` with a missing `[`), or a macro's tokens, joined (`#`, `[` and
//     the path's tokens, spaces and comments between them in the source).
//   - A quickcheck! block, at item level or in a macro body of the file: the
//     identifier quickcheck, then `!` (spaces and comments between).
//
// So hasTestAttr looks after each `#` and each `[` (but those surely in a
// comment: inComment), past spaces, comments, `!` and `[`, at a run of
// identifiers and colons (spaces and comments between them allowed) for a
// test word not followed by a colon; hasQuickcheckBlock looks for
// quickcheck then `!`. Both accept more than the rules (an attribute in a
// string or in a comment inComment cannot tell, #[a test], r#test, `[test]`
// indexing): false accepts only cost a parse. #[cfg_attr(P, test)] is no
// test to classify (its path is cfg_attr), but a test word among its
// attributes lets the file through too, so that the filter stays sound if
// classify ever reads them.
//
// Test macros of other files (macros.rs, the modules above, includers:
// remoteMacros) are expanded only from an invocation name! in the file (at
// item level, or in a body of the file's own macros that forwards to them:
// a chain of forwards starts in the file), so a file that invokes none of
// their names cannot get a test from them: usesRemoteMacro, checked only
// for files the bytes turn away.

// testWords are the last path segments of the attributes classify accepts.
var testWords = []string{"test", "rstest", "test_case", "quickcheck", "wasm_bindgen_test"}

// mayHoldTests is the pre-filter: false when the file cannot declare a test
// by itself (see above).
func mayHoldTests(src []byte) bool {
	return hasTestAttr(src) || hasQuickcheckBlock(src)
}

// hasTestAttr reports whether a test word is the segment of an attribute's
// path, the path read after a `#` or a `[`.
func hasTestAttr(src []byte) bool {
	// Attributes hold a word of testWords, all of which contain "test" or
	// "quickcheck": most files have neither.
	if !bytes.Contains(src, []byte("test")) && !bytes.Contains(src, []byte("quickcheck")) {
		return false
	}
	// The next `#` and the next `[` from i (-1: none left).
	hash, bracket := nextByte(src, 0, '#'), nextByte(src, 0, '[')
	for hash >= 0 || bracket >= 0 {
		var i int
		if bracket < 0 || hash >= 0 && hash < bracket {
			i, hash = hash, nextByte(src, hash+1, '#')
		} else {
			i, bracket = bracket, nextByte(src, bracket+1, '[')
		}
		if pathHasTestWord(src, i+1) && !inComment(src, i) {
			return true
		}
	}
	return false
}

// inComment reports whether the byte at i is surely no token of the code:
// its line starts (after spaces) with // or /*, and has no quote and no */
// before it. Whatever the state at the line's start, such a byte is not
// code: in code the line opens a comment; in a block comment, nothing
// before it closes that; in a string (or, for the scanner of macros.go, a
// character literal left open, which runs to the next '), nothing before
// it ends that. An attribute's text starts with a `#` or a `[` of the code
// (commented-out tests: /*#[test], and doc comments: /// #[tokio::test]).
// Only maxCommentLine bytes are read back: a longer line is taken for code
// (a minified line of many #[test] would otherwise be read once per #).
func inComment(src []byte, i int) bool {
	from := max(0, i-maxCommentLine)
	k := bytes.LastIndexByte(src[from:i], '\n')
	if k < 0 && from > 0 {
		return false
	}
	line := bytes.TrimLeft(src[from+k+1:i], " \t")
	if !bytes.HasPrefix(line, []byte("//")) && !bytes.HasPrefix(line, []byte("/*")) {
		return false
	}
	return !bytes.ContainsAny(line, "\"'") && !bytes.Contains(line, []byte("*/"))
}

// maxCommentLine bounds how far back inComment reads.
const maxCommentLine = 4096

// nextByte is the offset of the first c in src from i, or -1.
func nextByte(src []byte, i int, c byte) int {
	if k := bytes.IndexByte(src[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

// pathHasTestWord reads, from i (just after a `#` or a `[`), spaces,
// comments, `!` and `[`, then the identifiers and colons of a path (spaces
// and comments between them allowed), and reports whether one of those
// identifiers, not followed by a colon, is a test word, or a cfg_attr whose
// attributes hold one. Any of them, not only the last: attrPath's path ends
// at a space (#[test ::x] is a test), the joined tokens' path does not.
func pathHasTestWord(src []byte, i int) bool {
	for {
		i = skipTrivia(src, i)
		if i < len(src) && (src[i] == '!' || src[i] == '[') {
			i++
			continue
		}
		break
	}
	for i < len(src) {
		c := src[i]
		switch {
		case isASCIIIdent(c):
			j := i + 1
			for j < len(src) && isASCIIIdent(src[j]) {
				j++
			}
			// A word right before a colon is not the path's last segment
			// (test::x, test:), in the source as in the joined tokens.
			word := src[i:j]
			last := j == len(src) || src[j] != ':'
			if last && isTestWord(word) || string(word) == "cfg_attr" && cfgAttrHasTestWord(src, j) {
				return true
			}
			i = j
		case c == ':':
			i++
		default:
			// Not a path's byte: maybe a space or a comment between its
			// segments.
			k := skipTrivia(src, i)
			if k == i {
				return false
			}
			i = k
		}
	}
	return false
}

// isASCIIIdent reports whether c may be in a path as attrPath reads it.
func isASCIIIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isTestWord(w []byte) bool {
	for _, t := range testWords {
		if string(w) == t {
			return true
		}
	}
	return false
}

// maxCfgAttr bounds the bytes of a cfg_attr's arguments that are read.
const maxCfgAttr = 1024

// cfgAttrHasTestWord reports whether the arguments of a cfg_attr, from i
// (after the word), hold a test word as an identifier after the first comma
// at their top (among the attributes, not in the predicate). classify never
// reads these (see above): a rough scan is enough.
func cfgAttrHasTestWord(src []byte, i int) bool {
	i = skipTrivia(src, i)
	if i >= len(src) || src[i] != '(' {
		return false
	}
	end := min(len(src), i+maxCfgAttr)
	depth, attrs := 0, false
	for ; i < end; i++ {
		switch c := src[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
			if depth == 0 {
				return false
			}
		case c == ',' && depth == 1:
			attrs = true
		case attrs && isASCIIIdent(c) && (i == 0 || !isASCIIIdent(src[i-1])):
			j := i + 1
			for j < end && isASCIIIdent(src[j]) {
				j++
			}
			if isTestWord(src[i:j]) {
				return true
			}
			i = j - 1
		}
	}
	return false
}

// hasQuickcheckBlock reports whether src invokes quickcheck!.
func hasQuickcheckBlock(src []byte) bool {
	return invokes(src, "quickcheck")
}

// invokes reports whether name is followed by `!`, with only spaces and
// comments between them, somewhere in src.
func invokes(src []byte, name string) bool {
	word := []byte(name)
	for off := 0; ; {
		k := bytes.Index(src[off:], word)
		if k < 0 {
			return false
		}
		off += k + len(name)
		if j := skipTrivia(src, off); j < len(src) && src[j] == '!' {
			return true
		}
	}
}

// usesRemoteMacro reports whether src invokes (name!) one of the macros.
func usesRemoteMacro(src []byte, remote []map[string]*testMacro) bool {
	for _, m := range remote {
		for name := range m {
			if invokes(src, name) {
				return true
			}
		}
	}
	return false
}

// skipTrivia returns the offset of the first byte from i that is not in a
// space (Unicode's, as strings.TrimSpace trims them and tree-sitter skips
// them) or a comment (block comments nest; one left open runs to the end).
func skipTrivia(src []byte, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			k := bytes.IndexByte(src[i:], '\n')
			if k < 0 {
				return len(src)
			}
			i += k + 1
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			if i = frontend.NestedCommentEnd(src, i+2); i < 0 {
				i = len(src) // not closed
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[i:])
			if !unicode.IsSpace(r) {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return i
}
