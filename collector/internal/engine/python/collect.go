package python

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/contracts/inventory"
)

// effect is what one decorator or mark means for collection.
type effect struct {
	status  inventory.TestStatus // skipped or xfail, or "" for none
	fixture bool                 // @pytest.fixture: never a test
	param   *val                 // a parametrize call
}

// result is the outcome of collect.
type result struct {
	tests           []inventory.Test
	suites          []inventory.Suite
	unittestClasses bool // tests from unittest.TestCase classes
	pytestStyle     bool // module test functions or plain Test classes
}

// collector walks the definitions the way pytest collects a module.
type collector struct {
	m        *module
	tree     frontend.Tree // nil: no other module is read
	path     string        // the module's path in tree
	children map[int][]int // def → direct child defs, last definition of each name only
	topLevel []int
	classes  map[string]int      // module-level class name → def
	testCase map[int]bool        // memo of isTestCase
	aliases  map[string][]effect // memo of module-level mark aliases
	consts   map[string]val      // memo of module-level constants read by resolve
	res      result
	cases    int
	// class is the class whose body is being collected (-1: none): its
	// constants come before the module's in a parametrize (resolve).
	class int
	// onlyBases memoizes onlyBase: the module-level classes of a helper
	// module that run only as bases of collected modules' classes.
	onlyBases map[string]baseOnly
}

