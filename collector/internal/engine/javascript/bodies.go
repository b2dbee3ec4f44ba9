package javascript

import (
	"sort"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Most of a test file is the bodies of its tests (assertions, renders,
// mocks) and literal data (expected values, fixtures). The front end never
// reads inside a test's body (a test or suite call there is not a
// declaration) and reads literals as text, yet parsing them is most of the
// cost, and every call in a body is a query match. So before parsing, a
// token scan finds
//   - the block bodies of functions passed to plain test calls
//     (it('x', () => { … }), test.skip('x', async function () { … }),
//     it.each(t)('x', (a) => { … })), hooks (beforeEach(() => { … })) and
//     module mocks (vi.mock('m', () => { … }), or the object of
//     vi.mock('m', () => ({ … }))), and
//   - array and object literals (and patterns and TypeScript object and
//     tuple types) with no call, function or class in them, and
//   - inert blocks: brace blocks and array literals outside test bodies
//     that name nothing the front end follows (inert.go),
// and tree-sitter parses the source without their insides (its included
// ranges leave them out; offsets and points stay the source's). The
// commonest test calls are left out whole and declared from their text
// (leaves.go).
//
// The scan is a heuristic — it guesses whether a slash starts a regular
// expression or a < a JSX element as every JS tokenizer without a parser
// does — so its result is only a proposal, accepted when the tree confirms
// it: no syntax error anywhere, each blanked range exactly the inside of a
// node of the expected type, a body inside a call the front end itself
// takes for a test or a hook, and no inert block naming an alias or
// function the tree shows. Otherwise the whole source is parsed, and the
// file costs one parse more. Text (titles, tables, detection) is always
// read from the source.

// blankRange is the inside of a test's body or of a literal: src[start:end]
// lies between its brackets.
type blankRange struct {
	start, end  int
	open, close sitter.Point // where its brackets are (a leaf: where it starts, and just past it)
	call        int          // a body: where the test or hook call starts; a literal: -1; inertCall; leafCall
	object      bool         // a body that is an object: => ({ … })
	leaf        leaf         // leafCall: the call
}

// points returns where the left-out text starts and ends.
func (r blankRange) points() (from, to sitter.Point) {
	if r.call == leafCall {
		return r.open, r.close
	}
	return sitter.Point{Row: r.open.Row, Column: r.open.Column + 1}, r.close
}

// minLiteral is the smallest literal worth blanking: below it the lookup
// that confirms it costs more than its parse.
const minLiteral = 64

// bodyCallees start the callee chains whose function arguments are bodies
// the front end does not read: tests, hooks (beforeEach) and module mocks
// (vi.mock).
var bodyCallees = map[string]bool{
	"it": true, "test": true, "specify": true, "fit": true, "xit": true, "xtest": true, "xspecify": true,
	"beforeEach": true, "afterEach": true, "beforeAll": true, "afterAll": true, "before": true, "after": true,
	"jest": true, "vi": true,
}

// bodyModifiers may follow in such a chain (it.skip, test.beforeEach,
// vi.mock); tableModifiers end a chain whose first call takes a table or
// condition, the second the test. A chain the front end reads otherwise
// (vi.mock on it) is caught when the tree is confirmed.
var (
	bodyModifiers = map[string]bool{
		"only": true, "skip": true, "todo": true, "fixme": true, "failing": true, "fails": true, "fail": true,
		"concurrent": true, "serial": true, "parallel": true, "sequential": true, "shuffle": true,
		"beforeEach": true, "afterEach": true, "beforeAll": true, "afterAll": true, "mock": true, "doMock": true,
	}
	tableModifiers = map[string]bool{"each": true, "for": true, "skipIf": true, "runIf": true, "if": true}
)

// regexAfter are the keywords after which a slash starts a regular
// expression, not a division.
var regexAfter = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true, "new": true, "delete": true,
	"void": true, "throw": true, "case": true, "do": true, "else": true, "yield": true, "await": true,
}

// maxKeyword is the length of the longest keyword (instanceof).
const maxKeyword = 10

// keywordShapes tells, by length and first byte, whether a name may be a
// keyword: most names are not, and this spares them the map lookup.
var keywordShapes = func() (shapes [maxKeyword + 1][0x80]bool) {
	for k := range keywords {
		shapes[len(k)][k[0]] = true
	}
	return shapes
}()

// keywords are the names the scan tells apart, each mapped to itself so that
// reading one allocates nothing.
var keywords = func() map[string]string {
	m := map[string]string{"function": "function", "class": "class", "return": "return",
		"const": "const", "let": "let", "var": "var", "import": "import", "while": "while", "with": "with"}
	for _, set := range []map[string]bool{bodyCallees, bodyModifiers, tableModifiers, regexAfter} {
		for k := range set {
			m[k] = k
		}
	}
	return m
}()

type tokKind uint8

const (
	tokNone  tokKind = iota
	tokIdent         // identifier or keyword (text kept for keywords)
	tokValue         // number, string, template, regex: a slash after it divides
	tokPunct         // any other punctuator (text kept)
)

// Frames of JSX: inside a tag (<a href={x}) and inside an element's
// content (<p>text {x}</p>).
const (
	jsxTag  = 'T'
	jsxText = 'C'
)

// bodyFrame is one open bracket of the scan.
type bodyFrame struct {
	open     byte // ( [ { '`' for a template's ${, jsxTag, jsxText
	testArgs bool // the arguments of a test call
	control  bool // ( the head of an if, for, while or with
	sawFn    bool // testArgs: => or function seen in the current argument
	prefix   bool // the table or condition call of it.each(t)(…)
	body     bool // a test body's brace
	exprBody bool // the ( of a test, hook or mock function's expression body: => ( … )
	object   bool // body: the object of an expression body, => ({ … })
	literal  bool // an array or object literal, if nothing dirties it
	inert    bool // a brace block or array literal outside test bodies: maybe inert (inert.go)
	dirt     int  // literal: the dirt count when it opened
	call     int  // testArgs, prefix, body: where the call starts
	start    int  // body, literal: the offset after the bracket
	at       sitter.Point
	// testArgs: where the call starts, the scan's guesses when it opened,
	// and the bodies read right inside it (leaves.go).
	callAt  sitter.Point
	guesses int
	bodies  int
	body1   blankRange
}

// findBlankRanges scans src (with JSX elements when jsx) and returns the
// ranges it proposes to blank, outermost only, in source order; nil when
// there are none or the scan meets something it does not expect (an
// unterminated string, comment or regular expression, an unbalanced
// bracket). names are the identifiers outside test bodies, for
// inertNamesFollowed.
func findBlankRanges(src []byte, jsx bool) (ranges []blankRange, names []scanName) {
	inert := newInertScan(src)
	var (
		stack     []bodyFrame
		out       []blankRange
		inBody    int // open body frames
		dirt      int // calls, functions, classes and JSX elements seen so far
		prev      tokKind
		prevText  string
		row       uint32
		lineStart int
		// the chain being read: it.skip.only
		chain      = -1 // where it starts, or -1
		chainAt    sitter.Point
		chainStmt  bool // it starts a statement (statementStarts)
		newline    bool // a line break since the previous token
		control    bool // the last ( ) closed was the head of an if, for, while or with
		guesses    int  // regular expressions, divisions and JSX elements read: where the scan guesses
		leaves     []blankRange
		chainTable bool // it ends in a table modifier
		chainDot   bool // a dot was just read
		pending    = -1 // it.each(t) closed here: a ( now opens the test's arguments
	)
	top := func() *bodyFrame {
		if len(stack) == 0 {
			return nil
		}
		return &stack[len(stack)-1]
	}
	for i := 0; i < len(src); {
		// Blanks first: they are a good part of a file, and read the same in
		// JSX.
		c := src[i]
		switch c {
		case '\n':
			row++
			lineStart = i + 1
			newline = true
			i++
			continue
		case ' ', '\t', '\r', '\f', '\v':
			i++
			continue
		}
		// Inside JSX, text is text: // and ' are no comment or string there.
		if n := len(stack); n > 0 && (stack[n-1].open == jsxTag || stack[n-1].open == jsxText) {
			next, element, ok := scanJSX(src, i, &stack, &row, &lineStart)
			if !ok {
				return nil, nil
			}
			i, chain, pending = next, -1, -1
			if element {
				prev, prevText = tokValue, ""
			} else {
				prev, prevText = tokPunct, "{"
			}
			continue
		}
		// Comments leave the previous token as it was.
		if c == '/' && i+1 < len(src) && src[i+1] == '/' {
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		if c == '/' && i+1 < len(src) && src[i+1] == '*' {
			j := i + 2
			for ; j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/'); j++ {
				if src[j] == '\n' {
					row++
					lineStart = j + 1
				}
			}
			if j+1 >= len(src) {
				return nil, nil
			}
			i = j + 2
			continue
		}

		if jsx && c == '<' && regexStarts(prev, prevText) && i+1 < len(src) && (isIdentStart(src[i+1]) || src[i+1] == '>') {
			// <Tag where an expression starts: a JSX element.
			stack = append(stack, bodyFrame{open: jsxTag})
			dirt++
			guesses++
			if inBody == 0 {
				inert.taints = append(inert.taints, i)
			}
			i, chain, pending = i+1, -1, -1
			continue
		}

		tokStart := i
		kind, text := tokPunct, ""
		pendingCall := pending
		pending = -1
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			kind = tokIdent
			if n := j - i; n <= maxKeyword && c < 0x80 && keywordShapes[n][c] {
				text = keywords[string(src[i:j])] // "" for other names
			}
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i + 1
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.') {
				j++
			}
			kind = tokValue
			i = j
		case c == '\'' || c == '"':
			j := i + 1
			for ; j < len(src) && src[j] != c; j++ {
				if src[j] == '\n' {
					return nil, nil
				}
				if src[j] == '\\' {
					j++
					if j < len(src) && src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
						j++
					}
					if j < len(src) && src[j] == '\n' {
						row++
						lineStart = j + 1
					}
				}
			}
			if j >= len(src) {
				return nil, nil
			}
			kind = tokValue
			i = j + 1
		case c == '`':
			next, subst, ok := scanTemplate(src, i+1, &row, &lineStart)
			if !ok {
				return nil, nil
			}
			if subst {
				// it.each`… ${…} …`(…): the table's call goes on after it.
				f := bodyFrame{open: '`'}
				if chain >= 0 && chainTable && !chainDot {
					f.prefix, f.call = true, chain
				}
				stack = append(stack, f)
				i = next
				prev, prevText = tokPunct, "${"
				continue
			}
			kind, text, i = tokValue, "`", next
			if !regexStarts(prev, prevText) {
				dirt++ // a tagged template is a call
			}
		case c == '/' && regexStarts(prev, prevText):
			guesses++
			j := i + 1
			class := false
			for ; j < len(src); j++ {
				b := src[j]
				if b == '\n' {
					return nil, nil
				}
				if b == '\\' {
					j++
					continue
				}
				if b == '[' {
					class = true
				} else if b == ']' {
					class = false
				} else if b == '/' && !class {
					break
				}
			}
			if j >= len(src) {
				return nil, nil
			}
			j++
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			kind = tokValue
			i = j
		case c == '=' && i+1 < len(src) && src[i+1] == '>':
			text = "=>"
			i += 2
		case c == '?' && i+1 < len(src) && src[i+1] == '.' && !(i+2 < len(src) && src[i+2] >= '0' && src[i+2] <= '9'):
			text = "?."
			i += 2
		default:
			text = punctText[c]
			i++
			if c == '/' {
				guesses++ // a division: the scan's other guess
			}
		}

		// Brackets.
		switch text {
		case "(", "[", "{":
			f := bodyFrame{open: text[0], start: i, at: sitter.Point{Row: row, Column: uint32(tokStart - lineStart)}}
			switch t := top(); {
			case inBody > 0:
			case text == "{" && t != nil && t.testArgs && t.sawFn:
				f.body, f.call = true, t.call
				inBody++
			case text == "(" && t != nil && t.testArgs && t.sawFn && prevText == "=>":
				f.exprBody, f.call = true, t.call
			case text == "{" && t != nil && t.exprBody && prevText == "(":
				// vi.mock('m', () => ({ … })): the factory's object is its body.
				f.body, f.object, f.call = true, true, t.call
				inBody++
			case text == "[" && regexStarts(prev, prevText) && prevText != "?." || text == "{" && literalBrace(prev, prevText):
				f.literal, f.dirt = true, dirt
			}
			f.inert = inBody == 0 && (text == "{" || text == "[" && f.literal)
			f.control = text == "(" && prev == tokIdent && (prevText == "if" || prevText == "for" || prevText == "while" || prevText == "with")
			if text == "(" {
				dirt++
			}
			if text == "(" && inBody == 0 {
				switch {
				case pendingCall >= 0:
					f.testArgs, f.call = true, pendingCall
					f.bodies = -1 // it.each(t)(…): never a leaf
				case chain >= 0 && !chainDot:
					if chainTable {
						f.prefix, f.call = true, chain
					} else {
						f.testArgs, f.call, f.callAt, f.guesses = true, chain, chainAt, guesses
						if !chainStmt {
							f.bodies = -1 // part of an expression: never a leaf
						}
					}
				}
			}
			stack = append(stack, f)
		case ")", "]", "}":
			t := top()
			if t == nil {
				return nil, nil
			}
			if text == "}" && t.open == '`' {
				// The end of a ${…}: the template goes on.
				stack = stack[:len(stack)-1]
				next, subst, ok := scanTemplate(src, i, &row, &lineStart)
				if !ok {
					return nil, nil
				}
				if subst {
					stack = append(stack, bodyFrame{open: '`', prefix: t.prefix, call: t.call})
					i = next
					prev, prevText = tokPunct, "${"
					continue
				}
				kind, text, i = tokValue, "`", next
				if t.prefix {
					pending = t.call
				}
				break
			}
			if closingOf(t.open) != text[0] {
				return nil, nil
			}
			stack = stack[:len(stack)-1]
			closeAt := sitter.Point{Row: row, Column: uint32(tokStart - lineStart)}
			if text == ")" {
				control = t.control
			}
			if t.body {
				inBody--
				r := blankRange{start: t.start, end: tokStart, open: t.at, close: closeAt, call: t.call, object: t.object}
				out = append(out, r)
				if p := top(); p != nil && p.testArgs && p.bodies >= 0 {
					p.bodies++
					p.body1 = r
				}
			}
			if t.testArgs && t.bodies == 1 && t.guesses == guesses {
				after := sitter.Point{Row: row, Column: uint32(tokStart + 1 - lineStart)}
				if r, ok := readLeaf(src, t, tokStart, after); ok {
					leaves = append(leaves, r)
				}
			}
			if t.literal && t.dirt == dirt && tokStart-t.start >= minLiteral {
				out = append(out, blankRange{start: t.start, end: tokStart, open: t.at, close: closeAt, call: -1})
			}
			if t.inert {
				inert.block(t.start, tokStart, t.at, closeAt)
			}
			if t.prefix {
				pending = t.call
			}
		case ",":
			if t := top(); t != nil && t.testArgs {
				t.sawFn = false
			}
		case "=>":
			dirt++
			if t := top(); t != nil && t.testArgs {
				t.sawFn = true
			}
		}
		if kind == tokIdent && (text == "function" || text == "class") {
			dirt++
			if t := top(); t != nil && t.testArgs && text == "function" {
				t.sawFn = true
			}
		}
		if c == '`' && chain >= 0 && chainTable && !chainDot {
			// it.each`table`(…): the tagged template is the table.
			pending = chain
		}

		// The callee chain: a test callee not after a dot, then .modifier…
		switch {
		case inBody > 0:
			chain = -1
		case kind == tokIdent && chain >= 0 && chainDot:
			chainDot = false
			switch {
			case chainTable:
				chain = -1
			case bodyModifiers[text]:
			case tableModifiers[text]:
				chainTable = true
			default:
				chain = -1
			}
		case kind == tokIdent && text != "" && bodyCallees[text] && !(prev == tokPunct && (prevText == "." || prevText == "?.")) &&
			!(prev == tokIdent && prevText == "function"):
			chain, chainTable, chainDot = tokStart, false, false
			chainAt = sitter.Point{Row: row, Column: uint32(tokStart - lineStart)}
			chainStmt = statementStarts(prev, prevText, newline, control)
		case text == "." && chain >= 0 && !chainDot:
			chainDot = true
		default:
			chain = -1
		}
		if inBody == 0 {
			inert.token(kind, text, tokStart, i, len(stack), prev, prevText)
		}
		prev, prevText, newline = kind, text, false
	}
	if len(stack) != 0 {
		return nil, nil
	}
	out = append(out, inert.ranges()...)
	return outermost(append(out, leaves...)), inert.names
}

