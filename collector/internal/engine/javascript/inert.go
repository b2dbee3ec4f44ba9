package javascript

import (
	"sort"

	sitter "github.com/smacker/go-tree-sitter"
)

// After test bodies and literals, what remains of a test file is mostly
// helpers: functions, render wrappers, mock factories, setup blocks, tables
// built with calls. Their insides are no declaration either unless they
// name something the front end follows, so the body scan also proposes
// every brace block and array literal outside test bodies ({ … } of a
// function, class, object, type, switch; [ … ]) that names nothing of the
// kind — an inert block. Its names must be none of:
//   - a test, suite, hook or mock function, or require (relevant);
//   - a name the file binds, outside the block, to something the front end
//     may follow: a function (a wrapper) or an alias (const x = y,
//     import { a as b }, a default or namespace import) — a binding inside
//     the block itself can only lead to what the block names;
//   - the table of an each or for call (a table's other uses are read from
//     its text, and a loop over it holds a test call, which is relevant);
// and it must hold no JSX, where the scan guesses most. The tree then
// confirms what the scan could only guess: every inert block is exactly the
// inside of a node of inertTypes, and none of its names is an alias or a
// function the tree's query found, or the table of an each call
// (inertNamesFollowed).

// relevant are the names whose mention keeps a block.
var relevant = func() map[string]bool {
	m := map[string]bool{"require": true}
	for k := range bases {
		m[k] = true
	}
	for k := range hooks {
		m[k] = true
	}
	for k := range mockers {
		m[k] = true
	}
	return m
}()

// inertTypes are the nodes an inert block may be the inside of.
var inertTypes = map[string]bool{
	"statement_block": true, "class_body": true, "object": true, "object_pattern": true, "object_type": true,
	"interface_body": true, "enum_body": true, "switch_body": true, "named_imports": true, "export_clause": true,
	"array": true, "array_pattern": true, "tuple_type": true,
}

// inertCall marks a blankRange that is an inert block.
const inertCall = -2

// scanName is an identifier outside test bodies: where it is, and whether
// the file binds it there to something the front end may follow.
type scanName struct {
	start, end int32
	followed   bool // bound here to something the front end may follow
	relevant   bool // a test, suite, hook or mock function, or require
	property   bool // after a dot: it names no binding of the file
}

// inertScan is the part of the body scan that finds inert blocks.
type inertScan struct {
	src    []byte
	names  []scanName
	taints []int // where a JSX element starts
	blocks []blankRange

	// binding state: the next name is bound (by const/let/var, function or
	// a declaration list's comma), and how.
	bindNext    bool
	bindKeyword string // const, let, var or function
	bindName    int    // the names index of a const/let/var name whose value decides
	patternAt   int    // > 0: inside a destructuring pattern opened at this depth
	declDepth   int    // >= 0: in a const/let/var list at this depth
	annotated   bool   // bindName has a type annotation, being skipped
	valueNext   bool   // bindName's = was read: its value starts next
	bindDepth   int
	importing   bool
	importDepth int
	afterAs     bool
	tableNext   bool
}

func newInertScan(src []byte) *inertScan {
	return &inertScan{src: src, bindName: -1, declDepth: -1}
}

// token follows one token outside test bodies; depth is the scan's bracket
// depth after it.
func (s *inertScan) token(kind tokKind, text string, start, end, depth int, prev tokKind, prevText string) {
	afterDot := prev == tokPunct && (prevText == "." || prevText == "?.")
	if s.bindName >= 0 {
		// const NAME = VALUE: VALUE's first token tells what NAME is; a
		// type annotation (const NAME: T = VALUE) is skipped.
		switch {
		case s.annotated && (depth < s.bindDepth || depth == s.bindDepth && (text == ";" || text == ",")):
			s.bindName, s.annotated = -1, false // no value
		case s.annotated && depth == s.bindDepth && text == "=":
			s.annotated, s.valueNext = false, true
			return
		case s.annotated && depth == s.bindDepth && kind == tokIdent && !afterDot && endsType(prev, prevText) &&
			!typeContinues[text] && newlineBefore(s.src, start):
			// let a: M<typeof b> then a new line: the line ended the
			// declaration (no semicolon), and this token starts the next
			// statement, read as any.
			s.bindName, s.annotated = -1, false
		case s.annotated:
			return
		case text == ":" && !s.valueNext:
			s.annotated, s.bindDepth = true, depth
			return
		case text == "=" && !s.valueNext:
			s.valueNext = true
			return
		default:
			if s.valueNext && (kind == tokIdent || text == "(" || text == "<") {
				s.names[s.bindName].followed = true // an alias, a call or a function
			}
			s.bindName, s.valueNext = -1, false
		}
	}
	switch {
	case kind == tokIdent && !afterDot && (text == "const" || text == "let" || text == "var"):
		s.bindNext, s.bindKeyword, s.declDepth = true, text, depth
		return
	case kind == tokIdent && !afterDot && text == "function":
		s.bindNext, s.bindKeyword = true, text
		return
	case kind == tokIdent && !afterDot && text == "import":
		s.importing, s.importDepth = true, depth
		return
	}
	if kind == tokIdent {
		name := s.src[start:end]
		n := scanName{start: int32(start), end: int32(end), property: afterDot}
		n.relevant = !afterDot && relevant[string(name)] && !s.mockHelper(string(name), end)
		switch {
		case s.tableNext:
			n.followed = true
		case s.importing:
			// import a, * as b, { c, d as e }: a default, namespace or
			// renamed binding may be an alias; c is the module's own.
			switch string(name) {
			case "type", "from", "as":
			default:
				n.followed = depth == s.importDepth || s.afterAs
			}
			s.afterAs = string(name) == "as"
		case s.patternAt > 0 && depth >= s.patternAt:
			n.followed = true // const { it: spec } = require(…)
		case s.bindNext && s.bindKeyword == "function":
			n.followed = true
		case s.bindNext:
			s.bindName = len(s.names)
		}
		s.names = append(s.names, n)
		s.bindNext, s.tableNext = false, false
		return
	}
	if s.importing {
		if kind == tokValue || text == ";" || text == "(" || text == "." {
			s.importing = false
		}
	}
	s.tableNext = text == "(" && prev == tokIdent && (prevText == "each" || prevText == "for")
	if s.bindNext && s.bindKeyword != "function" && (text == "{" || text == "[") {
		s.patternAt = depth
	}
	s.bindNext = false
	if s.patternAt > 0 && depth < s.patternAt {
		s.patternAt = 0
	}
	if s.declDepth >= 0 {
		switch {
		case depth < s.declDepth, text == ";" && depth == s.declDepth:
			s.declDepth = -1
		case text == "," && depth == s.declDepth && s.patternAt == 0:
			s.bindNext = true // const a = 1, b = it
		}
	}
}

