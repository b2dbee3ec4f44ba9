package jvm

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// declKind separates the declarations that nest tests.
type declKind int

const (
	declClass  declKind = iota // class, interface, object: a suite
	declMethod                 // method or function: maybe a test
	declOpaque                 // anonymous class body, lambda: nothing inside is a test
)

// decl is one declaration found by a query, located by byte offsets so that
// nesting is computed in Go from offsets instead of walking parents.
type decl struct {
	kind       declKind
	name       string
	start, end uint32
	// nameStart is where the name begins: annotations before it are the
	// declaration's own.
	nameStart uint32
	line      int
	node      *sitter.Node
	anns      []annot
	parent    int // index in the sorted list, -1 for top level
	// mods is the method's modifiers node, read only for TestNG's
	// class-level @Test (public methods are tests).
	mods *sitter.Node
	// params is the method's parameter list, read only for {displayName}.
	params *sitter.Node
	// opaque is set when the declaration lies inside a method or an
	// anonymous body: local classes and their methods are never tests.
	opaque bool
}

// annot is one annotation of a declaration.
type annot struct {
	name  string // simple name: Test for @org.junit.Test
	start uint32
	line  int
	args  []annotArg
}

// annotArg is one argument of an annotation: key "value" when positional;
// values flattened out of array initializers ({…} in Java, […] in Kotlin).
type annotArg struct {
	key    string
	values []*sitter.Node
}

func (a *annot) arg(key string) (annotArg, bool) {
	for _, x := range a.args {
		if x.key == key {
			return x, true
		}
	}
	return annotArg{}, false
}

// nest sorts decls by position and sets parent and opaque from byte ranges,
// in one sweep with a stack.
func nest(decls []decl) []decl {
	sort.SliceStable(decls, func(i, j int) bool {
		if decls[i].start != decls[j].start {
			return decls[i].start < decls[j].start
		}
		return decls[i].end > decls[j].end
	})
	var stack []int
	for i := range decls {
		d := &decls[i]
		for len(stack) > 0 && decls[stack[len(stack)-1]].end < d.end {
			stack = stack[:len(stack)-1]
		}
		// The same node may be captured twice (two patterns): keep the first.
		if len(stack) > 0 {
			top := &decls[stack[len(stack)-1]]
			if top.start == d.start && top.end == d.end && top.kind == d.kind {
				d.kind = -1
				continue
			}
		}
		d.parent = -1
		if len(stack) > 0 {
			p := &decls[stack[len(stack)-1]]
			d.parent = stack[len(stack)-1]
			d.opaque = p.opaque || p.kind != declClass
		}
		stack = append(stack, i)
	}
	out := decls[:0]
	remap := make([]int, len(decls))
	for i := range decls {
		if decls[i].kind == -1 {
			remap[i] = -1
			continue
		}
		remap[i] = len(out)
		out = append(out, decls[i])
	}
	for i := range out {
		if out[i].parent >= 0 {
			out[i].parent = remap[out[i].parent]
		}
	}
	return out
}

// attach gives every annotation to the declaration whose modifiers hold it:
// the last declaration starting at or before the annotation, when the
// annotation comes before that declaration's name.
func attach(decls []decl, anns []annot) {
	for _, a := range anns {
		i := sort.Search(len(decls), func(i int) bool { return decls[i].start > a.start }) - 1
		if i >= 0 && a.start < decls[i].nameStart {
			decls[i].anns = append(decls[i].anns, a)
		}
	}
}

// argsRead are the annotations whose arguments the rules read.
var argsRead = map[string]bool{"Test": true, "RepeatedTest": true, "ParameterizedTest": true, "ValueSource": true, "CsvSource": true, "DisplayName": true}

// testAnnotations mark a method as a test, in any framework.
var testAnnotations = map[string]bool{"Test": true, "ParameterizedTest": true, "RepeatedTest": true, "TestFactory": true, "TestTemplate": true, "Theory": true}

