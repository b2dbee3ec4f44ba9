package ruby

import (
	"bytes"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// read runs the query and records the items it finds.
func (r *reader) read(root *sitter.Node, src []byte) {
	firstInDef := map[uint32]string{}
	firstInBlock := map[uint32]string{}
	for _, mt := range query().Matches(root, src) {
		c := mt.Captures
		switch mt.Pattern {
		case patCall, patRSpecCall:
			m := ts.Text(c["m"], src)
			if mt.Pattern == patCall && (m == "class_eval" || m == "module_eval") && c["blk"] == nil && c["args"] != nil {
				r.evalDefs(c["args"], src)
				continue
			}
			if mt.Pattern == patCall && !callNames[m] {
				// A hook, let, proc … with a block is opaque: an example
				// inside it is not one of the group's. Any other block
				// (include_context, a helper that yields) is part of the
				// group.
				if b := c["blk"]; b != nil && (opaqueBlocks[m] || m == "included") {
					n := c["call"]
					kind := kOpaque
					if m == "included" {
						kind = kMixin // ActiveSupport::Concern: run in each including class
					}
					r.items = append(r.items, item{kind: kind, method: m, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
				}
				continue
			}
			if mt.Pattern == patRSpecCall && (!callNames[m] || ts.Text(c["recv"], src) != "RSpec") {
				continue
			}
			if mt.Pattern == patRSpecCall {
				r.rspecDSL = true
				if _, ok := groupMethods[m]; !ok {
					continue
				}
			}
			var args []arg
			if a := c["args"]; a != nil && a.EndByte()-a.StartByte() <= maxArgText {
				args = parseArgs(ts.Text(a, src))
			}
			if m == "require" || m == "require_relative" {
				if len(args) > 0 && args[0].kind == aString {
					req := args[0].s
					if m == "require_relative" {
						req = "./" + req // from the file's folder (bases.go)
					}
					r.requires = append(r.requires, req)
				}
				continue
			}
			n := c["call"]
			it := item{method: m, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n), args: args}
			if b := c["blk"]; b != nil {
				it.hasBlock, it.blockStart = true, b.StartByte()
			}
			_, group := groupMethods[m]
			if _, nested := nestedGroups[m]; group || nested {
				if !it.hasBlock {
					continue
				}
				it.kind = kGroup
			} else {
				it.kind = kExample
			}
			if m != "test" {
				it.cond = metaCond(args)
			}
			r.items = append(r.items, it)
		case patLoop:
			if ts.Text(c["m"], src) != "each" {
				continue
			}
			n := c["loop"]
			it := item{kind: kLoop, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)}
			param := strings.TrimSpace(strings.Trim(ts.Text(c["params"], src), "|"))
			if arr := c["arr"]; isWord(param) && arr.EndByte()-arr.StartByte() <= maxArgText {
				if elems, ok := arrayElems(ts.Text(arr, src), MaxCases); ok {
					it.elems, it.param = elems, param
				}
			}
			r.items = append(r.items, it)
		case patClass:
			n := c["class"]
			it := item{kind: kClass, method: ts.Text(c["name"], src), start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)}
			if s := c["super"]; s != nil {
				it.super = ts.Text(s, src)
			}
			r.items = append(r.items, it)
		case patModule:
			n := c["module"]
			r.items = append(r.items, item{kind: kModule, method: ts.Text(c["name"], src), start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
		case patDef, patSingletonDef:
			n := c["def"]
			name := ts.Text(c["name"], src)
			if n == nil {
				n, name = c["sdef"], "self."+name
			}
			r.items = append(r.items, item{kind: kDef, method: name, start: n.StartByte(), end: n.EndByte(), line: ts.Line(c["name"])})
		case patFirstInDef:
			firstInDef[c["fdef"].StartByte()] = firstWord(c["first"], src)
		case patFirstInDoBlock, patFirstInBlock:
			firstInBlock[c["fblk"].StartByte()] = firstWord(c["first"], src)
		case patVisibility:
			if w := ts.Text(c["vis"], src); w != "private" && w != "protected" && w != "public" {
				continue
			}
			r.visibility = append(r.visibility, marker{at: c["vis"].StartByte(), word: ts.Text(c["vis"], src)})
		case patIf, patUnless, patElsif:
			// Each branch is an item of its own: the then-branch holds
			// under the condition, the else/elsif branch under its negation.
			cond := condText(c["cond"], src)
			if cond == "" {
				continue
			}
			yes, no := cond, "!("+cond+")"
			if mt.Pattern == patUnless {
				yes, no = no, cond
			}
			if n := c["then"]; n != nil {
				r.items = append(r.items, item{kind: kCond, cond: yes, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
			}
			if n := c["alt"]; n != nil {
				r.items = append(r.items, item{kind: kCond, cond: no, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
			}
		case patSingletonClass:
			// class << self: its methods are the class's own (def
			// self.x), never tests; a plain class around them.
			n := c["sclass"]
			r.items = append(r.items, item{kind: kClass, method: "class << self", start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
		case patIfModifier, patUnlessModifier:
			cond := condText(c["cond"], src)
			if cond == "" {
				continue
			}
			if mt.Pattern == patUnlessModifier {
				cond = "!(" + cond + ")"
			}
			n := c["mod"]
			r.items = append(r.items, item{kind: kCond, cond: cond, start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)})
		}
	}
	// A statement modifier starts where its statement does, and a branch
	// may be one statement: the longer item encloses the shorter, a branch
	// the statement it is.
	sort.SliceStable(r.items, func(a, b int) bool {
		x, y := &r.items[a], &r.items[b]
		if x.start != y.start {
			return x.start < y.start
		}
		if x.end != y.end {
			return x.end > y.end
		}
		return x.kind == kCond && y.kind != kCond
	})
	for i := range r.items {
		it := &r.items[i]
		switch {
		case it.kind == kDef:
			it.firstStmt = firstInDef[it.start]
		case it.hasBlock:
			it.firstStmt = firstInBlock[it.blockStart]
		}
	}
}

// evalDefs reads the methods a class_eval of a heredoc defines when it is
// told where the text is (class_eval <<-CODE, __FILE__, __LINE__ + 1):
// Ruby then places each method at its line in the file, as if written
// there, so a def test_… in it is a test method of the class around, its
// name as written (nokogiri defines its subclass tests so, in a loop).
func (r *reader) evalDefs(args *sitter.Node, src []byte) {
	if args.EndByte()-args.StartByte() > maxArgText {
		return
	}
	text := ts.Text(args, src)
	if !strings.Contains(text, "__FILE__") || !strings.Contains(text, "__LINE__") {
		return
	}
	at := strings.Index(text, "<<")
	if at < 0 {
		return
	}
	j := at + 2
	indented := j < len(text) && (text[j] == '-' || text[j] == '~')
	if indented {
		j++
	}
	quote := byte(0)
	if j < len(text) && (text[j] == '\'' || text[j] == '"') {
		quote = text[j]
		j++
	}
	k := j
	for k < len(text) && isWordByte(text[k]) {
		k++
	}
	id := text[j:k]
	if id == "" || quote != 0 && (k >= len(text) || text[k] != quote) {
		return
	}
	// The body starts on the line after the heredoc's opening.
	nl := bytes.IndexByte(src[int(args.StartByte())+at:], '\n')
	if nl < 0 {
		return
	}
	pos := int(args.StartByte()) + at + nl + 1
	line := ts.Line(args) + strings.Count(text[:at], "\n") + 1
	// A file's heredocs are read within one budget: a hostile file of
	// unterminated ones would otherwise cost quadratic time.
	scanned := pos
	defer func() { r.evalScanned += pos - scanned }()
	for limit := pos + min(maxArgText, maxEvalScan-r.evalScanned); pos < len(src) && pos < limit; line++ {
		end := bytes.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src) - pos
		}
		l := string(src[pos : pos+end])
		if t := l; indented && strings.TrimSpace(t) == id || !indented && t == id {
			return
		}
		if name := evalTestDef(l); name != "" {
			r.items = append(r.items, item{kind: kDef, method: name, start: uint32(pos), end: uint32(pos + end), line: line})
		}
		pos += end + 1
	}
}

// maxEvalScan bounds the bytes of evaluated heredocs read in one file.
const maxEvalScan = 1 << 20

// evalTestDef returns the name of a `def test_…` line ("" for any other),
// interpolations kept as written (def test_x_#{klass.name.gsub("::", "_")}).
func evalTestDef(l string) string {
	t := strings.TrimLeft(l, " \t")
	if !strings.HasPrefix(t, "def test_") {
		return ""
	}
	t = t[len("def "):]
	i, depth := 0, 0
	for i < len(t) {
		switch c := t[i]; {
		case depth > 0 && c == '}':
			depth--
		case depth > 0:
		case c == '#' && i+1 < len(t) && t[i+1] == '{':
			depth++
			i++
		case !isWordByte(c) && c != '?' && c != '!':
			return t[:i]
		}
		i++
	}
	if depth > 0 {
		return ""
	}
	return t
}

// firstWord returns the method name a first statement calls (skip,
// pending), or "".
func firstWord(n *sitter.Node, src []byte) string {
	if n.EndByte()-n.StartByte() > 4096 {
		return ""
	}
	t := ts.Text(n, src)
	end := 0
	for end < len(t) && isWordByte(t[end]) {
		end++
	}
	return t[:end]
}

// nest sets every item's parent from byte ranges (items nest properly).
func (r *reader) nest() {
	var stack []int
	for i := range r.items {
		it := &r.items[i]
		for len(stack) > 0 && r.items[stack[len(stack)-1]].end <= it.start {
			stack = stack[:len(stack)-1]
		}
		it.parent = -1
		if len(stack) > 0 {
			it.parent = stack[len(stack)-1]
			it.condAll, it.condN = r.items[it.parent].condAll, r.items[it.parent].condN
		}
		if it.cond != "" {
			it.condAll, it.condN = andCond(it.condAll, it.condN, it.cond)
		}
		stack = append(stack, i)
	}
	defer r.setOwners()
	r.assignMarkers()
	// Test classes: by superclass, through a test class of this file, or
	// through one a required file defines (bases.go).
	classes := map[string]int{}
	for i := range r.items {
		if r.items[i].kind == kClass {
			classes[r.items[i].method] = i
		}
	}
	r.classes = classes
	var remote map[string]bool
	if r.tree != nil {
		remote = r.remoteTestBases(r.tree, r.path, r.requires)
	}
	for range 4 { // local chains of bases, a few levels deep
		for i := range r.items {
			it := &r.items[i]
			if it.kind != kClass || it.super == "" {
				continue
			}
			if it.super == "self" || it.super == "superclass" {
				// class TestStringIO < self inside a test class
				// (test-unit's nested cases): a test class too.
				if home := r.defHome(i); home >= 0 && r.items[home].kind == kTestClass {
					it.kind = kTestClass
				}
				continue
			}
			if j, ok := classes[it.super]; ok && j != i {
				if r.items[j].kind == kTestClass {
					it.kind = kTestClass
				}
				continue
			}
			if testSuperclass(it.super) || remote[it.super] {
				it.kind = kTestClass
				if strings.HasPrefix(strings.TrimPrefix(it.super, "::"), "Test::Unit") {
					r.testUnit = true
				} else {
					r.minitest = true
				}
			}
		}
	}
}

// setOwners computes every item's owner in one pass (parents come first).
func (r *reader) setOwners() {
	for i := range r.items {
		it := &r.items[i]
		it.owner = it.parent
		if p := it.parent; p >= 0 && transparent(r.items[p].kind) {
			it.owner = r.items[p].owner
		}
	}
}

// testSuperclass reports whether a superclass names a Minitest or Rails test
// case (Minitest::Test, Minitest::Spec, ActiveSupport::TestCase,
// ActionDispatch::IntegrationTest, ApplicationSystemTestCase, …) or
// Test::Unit::TestCase.
func testSuperclass(super string) bool {
	last := super[strings.LastIndex(super, ":")+1:]
	return strings.HasSuffix(last, "Test") || strings.HasSuffix(last, "TestCase") || super == "Minitest::Spec" || super == "MiniTest::Spec"
}

// node is the collected state of one item: its suite path and status, and
// whether it is a live grouping (an example inside it is a test).
type node struct {
	path   []string
	status inventory.TestStatus
	live   bool
}

// owner returns the nearest enclosing item that matters for nesting:
// loops, modules and plain classes are transparent.
func (r *reader) owner(i int) int { return r.items[i].owner }

// transparent reports whether an item is skipped over when looking for
// the grouping around something.
func transparent(k itemKind) bool { return k == kLoop || k == kModule || k == kClass || k == kCond }

// collect turns the items into suites and tests. With minitestRules, what
// only Minitest makes a test is one too: a describe block is a class whose
// public test_ methods run, a module's public test_ methods run in every
// test class that includes it (reported once, where written, with the
// module as their suite: the including classes may be in other files), and
// an it without a description is "anonymous". Without them, the reader only
// notes that the file has such things (minitestOnly).
func (r *reader) collect(minitestRules bool) {
	r.minitestRules = minitestRules
	moduleSuites := map[int]bool{}
	nodes := make([]node, len(r.items))
	suiteHasTests := map[int]bool{}
	own := map[int][]ownTest{} // test class → its test_ methods
	// A test of a module runs in every test class that includes it: it is
	// reported once, where written, with the module as its suite (Minitest's
	// rules only).
	addModuleTest := func(mod, i int, name string, status inventory.TestStatus) {
		r.minitestOnly = true
		if !minitestRules {
			return
		}
		path := []string{r.qualified(mod)}
		r.tests = append(r.tests, inventory.Test{SuitePath: path, Name: name, Line: r.items[i].line, Status: status, Kind: inventory.KindTest, Condition: r.items[i].condAll})
		if !moduleSuites[mod] {
			moduleSuites[mod] = true
			r.suites = append(r.suites, inventory.Suite{Path: path, Line: r.items[mod].line})
		}
	}
	for i := range r.items {
		it := &r.items[i]
		o := r.owner(i)
		parent := node{path: []string{}, live: o < 0}
		if o >= 0 {
			parent = nodes[o]
			if r.items[o].kind != kGroup && r.items[o].kind != kTestClass {
				parent.live = false
			}
		}
		switch it.kind {
		case kGroup:
			if !parent.live && o >= 0 {
				continue
			}
			own := groupMethods[it.method]
			own = stronger(own, metaStatus(it.args))
			name := groupName(it.args)
			if prefix, nested := nestedGroups[it.method]; nested {
				name = prefix + groupName(it.args[:min(len(it.args), 1)]) // the shared group's name only
			}
			nodes[i] = node{path: appendPath(parent.path, name), status: inherit(parent.status, own), live: true}
			if it.method == "context" || it.method == "feature" || strings.HasPrefix(it.method, "shared_") || it.method[0] == 'x' || it.method[0] == 'f' {
				r.rspecish = true
			}
		case kTestClass:
			nodes[i] = node{path: []string{r.qualified(i)}, live: true}
		case kExample:
			if it.method == "test" {
				if mod := r.mixinModule(i); mod >= 0 {
					// test "x" in a module's included hook: each including
					// class gets test_x.
					if name, status, ok := declarativeTest(it); ok {
						addModuleTest(mod, i, name, status)
					}
					continue
				}
			}
			if o < 0 || !parent.live {
				continue
			}
			name, status, ok := r.example(i, o)
			if !ok {
				continue
			}
			nodes[i] = node{path: parent.path}
			r.addTest(i, o, parent, name, inherit(parent.status, status))
			suiteHasTests[o] = true
		case kDef:
			if !strings.HasPrefix(it.method, "test_") || r.private(i) {
				continue
			}
			status := inventory.TestActive
			if it.firstStmt == "skip" {
				status = inventory.TestSkipped
			}
			// The class or block whose method it is: a method of a plain
			// class nested in a test class (a controller of the test), or of
			// class << self, is none of the test class's.
			switch home := r.defHome(i); {
			case home < 0:
			case home == o && r.items[o].kind == kTestClass:
				r.tests = append(r.tests, inventory.Test{SuitePath: parent.path, Name: it.method, Line: it.line, Status: status, Kind: inventory.KindTest, Condition: it.condAll})
				suiteHasTests[o] = true
				own[o] = append(own[o], ownTest{test: len(r.tests) - 1, item: i})
			case home == o && r.items[o].kind == kGroup && parent.live:
				r.minitestOnly = true
				if minitestRules {
					r.tests = append(r.tests, inventory.Test{SuitePath: parent.path, Name: it.method, Line: it.line, Status: inherit(parent.status, status), Kind: inventory.KindTest, Condition: it.condAll})
					suiteHasTests[o] = true
				}
			default:
				if mod := r.mixinModule(i); mod >= 0 {
					addModuleTest(mod, i, it.method, status)
				}
			}
		}
	}
	r.inherit(nodes, own, suiteHasTests)
	// A grouping is a suite when some test is inside it (directly or not).
	for i := range r.items {
		if !suiteHasTests[i] {
			continue
		}
		// Ancestors already marked had their own ancestors marked then.
		for p := r.owner(i); p >= 0 && !suiteHasTests[p]; p = r.owner(p) {
			if k := r.items[p].kind; k != kGroup && k != kTestClass {
				break
			}
			suiteHasTests[p] = true
		}
	}
	for i := range r.items {
		if suiteHasTests[i] && (r.items[i].kind == kGroup || r.items[i].kind == kTestClass) {
			r.suites = append(r.suites, inventory.Suite{Path: nodes[i].path, Line: r.items[i].line})
		}
	}
	sort.SliceStable(r.tests, func(a, b int) bool { return r.tests[a].Line < r.tests[b].Line })
	sort.SliceStable(r.suites, func(a, b int) bool { return r.suites[a].Line < r.suites[b].Line })
}

// declarativeTest reads ActiveSupport's test "a b" do … end: the method
// test_a_b, todo without a block, skipped when the block starts with skip.
func declarativeTest(it *item) (string, inventory.TestStatus, bool) {
	if len(it.args) == 0 || it.args[0].kind != aString {
		return "", "", false
	}
	status := inventory.TestActive
	if !it.hasBlock {
		status = inventory.TestTodo
	} else if it.firstStmt == "skip" {
		status = inventory.TestSkipped
	}
	return "test_" + strings.Join(strings.Fields(it.args[0].s), "_"), status, true
}

// mixinModule returns the module whose including classes get what item i
// declares: i is in the module's body, in its `included do … end` block
// (ActiveSupport::Concern) or in its `def self.included(base)`
// (base.class_eval do … end); -1 otherwise.
func (r *reader) mixinModule(i int) int {
	home := r.defHome(i)
	if home < 0 {
		return -1
	}
	switch h := &r.items[home]; {
	case h.kind == kModule:
		return home
	case h.kind == kMixin, h.kind == kDef && h.method == "self.included":
		if m := r.defHome(home); m >= 0 && r.items[m].kind == kModule {
			return m
		}
	}
	return -1
}

// defHome is the class, module or block whose body defines the method i
// (conditions and loops around it are transparent), or -1 at the top level.
func (r *reader) defHome(i int) int {
	p := r.items[i].parent
	for p >= 0 && (r.items[p].kind == kCond || r.items[p].kind == kLoop) {
		p = r.items[p].parent
	}
	return p
}

// ownTest is a test_ method of a test class: its index in r.tests and its item.
type ownTest struct{ test, item int }

// inherit adds to each test class the public test_ methods of the test
// classes of this file it derives from (Minitest runs inherited test
// methods in every subclass), unless the subclass overrides them. An
// inherited method's condition is the subclass's with the conditions
// around the method inside its own class.
func (r *reader) inherit(nodes []node, own map[int][]ownTest, suiteHasTests map[int]bool) {
	for i := range r.items {
		it := &r.items[i]
		if it.kind != kTestClass {
			continue
		}
		seen := map[string]bool{}
		for _, t := range own[i] {
			seen[r.tests[t.test].Name] = true
		}
		base, ok := r.classes[it.super]
		for depth := 0; ok && base != i && depth < 8; depth++ {
			for _, t := range own[base] {
				bt := r.tests[t.test]
				if seen[bt.Name] || len(r.tests) >= MaxCases*10 {
					continue
				}
				seen[bt.Name] = true
				r.tests = append(r.tests, inventory.Test{SuitePath: nodes[i].path, Name: bt.Name, Line: bt.Line, Status: bt.Status, Kind: inventory.KindTest, Condition: r.condWithin(i, t.item, base)})
				suiteHasTests[i] = true
			}
			base, ok = r.classes[r.items[base].super]
		}
	}
}

// example reads one example call inside the grouping o: its name and own
// status, or ok=false when the call is not an example (a `skip` inside an
// example body, `test` outside a test class).
func (r *reader) example(i, o int) (string, inventory.TestStatus, bool) {
	it := &r.items[i]
	m := it.method
	var status inventory.TestStatus
	switch m {
	case "test":
		if r.items[o].kind != kTestClass {
			return "", "", false
		}
		return declarativeTest(it)
	case "define_method":
		// define_method("test_#{x}") do … end in a test class, often in
		// a loop: one declared test, named as written (and its cases
		// when the loop is over a literal list). Its block is a body.
		if !it.hasBlock || len(it.args) == 0 || it.args[0].kind != aString && it.args[0].kind != aSymbol ||
			!strings.HasPrefix(it.args[0].s, "test_") || r.private(i) {
			return "", "", false
		}
		switch r.items[o].kind {
		case kTestClass:
		case kGroup:
			r.minitestOnly = true // a describe block is a class in Minitest only
			if !r.minitestRules {
				return "", "", false
			}
		default:
			return "", "", false
		}
		status = inventory.TestActive
		if it.firstStmt == "skip" {
			status = inventory.TestSkipped
		}
		return it.args[0].s, status, true
	case "skip", "pending":
		if r.items[o].kind != kGroup || len(it.args) == 0 && !it.hasBlock {
			return "", "", false
		}
		switch {
		case m == "skip":
			status = inventory.TestSkipped
		case it.hasBlock:
			status = inventory.TestXFail // RSpec 3 runs a pending block and expects it to fail
		default:
			status = inventory.TestTodo
		}
	default:
		status = exampleMethods[m]
		if !it.hasBlock && status != inventory.TestSkipped {
			status = inventory.TestTodo
		}
	}
	if it.hasBlock {
		switch it.firstStmt {
		case "skip":
			status = stronger(status, inventory.TestSkipped)
		case "pending":
			status = stronger(status, inventory.TestXFail)
		}
	}
	status = stronger(status, metaStatus(it.args))
	if status == "" {
		status = inventory.TestActive
	}
	return r.exampleName(it), status, true
}

// exampleName is the description RSpec (or, with minitestRules, Minitest)
// shows for an example.
func (r *reader) exampleName(it *item) string {
	if len(it.args) > 0 {
		switch a := it.args[0]; a.kind {
		case aString, aSymbol, aConst:
			if a.s != "" {
				return a.s
			}
		case aOther:
			if a.raw != "" {
				return a.raw
			}
		}
	}
	// Minitest's it without a description defines test_NNNN_anonymous.
	r.minitestOnly = true
	if r.minitestRules {
		return "anonymous"
	}
	return "example at ./" + r.path + ":" + strconv.Itoa(it.line)
}

// addTest adds one example, and the cases of a literal `.each` loop around
// it when its name interpolates the loop variable.
func (r *reader) addTest(i, o int, parent node, name string, status inventory.TestStatus) {
	it := &r.items[i]
	r.tests = append(r.tests, inventory.Test{SuitePath: parent.path, Name: name, Line: it.line, Status: status, Kind: inventory.KindTest, Condition: it.condAll})
	p := it.parent
	for p >= 0 && r.items[p].kind == kCond {
		p = r.items[p].parent
	}
	if p < 0 || r.items[p].kind != kLoop || r.items[p].param == "" || len(it.args) == 0 || !it.args[0].interp {
		return
	}
	loop := &r.items[p]
	placeholder := "#{" + loop.param + "}"
	if !strings.Contains(name, placeholder) || strings.Contains(strings.ReplaceAll(name, placeholder, ""), "#{") {
		return
	}
	if r.cases+len(loop.elems) > MaxCases || len(loop.elems) == 0 {
		return
	}
	r.cases += len(loop.elems)
	casePath := appendPath(parent.path, name)
	r.suites = append(r.suites, inventory.Suite{Path: casePath, Line: it.line})
	for _, e := range loop.elems {
		caseName := strings.ReplaceAll(name, placeholder, e)
		if caseName == "" {
			caseName = "[" + strconv.Itoa(len(r.tests)) + "]"
		}
		r.tests = append(r.tests, inventory.Test{SuitePath: casePath, Name: caseName, Line: it.line, Status: status, Kind: inventory.KindCase, Condition: it.condAll})
	}
}

// marker is a bare private/protected/public in a class body.
type marker struct {
	at   uint32
	word string
}

// assignMarkers hands every bare private/protected/public to the class or
// module whose own body holds it (items and markers are both in source order).
func (r *reader) assignMarkers() {
	sort.Slice(r.visibility, func(a, b int) bool { return r.visibility[a].at < r.visibility[b].at })
	var stack []int
	k := 0
	for _, m := range r.visibility {
		for ; k < len(r.items) && r.items[k].start <= m.at; k++ {
			for len(stack) > 0 && r.items[stack[len(stack)-1]].end <= r.items[k].start {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, k)
		}
		for len(stack) > 0 && r.items[stack[len(stack)-1]].end <= m.at {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && (r.items[stack[len(stack)-1]].kind == kClass || r.items[stack[len(stack)-1]].kind == kModule) {
			c := &r.items[stack[len(stack)-1]]
			c.markers = append(c.markers, m)
		}
	}
}

// private reports whether the method i follows a bare `private` or
// `protected` in its class body (Minitest runs public test_ methods only).
func (r *reader) private(i int) bool {
	p := r.items[i].parent
	for p >= 0 && r.items[p].kind == kCond {
		p = r.items[p].parent
	}
	if p < 0 {
		return false
	}
	ms := r.items[p].markers
	n := sort.Search(len(ms), func(k int) bool { return ms[k].at > r.items[i].start })
	return n > 0 && (ms[n-1].word == "private" || ms[n-1].word == "protected")
}

// qualified is a class's name with its enclosing modules and classes.
func (r *reader) qualified(i int) string {
	name := r.items[i].method
	for p := r.items[i].parent; p >= 0; p = r.items[p].parent {
		if k := r.items[p].kind; k == kModule || k == kClass || k == kTestClass {
			name = r.items[p].method + "::" + name
		}
	}
	return name
}

// groupName is RSpec's description of a group: its first argument (a
// class, a string, a symbol) joined with a second string argument, with no
// space before "#", "." or "::".
func groupName(args []arg) string {
	var parts []string
	for k, a := range args {
		if k > 1 || a.kind == aPair {
			break
		}
		switch a.kind {
		case aString, aSymbol, aConst:
			if k == 1 && a.kind != aString {
				break
			}
			parts = append(parts, a.s)
		case aOther:
			if k == 0 && a.raw != "" {
				parts = append(parts, a.raw)
			}
		}
	}
	name := ""
	for k, p := range parts {
		if k > 0 && !strings.HasPrefix(p, "#") && !strings.HasPrefix(p, ".") && !strings.HasPrefix(p, "::") {
			name += " "
		}
		name += p
	}
	if strings.TrimSpace(name) == "" {
		return "(anonymous)"
	}
	return name
}

// metaStatus reads RSpec metadata: :skip, skip: true/"why", :pending,
// pending: true, :focus, focus: true.
func metaStatus(args []arg) inventory.TestStatus {
	var st inventory.TestStatus
	for _, a := range args {
		key := ""
		switch a.kind {
		case aSymbol:
			key = a.s
		case aPair:
			if v := a.value; v != nil && (v.raw == "false" || v.raw == "nil") {
				continue
			}
			key = a.s
		default:
			continue
		}
		switch key {
		case "skip":
			st = stronger(st, inventory.TestSkipped)
		case "pending":
			st = stronger(st, inventory.TestXFail)
		case "focus", "fit":
			st = stronger(st, inventory.TestFocused)
		}
	}
	return st
}

// rank orders a test's own statuses when several apply.
func rank(s inventory.TestStatus) int {
	switch s {
	case inventory.TestSkipped:
		return 4
	case inventory.TestTodo:
		return 3
	case inventory.TestXFail:
		return 2
	case inventory.TestFocused:
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

// inherit applies a suite's status to something inside it: a skipped suite
// skips everything; a focused or pending suite turns active tests focused
// or xfail; a test's own stronger status stays.
func inherit(suite, own inventory.TestStatus) inventory.TestStatus {
	switch suite {
	case inventory.TestSkipped:
		return inventory.TestSkipped
	case inventory.TestXFail:
		if own == "" || own == inventory.TestActive || own == inventory.TestFocused {
			return inventory.TestXFail
		}
	case inventory.TestFocused:
		if own == "" || own == inventory.TestActive {
			return inventory.TestFocused
		}
	}
	return own
}

func appendPath(path []string, name string) []string {
	out := make([]string, len(path), len(path)+1)
	copy(out, path)
	return append(out, name)
}

// scores are the file's own detection signals.
func (r *reader) scores(relPath string) map[inventory.Framework]int {
	s := map[inventory.Framework]int{}
	base := path.Base(relPath)
	if strings.HasSuffix(base, "_spec.rb") {
		s[inventory.FrameworkRSpec] += project.NameWeight
	}
	for _, req := range r.requires {
		r.testUnit = r.testUnit || req == "test/unit" || strings.HasPrefix(req, "test/unit/")
	}
	// test-unit has no name in the vocabulary: its naming convention is not
	// evidence for Minitest.
	if !r.testUnit && (strings.HasSuffix(base, "_test.rb") || strings.HasPrefix(base, "test_")) {
		s[inventory.FrameworkMinitest] += project.NameWeight
	}
	if r.rspecDSL {
		s[inventory.FrameworkRSpec] += project.ImportWeight
	}
	if r.rspecish {
		s[inventory.FrameworkRSpec] += 5
	}
	if r.minitest {
		s[inventory.FrameworkMinitest] += project.ImportWeight
	}
	for _, req := range r.requires {
		req = strings.TrimPrefix(req, "./")
		switch {
		case req == "rspec" || strings.HasPrefix(req, "rspec/"):
			s[inventory.FrameworkRSpec] += project.ImportWeight
		case req == "minitest" || strings.HasPrefix(req, "minitest/"):
			s[inventory.FrameworkMinitest] += project.ImportWeight
		case slices.Contains([]string{"spec_helper", "rails_helper"}, strings.TrimSuffix(path.Base(req), ".rb")):
			s[inventory.FrameworkRSpec] += 30
		case strings.TrimSuffix(path.Base(req), ".rb") == "test_helper":
			s[inventory.FrameworkMinitest] += 30
		}
	}
	return s
}
