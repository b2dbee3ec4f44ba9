package dotnet

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Method bodies are left out of the parse.
//
// The rules read classes, methods and attributes; nothing inside a method
// body is a test, and tree-sitter's C# grammar reads about 1 MB/s here
// (flatbuffers' test classes: 30 ms a file). So the file is lexed first
// (comments, regular, verbatim, interpolated and raw strings, characters)
// and tree-sitter reads it without the inside of each body of a method,
// constructor or operator declared in a class body (included ranges:
// offsets and points stay the file's). A body stays in when it may hold an
// attribute the rules read (a [ that starts a statement, a parameter or an
// element, and names one of attributeWords: it could count in the
// framework's scores), or is shorter than minBody; a
// file where a branch of an #if does not pair its own braces is parsed
// whole.
//
// The tree must confirm every gap, or the file is parsed whole: no syntax
// error, and the node at each gap's { is the block of a method,
// constructor or operator, from that { to the } after the gap.

// minBody is the smallest body worth leaving out.
const minBody = 48

// csMember is what the lexer knows of the member being read at a brace's
// level.
type csMember struct {
	members          bool // a type or namespace body (or the file)
	parens, brackets int
	sawParens        bool // a (…) closed outside an attribute list
	init             bool // = or new: a field or property initializer
	typeDecl         bool // class, struct, interface, record, enum, namespace
}

// bodyGaps returns the method bodies a parse may leave out, in order; nil
// when the lexer cannot follow the file.
func bodyGaps(src []byte) []ts.Gap {
	braces := ts.NewBraces(csMember{members: true})
	var ifDepths []int // the braces open at each #if not yet closed
	last := byte(';')  // the last significant character
	for i := 0; i < len(src); i++ {
		f := &braces.Top().State
		if end := frontend.CommentEnd(src, i, false); end != 0 {
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		}
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case c == '#' && lineStart(src, i):
			start := i
			i = frontend.LineEnd(src, i)
			// The lexer reads every branch of an #if; it can pair braces
			// only when each branch pairs its own (alternative method
			// headers sharing one body do not).
			switch d := bytes.TrimSpace(src[start+1 : i]); {
			case bytes.HasPrefix(d, []byte("if")):
				ifDepths = append(ifDepths, braces.Depth())
			case bytes.HasPrefix(d, []byte("el")), bytes.HasPrefix(d, []byte("endif")):
				if len(ifDepths) == 0 || ifDepths[len(ifDepths)-1] != braces.Depth() {
					return nil
				}
				if d[0] == 'e' && d[1] == 'n' {
					ifDepths = ifDepths[:len(ifDepths)-1]
				}
			}
			continue
		}
		if end := literalEnd(src, i); end != 0 {
			if end < 0 {
				return nil
			}
			i = end - 1
			last = src[i]
			continue
		}
		switch {
		case isWordByte(c) && (c < '0' || c > '9'):
			start := i
			for i < len(src) && isWordByte(src[i]) {
				i++
			}
			word := string(src[start:i])
			i--
			if f.members && f.parens == 0 && f.brackets == 0 && last != '.' {
				switch word {
				case "class", "struct", "interface", "record", "enum", "namespace":
					if last != ':' && last != ',' {
						f.typeDecl = true
					}
				case "new":
					f.init = true
				}
			}
		case c == '[':
			if bytes.IndexByte([]byte(";{}(,"), last) >= 0 && mayNameTestAttribute(src, i) {
				braces.Mark()
			}
			f.brackets++
		case c == ']':
			f.brackets--
		case c == '(':
			f.parens++
		case c == ')':
			f.parens--
			if f.parens == 0 && f.brackets == 0 {
				f.sawParens = true
			}
		case c == '=':
			next := byte(0)
			if i+1 < len(src) {
				next = src[i+1]
			}
			if f.members && f.parens == 0 && f.brackets == 0 && next != '=' && next != '>' && bytes.IndexByte([]byte("=!<>"), last) < 0 {
				f.init = true
			}
		case c == ';':
			if f.members && f.parens == 0 {
				f.sawParens, f.init, f.typeDecl = false, false, false
			}
		case c == '{':
			var inner csMember
			method := false
			switch {
			case !f.members || f.parens > 0 || f.brackets > 0:
			case f.typeDecl:
				inner.members = true
			case f.sawParens && !f.init:
				method = true
			}
			if f.members && f.parens == 0 && f.brackets == 0 {
				f.sawParens, f.init, f.typeDecl = false, false, false
			}
			braces.Push(i, method, inner)
		case c == '}':
			if !braces.Close(i, minBody) {
				return nil
			}
		}
		last = src[i]
	}
	if !braces.Balanced() {
		return nil
	}
	return braces.Gaps
}