// testngConfig are the TestNG annotations that keep a public method of a
// class-level @Test class from being a test.
var testngConfig = map[string]bool{"BeforeMethod": true, "AfterMethod": true, "BeforeClass": true, "AfterClass": true, "BeforeSuite": true, "AfterSuite": true, "BeforeTest": true, "AfterTest": true, "BeforeGroups": true, "AfterGroups": true, "DataProvider": true, "Factory": true}

// builder accumulates a file's suites and tests.
type builder struct {
	src    []byte
	kotlin bool
	// junit3 marks the Java classes (by decl index) that derive JUnit 3's
	// TestCase, which JUnit 4 runs as JUnit 3 does (junit3.go).
	junit3 map[int]bool
	// jupiter is set for a file that names org.junit.jupiter; jupiterOnly
	// for a Java file that names neither JUnit 4 (org.junit.Test,
	// org.junit.*) nor TestNG as well: Jupiter's discovery rules apply to
	// it alone (jupiterRuns).
	jupiter, jupiterOnly bool
	// composed are the annotation names that are test annotations by being
	// annotated with one (composedTestAnnotations).
	composed map[string]bool
	suites   []inventory.Suite
	tests    []inventory.Test
	cases    int
	seen     map[string]bool // suite paths already added
	// classDone marks the classes (by decl index) whose suites are added.
	classDone map[int]bool
	// names counts what paths cost so far; over MaxNames, overflow is set
	// and the file is reported with a SkipReason.
	names    int
	overflow bool
}

// spend accounts for n names and reports whether the file is within
// MaxNames.
func (b *builder) spend(n int) bool {
	b.names += n
	if b.names > MaxNames {
		b.overflow = true
	}
	return !b.overflow
}

func (b *builder) suite(p []string, line int) {
	if !b.spend(len(p)) {
		return
	}
	key := strings.Join(p, "\x00")
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	b.suites = append(b.suites, inventory.Suite{Path: p, Line: line})
}

func (b *builder) test(p []string, name string, line int, st inventory.TestStatus, kind inventory.TestKind) {
	if !b.spend(len(p) + 1) {
		return
	}
	b.tests = append(b.tests, inventory.Test{SuitePath: p, Name: name, Line: line, Status: st, Kind: kind})
}

// finish sorts suites and tests by line (stable: a declared test stays
// before its cases on the same line).
func (b *builder) finish(f *inventory.File) {
	if b.overflow {
		f.SkipReason = fmt.Sprintf("too large to report: more than %d names in suite paths and tests", MaxNames)
		f.Tests, f.Suites = []inventory.Test{}, nil
		return
	}
	sort.SliceStable(b.tests, func(i, j int) bool { return b.tests[i].Line < b.tests[j].Line })
	sort.SliceStable(b.suites, func(i, j int) bool { return b.suites[i].Line < b.suites[j].Line })
	f.Tests, f.Suites = b.tests, b.suites
	if len(f.Suites) == 0 {
		f.Suites = nil
	}
}

// classInfo is what a class passes down to what it holds.
type classInfo struct {
	path    []string
	skipped bool
	// testngAll: TestNG class-level @Test, every public method is a test.
	testngAll bool
	// junit3: the class extends JUnit 3's TestCase; its public void
	// test…() methods are tests, annotated or not.
	junit3 bool
	// testngDisabled: the class-level @Test says enabled = false. It
	// disables only the methods it makes tests: TestNG reads a method's own
	// @Test instead of its class's, and never the @Test of an enclosing
	// class (a nested class is a test class of its own).
	testngDisabled bool
}

