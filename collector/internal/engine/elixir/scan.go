package elixir

import (
	"bytes"
	"strings"
)

// The statement scanner.
//
// Even without bodies, tree-sitter spends about a millisecond per test file of
// Elixir's own suite on what is left (test heads and their ends). The rules
// read only statements of a few shapes, so scanCalls reads the file's
// statements from the block lexer's tokens instead, and gives the calls
// callsOf would give. It reads a file only when every statement it meets is
// one it knows or names nothing the rules read; anything else (a test call
// inside an expression, a test macro, `test(...)` with parentheses, an if
// without a do block around a test, …) hands the file to tree-sitter.
//
// Statements are the file's lines outside the bodies gapsOf leaves out,
// joined while a bracket, fn or one-line do block is open, or while a line
// ends with a comma or an operator or the next starts with one. The tree's
// reading is the reference: a differential test compares the two on the
// fixtures and on real code, and a fuzz target on every source the grammar
// reads cleanly.

type tokenKind int

const (
	tIdent  tokenKind = iota // a lowercase identifier or keyword
	tAlias                   // Foo.Bar
	tString                  // "…" or a heredoc
	tKey                     // a keyword key: skip:
	tOpen                    // ( [ {
	tClose                   // ) ] }
	tComma
	tAt
	tOp    // operator characters
	tOther // atoms, charlists, sigils, numbers, characters
)

type token struct {
	kind       tokenKind
	start, end int
	depth      int // brackets, fn and inner do blocks open before it
}

// ruleWords are the calls the rules read: met anywhere but at the start of a
// statement, they send the file to tree-sitter.
var ruleWords = map[string]bool{
	"test": true, "describe": true, "property": true, "doctest": true, "defmodule": true, "use": true,
	"if": true, "unless": true, "setup": true, "setup_all": true, "def": true, "defp": true,
}

// scanCalls reads the calls of src from its statements; ok is false when a
// statement is not one the scanner knows to read.
func scanCalls(src []byte, l *blockLexer) ([]rawCall, bool) {
	if l == nil || writesQuotedTest(src) {
		return nil, false
	}
	var out []rawCall
	s := newScanner(src, l)
	ok := s.statements(testBodies, func(toks []token, end, line int) (int, bool) {
		c, owns, ok := s.classify(toks, end, line, s.blocks)
		out = append(out, c...)
		return owns, ok
	})
	return out, ok
}

func newScanner(src []byte, l *blockLexer) *scanner {
	s := &scanner{src: src, lx: blockLexer{src: src}, l: l, blocks: make(map[int]bodyBlock, len(l.blocks))}
	for _, b := range l.blocks {
		s.blocks[b.do] = b
	}
	return s
}

// statements calls fn with each statement outside the bodies of the calls
// leaveOut names, and its line; fn returns the do of the block the
// statement's call owns (-1 for none), and false to stop the scan, which then
// returns false.
func (s *scanner) statements(leaveOut map[string]bool, fn func(toks []token, end, line int) (owns int, ok bool)) bool {
	src := s.src
	gaps, gapBlocks := gapsOf(s.l, src, leaveOut, false)
	g, line, lineAt := 0, 1, 0
	owned := -1 // the do of the block the last statement's call owns
	for pos := 0; ; {
		pos = s.skipBlank(pos)
		for g < len(gaps) && gaps[g].End <= pos {
			g++
		}
		if g < len(gaps) && pos >= gaps[g].Start {
			// The body of the call of the statement before, which must be
			// the lexer's head: `def * a do` gives the block to a.
			if gapBlocks[g].do != owned {
				return false
			}
			pos = gaps[g].End
			continue
		}
		if pos >= len(src) {
			return true
		}
		limit := len(src)
		if g < len(gaps) {
			limit = gaps[g].Start
		}
		toks, end, ok := s.statement(pos, limit)
		if !ok {
			return false
		}
		line += bytes.Count(src[lineAt:toks[0].start], newline)
		lineAt = toks[0].start
		if owned, ok = fn(toks, end, line); !ok {
			return false
		}
		pos = end
	}
}

type scanner struct {
	src    []byte
	lx     blockLexer // for its literal readers
	l      *blockLexer
	blocks map[int]bodyBlock // by the offset of their do
}

// skipBlank skips blanks, line breaks and comments.
func (s *scanner) skipBlank(pos int) int {
	src := s.src
	for pos < len(src) {
		switch src[pos] {
		case ' ', '\t', '\r', '\n':
			pos++
		case '#':
			nl := bytes.IndexByte(src[pos:], '\n')
			if nl < 0 {
				return len(src)
			}
			pos += nl
		default:
			return pos
		}
	}
	return pos
}