// outermost sorts ranges by position and drops those inside another; of
// two with the same extent it keeps the inert block, whose node may be of
// more types than a literal's.
func outermost(ranges []blankRange) []blankRange {
	sort.Slice(ranges, func(i, j int) bool {
		if ranges[i].start != ranges[j].start {
			return ranges[i].start < ranges[j].start
		}
		return ranges[i].call < ranges[j].call
	})
	kept := ranges[:0]
	for _, r := range ranges {
		if n := len(kept); n > 0 && r.start < kept[n-1].end {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// literalBrace reports whether a { after the previous token opens an
// object (or a pattern or type) rather than a block.
func literalBrace(prev tokKind, prevText string) bool {
	switch prev {
	case tokIdent:
		return prevText == "return"
	case tokPunct:
		switch prevText {
		case "=", "(", ",", ":", "?", "[", "|", "&", "!":
			return true
		}
	}
	return false
}

func closingOf(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	}
	return 0
}

// punctText holds every byte as a string, so that reading a punctuator
// converts nothing.
var punctText = func() (t [256]string) {
	for i := range t {
		t[i] = string(rune(i))
	}
	return t
}()

// scanTemplate reads template characters from i, just after a backtick or
// the } of a substitution: it returns the offset after the closing backtick,
// or (subst) after a "${"; ok is false when the template does not end.
func scanTemplate(src []byte, i int, row *uint32, lineStart *int) (next int, subst, ok bool) {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
			if i < len(src) && src[i] == '\n' {
				*row++
				*lineStart = i + 1
			}
		case '\n':
			*row++
			*lineStart = i + 1
		case '`':
			return i + 1, false, true
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				return i + 2, true, true
			}
		}
	}
	return 0, false, false
}