// annotationTests turns the declarations into suites and tests with the
// JUnit and TestNG rules (see the package comment).
func (b *builder) annotationTests(decls []decl) {
	infos := make([]*classInfo, len(decls))
	for i := range decls {
		d := &decls[i]
		if d.opaque {
			continue
		}
		var parent *classInfo
		if d.parent >= 0 {
			parent = infos[d.parent]
			if parent == nil {
				continue
			}
		}
		switch d.kind {
		case declClass:
			ci := &classInfo{}
			cost := 1
			if parent != nil {
				cost += len(parent.path)
			}
			if !b.spend(cost) {
				return
			}
			if parent != nil {
				ci.path = append(append([]string{}, parent.path...), d.name)
				ci.skipped = parent.skipped
			} else {
				ci.path = []string{d.name}
			}
			ci.junit3 = b.junit3[i]
			nested := false
			for k := range d.anns {
				a := &d.anns[k]
				switch a.name {
				case "Disabled", "Ignore", "Ignored":
					ci.skipped = true
				case "Test":
					ci.testngAll = true
					ci.testngDisabled = disabledByAttr(a, b.src)
				case "Nested":
					nested = true
				}
			}
			if b.jupiterOnly && (hasModifier(d.node, "private") ||
				parent != nil && d.node.Type() == "class_declaration" && !hasModifier(d.node, "static") && !nested) {
				// Jupiter never discovers a private class, nor an inner
				// class without @Nested: nothing in it runs.
				infos[i] = nil
				continue
			}
			infos[i] = ci
		case declMethod:
			if parent != nil {
				b.method(d, parent, decls)
			}
		}
	}
}

// method reports one method, when it is a test.
func (b *builder) method(d *decl, c *classInfo, decls []decl) {
	isTest, skipped, factory := false, c.skipped, false
	var repeated, param *annot
	var sources []*annot
	for k := range d.anns {
		a := &d.anns[k]
		if testAnnotations[a.name] || b.composed[a.name] {
			isTest = true
		}
		switch a.name {
		case "Disabled", "Ignore":
			skipped = true
		case "Test":
			if disabledByAttr(a, b.src) {
				skipped = true
			}
		case "RepeatedTest":
			repeated = a
		case "TestFactory":
			factory = true
		case "ParameterizedTest":
			param = a
		}
		if strings.HasSuffix(a.name, "Source") || strings.HasSuffix(a.name, "Sources") {
			sources = append(sources, a)
		}
	}
	if c.junit3 {
		// JUnit 4 runs such a class as JUnit 3 does, by name, and ignores
		// its @Test; Jupiter, when the file uses it, still runs its own.
		isTest = junit3Method(d) || isTest && b.jupiter
	}
	if !isTest && c.testngAll && testngPublic(d, b.kotlin, b.src) {
		isTest, skipped = true, skipped || c.testngDisabled
		for _, a := range d.anns {
			if testngConfig[a.name] {
				isTest = false
			}
		}
	}
	if !isTest || !b.kotlin && javaMain(d, b.src) {
		return
	}
	if b.jupiterOnly && !c.junit3 && !jupiterRuns(d, factory) {
		return
	}
	status := inventory.TestActive
	if skipped {
		status = inventory.TestSkipped
	}
	b.classSuites(decls, d.parent)
	b.test(c.path, d.name, d.line, status, inventory.KindTest)
	switch {
	case repeated != nil:
		b.repeated(d, c, repeated, status)
	case param != nil:
		b.parameterized(d, c, param, sources, status)
	}
}

// classSuites adds the suites of class i and of the classes around it.
// Each class is added once, so a deep nest costs its depth once, not once
// per test.
func (b *builder) classSuites(decls []decl, i int) {
	if b.classDone == nil {
		b.classDone = map[int]bool{}
	}
	var chain []int
	for ; i >= 0 && !b.classDone[i]; i = decls[i].parent {
		chain = append(chain, i)
		b.classDone[i] = true
	}
	var path []string
	for j := i; j >= 0; j = decls[j].parent {
		path = append(path, decls[j].name)
	}
	slices.Reverse(path)
	for k := len(chain) - 1; k >= 0; k-- {
		path = append(path, decls[chain[k]].name)
		if !b.spend(len(path)) {
			return
		}
		b.suite(slices.Clone(path), decls[chain[k]].line)
	}
}