// statement reads the tokens of the statement at pos, which must end before
// limit (the next body left out).
func (s *scanner) statement(pos, limit int) (toks []token, end int, ok bool) {
	src := s.src
	depth, openDo := 0, 0
	i := pos
	for i < len(src) {
		if i >= limit {
			return nil, 0, false
		}
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			if depth == 0 {
				return nil, 0, false // a line continued outside brackets: rare, left to the tree
			}
			i += 2
			continue
		case c == '#':
			nl := bytes.IndexByte(src[i:], '\n')
			if nl < 0 {
				i = len(src)
				continue
			}
			i += nl
			continue
		case c == '\n':
			if depth == 0 && openDo > 0 {
				// A block's lines follow: the statement ends with its do.
				if last := toks[len(toks)-1]; openDo > 1 || last.kind != tIdent || string(src[last.start:last.end]) != "do" {
					return nil, 0, false
				}
				return toks, toks[len(toks)-1].end, true
			}
			if depth == 0 && !s.continues(toks, i+1) {
				return toks, toks[len(toks)-1].end, true
			}
			i++
			continue
		}
		t := token{start: i, depth: depth}
		switch {
		case c == '"' || c == '\'':
			s.lx.i = i
			if !s.lx.quoted(c, true) {
				return nil, 0, false
			}
			i, t.kind = s.lx.i, tOther
			if c == '"' {
				t.kind = tString
			}
		case c == '~' && i+1 < len(src) && isLetter(src[i+1]):
			s.lx.i = i
			if !s.lx.sigil() {
				return nil, 0, false
			}
			i, t.kind = s.lx.i, tOther
		case c == '?' && (i == 0 || !isIdentByte(src[i-1])):
			i++
			if i < len(src) && src[i] == '\\' {
				i++
			}
			i++
			t.kind = tOther
		case c == ':' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '\''):
			s.lx.i = i + 1
			if !s.lx.quoted(src[i+1], true) {
				return nil, 0, false
			}
			i, t.kind = s.lx.i, tOther
		case c == ':' && i+1 < len(src) && isIdentStart(src[i+1]) && (i == 0 || src[i-1] != ':'):
			s.lx.i = i + 1
			s.lx.word()
			i, t.kind = s.lx.i, tOther
		case c == ':' && i+1 < len(src) && strings.IndexByte(`{%<[.+-*/=!&|^~@\`, src[i+1]) >= 0 && (i == 0 || src[i-1] != ':'):
			// An operator's atom: :{}, :%{}, :<<>>, :[], :.., :+.
			i++
			for _, brackets := range []string{"{}", "%{}", "<<>>", "[]", "%"} {
				if bytes.HasPrefix(src[i:], []byte(brackets)) {
					i += len(brackets)
					break
				}
			}
			for i < len(src) && strings.IndexByte(`+-*/=<>|&!^\.~@`, src[i]) >= 0 {
				i++
			}
			t.kind = tOther
		case isIdentStart(c):
			s.lx.i = i
			w := s.lx.word()
			i = s.lx.i
			switch {
			case i < len(src) && src[i] == ':' && (i+1 >= len(src) || src[i+1] != ':'):
				i++
				t.kind = tKey
			case c >= 'A' && c <= 'Z':
				for i+1 < len(src) && src[i] == '.' && src[i+1] >= 'A' && src[i+1] <= 'Z' {
					s.lx.i = i + 1
					s.lx.word()
					i = s.lx.i
				}
				t.kind = tAlias
			default:
				t.kind = tIdent
				if t.start > 0 && src[t.start-1] == '.' {
					break // a field or a remote call's name
				}
				switch w {
				case "fn":
					depth++
				case "do":
					if depth > 0 {
						depth++
					} else {
						openDo++
					}
				case "end":
					switch {
					case depth > 0:
						depth--
						t.depth = depth
					case openDo > 0:
						openDo--
					case len(toks) > 0:
						return nil, 0, false // closes a block opened before the statement
					}
				}
			}
		case c >= '0' && c <= '9':
			for i < len(src) && (isIdentByte(src[i]) || src[i] == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9') {
				i++
			}
			t.kind = tOther
		case c == '(' || c == '[' || c == '{':
			depth++
			i++
			t.kind = tOpen
		case c == ')' || c == ']' || c == '}':
			depth--
			if depth < 0 {
				return nil, 0, false
			}
			i++
			t.kind, t.depth = tClose, depth
		case c == ',':
			i++
			t.kind = tComma
		case c == '@':
			i++
			t.kind = tAt
		default:
			// A run of operator characters; << and >> are a binary's brackets
			// (not <<< and >>>), also where they follow another operator (&<<).
			switch {
			case bytes.HasPrefix(src[i:], []byte("<<")) && !bytes.HasPrefix(src[i:], []byte("<<<")),
				bytes.HasPrefix(src[i:], []byte(">>")) && !bytes.HasPrefix(src[i:], []byte(">>>")):
				i += 2
			default:
				for i < len(src) && strings.IndexByte(`+-*/=<>|&!^\.~%:`, src[i]) >= 0 {
					if i > t.start && (bytes.HasPrefix(src[i:], []byte("<<")) && src[i-1] != '<' || bytes.HasPrefix(src[i:], []byte(">>")) && src[i-1] != '>') {
						break
					}
					i++
				}
			}
			switch string(src[t.start:i]) {
			case "":
				return nil, 0, false // a byte the scanner does not know
			case "<<": // a binary's brackets
				depth++
				t.kind = tOpen
			case ">>":
				depth--
				if depth < 0 {
					return nil, 0, false
				}
				t.kind, t.depth = tClose, depth
			default:
				t.kind = tOp
			}
		}
		t.end = i
		toks = append(toks, t)
	}
	if depth != 0 || openDo != 0 || len(toks) == 0 {
		return nil, 0, false
	}
	return toks, toks[len(toks)-1].end, true
}

// continues reports whether the statement goes on after the line break
// before at: its last token wants an operand, or the next line starts with
// a binary operator.
func (s *scanner) continues(toks []token, at int) bool {
	if len(toks) == 0 {
		return true
	}
	last := toks[len(toks)-1]
	switch last.kind {
	case tComma, tOp, tOpen, tKey, tAt:
		return true
	case tIdent:
		switch string(s.src[last.start:last.end]) {
		case "when", "and", "or", "in", "not":
			return true
		}
	}
	return startsBinary(s.src, s.skipBlank(at))
}

// startsBinary reports whether a binary operator (or a continued line)
// starts at next, which continues the statement before it.
func startsBinary(src []byte, next int) bool {
	if next >= len(src) {
		return false
	}
	// Only operators that cannot start an expression: + - & ^ ! ~ may be
	// unary there.
	switch c := src[next]; {
	case c == '\\' && next+1 < len(src) && (src[next+1] == '\n' || src[next+1] == '\r'):
		return true // a line continued joins the lines around it
	case strings.IndexByte(`|.*/=<>`, c) >= 0:
		return true
	case next+1 < len(src):
		switch string(src[next : next+2]) {
		case "&&", "++", "--", "->", "~>", "^^", `\\`:
			return true
		}
	}
	for _, w := range []string{"when", "and", "or", "in"} {
		if bytes.HasPrefix(src[next:], []byte(w)) && (next+len(w) == len(src) || !isIdentByte(src[next+len(w)])) {
			return true
		}
	}
	return false
}

// classify turns a statement into the calls the rules read.
// owns is the offset of the do of the block the statement's first word's
// call takes, -1 for none.
func (s *scanner) classify(toks []token, end, line int, blocks map[int]bodyBlock) (calls []rawCall, owns int, ok bool) {
	src := s.src
	text := func(t token) string { return string(src[t.start:t.end]) }
	word := func(i int) string {
		if i < len(toks) && toks[i].kind == tIdent {
			return text(toks[i])
		}
		return ""
	}
	for i := 1; i < len(toks); i++ {
		if ruleWords[word(i)] && src[toks[i].start-1] != '.' {
			return nil, -1, false
		}
		if toks[i].kind == tAt && i > 0 && i+1 < len(toks) {
			switch word(i + 1) {
			case "tag", "describetag", "moduletag":
				return nil, -1, false
			}
		}
	}
	// The do block of the statement's call.
	var blk bodyBlock
	do := s.doOf(toks)
	hasDo := do >= 0
	if hasDo {
		if blk, ok = blocks[do]; !ok {
			return nil, -1, false
		}
	}
	// The first word is a call, which takes the statement's do block, unless
	// an operator follows it (def * a do: the block is a's). `test -1` is
	// left as no call: the tree does not read it as one every time.
	owns = -1
	if !s.firstWordCalls(toks, false) {
		if ruleWords[word(0)] && len(toks) > 1 && toks[1].kind == tOp {
			// `if&c do`, `test -1`: whether an operator there is unary
			// is the tree's to say.
			return nil, -1, false
		}
		return nil, owns, true
	}
	if hasDo {
		owns = blk.do
	}
	c := rawCall{start: uint32(toks[0].start), end: uint32(end), line: line, src: src, hasDo: hasDo}
	if hasDo {
		c.end = uint32(blk.end + 3)
	}
	// first: the first argument is a literal of kind k, which ends there (not
	// "x" <> y, which is an expression).
	first := func(k tokenKind) bool {
		if len(toks) < 2 || toks[1].kind != k {
			return false
		}
		return len(toks) == 2 || toks[2].kind == tComma || toks[2].kind == tIdent && text(toks[2]) == "do"
	}
	if toks[0].kind == tAt {
		switch w := word(1); w {
		case "tag", "describetag", "moduletag":
			if len(toks) > 2 {
				c.pattern, c.fn, c.args = patAttr, w, string(src[toks[2].start:end])
				return []rawCall{c}, owns, true
			}
		}
		return nil, owns, true
	}
	w := word(0)
	if w == "" {
		return nil, owns, true
	}
	c.fn = w
	switch {
	case len(toks) > 1 && toks[1].kind == tOpen && text(toks[1]) == "(" && src[toks[1].start-1] != ' ' && (w == "test" || w == "describe" || w == "property" || w == "doctest" || w == "use" || w == "defmodule" || w == "if" || w == "unless"):
		return nil, -1, false // a call with parentheses: left to the tree
	case w == "defmodule":
		if !first(tAlias) || !hasDo {
			return nil, -1, false
		}
		c.pattern, c.name = patModule, text(toks[1])
	case first(tString):
		c.pattern, c.name = patDecl, text(toks[1])
		if (w == "test" || w == "property") && c.name == `""` {
			if !hasDo {
				return nil, owns, true
			}
			c.pattern = patOpaque
		}
		if hasDo && testBodies[w] && w != "test" && w != "property" {
			opaque := c
			opaque.pattern = patOpaque
			return []rawCall{c, opaque}, owns, true // def "x" do … end
		}
	case w == "use" || w == "doctest":
		if !first(tAlias) {
			return nil, owns, true
		}
		c.pattern, c.name = patUse, text(toks[1])
	case w == "if" || w == "unless":
		if !hasDo {
			return nil, owns, true
		}
		if do <= toks[1].start {
			return nil, -1, false
		}
		for _, t := range toks[1:] {
			if t.start >= do {
				break
			}
			if t.kind == tComma && t.depth == 0 {
				return nil, -1, false // if a, b do: not one condition; the tree reads it
			}
		}
		elseAt := blk.end + 3
		if blk.elseAt > 0 {
			elseAt = blk.elseAt
		}
		c.pattern = patIf
		c.cond = newIfBlock(w, string(src[toks[1].start:do]), uint32(blk.do), uint32(elseAt), uint32(blk.end+3))
	case testBodies[w] && hasDo:
		c.pattern = patOpaque
	case w == "test" || w == "property" || w == "describe" || w == "doctest":
		return nil, -1, false // a declaration in a shape not read here (test "x" else): the tree's
	default:
		return nil, owns, true
	}
	return []rawCall{c}, owns, true
}

// doOf is the offset of the do keyword outside brackets after the
// statement's first word (its call's block), -1 without one.
func (s *scanner) doOf(toks []token) int {
	for _, t := range toks[1:] {
		if t.kind == tIdent && t.depth == 0 && string(s.src[t.start:t.end]) == "do" {
			return t.start
		}
	}
	return -1
}

// firstWordCalls reports whether the statement's first word is a call:
// not when a binary operator, a comma or a closing bracket follows it
// (def * a). With unary, `def !value` (an operator after a blank, before
// its operand) is a call too.
func (s *scanner) firstWordCalls(toks []token, unary bool) bool {
	if len(toks) < 2 {
		return true
	}
	switch t := toks[1]; t.kind {
	case tComma, tClose:
		return false
	case tOp:
		return unary && t.start > 0 && s.src[t.start-1] == ' ' && len(toks) > 2 && toks[2].start == t.end
	}
	return true
}

// writesQuotedTest reports whether src writes `test unquote(`, the test a
// macro writes: test macros are read from the tree.
func writesQuotedTest(src []byte) bool {
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte("unquote"))
		if i < 0 {
			return false
		}
		at += i
		j := at
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '(' || src[j-1] == '\t') {
			j--
		}
		if j >= 4 && string(src[j-4:j]) == "test" && (j == 4 || !isIdentByte(src[j-5])) {
			return true
		}
		at++
	}
}