// rank orders statuses: a stronger one wins when marks combine.
func rank(s inventory.TestStatus) int {
	switch s {
	case inventory.TestSkipped:
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

// collect lists the tests and suites pytest (or unittest) would collect.
// tr, when not nil, resolves base classes imported from other modules of the
// repository (crossfile.go); relPath is the module's path in it.
func (m *module) collect(tr frontend.Tree, relPath string) result {
	c := newCollector(m, tr, relPath)
	modStatus, modParams := c.marksOf(m.assigns["pytestmark"], true)
	mixins := c.testCaseMixins()
	loaded := m.loadTestsClasses()
	for _, i := range c.topLevel {
		d := &m.defs[i]
		switch {
		case !d.class:
			if strings.HasPrefix(d.name, "test") {
				if c.addTest(i, nil, modStatus, modParams, true) {
					c.res.pytestStyle = true
				}
			}
		case c.isTestCase(i, 0):
			if loaded != nil && !loaded[d.name] {
				continue // load_tests leaves it out: its tests run in the subclasses it names
			}
			if b, ok := c.onlyBase(d.name); ok {
				c.collectBound(i, b, modStatus, nil, true)
				continue // its other tests are listed in the subclasses (bases.go)
			}
			c.collectClass(i, nil, modStatus, nil, true)
		case c.isPytestClass(i) && !mixins[i]:
			if b, ok := c.onlyBase(d.name); ok {
				c.collectBound(i, b, modStatus, modParams, false)
				continue
			}
			c.collectClass(i, nil, modStatus, modParams, false)
		}
	}
	for _, a := range m.caseAliases {
		if _, redefined := c.classes[a.name]; redefined {
			continue
		}
		// One test, runTest, as the class's machinery defines it.
		path := []string{a.name}
		c.res.suites = append(c.res.suites, inventory.Suite{Path: path, Line: a.line})
		c.res.tests = append(c.res.tests, inventory.Test{SuitePath: path, Name: "runTest", Line: a.line, Status: stronger(inventory.TestActive, modStatus), Kind: inventory.KindTest})
		c.res.unittestClasses = true
	}
	c.collectMadeTests(modStatus)
	return c.sorted()
}

// collectMadeTests lists the module-level names test… bound to what a test
// factory of the module returns (Hypothesis' test_can_produce_zero =
// define_test(integers(), lambda x: x == 0)): pytest collects the function
// the call makes under the bound name. A factory is a module-level function
// that returns one of its own nested functions or a lambda; a call of
// anything else (a DataFrame, a path) binds no test. A def of the same name
// elsewhere in the module is left to its own rule.
func (c *collector) collectMadeTests(modStatus inventory.TestStatus) {
	if len(c.m.madeTests) == 0 {
		return
	}
	named := map[string]int{}
	for _, i := range c.topLevel {
		named[c.m.defs[i].name] = i
	}
	for _, a := range c.m.madeTests {
		if _, defined := named[a.name]; defined {
			continue
		}
		if f, ok := named[a.callee]; ok && c.isFactory(f) {
			c.res.tests = append(c.res.tests, inventory.Test{SuitePath: []string{}, Name: a.name, Line: a.line, Status: stronger(inventory.TestActive, modStatus), Kind: inventory.KindTest})
			c.res.pytestStyle = true
		}
	}
}

// isFactory reports whether the module-level def i is a function that
// returns a function it makes: one of its nested defs, or a lambda.
func (c *collector) isFactory(i int) bool {
	d := &c.m.defs[i]
	if d.class {
		return false
	}
	for _, r := range d.returns {
		if r == "lambda" {
			return true
		}
		for _, ch := range c.children[i] {
			if cd := &c.m.defs[ch]; !cd.class && cd.name == r {
				return true
			}
		}
	}
	return false
}

// testCaseMixins returns, in a module that does not import pytest, the
// plain classes its TestCase classes inherit from (CPython's
// `class TestJointOps:` under `class TestSet(TestJointOps,
// unittest.TestCase)`). Such a class is a mixin of unittest tests: its
// methods run in the TestCase classes, never on their own (pytest would
// collect a Test-named one, and its self.assert… calls would fail), so it is
// not a test class however it is named. A module that imports pytest keeps
// pytest's rule.
func (c *collector) testCaseMixins() map[int]bool {
	if c.m.imp.pytest || !slices.ContainsFunc(c.topLevel, func(i int) bool { return c.m.defs[i].class && c.isPytestClass(i) && !c.isTestCase(i, 0) }) {
		return nil // no Test-named plain class that could be one
	}
	var mixins map[int]bool
	for _, j := range c.topLevel {
		if !c.m.defs[j].class || !c.isTestCase(j, 0) {
			continue
		}
		for _, b := range c.mro(j) {
			if b.remote.cls == nil && !c.isTestCase(b.local, 0) {
				if mixins == nil {
					mixins = map[int]bool{}
				}
				mixins[b.local] = true
			}
		}
	}
	return mixins
}

// collectTemplates lists, for a module that builds its test classes when
// imported (generatesTests), the test methods written in its module-level
// classes: each runs once per class built from it, under names only the run
// gives (numpy's _SIMD_BOOL.test_operators_logical as
// Test_SIMD_BOOL_128_baseline_b8::test_operators_logical, …). By the counting
// rule a test written once in source is one test, reported in the class
// that writes it. Inherited methods are not repeated: each is reported where
// it is written. A template is a class the module names again after its
// definition (a registry, a base list, the generated text); a class it never
// mentions again builds nothing.
func (m *module) collectTemplates(tr frontend.Tree, relPath string, src []byte) result {
	c := newCollector(m, tr, relPath)
	modStatus, modParams := c.marksOf(m.assigns["pytestmark"], true)
	for _, i := range c.topLevel {
		d := &m.defs[i]
		if !d.class || wordCount(src, d.name) < 2 {
			continue
		}
		unittest := c.isTestCase(i, 0)
		status, params := c.classMarks(i)
		status = stronger(status, modStatus)
		if !unittest {
			params = append(params, modParams...)
		}
		path := []string{d.name}
		before := len(c.res.tests)
		for _, ch := range c.children[i] {
			if cd := &m.defs[ch]; !cd.class && strings.HasPrefix(cd.name, "test") {
				c.addTest(ch, path, status, params, !unittest)
			}
		}
		if len(c.res.tests) > before {
			c.res.suites = append(c.res.suites, inventory.Suite{Path: path, Line: d.line})
			if unittest {
				c.res.unittestClasses = true
			} else {
				c.res.pytestStyle = true
			}
		}
	}
	return c.sorted()
}

// sorted returns the result with its tests and suites in line order.
func (c *collector) sorted() result {
	sort.SliceStable(c.res.tests, func(a, b int) bool { return c.res.tests[a].Line < c.res.tests[b].Line })
	sort.SliceStable(c.res.suites, func(a, b int) bool { return c.res.suites[a].Line < c.res.suites[b].Line })
	return c.res
}

// wordCount counts the occurrences of name in src as a whole word.
func wordCount(src []byte, name string) int {
	n := 0
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte(name))
		if k < 0 {
			return n
		}
		at := i + k
		i = at + len(name)
		if (at == 0 || !isIdentPart(src[at-1])) && (i >= len(src) || !isIdentPart(src[i])) {
			n++
		}
	}
}