// disabledByAttr reports TestNG's @Test(enabled = false).
func disabledByAttr(a *annot, src []byte) bool {
	arg, ok := a.arg("enabled")
	return ok && len(arg.values) == 1 && textOf(arg.values[0], src) == "false"
}

func textOf(n *sitter.Node, src []byte) string {
	if n == nil {
		return ""
	}
	return string(src[n.StartByte():n.EndByte()])
}

// casePath is the suite path of a test's cases (its cost is spent by the
// suite it becomes).
func casePath(c *classInfo, name string) []string {
	return append(append(make([]string, 0, len(c.path)+1), c.path...), name)
}

// repeated expands @RepeatedTest(n) or @RepeatedTest(value = n, name = "…").
func (b *builder) repeated(d *decl, c *classInfo, a *annot, st inventory.TestStatus) {
	v, ok := a.arg("value")
	if !ok || len(v.values) != 1 {
		return
	}
	n, ok := intValue(v.values[0], b.src)
	if !ok || n < 1 || n > MaxRepetitions || b.cases+int(n) > MaxCases {
		return
	}
	pattern := "repetition {currentRepetition} of {totalRepetitions}"
	if p, ok := a.arg("name"); ok && len(p.values) == 1 {
		s, ok := stringValue(p.values[0], b.src)
		switch {
		case ok:
			pattern = s
		case strings.HasSuffix(textOf(p.values[0], b.src), "LONG_DISPLAY_NAME"):
			pattern = "{displayName} :: repetition {currentRepetition} of {totalRepetitions}"
		case strings.HasSuffix(textOf(p.values[0], b.src), "SHORT_DISPLAY_NAME"):
		default:
			return // a name we cannot read
		}
	}
	p := casePath(c, d.name)
	b.suite(p, d.line)
	if strings.Contains(pattern, "{displayName}") {
		dn, ok := b.displayName(d)
		if !ok {
			return
		}
		pattern = strings.ReplaceAll(pattern, "{displayName}", dn)
	}
	pattern = strings.ReplaceAll(pattern, "{totalRepetitions}", strconv.FormatInt(n, 10))
	b.tests = slices.Grow(b.tests, int(n))
	for i := int64(1); i <= n; i++ {
		name := strings.ReplaceAll(pattern, "{currentRepetition}", strconv.FormatInt(i, 10))
		b.test(p, caseName(name, int(i)), a.line, st, inventory.KindCase)
	}
	b.cases += int(n)
}

// row is one invocation of a parameterized test: its arguments, rendered.
type row struct {
	args  []string
	names []string // header names (@CsvSource(useHeadersInDisplayName = true))
	line  int
}

// parameterized expands a @ParameterizedTest whose every source is literal.
func (b *builder) parameterized(d *decl, c *classInfo, param *annot, sources []*annot, st inventory.TestStatus) {
	if len(sources) == 0 {
		return
	}
	var rows []row
	for _, s := range sources {
		var r []row
		var ok bool
		switch s.name {
		case "ValueSource":
			r, ok = valueSourceRows(s, b.src)
		case "CsvSource":
			r, ok = csvSourceRows(s, b.src)
		}
		if !ok {
			return // a source we cannot expand: the declared test alone
		}
		rows = append(rows, r...)
	}
	if len(rows) == 0 || b.cases+len(rows) > MaxCases {
		return
	}
	pattern := "[{index}] {argumentsWithNames}"
	nameArg, ok := param.arg("name")
	if ok && len(nameArg.values) == 1 {
		s, ok := stringValue(nameArg.values[0], b.src)
		if !ok {
			return
		}
		pattern = s
	}
	var dn string
	if strings.Contains(pattern, "{displayName}") {
		if dn, ok = b.displayName(d); !ok {
			return
		}
	}
	p := casePath(c, d.name)
	b.suite(p, d.line)
	for i, r := range rows {
		b.test(p, caseName(formatParamName(pattern, i+1, dn, r), i+1), r.line, st, inventory.KindCase)
	}
	b.cases += len(rows)
}

