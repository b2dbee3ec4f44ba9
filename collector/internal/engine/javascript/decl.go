package javascript

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// base is a global test function: whether it declares a suite, and the
// status it implies.
type base struct {
	suite  bool
	status inventory.TestStatus
}

// hooks run at run time, after every test is declared: a test or suite call
// in a hook's function (or in a module mock's factory, jest.mock and
// vi.mock) is not a declaration — Jest and Vitest refuse it, Mocha ignores
// it.
var hooks = map[string]bool{"beforeEach": true, "afterEach": true, "beforeAll": true, "afterAll": true, "before": true, "after": true}

// mockers are the globals whose mock and doMock take a module factory.
var mockers = map[string]bool{"jest": true, "vi": true}

var bases = map[string]base{
	"describe": {true, inventory.TestActive}, "context": {true, inventory.TestActive}, "suite": {true, inventory.TestActive},
	"fdescribe": {true, inventory.TestFocused},
	"xdescribe": {true, inventory.TestSkipped}, "xcontext": {true, inventory.TestSkipped},
	"it": {false, inventory.TestActive}, "test": {false, inventory.TestActive}, "specify": {false, inventory.TestActive},
	"fit": {false, inventory.TestFocused},
	"xit": {false, inventory.TestSkipped}, "xtest": {false, inventory.TestSkipped}, "xspecify": {false, inventory.TestSkipped},
}

// rank orders statuses when several modifiers apply: the strongest wins.
func rank(s inventory.TestStatus) int {
	switch s {
	case inventory.TestSkipped:
		return 4
	case inventory.TestTodo:
		return 3
	case inventory.TestFocused:
		return 2
	case inventory.TestXFail:
		return 1
	}
	return 0
}

