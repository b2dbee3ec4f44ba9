package swift

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Function bodies are left out of the parse.
//
// The rules read declarations: a function declared in a body is never a
// test, and the first statement a test's XCTSkip is read from the source's
// text, not the tree. tree-sitter's Swift grammar reads well under 1 MB/s
// here (flatbuffers' XCTest files: 12 ms a file), so the file is lexed
// first (comments, nested block comments, strings with interpolation,
// multi-line and raw strings, #/regex/#, `names`) and tree-sitter reads it
// without the inside of each body of a func, init or deinit, and of each
// computed property's accessors, declared in a type body or at file level (included ranges: offsets and points stay the
// file's). A body stays in when it declares a type (class, struct, enum,
// actor, extension, protocol) or holds @Test or @Suite, or is shorter than
// minBody.
//
// The tree must confirm every gap, or the file is parsed whole: no syntax
// error, and the node at each gap's { is the function_body of a function,
// init or deinit or a property's computed_property, from that { to the }
// after the gap.

// minBody is the smallest body worth leaving out.
const minBody = 48

// swiftDecl is what the lexer knows of the declaration being read at a
// brace's level.
type swiftDecl struct {
	members  bool // a type body or the file: declarations are read here
	parens   int
	pending  bool // func, init or deinit: the next { is its body
	property bool // var without a value: the next { is its getter or accessors
	typeDecl bool // the next { is a type body
}

// bodyGaps returns the function bodies a parse may leave out, in order;
// nil when the lexer cannot follow the file.
func bodyGaps(src []byte) []ts.Gap {
	braces := ts.NewBraces(swiftDecl{members: true})
	for i := 0; i < len(src); i++ {
		f := &braces.Top().State
		if end := literalEnd(src, i); end != 0 {
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		}
		if end := frontend.CommentEnd(src, i, true); end != 0 {
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		}
		switch c := src[i]; {
		case c == '#' && i+1 < len(src) && src[i+1] == '/':
			end := bytes.Index(src[i+2:], []byte("/#"))
			if end < 0 {
				return nil
			}
			i += end + 3
		case c == '`':
			end := bytes.IndexByte(src[i+1:], '`')
			if end < 0 {
				return nil
			}
			i += end + 1
		case c == '@':
			j := i + 1
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			if w := string(src[i+1 : j]); w == "Test" || w == "Suite" {
				braces.Mark()
			}
			i = j - 1
		case isIdentByte(c) && (c < '0' || c > '9'):
			start := i
			for i < len(src) && isIdentByte(src[i]) {
				i++
			}
			word := string(src[start:i])
			i--
			if start > 0 && src[start-1] == '.' {
				break
			}
			switch word {
			case "class", "struct", "enum", "actor", "extension", "protocol":
				if !f.members {
					braces.Mark()
				} else if f.parens == 0 && !f.pending {
					f.typeDecl = true
				}
			case "func", "init", "deinit":
				if f.members && f.parens == 0 {
					f.pending, f.typeDecl = true, false
				}
			case "var", "let", "case", "typealias", "associatedtype", "import", "subscript":
				if f.members && f.parens == 0 {
					f.pending, f.typeDecl = false, false
					f.property = word == "var"
				}
			}
		case c == '=':
			if f.members && f.parens == 0 {
				f.property = false // a stored property's value (and didSet)
			}
		case c == '(':
			f.parens++
		case c == ')':
			f.parens--
		case c == '{':
			var inner swiftDecl
			fn := false
			if f.members && f.parens == 0 {
				switch {
				case f.pending, f.property:
					fn = true
				case f.typeDecl:
					inner.members = true
				}
				f.pending, f.typeDecl, f.property = false, false, false
			}
			braces.Push(i, fn, inner)
		case c == '}':
			closed, leave, ok := braces.Pop(i, minBody)
			if !ok {
				return nil
			}
			if leave && !startsWithThrow(src[closed.At+1:i]) {
				braces.LeaveOut(closed, i)
			}
		}
	}
	if !braces.Balanced() {
		return nil
	}
	return braces.Gaps
}

// literalEnd tells whether a string literal starts at i: 0 when none does,
// else the offset after it, or -1 when it does not end.
func literalEnd(src []byte, i int) int {
	if c := src[i]; c == '"' || c == '#' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '#') {
		return swiftStringEnd(src, i)
	}
	return 0
}

// startsWithThrow reports whether a body's first statement is a throw (the
// reader reads throw XCTSkip from the source; the body stays whole).
func startsWithThrow(body []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("throw"))
}

// swiftStringEnd returns the offset after the string literal starting at i
// ("…", """…""", #"…"#, with \( ) or \#( ) interpolations), or -1.
func swiftStringEnd(src []byte, i int) int {
	hashes := 0
	for i < len(src) && src[i] == '#' {
		hashes++
		i++
	}
	if i >= len(src) || src[i] != '"' {
		return -1
	}
	quotes := 1
	if bytes.HasPrefix(src[i:], []byte(`"""`)) {
		quotes = 3
	}
	closer := append(bytes.Repeat([]byte{'"'}, quotes), bytes.Repeat([]byte{'#'}, hashes)...)
	escape := append([]byte{'\\'}, bytes.Repeat([]byte{'#'}, hashes)...)
	for i += quotes; i < len(src); i++ {
		switch {
		case bytes.HasPrefix(src[i:], escape):
			i += len(escape)
			if i < len(src) && src[i] == '(' {
				end := frontend.ClosingEnd(src, i+1, '(', ')', func(k int) int { return literalEnd(src, k) })
				if end < 0 {
					return -1
				}
				i = end - 1
			}
		case src[i] == '\n' && quotes == 1:
			return -1
		case bytes.HasPrefix(src[i:], closer):
			return i + len(closer)
		}
	}
	return -1
}

// parse parses src with the function bodies left out when skipBodies is
// set and the tree confirms them (gapped is then true), else whole.
func parse(src []byte, skipBodies bool) (tree *sitter.Tree, gapped bool, err error) {
	return grammar.ParseBraceBodies(src, skipBodies, bodyGaps, func(body, parent string) bool {
		switch parent {
		case "function_declaration", "init_declaration", "deinit_declaration":
			return body == "function_body"
		case "property_declaration":
			return body == "computed_property"
		}
		return false
	})
}