// caseName bounds a case name, replaces control characters as JUnit does
// (CR → <CR>, LF → <LF>, others → U+FFFD) and never returns an empty one.
func caseName(s string, index int) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\r' && r != '\n' {
				return '\uFFFD'
			}
			return r
		}, s)
		s = strings.NewReplacer("\r", "<CR>", "\n", "<LF>").Replace(s)
	}
	if len(s) > maxNameBytes {
		s = truncate(s, maxNameBytes) + "…"
	}
	if strings.TrimSpace(s) == "" {
		return fmt.Sprintf("[%d]", index)
	}
	return s
}

// testngPublic reports whether a class-level @Test makes a method a test:
// a public method, static or not (TestNG runs both; Kotlin: not private,
// protected or internal).
func testngPublic(d *decl, kotlin bool, src []byte) bool {
	public := kotlin
	if d.mods == nil {
		return public
	}
	for i := 0; i < int(d.mods.ChildCount()); i++ {
		c := d.mods.Child(i)
		t := c.Type()
		if kotlin && t == "visibility_modifier" {
			t = strings.TrimSpace(textOf(c, src))
		}
		switch t {
		case "public":
			public = true
		case "private", "protected", "internal":
			return false
		}
	}
	return public
}

// junit3Method reports whether a method of a JUnit 3 class is a test as
// JUnit 3's TestSuite finds them (which JUnit 4 keeps for such a class):
// public, void, no parameter, named test…, static or not; an abstract one
// runs as its override. A test… method that is not public is JUnit 3's
// failing "warning", not a test.
func junit3Method(d *decl) bool {
	if !strings.HasPrefix(d.name, "test") || d.params == nil || d.params.NamedChildCount() != 0 {
		return false
	}
	if t := d.node.ChildByFieldName("type"); t == nil || t.Type() != "void_type" {
		return false
	}
	return hasModifier(d.node, "public") && !hasModifier(d.node, "abstract")
}

// jupiterRuns reports whether Jupiter discovers a test method: not
// private, static or abstract; void, but for a @TestFactory, which returns
// its tests.
func jupiterRuns(d *decl, factory bool) bool {
	if hasModifier(d.node, "private") || hasModifier(d.node, "static") || hasModifier(d.node, "abstract") {
		return false
	}
	t := d.node.ChildByFieldName("type")
	return t != nil && (t.Type() == "void_type") != factory
}

// hasModifier reports whether a Java declaration's modifiers hold keyword.
func hasModifier(n *sitter.Node, keyword string) bool {
	if n == nil {
		return false
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		if m := n.NamedChild(i); m.Type() == "modifiers" {
			for j := 0; j < int(m.ChildCount()); j++ {
				if m.Child(j).Type() == keyword {
					return true
				}
			}
			return false
		}
	}
	return false
}

// noDims removes the brackets of an array type.
var noDims = strings.NewReplacer("[", "", "]", "")