func stronger(a, b inventory.TestStatus) inventory.TestStatus {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// api is a resolved callee.
type api struct {
	hook   bool // a hook or module factory: not reported, its calls are no declarations
	suite  bool
	status inventory.TestStatus
	each   bool // .each / .for: f(table)(title, fn)
	cond   bool // .skipIf(c) / .runIf(c) / .if(c): f(c)(title, fn)
}

// resolve turns a callee chain into the test function it calls, following
// the file's aliases.
func (x *fileScan) resolve(parts []string) (api, bool) {
	for depth := 0; ; depth++ {
		if len(parts) == 0 || depth > 8 {
			return api{}, false
		}
		a, ok := x.aliases[parts[0]]
		if !ok {
			break
		}
		parts = append(append([]string{}, a.chain...), parts[1:]...)
		if a.terminal {
			break
		}
	}
	if len(parts) == 0 {
		return api{}, false
	}
	// node:test's default export carries it, suite and test as properties.
	if len(parts) > 1 && parts[0] == "test" && x.modules[inventory.FrameworkNodeTest] {
		switch parts[1] {
		case "it", "suite", "test":
			parts = parts[1:]
		}
	}
	if x.shadowed[parts[0]] && !x.isAlias(parts[0]) {
		return api{}, false
	}
	switch {
	case len(parts) == 1 && hooks[parts[0]],
		len(parts) == 2 && hooks[parts[1]] && (parts[0] == "test" || parts[0] == "it"),
		len(parts) == 3 && hooks[parts[2]] && parts[0] == "test" && parts[1] == "describe",
		len(parts) == 2 && mockers[parts[0]] && (parts[1] == "mock" || parts[1] == "doMock"):
		return api{hook: true}, true
	}
	b, ok := bases[parts[0]]
	if !ok {
		return api{}, false
	}
	r := api{suite: b.suite, status: b.status}
	for i, m := range parts[1:] {
		last := i == len(parts)-2
		switch m {
		case "only":
			r.status = stronger(r.status, inventory.TestFocused)
		case "skip", "fixme":
			r.status = stronger(r.status, inventory.TestSkipped)
		case "todo":
			r.status = stronger(r.status, inventory.TestTodo)
		case "failing", "fails", "fail":
			r.status = stronger(r.status, inventory.TestXFail)
		case "concurrent", "serial", "parallel", "sequential", "shuffle":
		case "describe":
			if i != 0 || r.suite || parts[0] != "test" {
				return api{}, false
			}
			r.suite = true
		case "each", "for":
			if !last {
				return api{}, false
			}
			r.each = true
		case "skipIf", "runIf", "if":
			if !last {
				return api{}, false
			}
			r.cond = true
		default:
			return api{}, false // step, use, beforeEach, extend, configure, info, …
		}
	}
	return r, true
}

func (x *fileScan) isAlias(name string) bool {
	_, ok := x.aliases[name]
	return ok
}

// decl is one declared suite or test.
type decl struct {
	start, end uint32
	line       int
	suite      bool
	hook       bool // a hook or module factory: only its range counts
	anonymous  bool // test.describe(() => …): a group without a title
	name       string
	status     inventory.TestStatus
	noBody     bool
	table      *sitter.Node // it.each table (arguments or template_string)
	loopCases  []tableCase  // a test in a loop over a literal table: one case per row
	cond       string       // the if branches it is declared in (cond.go)
}

// wrapper is a local function that declares a test or suite titled by its
// parameter number pos.
type wrapper struct {
	suite bool
	pos   int
}

// declarations resolves the calls into declared suites and tests, sorted by
// position, outermost first.
func (x *fileScan) declarations() []decl {
	var out []decl
	var others []rawCall
	wrappers := map[string]wrapper{}
	// inner holds a wrapper's own test calls: the declared tests when no
	// call of the wrapper gives a literal title (jju's addTest(name, fn)
	// over names read from a YAML file at run time).
	inner := map[string][]decl{}
	for _, c := range x.calls {
		if c.ruleRun || len(c.parts) == 2 && c.parts[1] == "run" && x.ruleTesters[c.parts[0]] {
			if d, ok := x.ruleTesterRun(c); ok {
				out = append(out, d)
			}
			continue
		}
		a, ok := x.resolve(c.parts)
		if ok && x.isAlias(c.parts[0]) && paramNamed(c.node, c.parts[0], x.src) {
			// async function run(t) { await t.test('x', …) } in a file whose
			// t is node:test: this t is the caller's test context, and its
			// test a subtest made at run time.
			ok = false
		}
		if !ok || (c.inner != nil) != (a.each || a.cond) {
			if c.inner == nil && len(c.parts) == 1 {
				others = append(others, c)
			}
			continue
		}
		args := namedArgs(c.args())
		if len(args) == 0 {
			continue
		}
		if a.hook {
			out = append(out, decl{start: c.node.StartByte(), end: c.node.EndByte(), hook: true})
			continue
		}
		_, plain := bases[c.parts[0]]
		d, ok := x.newDecl(c.node, args, 0, plain && len(c.parts) == 1 && c.inner == nil)
		if ok {
			d.suite, d.status = a.suite, stronger(a.status, d.status)
			if a.each && !a.suite {
				d.table = c.table()
			}
			if !a.suite && !a.each {
				d.loopCases = x.loopCases(c.node, args[0])
			}
		}
		if args[0].Type() == "identifier" {
			if fn, pos, isWrapper := x.wrapperOf(c.node, ts.Text(args[0], x.src)); isWrapper {
				wrappers[fn] = wrapper{suite: a.suite, pos: pos}
				if ok {
					inner[fn] = append(inner[fn], d)
				}
				continue
			}
		}
		if ok {
			out = append(out, d)
		}
	}
	// A wrapper call inside a test's or hook's call declares nothing, and the
	// fast path never sees one in a body it leaves out (bodies.go): it must
	// not decide that the wrapper's own calls stay undeclared either.
	var bodies [][2]uint32
	if len(wrappers) > 0 {
		add := func(ds []decl) {
			for _, d := range ds {
				if !d.suite {
					bodies = append(bodies, [2]uint32{d.start, d.end})
				}
			}
		}
		add(out)
		for _, ds := range inner {
			add(ds)
		}
	}
	for _, c := range others {
		w, ok := wrappers[c.parts[0]]
		if !ok || insideAny(bodies, c.node.StartByte()) {
			continue
		}
		args := namedArgs(c.args())
		if w.pos >= len(args) || !isLiteralTitle(args[w.pos]) {
			continue
		}
		d, ok := x.newDecl(c.node, args, w.pos, false)
		if !ok {
			continue
		}
		d.suite, d.status = w.suite, inventory.TestActive
		out = append(out, d)
		delete(inner, c.parts[0])
	}
	for _, ds := range inner {
		out = append(out, ds...)
	}
	sortDecls(out)
	return out
}

// newDecl reads a declaration's title (argument i) and body. plain says the
// callee is a test or suite function without modifiers (it, test,
// describe), which declares with any title.
func (x *fileScan) newDecl(call *sitter.Node, args []*sitter.Node, i int, plain bool) (decl, bool) {
	title := args[i]
	name, literal := x.title(title)
	hasFn, hasBody := false, false
	for _, a := range args[i+1:] {
		switch a.Type() {
		case "arrow_function", "function_expression", "function", "generator_function":
			hasFn, hasBody = true, true
		case "object", "number", "string", "template_string":
		default:
			hasBody = true // a function passed by name
		}
	}
	d := decl{start: call.StartByte(), end: call.EndByte(), line: ts.Line(call), name: name, noBody: !hasBody}
	if !literal {
		switch title.Type() {
		case "arrow_function", "function_expression":
			// test.describe(() => { … }): an anonymous group (Playwright).
			if i == 0 && len(args) == 1 {
				d.anonymous, d.noBody = true, false
				return d, true
			}
			return decl{}, false
		}
		// A computed title with a function passed by name or made by a call
		// (it('test_errors: ' + JSON.stringify(arg), fn), as jju and
		// multiparty write) declares through a plain test function; through
		// a modifier it may be Playwright's test.skip(condition, reason).
		if !hasFn && !(plain && hasBody) {
			return decl{}, false
		}
	}
	for _, a := range args[i+1:] {
		if a.Type() == "object" && a.EndByte()-a.StartByte() <= maxTitleBytes {
			// node:test options { skip: true, todo: 'why', only: true }
			d.status = stronger(d.status, optionStatus(ts.Text(a, x.src)))
		}
	}
	return d, true
}

// optionStatus reads node:test's { skip, todo, only } options.
func optionStatus(obj string) inventory.TestStatus {
	st := inventory.TestActive
	for _, o := range []struct {
		key string
		s   inventory.TestStatus
	}{{"skip", inventory.TestSkipped}, {"todo", inventory.TestTodo}, {"only", inventory.TestFocused}} {
		k := strings.Index(obj, o.key)
		if k < 0 || k > 0 && isIdentByte(obj[k-1]) {
			continue
		}
		rest := strings.TrimLeft(obj[k+len(o.key):], " \t\r\n")
		if !strings.HasPrefix(rest, ":") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if strings.HasPrefix(rest, "true") || rest != "" && strings.IndexByte(`'"`+"`", rest[0]) >= 0 && !strings.HasPrefix(rest[1:], string(rest[0])) {
			st = stronger(st, o.s)
		}
	}
	return st
}

// namedArgs returns the arguments of a call, comments left out.
func namedArgs(args *sitter.Node) []*sitter.Node {
	if args == nil {
		return nil
	}
	n := int(args.NamedChildCount())
	out := make([]*sitter.Node, 0, n)
	for i := range n {
		if a := args.NamedChild(i); a != nil && a.Type() != "comment" {
			out = append(out, a)
		}
	}
	return out
}

// paramNamed reports whether a function around n has a parameter named
// name, which hides the file's binding of that name inside it.
func paramNamed(n *sitter.Node, name string, src []byte) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Type() {
		case "arrow_function", "function_expression", "function", "function_declaration",
			"generator_function", "generator_function_declaration", "method_definition":
			if slices.Contains(paramsOf(p, src), name) {
				return true
			}
		}
	}
	return false
}