// attributeWords are what the name of every attribute the rules read
// holds (rulesOf: test, data and syntax names).
var attributeWords = [][]byte{[]byte("Fact"), []byte("Theory"), []byte("Test"), []byte("Data")}

// mayNameTestAttribute reports whether the [ at open may start an
// attribute list the rules read: its text up to the matching ] holds one
// of attributeWords, or the ] is not within reach. Indexers, collection
// expressions and array types ([], [key] = …, value.Add([])) name none.
func mayNameTestAttribute(src []byte, open int) bool {
	depth := 0
	for i := open; i < len(src) && i < open+256; i++ {
		switch src[i] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				list := src[open:i]
				for _, w := range attributeWords {
					if bytes.Contains(list, w) {
						return true
					}
				}
				return false
			}
		}
	}
	return true
}

// literalEnd tells whether a string or character literal starts at i: 0
// when none does, else the offset after it, or -1 when it does not end.
func literalEnd(src []byte, i int) int {
	switch c := src[i]; {
	case c == '"' || c == '@' && i+1 < len(src) && src[i+1] == '"' || c == '$' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '@' || src[i+1] == '$'):
		return stringEnd(src, i)
	case c == '\'':
		return frontend.QuotedEnd(src, i+1, '\'', false)
	}
	return 0
}

// lineStart reports whether only spaces precede i on its line.
func lineStart(src []byte, i int) bool {
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	return i == 0 || src[i-1] == '\n'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// stringEnd returns the offset after the string literal starting at i
// ("…", @"…", $"…", $@"…", @$"…", raw """…""" with any $ prefix), or -1.
func stringEnd(src []byte, i int) int {
	verbatim, interp := false, 0
	for ; i < len(src) && src[i] != '"'; i++ {
		switch src[i] {
		case '@':
			verbatim = true
		case '$':
			interp++
		}
	}
	quotes := 0
	for i+quotes < len(src) && src[i+quotes] == '"' {
		quotes++
	}
	if quotes >= 3 {
		// A raw string: it ends at as many quotes as opened it.
		end := bytes.Index(src[i+quotes:], bytes.Repeat([]byte{'"'}, quotes))
		if end < 0 {
			return -1
		}
		return i + quotes + end + quotes
	}
	if quotes == 2 {
		return i + 2 // ""
	}
	for i++; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\' && !verbatim:
			i++
		case c == '\n' && !verbatim:
			return -1
		case c == '"':
			if verbatim && i+1 < len(src) && src[i+1] == '"' {
				i++
				continue
			}
			return i + 1
		case c == '{' && interp > 0:
			if i+1 < len(src) && src[i+1] == '{' {
				i++
				continue
			}
			end := frontend.ClosingEnd(src, i+1, '{', '}', func(k int) int { return literalEnd(src, k) })
			if end < 0 {
				return -1
			}
			i = end - 1
		}
	}
	return -1
}

// parse parses src with the method bodies left out when skipBodies is set
// and the tree confirms them (gapped is then true), else whole: each gap
// exactly the inside of a method's, constructor's or operator's block.
func parse(src []byte, skipBodies bool) (tree *sitter.Tree, gapped bool, err error) {
	return grammar.ParseBraceBodies(src, skipBodies, bodyGaps, func(body, parent string) bool {
		switch parent {
		case "method_declaration", "constructor_declaration", "operator_declaration", "conversion_operator_declaration", "destructor_declaration":
			return body == "block"
		}
		return false
	})
}