// javaMain reports whether a Java method is a program's entry point,
// static void main(String[]), which is never a test, annotated or not:
// TestNG 7 leaves it out of every class it reads (and so of a class-level
// @Test), Jupiter never runs a static method, JUnit 4 fails the class
// instead of running it. Test classes keep one to run a test by hand.
func javaMain(d *decl, src []byte) bool {
	if d.name != "main" || d.mods == nil || d.params == nil || d.params.NamedChildCount() != 1 {
		return false
	}
	if t := d.node.ChildByFieldName("type"); t == nil || t.Type() != "void_type" {
		return false
	}
	static := false
	for i := 0; i < int(d.mods.ChildCount()); i++ {
		static = static || d.mods.Child(i).Type() == "static"
	}
	if !static {
		return false
	}
	p := d.params.NamedChild(0)
	switch p.Type() {
	case "formal_parameter": // String[] args, String args[]
		dims := strings.Count(textOf(p.ChildByFieldName("type"), src), "[")
		if n := p.ChildByFieldName("dimensions"); n != nil {
			dims += strings.Count(textOf(n, src), "[")
		}
		return dims == 1 && simpleType(noDims.Replace(textOf(p.ChildByFieldName("type"), src))) == "String"
	case "spread_parameter": // String... args
		for j := 0; j < int(p.NamedChildCount()); j++ {
			if c := p.NamedChild(j); c.Type() != "modifiers" && c.Type() != "variable_declarator" {
				return simpleType(textOf(c, src)) == "String"
			}
		}
	}
	return false
}

// displayName is the method's Jupiter display name, when it can be told
// from source: its @DisplayName, else the default, in Kotlin only for a
// method without parameters (the Java types of Kotlin parameters are not
// visible).
func (b *builder) displayName(d *decl) (string, bool) {
	for k := range d.anns {
		// @DisplayName("Pretty") replaces the default.
		if a := &d.anns[k]; a.name == "DisplayName" {
			if v, ok := a.arg("value"); ok && len(v.values) == 1 {
				return stringValue(v.values[0], b.src)
			}
			return "", false
		}
	}
	if !b.kotlin {
		return javaDisplayName(d, b.src), true
	}
	if d.params != nil && d.params.NamedChildCount() > 0 {
		return "", false
	}
	return d.name + "()", true
}

// declCollector gathers what the Java and Kotlin queries capture alike:
// classes, methods, opaque bodies (anonymous classes and the like, which hold
// no tests) and annotations, scoring qualified annotation names as imports.
type declCollector struct {
	src          []byte
	scores       map[inventory.Framework]int
	annNames     map[string]bool
	decls        []decl
	anns         []annot
	importScores func(string, map[inventory.Framework]int)
	args         func(*sitter.Node, []byte) []annotArg
}

func newDeclCollector(src []byte, importScores func(string, map[inventory.Framework]int), args func(*sitter.Node, []byte) []annotArg) *declCollector {
	return &declCollector{src: src, scores: map[inventory.Framework]int{}, annNames: map[string]bool{}, importScores: importScores, args: args}
}

// add records one match's captures; it returns false for captures it does
// not know (the caller's language-specific ones).
func (d *declCollector) add(c map[string]*sitter.Node) bool {
	switch {
	case c["import"] != nil:
		d.importScores(importPath(textOf(c["import"], d.src)), d.scores)
	case c["class"] != nil:
		d.decls = append(d.decls, newDecl(declClass, c["class"], c["name"], d.src))
	case c["method"] != nil:
		m := newDecl(declMethod, c["method"], c["name"], d.src)
		m.mods, m.params = c["mods"], c["params"]
		d.decls = append(d.decls, m)
	case c["opaque"] != nil:
		n := c["opaque"]
		d.decls = append(d.decls, decl{kind: declOpaque, start: n.StartByte(), end: n.EndByte(), nameStart: n.StartByte()})
	case c["ann"] != nil:
		full := strings.Join(strings.Fields(textOf(c["aname"], d.src)), "")
		a := annot{name: full[strings.LastIndexByte(full, '.')+1:], start: c["ann"].StartByte(), line: ts.Line(c["ann"])}
		if strings.Contains(full, ".") {
			d.importScores(full, d.scores)
		}
		d.annNames[a.name] = true
		if args := c["aargs"]; args != nil && argsRead[a.name] {
			a.args = d.args(args, d.src)
		}
		d.anns = append(d.anns, a)
	default:
		return false
	}
	return true
}