// paramsOf returns the names of a function's parameters (paramNames).
func paramsOf(fn *sitter.Node, src []byte) []string {
	params := fn.ChildByFieldName("parameters")
	if params == nil {
		params = fn.ChildByFieldName("parameter")
	}
	if params == nil {
		return nil
	}
	return paramNames(ts.Text(params, src))
}

// insideAny reports whether pos lies inside one of the ranges.
func insideAny(ranges [][2]uint32, pos uint32) bool {
	for _, r := range ranges {
		if r[0] < pos && pos < r[1] {
			return true
		}
	}
	return false
}

func isLiteralTitle(n *sitter.Node) bool {
	switch n.Type() {
	case "string", "template_string":
		return true
	}
	return false
}

// title returns a declaration's title and whether it is a literal: a string,
// a template literal (with its ${} kept as written), or a concatenation of
// strings. Anything else is its source text, whitespace collapsed.
func (x *fileScan) title(n *sitter.Node) (string, bool) {
	return titleOf(n.Type(), x.cappedText(n))
}

// titleOf is title for a node of type typ and source text text.
func titleOf(typ, text string) (string, bool) {
	var name string
	literal := true
	switch typ {
	case "string":
		name, _ = ts.Unquote(text)
	case "template_string":
		if s, ok := ts.Unquote(text); ok {
			name = s
		} else if s, ok := foldTemplate(text); ok {
			name = s
		} else {
			name = tidySubstitutions(strings.TrimSuffix(strings.TrimPrefix(text, "`"), "`"))
		}
	case "binary_expression":
		if s, ok := foldConcat(text); ok {
			name = s
		} else if s, ok := concatPattern(text); ok {
			name, literal = s, false
		} else {
			name, literal = strings.Join(strings.Fields(text), " "), false
		}
	default:
		name, literal = strings.Join(strings.Fields(text), " "), false
	}
	if name == "" {
		name = emptyTitle
	}
	return name, literal
}