// typeContinues are the words that go on with a type on its next line.
var typeContinues = map[string]bool{"extends": true, "keyof": true, "typeof": true, "infer": true, "is": true, "as": true, "satisfies": true}

// endsType reports whether a token can end a type annotation: a name, a
// literal, or a closing bracket (>, ], ), }).
func endsType(kind tokKind, text string) bool {
	switch kind {
	case tokIdent:
		return !typeContinues[text]
	case tokValue:
		return true
	}
	return text == ">" || text == "]" || text == ")" || text == "}"
}

// newlineBefore reports whether a line break separates the token at start
// from the one before it.
func newlineBefore(src []byte, start int) bool {
	for i := start - 1; i >= 0; i-- {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
			continue
		}
		return false
	}
	return false
}

// mockHelper reports whether name at end is jest.fn, vi.spyOn or any
// other member of jest or vi but mock and doMock: no hook.
func (s *inertScan) mockHelper(name string, end int) bool {
	if !mockers[name] {
		return false
	}
	i := end
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
		i++
	}
	if i >= len(s.src) || s.src[i] != '.' {
		return false
	}
	j := i + 1
	for j < len(s.src) && isIdentByte(s.src[j]) {
		j++
	}
	member := string(s.src[i+1 : j])
	return member != "" && member != "mock" && member != "doMock"
}

// block records a brace block outside test bodies that has closed.
func (s *inertScan) block(start, end int, open, close sitter.Point) {
	if end-start >= minLiteral {
		s.blocks = append(s.blocks, blankRange{start: start, end: end, open: open, close: close, call: inertCall})
	}
}

// ranges returns the inert blocks, outermost first.
func (s *inertScan) ranges() []blankRange {
	if len(s.blocks) == 0 {
		return nil
	}
	// Where each followed name is bound (or is a table): a block may bind
	// a name itself, as long as it is bound nowhere else. Such a name
	// resolves to no test function (its binding would name one, which is
	// relevant, or a name bound outside), so losing the binding loses
	// nothing.
	bound := map[string][2]int{}
	for _, n := range s.names {
		if !n.followed {
			continue
		}
		name := string(s.src[n.start:n.end])
		span, ok := bound[name]
		if !ok {
			span[0] = int(n.start)
		}
		span[1] = int(n.start)
		bound[name] = span
	}
	sort.Slice(s.blocks, func(i, j int) bool { return s.blocks[i].start < s.blocks[j].start })
	var out []blankRange
	end := -1
	for _, b := range s.blocks {
		if b.start < end {
			continue // inside a block already blanked
		}
		if s.inert(b, bound) {
			out = append(out, b)
			end = b.end
		}
	}
	return out
}

// inert reports whether block b holds no JSX and names nothing relevant
// and nothing followed that is bound outside it.
func (s *inertScan) inert(b blankRange, bound map[string][2]int) bool {
	k := sort.Search(len(s.taints), func(i int) bool { return s.taints[i] >= b.start })
	if k < len(s.taints) && s.taints[k] < b.end {
		return false
	}
	for i := s.firstName(b.start); i < len(s.names) && int(s.names[i].start) < b.end; i++ {
		n := s.names[i]
		if n.relevant {
			return false
		}
		if n.property {
			continue
		}
		if span, ok := bound[string(s.src[n.start:n.end])]; ok && (span[0] < b.start || span[1] >= b.end) {
			return false
		}
	}
	return true
}

func (s *inertScan) firstName(at int) int {
	return sort.Search(len(s.names), func(i int) bool { return int(s.names[i].start) >= at })
}

// inertNamesFollowed reports whether an inert block of ranges names
// something the tree shows the front end follows: an alias or a function of
// the file, or the table of an each call. The scan's own bindings are a
// guess where it misread JSX or a regular expression outside the block; the
// tree's are not.
func inertNamesFollowed(x *fileScan, src []byte, ranges []blankRange, names []scanName) bool {
	followed := map[string]bool{}
	for name := range x.aliases {
		followed[name] = true
	}
	for _, fn := range x.functions {
		followed[fn.name] = true
	}
	for _, c := range x.calls {
		for _, a := range namedArgs(c.table()) {
			if a.Type() == "identifier" {
				followed[string(src[a.StartByte():a.EndByte()])] = true
			}
		}
	}
	i := 0
	for _, r := range ranges {
		if r.call != inertCall {
			continue
		}
		for i < len(names) && int(names[i].start) < r.start {
			i++
		}
		for ; i < len(names) && int(names[i].start) < r.end; i++ {
			if !names[i].property && followed[string(src[names[i].start:names[i].end])] {
				return true
			}
		}
	}
	return false
}