// newCollector indexes a module's definitions: the last definition of each
// name per scope, and its module-level classes.
func newCollector(m *module, tr frontend.Tree, relPath string) *collector {
	c := &collector{m: m, tree: tr, path: relPath, class: -1, children: map[int][]int{}, classes: map[string]int{}, testCase: map[int]bool{}, aliases: map[string][]effect{}, consts: map[string]val{}}
	last := map[int]map[string]int{}
	for i := range m.defs {
		d := &m.defs[i]
		if d.excluded {
			continue
		}
		if last[d.parent] == nil {
			last[d.parent] = map[string]int{}
		}
		last[d.parent][d.name] = i // a later definition replaces an earlier one
	}
	for parent, names := range last {
		ids := make([]int, 0, len(names))
		for _, i := range names {
			ids = append(ids, i)
		}
		sort.Ints(ids)
		if parent < 0 {
			c.topLevel = ids
		} else {
			c.children[parent] = ids
		}
	}
	for _, i := range c.topLevel {
		if m.defs[i].class {
			c.classes[m.defs[i].name] = i
		}
	}
	return c
}

// isPytestClass reports whether pytest collects the module-level or nested
// class: named Test…, no __init__ of its own, not marked __test__ = False.
func (c *collector) isPytestClass(i int) bool {
	d := &c.m.defs[i]
	if !strings.HasPrefix(d.name, "Test") || d.assigns["__test__"] == "False" {
		return false
	}
	for _, ch := range c.children[i] {
		if !c.m.defs[ch].class && (c.m.defs[ch].name == "__init__" || c.m.defs[ch].name == "__new__") {
			return false
		}
	}
	return true
}

// isTestCase reports whether the class derives from unittest.TestCase (or
// a TestCase of unittest's family: IsolatedAsyncioTestCase, Django's
// TestCase, …), directly or through classes of the same file.
func (c *collector) isTestCase(i, depth int) bool {
	if depth > 16 {
		return false
	}
	if v, ok := c.testCase[i]; ok {
		return v
	}
	c.testCase[i] = false // a cycle of bases is not a TestCase
	v := c.derivesTestCase(i, depth)
	c.testCase[i] = v
	return v
}

func (c *collector) derivesTestCase(i, depth int) bool {
	for _, b := range c.m.defs[i].bases {
		if j, ok := c.classes[b]; ok && j != i {
			if c.isTestCase(j, depth+1) {
				return true
			}
			continue
		}
		if orig, ok := c.m.imp.fromUT[b]; ok {
			b = orig // from unittest import TestCase as Base
		}
		last := b[strings.LastIndexByte(b, '.')+1:]
		if strings.HasSuffix(last, "TestCase") {
			return true
		}
		if rc, ok := c.lookupBase(&c.m.imp, c.path, b, depth); ok && c.remoteTestCase(rc, depth+1) {
			return true
		}
	}
	return false
}