// foldTemplate reads a template literal whose every substitution is a
// primitive literal (`v${'1'}.${2}`, Cypress specs' `${"…"}` spliced by
// generators) as the string JavaScript makes of it; ok is false when any
// substitution is something else.
func foldTemplate(text string) (string, bool) {
	if len(text) < 2 || text[0] != '`' || text[len(text)-1] != '`' {
		return "", false
	}
	body := text[1 : len(text)-1]
	var b strings.Builder
	piece := 0 // where the current literal piece starts
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '\\':
			i++
		case body[i] == '$' && i+1 < len(body) && body[i+1] == '{':
			r := &litReader{s: body, i: i + 2}
			r.skipExpr()
			if r.i >= len(body) || body[r.i] != '}' {
				return "", false
			}
			v := parseLiteral(strings.TrimSpace(body[i+2 : r.i]))
			if !isPrimitive(v) {
				return "", false
			}
			b.WriteString(unescape(body[piece:i]))
			if v.kind == vNumber && v.num == 0 {
				b.WriteString("0") // String(-0) is "0"
			} else {
				b.WriteString(jsString(v))
			}
			i = r.i
			piece = i + 1
		}
	}
	b.WriteString(unescape(body[piece:]))
	return b.String(), true
}

// concatPattern writes a title joined with + of literals and names
// ('for ' + app + ` on ${os}`) as the template literal it equals (for
// ${app} on ${os}), so that it reads as template titles do.
func concatPattern(text string) (string, bool) {
	return readConcat(text,
		func(path string) (string, bool) { return "${" + path + "}", true },
		func(tmpl string) (string, bool) {
			return tidySubstitutions(strings.TrimSuffix(strings.TrimPrefix(tmpl, "`"), "`")), true
		})
}