// regexStarts reports whether a slash after the previous token starts a
// regular expression: after a value or a closing bracket it divides.
func regexStarts(prev tokKind, prevText string) bool {
	switch prev {
	case tokValue:
		return false
	case tokIdent:
		return regexAfter[prevText]
	case tokPunct:
		return prevText != ")" && prevText != "]" && prevText != "}"
	}
	return true
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

// includedRanges returns what tree-sitter is to read of src: everything but
// the insides of ranges (ts.IncludedRanges).
func includedRanges(src []byte, ranges []blankRange) []sitter.Range {
	gaps := make([]ts.Gap, len(ranges))
	for i, r := range ranges {
		from, to := r.points()
		gaps[i] = ts.Gap{Start: r.start, End: r.end, StartPoint: from, EndPoint: to}
	}
	return ts.IncludedRanges(src, gaps)
}

// literalTypes are the nodes a blanked literal may be (import a, { b }
// from 'm' too: imports are read from their text).
var literalTypes = map[string]bool{
	"array": true, "object": true, "array_pattern": true, "object_pattern": true, "object_type": true, "tuple_type": true,
	"named_imports": true, "export_clause": true,
}

// confirmBlanks reports whether the tree of the blanked copy confirms every
// blanked range: a tree without syntax errors, each range exactly the
// inside of a statement block within a call the front end takes for a test
// or a hook, or of a literal.
func confirmBlanks(root *sitter.Node, x *fileScan, decls []decl, ranges []blankRange) bool {
	if root.HasError() {
		return false
	}
	testEnd := make(map[uint32]uint32, len(decls))
	for _, d := range decls {
		if !d.suite {
			testEnd[d.start] = d.end
		}
	}
	// A body is looked up from its call, a few levels up, rather than from
	// the root, whose walk down costs microseconds per range.
	calls := make(map[uint32]*sitter.Node, len(x.calls))
	for _, c := range x.calls {
		// it.each(t)('x', fn) starts where it.each(t) does: keep the outer.
		if prev, ok := calls[c.node.StartByte()]; !ok || c.node.EndByte() > prev.EndByte() {
			calls[c.node.StartByte()] = c.node
		}
	}
	for _, r := range ranges {
		if r.call == leafCall {
			continue // left out whole; readLeaf checked its text
		}
		from := root
		if c, ok := calls[uint32(r.call)]; ok && r.call >= 0 {
			from = c
		}
		n := from.NamedDescendantForPointRange(r.open, r.open)
		if n == nil || n.StartByte() != uint32(r.start-1) || n.EndByte() != uint32(r.end+1) {
			return false
		}
		if r.call == inertCall {
			if !inertTypes[n.Type()] {
				return false
			}
			continue
		}
		if r.call < 0 {
			if !literalTypes[n.Type()] {
				return false
			}
			continue
		}
		want := "statement_block"
		if r.object {
			want = "object"
		}
		if end, ok := testEnd[uint32(r.call)]; !ok || uint32(r.end) >= end || n.Type() != want {
			return false
		}
	}
	return true
}

// scanJSX reads JSX from i while the innermost frame is a tag or an
// element's content: it returns after pushing the { of an embedded
// expression, or (element) after the end of the outermost element.
func scanJSX(src []byte, i int, stack *[]bodyFrame, row *uint32, lineStart *int) (next int, element, ok bool) {
	// skipTo moves past the next b, counting lines; false when there is none.
	skipTo := func(b byte) bool {
		for ; i < len(src); i++ {
			if src[i] == '\n' {
				*row++
				*lineStart = i + 1
			} else if src[i] == b {
				i++
				return true
			}
		}
		return false
	}
	// closed pops the innermost frame: an element ended.
	closed := func() bool {
		*stack = (*stack)[:len(*stack)-1]
		n := len(*stack)
		return n == 0 || (*stack)[n-1].open != jsxText
	}
	for i < len(src) {
		st := *stack
		t := &st[len(st)-1]
		c := src[i]
		if c == '\n' {
			*row++
			*lineStart = i + 1
			i++
			continue
		}
		if c == '{' {
			*stack = append(st, bodyFrame{open: '{'})
			return i + 1, false, true
		}
		switch {
		case t.open == jsxTag && c == '/' && i+1 < len(src) && src[i+1] == '>':
			i += 2
			if closed() {
				return i, true, true
			}
		case t.open == jsxTag && c == '>':
			t.open = jsxText
			i++
		case t.open == jsxTag && (c == '"' || c == '\''):
			i++
			if !skipTo(c) {
				return 0, false, false
			}
		case t.open == jsxText && c == '<' && i+1 < len(src) && src[i+1] == '/':
			if !skipTo('>') {
				return 0, false, false
			}
			if closed() {
				return i, true, true
			}
		case t.open == jsxText && c == '<':
			*stack = append(st, bodyFrame{open: jsxTag})
			i++
		default:
			i++
		}
	}
	return 0, false, false
}