// collectBound collects, of a helper's class that runs only as a base, the
// test methods bound one by one elsewhere, with their cases.
func (c *collector) collectBound(i int, b baseOnly, status inventory.TestStatus, params []val, unittest bool) {
	if len(b.keep) == 0 {
		return
	}
	tests, suites := len(c.res.tests), len(c.res.suites)
	c.collectClass(i, nil, status, params, unittest)
	class := c.m.defs[i].name
	kept := c.res.tests[:tests]
	for _, t := range c.res.tests[tests:] {
		if len(t.SuitePath) == 1 && b.keep[t.Name] || len(t.SuitePath) == 2 && b.keep[t.SuitePath[1]] {
			kept = append(kept, t)
		}
	}
	c.res.tests = kept
	keptSuites := c.res.suites[:suites]
	for _, s := range c.res.suites[suites:] {
		if len(s.Path) == 1 && len(kept) > tests || len(s.Path) == 2 && s.Path[0] == class && b.keep[s.Path[1]] {
			keptSuites = append(keptSuites, s)
		}
	}
	c.res.suites = keptSuites
}

// collectClass collects one test class; unittest classes get no
// parametrize expansion (pytest does not apply it to them).
func (c *collector) collectClass(i int, path []string, status inventory.TestStatus, params []val, unittest bool) {
	d := &c.m.defs[i]
	st, ps := c.classMarks(i)
	mro := c.mro(i)
	for _, b := range mro {
		if b.remote.cls != nil {
			st = stronger(st, b.remote.cls.status)
			continue
		}
		bs, _ := c.classMarks(b.local)
		st = stronger(st, bs)
	}
	status = stronger(status, st)
	if !unittest {
		params = append(slices.Clone(ps), params...)
	}
	path = append(slices.Clone(path), d.name)
	before := len(c.res.tests)

	// Own methods first, then inherited ones not overridden.
	seen := map[string]bool{}
	methods := []int{}
	var inherited []*methodSummary // from classes of other modules
	for _, b := range append([]baseClass{{local: i}}, mro...) {
		if b.remote.cls != nil {
			for k := range b.remote.cls.methods {
				ms := &b.remote.cls.methods[k]
				if !seen[ms.name] {
					seen[ms.name] = true
					if ms.test {
						inherited = append(inherited, ms)
					}
				}
			}
			continue
		}
		for _, ch := range c.children[b.local] {
			cd := &c.m.defs[ch]
			if seen[cd.name] {
				continue
			}
			seen[cd.name] = true
			if !cd.class && strings.HasPrefix(cd.name, "test") {
				methods = append(methods, ch)
			}
		}
	}
	prevClass := c.class
	for _, ch := range methods {
		c.class = c.m.defs[ch].parent // where its decorators were evaluated
		if c.addTest(ch, path, status, params, !unittest) {
			if unittest {
				c.res.unittestClasses = true
			} else {
				c.res.pytestStyle = true
			}
		}
	}
	c.class = prevClass
	for _, ms := range inherited {
		c.addInherited(ms, path, d.line, status, !unittest)
		if unittest {
			c.res.unittestClasses = true
		} else {
			c.res.pytestStyle = true
		}
	}
	if !unittest {
		for _, ch := range c.children[i] {
			if c.m.defs[ch].class && c.isPytestClass(ch) && !c.isTestCase(ch, 0) {
				c.collectClass(ch, path, status, params, false)
			}
		}
	}
	if len(c.res.tests) > before {
		c.res.suites = append(c.res.suites, inventory.Suite{Path: path, Line: d.line})
	}
}

// classMarks reads a class's decorators and pytestmark attribute.
func (c *collector) classMarks(i int) (inventory.TestStatus, []val) {
	d := &c.m.defs[i]
	status, params := c.marksOf(d.assigns["pytestmark"], true)
	// Decorators apply bottom-up and are appended after the attribute's marks.
	for k := len(d.decorators) - 1; k >= 0; k-- {
		for _, e := range c.effects(d.decorators[k]) {
			status = stronger(status, e.status)
			if e.param != nil {
				params = append(params, *e.param)
			}
		}
	}
	return status, params
}