// tidySubstitutions writes each ${…} of a template title on one line, as
// an expression title is (formatters break long ones: ${\n    a ? "on" :
// "off"\n  }); the template's own text is kept as written.
func tidySubstitutions(t string) string {
	if !strings.Contains(t, "${") || strings.IndexAny(t, "\n\r\t") < 0 {
		return t
	}
	var b strings.Builder
	depth := 0 // braces open inside the current ${…}, counting its own
	space := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case depth == 0:
			b.WriteByte(c)
			if c == '\\' && i+1 < len(t) {
				i++
				b.WriteByte(t[i])
			} else if c == '$' && i+1 < len(t) && t[i+1] == '{' {
				b.WriteByte('{')
				i++
				depth, space = 1, false
				for i+1 < len(t) && isBlank(t[i+1]) {
					i++ // none after ${
				}
			}
			continue
		case isBlank(c):
			space = true
			continue
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth == 0 {
				space = false // none before the closing }
			}
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// emptyTitle names a test or suite whose title is the empty string: a name
// is never empty.
const emptyTitle = "(empty title)"

// maxTitleBytes bounds the source text read for one title or option
// object: titles nest (it(`${it(…)}`)), so reading them whole would cost
// quadratic time on hostile input. A longer template or expression title is
// cut there and ends with "…"; a plain string literal is always read whole.
const maxTitleBytes = 1024

func (x *fileScan) cappedText(n *sitter.Node) string {
	start, end := n.StartByte(), n.EndByte()
	if end-start <= maxTitleBytes || n.Type() == "string" {
		return ts.Text(n, x.src)
	}
	cut := int(start) + maxTitleBytes
	for cut > int(start) && x.src[cut]&0xC0 == 0x80 {
		cut-- // do not split a UTF-8 sequence
	}
	return string(x.src[start:cut]) + "…"
}

// foldConcat folds 'a' + "b" + `c`.
func foldConcat(text string) (string, bool) {
	none := func(string) (string, bool) { return "", false }
	return readConcat(text, none, none)
}

// maxWrapperLookups bounds how many calls with a bare identifier as title are
// checked against the file's functions (each check is linear in them).
const maxWrapperLookups = 256

// wrapperOf finds the innermost function declared in the file around call
// that has a parameter named ident, and returns the function's name and the
// parameter's position.
func (x *fileScan) wrapperOf(call *sitter.Node, ident string) (string, int, bool) {
	if x.wrapperLookups++; x.wrapperLookups > maxWrapperLookups {
		return "", 0, false
	}
	if x.fnRanges == nil {
		x.fnRanges = make([][2]uint32, len(x.functions))
		for i, fn := range x.functions {
			x.fnRanges[i] = [2]uint32{fn.node.StartByte(), fn.node.EndByte()}
		}
	}
	at := call.StartByte()
	best := -1
	for i, r := range x.fnRanges {
		if r[0] <= at && at < r[1] && (best < 0 || r[1]-r[0] < x.fnRanges[best][1]-x.fnRanges[best][0]) {
			best = i
		}
	}
	if best < 0 {
		return "", 0, false
	}
	fn := x.functions[best]
	for i, p := range paramsOf(fn.node, x.src) {
		if p == ident {
			if body := fn.node.ChildByFieldName("body"); body != nil && (body.StartByte() > at || assignsBefore(x.src[body.StartByte():at], ident)) {
				// file = join('fixtures', file) before test(file, …)
				// (pino's broken-pipe test): the title is not what the
				// caller wrote. A call outside the body (in a default
				// value, or where the parse recovered from an error) is
				// no call of the wrapper's.
				return "", 0, false
			}
			return fn.name, i, true
		}
	}
	return "", 0, false
}

// assignsBefore reports whether text assigns to the name (name = …,
// name += …).
func assignsBefore(text []byte, name string) bool {
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte(name))
		if k < 0 {
			return false
		}
		k += i
		i = k + len(name)
		if k > 0 && (isIdentByte(text[k-1]) || text[k-1] == '.') || i < len(text) && isIdentByte(text[i]) {
			continue
		}
		rest := bytes.TrimLeft(text[i:], " \t")
		if len(rest) > 0 && strings.IndexByte("+-*/%|&?", rest[0]) >= 0 && len(rest) > 1 && rest[1] == '=' {
			return true
		}
		if len(rest) > 0 && rest[0] == '=' && (len(rest) == 1 || rest[1] != '=' && rest[1] != '>') {
			return true
		}
	}
}

