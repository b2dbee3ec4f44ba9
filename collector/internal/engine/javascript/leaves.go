package javascript

import (
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// With bodies blanked, most of what tree-sitter still reads is the tests'
// own calls: it('title', () => { … }) is a dozen nodes, and every node costs
// the parse and the query. The commonest test call says all the front end
// needs in a shape a scan reads without guessing: a test function's name
// (it, test.skip, …), a quoted title, one function whose body was blanked,
// and nothing else. Such a call is a leaf: it is left out of the parse whole
// and becomes its declaration from its text, resolved against the aliases
// and functions the tree shows (addLeaves). A leaf must be a statement of
// its own (after ;, { or }; before ;, } or a line break and a name), and
// hold no regular expression, division or JSX, the places where the scan
// guesses; anything else is parsed as before.

// leafCall marks a blankRange that is a whole test call.
const leafCall = -3

// leaf is a test call read from its text.
type leaf struct {
	parts []string // the callee chain
	title string   // the title's literal, quotes included
	kind  string   // its node type: string or template_string
	line  int
}

// readLeaf reads the test call whose arguments frame t closes at
// closeParen; after is the point just past it.
func readLeaf(src []byte, t *bodyFrame, closeParen int, after sitter.Point) (blankRange, bool) {
	parts := chain(string(src[t.call : t.start-1]))
	if parts == nil {
		return blankRange{}, false
	}
	if b, ok := bases[parts[0]]; !ok || b.suite {
		return blankRange{}, false
	}
	i := skipBlanks(src, t.start)
	titleStart := i
	kind, i, ok := readTitleLiteral(src, i)
	if !ok {
		return blankRange{}, false
	}
	title := string(src[titleStart:i])
	if i = skipBlanks(src, i); i >= len(src) || src[i] != ',' {
		return blankRange{}, false
	}
	if brace, ok := readFunctionHead(src, skipBlanks(src, i+1)); !ok || brace != t.body1.start-1 {
		return blankRange{}, false
	}
	if skipBlanks(src, t.body1.end+1) != closeParen || !statementEnds(src, closeParen+1) {
		return blankRange{}, false
	}
	return blankRange{
		start: t.call, end: closeParen + 1, open: t.callAt, close: after, call: leafCall,
		leaf: leaf{parts: parts, title: title, kind: kind, line: int(t.callAt.Row) + 1},
	}, true
}

// statementStarts reports whether a name after the previous token starts a
// statement: first in the file, after ;, { or }, or after a line break that
// ends the statement before (a name, value, ) or ], but not an if's head).
func statementStarts(prev tokKind, prevText string, newline, control bool) bool {
	switch {
	case prev == tokNone:
		return true
	case prev == tokPunct && (prevText == ";" || prevText == "{" || prevText == "}"):
		return true
	case !newline:
		return false
	case prev == tokValue, prev == tokIdent && prevText == "":
		return true
	case prev == tokPunct && (prevText == ")" && !control || prevText == "]"):
		return true
	}
	return false
}

func skipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// readTitleLiteral reads a quoted string on one line, or a template without
// substitutions that the title reader takes whole; it returns the node type
// tree-sitter gives it and the offset after it.
func readTitleLiteral(src []byte, i int) (kind string, next int, ok bool) {
	if i >= len(src) {
		return "", 0, false
	}
	q := src[i]
	switch q {
	case '\'', '"':
		kind = "string"
	case '`':
		kind = "template_string"
	default:
		return "", 0, false
	}
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\':
			j++
		case c == q:
			if kind == "template_string" && j+1-i > maxTitleBytes {
				return "", 0, false // read cut short by title()
			}
			return kind, j + 1, true
		case c == '\n' && q != '`', c == '$' && q == '`' && j+1 < len(src) && src[j+1] == '{':
			return "", 0, false
		}
	}
	return "", 0, false
}

// readFunctionHead reads `async (a, { b }) =>`, `x =>` or `function name(a)`
// up to the brace of its body and returns where that brace is.
func readFunctionHead(src []byte, i int) (int, bool) {
	word := func(w string) bool {
		return len(src)-i >= len(w) && string(src[i:i+len(w)]) == w &&
			(i+len(w) == len(src) || !isIdentByte(src[i+len(w)]))
	}
	if word("async") {
		i = skipBlanks(src, i+len("async"))
	}
	arrow := true
	if word("function") {
		arrow = false
		i = skipBlanks(src, i+len("function"))
		for i < len(src) && isIdentByte(src[i]) {
			i++ // its name
		}
		i = skipBlanks(src, i)
	}
	switch {
	case i < len(src) && src[i] == '(':
		for i++; i < len(src) && src[i] != ')'; i++ {
			switch c := src[i]; {
			case isIdentByte(c), strings.IndexByte(" \t\r\n,{}[]:?.", c) >= 0:
			default:
				return 0, false // defaults, types with calls, comments: parsed instead
			}
		}
		if i >= len(src) {
			return 0, false
		}
		i++
	case arrow && i < len(src) && isIdentStart(src[i]):
		for i < len(src) && isIdentByte(src[i]) {
			i++
		}
	default:
		return 0, false
	}
	i = skipBlanks(src, i)
	if arrow {
		if i+1 >= len(src) || src[i] != '=' || src[i+1] != '>' {
			return 0, false
		}
		i = skipBlanks(src, i+2)
	}
	if i >= len(src) || src[i] != '{' {
		return 0, false
	}
	return i, true
}

// statementEnds reports whether the statement ends at i: a semicolon, a
// closing brace, the end of the file, or a line break before a name that
// cannot go on with the expression.
func statementEnds(src []byte, i int) bool {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] == ';' || src[i] == '}' {
		return true
	}
	broke := false
	for i < len(src) {
		switch {
		case src[i] == '\n' || src[i] == '\r' || src[i] == ' ' || src[i] == '\t':
			broke = broke || src[i] == '\n'
			i++
			continue
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		break
	}
	if i >= len(src) {
		return true
	}
	if !broke {
		return false
	}
	if src[i] == '}' {
		return true
	}
	if !isIdentStart(src[i]) {
		return false
	}
	j := i
	for j < len(src) && isIdentByte(src[j]) {
		j++
	}
	switch string(src[i:j]) {
	case "in", "instanceof", "as", "satisfies":
		return false // an operator that goes on with the call
	}
	return true
}

// addLeaves adds the declarations of the leaves among ranges to decls,
// resolved as declarations resolves calls. ok is false when a leaf's callee
// is not a plain test function of this file (an alias, a shadowed name, a
// table): the file is then parsed whole.
func (x *fileScan) addLeaves(decls []decl, ranges []blankRange) ([]decl, bool) {
	added := false
	for _, r := range ranges {
		if r.call != leafCall {
			continue
		}
		a, ok := x.resolve(r.leaf.parts)
		if !ok || a.hook || a.suite || a.each || a.cond {
			return nil, false
		}
		name, _ := titleOf(r.leaf.kind, r.leaf.title)
		decls = append(decls, decl{
			start: uint32(r.start), end: uint32(r.end), line: r.leaf.line,
			name: name, status: a.status,
		})
		added = true
	}
	if added {
		sortDecls(decls)
	}
	return decls, true
}

// sortDecls orders declarations by position, outermost first.
func sortDecls(decls []decl) {
	sort.SliceStable(decls, func(i, j int) bool {
		if decls[i].start != decls[j].start {
			return decls[i].start < decls[j].start
		}
		return decls[i].end > decls[j].end
	})
}