// marksOf reads a pytestmark value: one mark or a list of marks.
func (c *collector) marksOf(text string, allowList bool) (inventory.TestStatus, []val) {
	if text == "" {
		return "", nil
	}
	var status inventory.TestStatus
	var params []val
	v := parseExpr(text)
	items := []val{v}
	if v.kind == vSeq && allowList {
		items = v.items
	}
	for _, it := range items {
		for _, e := range c.effectsOf(it, 0) {
			status = stronger(status, e.status)
			if e.param != nil {
				params = append(params, *e.param)
			}
		}
	}
	return status, params
}

// effects reads one decorator. A parametrize the parser cannot read still
// counts, as a list of unknown rows: it multiplies the cases of the others
// into ones no reader can name, so the test gets none.
func (c *collector) effects(text string) []effect {
	if len(text) > maxMarkText {
		return nil
	}
	v := parseExpr(text)
	if v.kind != vName && v.kind != vCall && strings.Contains(text, "parametrize") {
		return []effect{{param: &val{}}}
	}
	return c.effectsOf(v, 0)
}

// effectsOf interprets a mark expression, following module-level aliases
// (skip_on_ci = pytest.mark.skipif(...)).
func (c *collector) effectsOf(v val, depth int) []effect {
	if v.kind != vName && v.kind != vCall {
		return nil
	}
	// One level of alias only, memoized: a chain or a list of aliases
	// cannot multiply the work.
	if v.kind == vName && !strings.Contains(v.s, ".") && depth == 0 {
		if out, ok := c.aliases[v.s]; ok {
			return out
		}
		if alias, ok := c.m.assigns[v.s]; ok && len(alias) <= maxMarkText {
			av := parseExpr(alias)
			items := []val{av}
			if av.kind == vSeq {
				items = av.items
			}
			var out []effect
			for _, it := range items {
				out = append(out, c.effectsOf(it, depth+1)...)
			}
			c.aliases[v.s] = out
			return out
		}
	}
	name, family := c.markName(v.s)
	var e effect
	switch family {
	case "pytest":
		switch name {
		case "skip":
			e.status = inventory.TestSkipped
		case "skipif":
			if !condFalse(v, "condition", false) {
				e.status = inventory.TestSkipped
			}
		case "xfail":
			if !condFalse(v, "condition", false) {
				e.status = inventory.TestXFail
			}
		case "parametrize":
			if v.kind == vCall {
				p := v
				e.param = &p
			}
		case "fixture", "yield_fixture":
			e.fixture = true
		}
	case "unittest":
		switch name {
		case "skip":
			e.status = inventory.TestSkipped
		case "skipIf":
			if !condFalse(v, "condition", false) {
				e.status = inventory.TestSkipped
			}
		case "skipUnless":
			if !condFalse(v, "condition", true) {
				e.status = inventory.TestSkipped
			}
		case "expectedFailure":
			e.status = inventory.TestXFail
		}
	}
	return []effect{e}
}

// markName strips the module prefix of a decorator name and says whose it
// is: "pytest" for pytest.mark.X, mark.X and pytest.fixture, "unittest" for
// unittest.X and names imported from unittest.
func (c *collector) markName(name string) (string, string) {
	im := &c.m.imp
	for _, a := range append([]string{"pytest"}, im.pytestAs...) {
		if rest, ok := strings.CutPrefix(name, a+".mark."); ok {
			return rest, "pytest"
		}
		if rest, ok := strings.CutPrefix(name, a+"."); ok && (rest == "fixture" || rest == "yield_fixture") {
			return rest, "pytest"
		}
	}
	for _, a := range im.markAs {
		if rest, ok := strings.CutPrefix(name, a+"."); ok {
			return rest, "pytest"
		}
	}
	if name == "fixture" && im.pytest {
		return name, "pytest"
	}
	for _, a := range append([]string{"unittest"}, im.unittest...) {
		if rest, ok := strings.CutPrefix(name, a+"."); ok {
			return rest, "unittest"
		}
	}
	if orig, ok := im.fromUT[name]; ok {
		return orig, "unittest"
	}
	return name, ""
}

