package elixir

import "strings"

// scanDocs is docReader's reading from the statement scanner: the modules
// of a library file and the doctests of their documentation, without
// tree-sitter. ok is false when a statement that matters is of a shape it
// does not read (the tree then reads the file); the differential test
// compares both on every library file here.
func scanDocs(src []byte, l *blockLexer) (map[string]*docModule, bool) {
	if l == nil {
		return nil, false
	}
	s := newScanner(src, l)
	out := map[string]*docModule{}
	// open are the blocks around the statement: a module's body (module set)
	// or another block, whose statements are not the module's.
	type scope struct {
		end     int
		module  string
		body    bool // a module's own body
		pending *string
		seen    map[docEntry]bool
	}
	open := []scope{{end: len(src) + 1, body: true, seen: map[docEntry]bool{}}}
	ok := s.statements(docBodies, func(toks []token, end, line int) (int, bool) {
		for len(open) > 1 && toks[0].start >= open[len(open)-1].end {
			open = open[:len(open)-1]
		}
		top := &open[len(open)-1]
		text := func(i int) string { return string(src[toks[i].start:toks[i].end]) }
		// document gives the pending @doc to the entry this statement defines.
		document := func(m *docModule, kind, name string, arity int) {
			m.add(top.seen, docEntry{kind: kind, name: name, arity: arity, tests: countDoctests(*top.pending)})
			top.pending = nil
		}
		do := s.doOf(toks)
		isCall := s.firstWordCalls(toks, true) // def !value is a def
		owns := -1
		if isCall {
			owns = do
		}
		push := func(sc scope) {
			if b, ok := s.blocks[do]; ok {
				sc.end = b.end + 3
				open = append(open, sc)
			}
		}
		var m *docModule
		if top.body && top.module != "" {
			m = out[top.module]
		}
		w := ""
		if toks[0].kind == tIdent {
			w = text(0)
		}
		switch {
		case !top.body:
		case (w == "defmodule" || w == "defprotocol") && len(toks) > 2 && toks[1].kind == tAlias && (toks[2].kind == tComma || toks[2].start == do) && do >= 0 && owns == do:
			name := text(1)
			if top.module != "" && w == "defmodule" {
				name = top.module + "." + name
			}
			if s.operandBlock(do, end) {
				return -1, false
			}
			if out[name] == nil {
				out[name] = &docModule{}
			}
			push(scope{module: name, body: true, seen: map[docEntry]bool{}})
			return owns, true
		case w == "def" || w == "defmacro" || w == "defguard" || w == "defdelegate":
			if !isCall && len(toks) > 1 && toks[1].kind == tOp {
				// def&a is def(&a) to the parser, def * a an operation: the
				// tree decides.
				return -1, false
			}
			if m == nil || top.pending == nil || !isCall || owns != do {
				break
			}
			name, arity, ok := s.headOf(toks[1:])
			if !ok || do >= 0 && s.operandBlock(do, end) {
				return -1, false
			}
			kind := "function"
			if w == "defmacro" || w == "defguard" {
				kind = "macro"
			}
			document(m, kind, name, arity)
		case toks[0].kind == tAt && len(toks) > 1 && toks[1].kind == tIdent:
			if do >= 0 {
				return -1, false // @doc """…""" do … end: no attribute the scanner knows
			}
			attr := text(1)
			switch attr {
			case "moduledoc", "doc", "typedoc":
				doc, ok := s.docText(s.firstArg(toks[2:]))
				if !ok {
					break
				}
				if attr == "moduledoc" {
					if m != nil {
						m.moduledocTests = countDoctests(doc)
					}
				} else {
					top.pending = &doc
				}
			case "callback", "macrocallback", "type", "opaque":
				if m == nil || top.pending == nil {
					break
				}
				name, arity, ok := s.specOf(toks[2:])
				if !ok {
					return -1, false
				}
				kind := attr
				if attr == "opaque" {
					kind = "type"
				}
				document(m, kind, name, arity)
			}
		}
		if do >= 0 {
			push(scope{})
		}
		return owns, true
	})
	if !ok {
		return nil, false
	}
	return out, true
}

// firstArg is the tokens of the first argument: up to a comma or a do
// outside brackets (a do block is no argument).
func (s *scanner) firstArg(args []token) []token {
	for i, t := range args {
		if t.depth == 0 && (t.kind == tComma || t.kind == tIdent && string(s.src[t.start:t.end]) == "do") {
			return args[:i]
		}
	}
	return args
}

// docText is docReader.docText of an attribute's argument tokens.
func (s *scanner) docText(arg []token) (string, bool) {
	if len(arg) != 1 {
		return "", false // none, or an expression: not a doc
	}
	lit := string(s.src[arg[0].start:arg[0].end])
	switch {
	case arg[0].kind == tIdent && (lit == "false" || lit == "true" || lit == "nil"):
		return "", true
	case arg[0].kind == tString:
		return literalText(lit, true), true
	case strings.HasPrefix(lit, "~S"):
		return literalText(lit[2:], false), true
	case strings.HasPrefix(lit, "~s"):
		return literalText(lit[2:], true), true
	}
	return "", false
}