// paramNames reads `(c, name: string, fn = noop, ...rest)` into [c name fn
// rest]; a destructured parameter keeps its position with an empty name.
func paramNames(text string) []string {
	text = strings.TrimSpace(text)
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	var out []string
	depth, start := 0, 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) {
			switch text[i] {
			case '(', '[', '{', '<':
				depth++
				continue
			case ')', ']', '}', '>':
				if text[i] == '>' && i > 0 && text[i-1] == '=' {
					continue // an arrow, not a closing angle bracket
				}
				depth--
				continue
			case ',':
				if depth != 0 {
					continue
				}
			default:
				continue
			}
		}
		p := strings.TrimSpace(text[start:i])
		p = strings.TrimPrefix(p, "...")
		j := 0
		for j < len(p) && isIdentByte(p[j]) {
			j++
		}
		out = append(out, p[:j])
		start = i + 1
	}
	return out
}

// build nests the declarations, applies inherited statuses and expands the
// each tables, naming their cases as flavor fl does. over reports a file beyond MaxNames.
func (x *fileScan) build(decls []decl, fw inventory.Framework, fl flavor) (tests []inventory.Test, suites []inventory.Suite, over bool) {
	type open struct {
		end    uint32
		test   bool
		anon   bool
		name   string
		status inventory.TestStatus
	}
	var stack []open
	names := 0
	for _, d := range decls {
		for len(stack) > 0 && stack[len(stack)-1].end <= d.start {
			stack = stack[:len(stack)-1]
		}
		inTest := false
		path := []string{}
		inherited := inventory.TestActive
		for _, o := range stack {
			if o.test {
				inTest = true
				break
			}
			if !o.anon {
				path = append(path, o.name)
			}
			inherited = inheritStatus(o.status, inherited)
		}
		if inTest {
			continue
		}
		if d.hook {
			stack = append(stack, open{end: d.end, test: true})
			continue
		}
		own := d.status
		if d.noBody && !d.suite && fw != inventory.FrameworkNodeTest {
			own = stronger(own, inventory.TestTodo)
		}
		status := effective(own, inherited)
		stack = append(stack, open{end: d.end, test: !d.suite, anon: d.anonymous, name: d.name, status: status})
		if d.suite {
			if !d.anonymous {
				names += len(path) + 1
				suites = append(suites, inventory.Suite{Path: append(path, d.name), Line: d.line})
			}
			if names > MaxNames {
				return nil, nil, true
			}
			continue
		}
		tests = append(tests, inventory.Test{SuitePath: path, Name: d.name, Line: d.line, Status: status, Kind: inventory.KindTest, Condition: d.cond})
		names += len(path) + 1
		cases := d.loopCases
		if d.table != nil {
			cases = x.cases(d, fl)
		}
		if len(cases) > 0 {
			casePath := append(append([]string{}, path...), d.name)
			for _, c := range cases {
				names += len(casePath) + 1
				if names > MaxNames {
					return nil, nil, true
				}
				at := casePath
				if c.group != "" {
					at = append(casePath[:len(casePath):len(casePath)], c.group)
				}
				tests = append(tests, inventory.Test{SuitePath: at, Name: c.name, Line: c.line, Status: status, Kind: inventory.KindCase, Condition: d.cond})
			}
		}
		if names > MaxNames {
			return nil, nil, true
		}
	}
	sort.SliceStable(tests, func(i, j int) bool { return tests[i].Line < tests[j].Line })
	return tests, suites, false
}

// inheritStatus combines a suite's own (already effective) status with
// what its parents passed down.
func inheritStatus(suite, parents inventory.TestStatus) inventory.TestStatus {
	return stronger(parents, suite)
}