// condFalse reports whether a conditional mark's condition is a literal
// that disables it (False/0/None for skipif and xfail; True for
// skipUnless, where want is true). A missing condition keeps the mark.
func condFalse(v val, kw string, want bool) bool {
	if v.kind != vCall {
		return false
	}
	var cond val
	switch {
	case len(v.items) > 0:
		cond = v.items[0]
	case v.kw[kw].kind != vOther:
		cond = v.kw[kw]
	default:
		return false
	}
	truthy, known := false, false
	switch cond.kind {
	case vConst:
		truthy, known = cond.s == "True", true
	case vNum:
		truthy, known = cond.s != "0" && cond.s != "0.0" && cond.s != "-0.0", true
	}
	return known && truthy == want
}

// addTest adds one test function or method, with its parametrized cases
// when params allows it. It returns false when the function is not a test
// (a fixture).
func (c *collector) addTest(i int, path []string, status inventory.TestStatus, params []val, parametrize bool) bool {
	d := &c.m.defs[i]
	var own []val
	// Decorators apply bottom-up: the one nearest the def is the first mark.
	for k := len(d.decorators) - 1; k >= 0; k-- {
		for _, e := range c.effects(d.decorators[k]) {
			if e.fixture {
				return false
			}
			status = stronger(status, e.status)
			if e.param != nil {
				own = append(own, *e.param)
			}
		}
	}
	if d.firstCall == "pytest.skip" || d.firstCall == "self.skipTest" || d.firstCall == "unittest.skip" {
		status = stronger(status, inventory.TestSkipped)
	}
	suitePath, status := c.addDeclared(path, d.name, d.line, status)
	if !parametrize {
		return true
	}
	all := append(own, params...)
	if len(all) == 0 {
		return true
	}
	cases, ok := c.expand(all)
	if !ok || len(cases) == 0 {
		return true
	}
	allSkipped := true
	for _, cs := range cases {
		allSkipped = allSkipped && cs.status == inventory.TestSkipped
	}
	if allSkipped {
		// Every case is skipped (an empty list, or every pytest.param
		// marked skip): the function never runs.
		c.res.tests[len(c.res.tests)-1].Status = inventory.TestSkipped
	}
	casePath := append(slices.Clone(suitePath), d.name)
	c.res.suites = append(c.res.suites, inventory.Suite{Path: casePath, Line: d.line})
	for n, cs := range cases {
		name := "[" + strconv.Itoa(n) + "]"
		if cs.known {
			name = d.name + "[" + cs.id + "]"
		}
		c.res.tests = append(c.res.tests, inventory.Test{
			SuitePath: casePath, Name: name, Line: d.line,
			Status: stronger(status, cs.status), Kind: inventory.KindCase,
		})
	}
	return true
}

// pcase is one parametrized case: its id (when statically known) and the
// status its pytest.param marks give it.
type pcase struct {
	id     string
	known  bool
	status inventory.TestStatus
}

// expand multiplies the parametrize calls (first = outer loop, first in the
// id) into cases. ok is false when some list is not a literal or the cases
// would exceed MaxCases.
func (c *collector) expand(calls []val) (cases []pcase, ok bool) {
	cases = []pcase{{known: true}}
	for ci, call := range calls {
		rows, rok := c.rows(call)
		if !rok {
			return nil, false
		}
		if len(cases)*len(rows)+c.cases > MaxCases {
			return nil, false
		}
		next := make([]pcase, 0, len(cases)*len(rows))
		for _, a := range cases {
			for _, r := range rows {
				id := r.id
				if ci > 0 {
					id = a.id + "-" + r.id
				}
				next = append(next, pcase{id: id, known: a.known && r.known, status: stronger(a.status, r.status)})
			}
		}
		cases = next
	}
	c.cases += len(cases)
	return cases, true
}