// headOf is docReader.head of a def's head tokens: `name(a, b \\ 1)`,
// `name`, `name(a) when …`, `left + right`, `first..last//step`, `(..)`,
// `unquote(:name)(args)`, `!value`.
func (s *scanner) headOf(h []token) (string, int, bool) {
	src := s.src
	text := func(i int) string { return string(src[h[i].start:h[i].end]) }
	if len(h) == 0 {
		return "", 0, false
	}
	switch {
	case len(h) >= 3 && h[0].kind == tOpen && text(0) == "(" && h[1].kind == tOp && h[2].kind == tClose:
		return text(1), 0, true
	case h[0].kind == tOp || h[0].kind == tAt: // !value, @expr
		return text(0), 1, true
	case h[0].kind != tIdent || text(0) == "do": // def do … end: no head
		return "", 0, false
	}
	name := text(0)
	if len(h) == 1 {
		return name, 0, true
	}
	next := h[1]
	switch {
	case name == "not" && next.kind != tOpen && next.kind != tComma && next.kind != tKey:
		return "not", 1, true // not value
	case len(h) >= 3 && next.kind == tIdent && (text(1) == "and" || text(1) == "or" || text(1) == "in"):
		return text(1), 2, true // left and right
	case next.kind == tOpen && text(1) == "(" && next.start == h[0].end:
		if name == "unquote" {
			// unquote(:name)(args)
			if len(h) < 5 || h[2].kind != tOther || h[3].kind != tClose || h[4].kind != tOpen || h[4].start != h[3].end {
				return "", 0, false
			}
			n, ok := argsIn(h, 4, src)
			return atomName(text(2)), n, ok
		}
		n, ok := argsIn(h, 1, src)
		return name, n, ok
	case next.kind == tComma || next.kind == tKey || next.kind == tIdent && (text(1) == "do" || text(1) == "when"):
		return name, 0, true
	case next.kind == tOp:
		op := text(1)
		if !binaryOps[op] || src[next.start-1] == ' ' && next.end < len(src) && src[next.end] != ' ' {
			return "", 0, false // a &b, a -b: a call with a unary operand, or not; left to the tree
		}
		if op == ".." && len(h) >= 4 && h[3].kind == tOp && text(3) == "//" {
			return "..//", 3, true
		}
		return op, 2, true
	}
	return "", 0, false
}

// specOf is docReader.specHead of `name(args) :: type` tokens.
func (s *scanner) specOf(spec []token) (string, int, bool) {
	src := s.src
	if len(spec) < 2 || spec[0].kind != tIdent {
		return "", 0, false
	}
	name := string(src[spec[0].start:spec[0].end])
	after, arity := 1, 0
	if spec[1].kind == tOpen && string(src[spec[1].start:spec[1].end]) == "(" && spec[1].start == spec[0].end {
		n, ok := argsIn(spec, 1, src)
		if !ok {
			return "", 0, false
		}
		arity = n
		for after = 2; after < len(spec) && spec[after].depth > spec[1].depth; after++ {
		}
		after++ // the )
	}
	if after >= len(spec) || spec[after].kind != tOp || string(src[spec[after].start:spec[after].end]) != "::" {
		return "", 0, false
	}
	return name, arity, true
}

// argsIn counts the arguments in the parentheses opened at toks[open], as
// tree-sitter's arguments node has them: a trailing keyword list is one.
func argsIn(toks []token, open int, src []byte) (int, bool) {
	inner := toks[open].depth + 1
	n, keywords := 0, false
	expect := true // an argument starts at the next token
	for i := open + 1; i < len(toks); i++ {
		t := toks[i]
		if t.depth < inner && t.kind == tClose {
			if keywords {
				n++
			}
			return n, true
		}
		if t.depth != inner {
			continue
		}
		switch {
		case t.kind == tComma:
			expect = true
		case expect:
			expect = false
			if t.kind == tKey {
				keywords = true
			} else if !keywords {
				n++
			}
		}
	}
	return 0, false
}

// endsStatement reports whether the statement may end at i: only blanks or
// a comment follow on its line, and no binary operator starts the next; or
// a pipe follows (the doc reader takes a pipeline's left side).
func (s *scanner) endsStatement(i int) bool {
	src := s.src
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if i+1 < len(src) && src[i] == '|' && src[i+1] == '>' {
		return true
	}
	if i < len(src) && src[i] != '\n' && src[i] != '#' {
		return false
	}
	next := s.skipBlank(i)
	return !startsBinary(src, next) || next+1 < len(src) && src[next] == '|' && src[next+1] == '>'
}

// binaryOps are Elixir's binary operators written with symbols.
var binaryOps = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "++": true, "--": true, "..": true, "<>": true, "**": true,
	"==": true, "!=": true, "===": true, "!==": true, "=~": true, "<": true, ">": true, "<=": true, ">=": true,
	"&&": true, "||": true, "&&&": true, "|||": true, "<<<": true, ">>>": true, "^^^": true, "|>": true,
	"<~": true, "~>": true, "<<~": true, "~>>": true, "<~>": true, "<|>": true, "=": true, "|": true, "::": true,
	"\\\\": true, "<-": true, "->": true, "//": true, "+++": true, "---": true,
}

// operandBlock reports whether the do block at do is no statement of its
// own: on one line with what follows (a module whose body is no statement),
// or an operand (end.x, end * y), which the whole parse reads as part of an
// expression, not as a module or a def.
func (s *scanner) operandBlock(do, end int) bool {
	return s.blocks[do].end < end || !s.endsStatement(s.blocks[do].end+3)
}