// effective applies the enclosing suites' status to a test's own: a skipped
// (or todo) suite makes every test but a todo one skipped (todo); a focused
// suite focuses its active tests.
func effective(own, suites inventory.TestStatus) inventory.TestStatus {
	switch suites {
	case inventory.TestSkipped:
		if own == inventory.TestTodo {
			return own
		}
		return inventory.TestSkipped
	case inventory.TestTodo:
		if own == inventory.TestSkipped {
			return own
		}
		return inventory.TestTodo
	case inventory.TestFocused:
		if own == inventory.TestActive {
			return inventory.TestFocused
		}
	}
	return own
}

// maxTableBytes bounds the table text one file may have read: tables can
// nest (a row holding another each call), and each is read whole.
const maxTableBytes = 8 << 20

func (x *fileScan) tableBudget(n *sitter.Node) bool {
	x.tableBytes += int(n.EndByte() - n.StartByte())
	return x.tableBytes <= maxTableBytes
}

// tableCase is one expanded row.
type tableCase struct {
	name string
	line int
	// group is a suite the runner adds between the test and its cases
	// (RuleTester's valid and invalid).
	group string
}

// cases expands the literal table of an each declaration.
func (x *fileScan) cases(d decl, fl flavor) []tableCase {
	t := d.table
	if t == nil {
		return nil
	}
	var out []tableCase
	if t.Type() == "template_string" {
		if !x.tableBudget(t) {
			return nil
		}
		text := ts.Text(t, x.src)
		body := strings.TrimSuffix(strings.TrimPrefix(text, "`"), "`")
		headings, rows, ok := templateTable(body)
		if !ok {
			return nil
		}
		baseLine := ts.Line(t)
		for i, row := range rows {
			obj := value{kind: vObject, keys: headings, elems: row}
			var name string
			if fl.vitest() {
				name, ok = caseTitle(fl, d.name, []value{obj}, i)
			} else {
				name, ok = interpolate(d.name, obj, i, false)
			}
			if !ok || name == "" {
				name = d.name + " [" + strconv.Itoa(i) + "]"
			}
			out = append(out, tableCase{name: name, line: baseLine + strings.Count(body[:row[0].off], "\n")})
		}
		return out
	}
	args := namedArgs(t)
	if len(args) != 1 {
		return nil
	}
	tbl := args[0]
	for (tbl.Type() == "as_expression" || tbl.Type() == "satisfies_expression") && tbl.NamedChildCount() > 0 {
		tbl = tbl.NamedChild(0) // test.each([…] as const): the table asserted
	}
	var v value
	var text string
	rowLines := true
	switch tbl.Type() {
	case "identifier":
		// The const table of that name in scope, as for a loop.
		rowLines = false
		arr := x.nearestArray(ts.Text(tbl, x.src), tbl)
		if arr == nil {
			return nil
		}
		var ok bool
		if v, ok = x.readTable(arr); !ok {
			return nil
		}
	case "array":
		if !x.tableBudget(tbl) {
			return nil
		}
		text = ts.Text(tbl, x.src)
		v = parseLiteral(text)
	default:
		return nil
	}
	if v.kind != vArray {
		return nil
	}
	v, _ = x.resolveMembers(v, tbl, 0)
	allArrays := true
	for _, row := range v.elems {
		if row.kind != vArray {
			allArrays = false
		}
	}
	baseLine := ts.Line(tbl)
	for i, row := range v.elems {
		var rowArgs []value
		switch {
		case row.kind == vArray && (allArrays || fl.vitest()):
			rowArgs = row.elems
		default:
			rowArgs = []value{row}
		}
		name, ok := caseTitle(fl, d.name, rowArgs, i)
		if !ok || name == "" {
			name = d.name + " [" + strconv.Itoa(i) + "]"
		}
		line := d.line
		if rowLines {
			line = baseLine + strings.Count(text[:row.off], "\n")
		}
		out = append(out, tableCase{name: name, line: line})
	}
	return out
}