// resolve reads a module-level constant (CASES = [(1, 2), (3, 4)]) in
// place of its name, and range(…) with literal bounds as its list; anything
// else is returned as is.
func (c *collector) resolve(v val) val {
	if v.kind == vName && !strings.Contains(v.s, ".") && c.class >= 0 {
		// A decorator in a class body sees the class's names first.
		if text, ok := c.m.defs[c.class].assigns[v.s]; ok && len(text) <= maxMarkText {
			if r := parseExpr(text); r.kind == vSeq {
				return r
			}
			return val{}
		}
	}
	if v.kind == vName && !strings.Contains(v.s, ".") {
		if text, ok := c.m.assigns[v.s]; ok && len(text) <= maxMarkText {
			if r, ok := c.consts[v.s]; ok {
				return r
			}
			r := parseExpr(text)
			if r.kind != vSeq && r.kind != vCall {
				r = val{}
			}
			c.consts[v.s] = r
			v = r
		}
	}
	if v.kind == vCall && v.s == "range" && len(v.kw) == 0 && len(v.items) >= 1 && len(v.items) <= 3 {
		var n [3]int
		for k, it := range v.items {
			x, err := strconv.Atoi(it.s)
			if it.kind != vNum || err != nil {
				return val{}
			}
			n[k] = x
		}
		start, stop, step := 0, n[0], 1
		if len(v.items) >= 2 {
			start, stop = n[0], n[1]
		}
		if len(v.items) == 3 {
			step = n[2]
		}
		if step == 0 {
			return val{}
		}
		out := val{kind: vSeq}
		for x := start; (step > 0 && x < stop || step < 0 && x > stop) && len(out.items) <= MaxCases; x += step {
			out.items = append(out.items, val{kind: vNum, s: strconv.Itoa(x)})
		}
		if len(out.items) > MaxCases {
			return val{}
		}
		return out
	}
	return v
}

// primitiveCalls are builtins whose result pytest would print by value,
// which a static reader cannot compute.
var primitiveCalls = map[string]bool{"str": true, "int": true, "float": true, "bool": true, "bytes": true, "repr": true, "len": true, "format": true, "complex": true, "round": true, "abs": true, "min": true, "max": true, "sum": true, "getattr": true}

// rows reads one parametrize call into its rows' ids and statuses.
func (c *collector) rows(call val) ([]pcase, bool) {
	argnames, argvalues, ids := val{}, val{}, val{}
	if len(call.items) > 0 {
		argnames = call.items[0]
	} else {
		argnames = call.kw["argnames"]
	}
	if len(call.items) > 1 {
		argvalues = call.items[1]
	} else {
		argvalues = call.kw["argvalues"]
	}
	idsGiven := false
	if v, ok := call.kw["ids"]; ok {
		ids, idsGiven = v, true
	} else if len(call.items) > 3 {
		ids, idsGiven = call.items[3], true
	}
	if ids.kind == vConst && ids.s == "None" {
		idsGiven = false
	}
	argvalues = c.resolve(argvalues)
	ids = c.resolve(ids)
	var names []string
	switch argnames.kind {
	case vStr:
		for n := range strings.SplitSeq(argnames.s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	case vSeq:
		for _, it := range argnames.items {
			if it.kind != vStr {
				return nil, false
			}
			names = append(names, strings.TrimSpace(it.s))
		}
	default:
		return nil, false
	}
	if len(names) == 0 || argvalues.kind != vSeq {
		return nil, false
	}
	if len(argvalues.items) == 0 {
		// pytest runs an empty list as one skipped case of NOTSET values,
		// which it names after the arguments (x0, a0-b0).
		ids := make([]string, len(names))
		for k, n := range names {
			ids[k] = n + "0"
		}
		return []pcase{{id: strings.Join(ids, "-"), known: true, status: inventory.TestSkipped}}, true
	}
	rows := make([]pcase, len(argvalues.items))
	for i, row := range argvalues.items {
		r := &rows[i]
		values := []val{row}
		explicit, hasExplicit := "", false
		if row.kind == vCall && (row.s == "param" || strings.HasSuffix(row.s, ".param")) {
			values = row.items
			if id, ok := row.kw["id"]; ok && id.kind == vStr {
				explicit, hasExplicit = asciiEscaped(id.s), true
			}
			if marks, ok := row.kw["marks"]; ok {
				items := []val{marks}
				if marks.kind == vSeq {
					items = marks.items
				}
				for _, mk := range items {
					for _, e := range c.effectsOf(mk, 0) {
						r.status = stronger(r.status, e.status)
					}
				}
			}
		} else if len(names) > 1 || argnames.kind == vSeq {
			// pytest unpacks each row unless argnames is one string
			// naming one argument: ("x",) takes rows of one value.
			if row.kind != vSeq {
				values = nil
			} else {
				values = row.items
			}
		}
		if !hasExplicit && idsGiven {
			switch {
			case ids.kind != vSeq:
				// ids=callable or a name: not statically known.
				r.known = false
				continue
			case i < len(ids.items) && ids.items[i].kind == vStr:
				explicit, hasExplicit = asciiEscaped(ids.items[i].s), true
			case i < len(ids.items) && ids.items[i].kind != vConst:
				r.known = false // a computed id
				continue
			}
		}
		if hasExplicit {
			r.id, r.known = explicit, true
			continue
		}
		if len(values) != len(names) {
			r.known = false
			continue
		}
		parts := make([]string, len(values))
		r.known = true
		for k, v := range values {
			switch v.kind {
			case vStr:
				if v.bytes {
					parts[k] = bytesEscaped(v.s)
				} else {
					parts[k] = asciiEscaped(v.s)
				}
			case vLambda:
				parts[k] = "<lambda>"
			case vNum, vConst:
				parts[k] = v.s
			case vSeq:
				parts[k] = names[k] + strconv.Itoa(i)
			case vCall:
				if primitiveCalls[v.s] {
					r.known = false
				}
				parts[k] = names[k] + strconv.Itoa(i)
			default:
				r.known = false
			}
		}
		r.id = strings.Join(parts, "-")
	}
	uniquify(rows)
	return rows, true
}

// uniquify makes the known ids of one parametrize call unique as pytest 8
// does: duplicates get a counter suffix (a0, a1; 1_0, 1_1 after a digit).
func uniquify(rows []pcase) {
	counts := map[string]int{}
	used := map[string]bool{}
	for _, r := range rows {
		if r.known {
			counts[r.id]++
			used[r.id] = true
		}
	}
	suffixes := map[string]int{}
	for i := range rows {
		r := &rows[i]
		if !r.known || counts[r.id] < 2 {
			continue
		}
		sep := ""
		if r.id != "" && r.id[len(r.id)-1] >= '0' && r.id[len(r.id)-1] <= '9' {
			sep = "_"
		}
		id := r.id
		newID := id + sep + strconv.Itoa(suffixes[id])
		for used[newID] {
			suffixes[id]++
			newID = id + sep + strconv.Itoa(suffixes[id])
		}
		used[newID] = true
		r.id = newID
		suffixes[id]++
	}
}

// addDeclared appends a declared test (active unless status says otherwise)
// under path, and returns the suite path and status it was given: its
// cases go under the same path.
func (c *collector) addDeclared(path []string, name string, line int, status inventory.TestStatus) ([]string, inventory.TestStatus) {
	if status == "" {
		status = inventory.TestActive
	}
	if path == nil {
		path = []string{}
	}
	c.res.tests = append(c.res.tests, inventory.Test{SuitePath: path, Name: name, Line: line, Status: status, Kind: inventory.KindTest})
	return path, status
}
