// Package dotnet is the engine's C# front end: it finds the tests of xUnit,
// NUnit and MSTest in .cs files from their attributes ([Fact], [Theory],
// [Test], [TestCase], [TestMethod], [DataRow], …), and expands the data rows
// whose values are literals in source ([InlineData], [TestCase], [DataRow])
// into cases named as the framework's runner names them.
//
// Everything is read from one tree-sitter parse of one file, without its
// method bodies (bodies.go); nothing is compiled, so inherited tests, [MemberData]/[ClassData]/[TestCaseSource]/
// [DynamicData] sources and values of named constants are not seen.
//
// Decisions, documented once here:
//   - Suites are classes and nested classes (outermost first), never
//     namespaces. A theory or parametrised test with visible rows is a suite
//     too (class path + method name), like a Go test with subtests.
//   - A declared test's line is the line where its declaration starts (its
//     first attribute), so that it sorts before its data rows.
//   - A declared test is named by its method name; its cases by the runner's
//     display name (DisplayName/TestName when the row or test sets one).
//   - A class-level [Ignore]/[Explicit] applies to the methods of that class
//     only: every .NET runner treats a nested class as a separate fixture.
//   - NUnit [Explicit] is reported as skipped: a plain run does not run it.
//   - Preprocessor directives (#if) are not evaluated: the attributes and
//     methods tree-sitter sees on every branch are reported, each with the
//     condition of its #if branches (cond.go).
//   - Attribute names ending in Fact or Theory ([SkippableFact], [WpfTheory])
//     count as xUnit tests, ending in TestMethod as MSTest tests: the usual
//     extension libraries name them so.
package dotnet

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/csharp"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxCases bounds how many data rows one file may expand to; rows past the
// bound are not reported as cases (their declared test still is).
const MaxCases = 100_000

var (
	grammar = ts.NewGrammar("csharp", csharp.GetLanguage())

	// declQuery finds classes, methods and attributes; nesting and ownership
	// are then computed from byte ranges, without walking the tree.
	declQuery = grammar.LazyQuery(`
(class_declaration name: (identifier) @name body: (declaration_list) @body) @class
(method_declaration name: (identifier) @name parameters: (parameter_list) @params) @method
(attribute name: (_) @name) @attr
`)

	reUsingLine = regexp.MustCompile(`^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?(?:global::)?$|\[[ \t]*(?:global::)?$`)
)

// namespaces are the frameworks' namespaces; a using directive or an
// attribute that names one (reUsingLine before it, ; or . after it) is
// evidence. They are found with bytes.Index: a regexp alternation of them
// ran at 5 MB/s, two thirds of the front end's time.
var namespaces = []struct {
	name      string
	framework inventory.Framework
}{
	{"Xunit", inventory.FrameworkXUnit},
	{"NUnit.Framework", inventory.FrameworkNUnit},
	{"Microsoft.VisualStudio.TestTools.UnitTesting", inventory.FrameworkMSTest},
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '\f') {
		i++
	}
	return i
}

// frameworks in preference order (ties: an xUnit csproj also references
// Microsoft.NET.Test.Sdk, which counts for MSTest).
var frameworks = []inventory.Framework{inventory.FrameworkXUnit, inventory.FrameworkNUnit, inventory.FrameworkMSTest}

// Extractor is the C# front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageCSharp.
func (Extractor) Language() inventory.Language { return inventory.LanguageCSharp }

// Candidate accepts .cs files named *Test.cs, *Tests.cs or *Spec.cs, and any
// .cs file in a folder whose name ends in "test" or "tests" (any case: App.Tests,
// UnitTests, test), outside bin/ and obj/ build output.
func (Extractor) Candidate(relPath string) bool {
	dir, base := path.Split(relPath)
	if !strings.HasSuffix(base, ".cs") {
		return false
	}
	inTestDir := false
	for elem := range strings.SplitSeq(strings.TrimSuffix(dir, "/"), "/") {
		if elem == "bin" || elem == "obj" {
			return false
		}
		l := strings.ToLower(elem)
		if strings.HasSuffix(l, "test") || strings.HasSuffix(l, "tests") {
			inTestDir = true
		}
	}
	stem := strings.TrimSuffix(base, ".cs")
	return inTestDir || strings.HasSuffix(stem, "Test") || strings.HasSuffix(stem, "Tests") || strings.HasSuffix(stem, "Spec")
}

// testWords are what the name of every attribute that makes a test holds.
var testWords = [][]byte{[]byte("Fact"), []byte("Theory"), []byte("Test"), []byte("DataRow")}

// mayHoldTests is the pre-filter: a test needs an attribute, so some [
// where an attribute list may start (first on its line, or after ; { } ]
// or a comment) must open a list that holds one of testWords up to its
// matching ] (strings and nested brackets, as in InlineData(new[] { 1 }),
// skipped), unless the file names a test attribute's class (TestAttribute),
// which a class of its own may derive from. Generated code in test folders
// names its types and members Test… (new Offset[_o.Testarrayofstring.Count])
// without one.
func mayHoldTests(content []byte) bool {
	// An attribute class derived from a test attribute may mark tests
	// under a name of its own ([Spec]).
	for _, w := range testWords {
		if bytes.Contains(content, append(w[:len(w):len(w)], "Attribute"...)) {
			return true
		}
	}
	for at := 0; ; {
		i := bytes.IndexByte(content[at:], '[')
		if i < 0 {
			return false
		}
		open := at + i
		at = open + 1
		if !mayOpenAttributes(content, open) {
			continue
		}
		list := content[at:]
		if end := listEnd(content, open); end >= 0 {
			list = content[at:end]
		} else {
			list = list[:min(len(list), maxList)]
		}
		for _, w := range testWords {
			if bytes.Contains(list, w) {
				return true
			}
		}
	}
}

// maxList bounds how far an attribute list is followed.
const maxList = 4096

// mayOpenAttributes reports whether the [ at open may start an attribute
// list: it is the first non-blank byte of its line, or follows ; { } ] or a
// comment's last byte, or follows a # on its line (a directive).
func mayOpenAttributes(src []byte, open int) bool {
	for i := open - 1; i >= 0; i-- {
		switch c := src[i]; c {
		case ' ', '\t', '\r', '\v', '\f':
		case '\n':
			return true
		case ';', '{', '}', ']', '/':
			return true
		default:
			// tree-sitter reads on after a directive, which it takes
			// anywhere on a line (}#endif[Fact]). Only maxList bytes are
			// read back: on a longer line the [ may open a list.
			from := max(0, i-maxList)
			k := bytes.LastIndexByte(src[from:i], '\n')
			return k < 0 && from > 0 || bytes.IndexByte(src[from+k+1:i], '#') >= 0
		}
	}
	return true
}

// listEnd returns the offset of the ] that closes the [ at open, or -1
// when it is not within maxList bytes.
func listEnd(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src) && i < open+maxList; i++ {
		switch c := src[i]; c {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return i
			}
		case '"', '\'':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// Extract parses one candidate. A file without test methods is not reported.
// err is always nil.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extract(src, true)
	return f, ok, nil
}

// extract is Extract, with method bodies left out of the parse when
// skipBodies is set and the tree confirms them (gapped).
func extract(src *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	if !mayHoldTests(src.Content) {
		return inventory.File{}, false, false
	}
	return extractParsed(src, skipBodies)
}

// extractParsed is extract without the pre-filter.
func extractParsed(src *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	content := src.Content
	tree, gapped, err := parse(content, skipBodies)
	if err != nil {
		return frontend.Unparsed(src.Path, inventory.LanguageCSharp, err), true, false
	}
	defer tree.Close()

	d := collect(tree.RootNode(), content)
	scores, evidence := fileScores(content, d)
	if !evidence {
		// Attribute names alone are too common to decide on (a [Test] of
		// some other library); they only break ties between real evidence.
		for _, h := range [][]project.Hint{
			src.Project.Nearest(src.Path, project.Config, frameworks),
			src.Project.Nearest(src.Path, project.Dependency, frameworks),
		} {
			evidence = evidence || len(h) > 0
		}
	}
	if !evidence {
		scores = nil
	}
	dec := src.Project.Decide(src.Path, frameworks, scores)
	tests, suites := d.extract(dec.Framework, content, ppSpans(content))
	if len(tests) == 0 {
		return inventory.File{}, false, gapped
	}
	f = inventory.File{
		Path:      src.Path,
		Framework: dec.Framework,
		Language:  inventory.LanguageCSharp,
		Suites:    suites,
		Tests:     tests,
	}
	if dec.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = dec.Reason
	}
	return f, true, gapped
}

// fileScores scores the file's usings (ImportWeight) and attributes (a few
// points); evidence reports whether a using was found.
func fileScores(content []byte, d *decls) (map[inventory.Framework]int, bool) {
	scores := map[inventory.Framework]int{}
	evidence := false
	for _, ns := range namespaces {
		for at := 0; ; {
			i := bytes.Index(content[at:], []byte(ns.name))
			if i < 0 {
				break
			}
			start := at + i
			at = start + len(ns.name)
			// The name, then a ; or . (using Xunit; [Xunit.Fact]).
			if j := skipSpace(content, at); j == len(content) || content[j] != ';' && content[j] != '.' {
				continue
			}
			lineStart := bytes.LastIndexByte(content[:start], '\n') + 1
			if start-lineStart > 200 || !reUsingLine.Match(content[lineStart:start]) {
				continue
			}
			evidence = true
			scores[ns.framework] = project.ImportWeight
		}
	}
	for _, a := range d.attrs {
		for _, fw := range frameworks {
			if rulesOf[fw].syntax(a.name) && scores[fw] < project.ImportWeight {
				scores[fw] = 5
			}
		}
	}
	return scores, evidence
}

// rules are one framework's attributes.
type rules struct {
	test   func(name string) bool // marks a test method
	data   string                 // a data row attribute
	syntax func(name string) bool // framework-specific (for detection)
	style  style
}

var rulesOf = map[inventory.Framework]rules{
	inventory.FrameworkXUnit: {
		test: func(n string) bool { return strings.HasSuffix(n, "Fact") || strings.HasSuffix(n, "Theory") },
		data: "InlineData", style: styleXUnit,
		syntax: func(n string) bool {
			return n == "Fact" || n == "Theory" || n == "InlineData" || n == "MemberData" || n == "ClassData"
		},
	},
	inventory.FrameworkNUnit: {
		test: func(n string) bool { return n == "Test" || n == "TestCase" || n == "TestCaseSource" || n == "Theory" },
		data: "TestCase", style: styleNUnit,
		syntax: func(n string) bool {
			return n == "Test" || n == "TestCase" || n == "TestFixture" || n == "TestCaseSource"
		},
	},
	inventory.FrameworkMSTest: {
		test: func(n string) bool { return strings.HasSuffix(n, "TestMethod") },
		data: "DataRow", style: styleMSTest,
		syntax: func(n string) bool {
			return n == "TestMethod" || n == "TestClass" || n == "DataRow" || n == "DataTestMethod"
		},
	},
}

// attr is one attribute: its short name ([Xunit.FactAttribute] → Fact).
type attr struct {
	name  string
	node  *sitter.Node
	start uint32
}

// decl is a class or a method.
type decl struct {
	class     bool
	name      string
	start     uint32 // first byte, attributes included
	nameStart uint32
	end       uint32
	bodyStart uint32 // classes: the declaration list
	line      int
	nameLine  int
	params    *sitter.Node
	attrs     []attr
	path      []string // classes: enclosing class names, outermost first
	bases     []string // classes: the short names of the base list's types
	hasTests  bool
	parent    *decl
}

type decls struct {
	list  []*decl // by start
	attrs []attr
}

func collect(root *sitter.Node, src []byte) *decls {
	d := &decls{}
	for _, m := range declQuery().Matches(root, src) {
		name := m.Captures["name"]
		if name == nil || name.StartByte() == name.EndByte() {
			continue // a name made up by error recovery
		}
		switch {
		case m.Captures["class"] != nil:
			n := m.Captures["class"]
			d.list = append(d.list, &decl{class: true, name: ts.Text(name, src), start: n.StartByte(), nameStart: name.StartByte(),
				end: n.EndByte(), bodyStart: m.Captures["body"].StartByte(), line: ts.Line(n), bases: basesOf(n, src)})
		case m.Captures["method"] != nil:
			n := m.Captures["method"]
			d.list = append(d.list, &decl{name: ts.Text(name, src), start: n.StartByte(), nameStart: name.StartByte(),
				end: n.EndByte(), line: ts.Line(n), nameLine: ts.Line(name), params: m.Captures["params"]})
		case m.Captures["attr"] != nil:
			d.attrs = append(d.attrs, attr{name: shortName(ts.Text(name, src)), node: m.Captures["attr"], start: m.Captures["attr"].StartByte()})
		}
	}
	sort.SliceStable(d.list, func(i, j int) bool { return d.list[i].start < d.list[j].start })
	d.resolveDerivedAttributes()
	// An attribute belongs to the declaration that starts last before it,
	// when it precedes that declaration's name.
	for _, a := range d.attrs {
		i := sort.Search(len(d.list), func(i int) bool { return d.list[i].start > a.start }) - 1
		if i >= 0 && a.start < d.list[i].nameStart {
			d.list[i].attrs = append(d.list[i].attrs, a)
		}
	}
	// Nesting, with a stack of open classes.
	var stack []*decl
	for _, x := range d.list {
		for len(stack) > 0 && stack[len(stack)-1].end <= x.start {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].bodyStart <= x.start {
			x.parent = stack[len(stack)-1]
		}
		if x.class {
			if x.parent != nil {
				x.path = append(append([]string{}, x.parent.path...), x.name)
			} else {
				x.path = []string{x.name}
			}
			stack = append(stack, x)
		}
	}
	return d
}

// basesOf returns the short names of a class's base types.
func basesOf(class *sitter.Node, src []byte) []string {
	var out []string
	for i := 0; i < int(class.NamedChildCount()); i++ {
		if b := class.NamedChild(i); b.Type() == "base_list" {
			for j := 0; j < int(b.NamedChildCount()); j++ {
				out = append(out, shortName(ts.Text(b.NamedChild(j), src)))
			}
		}
	}
	return out
}

// resolveDerivedAttributes names each attribute whose class the file
// declares by the attribute that class derives from, when that one is a
// rule's: NUnit finds its attributes by type, so [Spec] with
// `class SpecAttribute : TestAttribute` marks a test, and [NYI] with
// `class NYIAttribute : IgnoreAttribute` ignores one (xUnit and MSTest
// likewise). Chains are followed; classes of other files are not seen.
func (d *decls) resolveDerivedAttributes() {
	derived := map[string]string{}
	for _, c := range d.list {
		if c.class && len(c.bases) > 0 && strings.HasSuffix(c.name, "Attribute") {
			derived[shortName(c.name)] = c.bases[0]
		}
	}
	if len(derived) == 0 {
		return
	}
	for i := range d.attrs {
		name := d.attrs[i].name
		for seen := 0; seen < len(derived); seen++ {
			base, ok := derived[name]
			if !ok || base == name {
				break
			}
			name = base
		}
		if name != d.attrs[i].name && ruleAttribute(name) {
			d.attrs[i].name = name
		}
	}
}

// ruleAttribute reports whether an attribute name means something to a
// framework's rules: marks a test, a data row, or a skip.
func ruleAttribute(name string) bool {
	if name == "Ignore" || name == "Explicit" {
		return true
	}
	for _, fw := range frameworks {
		if r := rulesOf[fw]; r.test(name) || r.data == name || r.syntax(name) {
			return true
		}
	}
	return false
}

// shortName strips qualification, generic arguments and the Attribute
// suffix: global::Xunit.FactAttribute → Fact.
func shortName(s string) string {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, ".:"); i >= 0 {
		s = s[i+1:]
	}
	if s != "Attribute" {
		s = strings.TrimSuffix(s, "Attribute")
	}
	return s
}

// isTest reports whether name marks a test under fw (unknown: any framework).
func isTest(fw inventory.Framework, name string) bool {
	if r, ok := rulesOf[fw]; ok {
		return r.test(name)
	}
	for _, f := range frameworks {
		if rulesOf[f].test(name) {
			return true
		}
	}
	return false
}

func isData(fw inventory.Framework, name string) (style, bool) {
	if r, ok := rulesOf[fw]; ok {
		return r.style, name == r.data
	}
	for _, f := range frameworks {
		if r := rulesOf[f]; name == r.data {
			return r.style, true
		}
	}
	return 0, false
}

// classStatus is the status a class's attributes give its own methods.
func classStatus(fw inventory.Framework, c *decl, src []byte) inventory.TestStatus {
	for _, a := range c.attrs {
		if (a.name == "Ignore" && fw != inventory.FrameworkXUnit) || (a.name == "Explicit" && (fw == inventory.FrameworkNUnit || fw == inventory.FrameworkUnknown)) {
			return inventory.TestSkipped
		}
		if a.name == "TestFixture" {
			for _, arg := range args(a.node, src) {
				if (arg.name == "Ignore" || arg.name == "IgnoreReason") && truthyReason(arg.value, src) || arg.name == "Explicit" && ts.Text(arg.value, src) == "true" {
					return inventory.TestSkipped
				}
			}
		}
	}
	return inventory.TestActive
}

func (d *decls) extract(fw inventory.Framework, src []byte, conds []ppSpan) ([]inventory.Test, []inventory.Suite) {
	var tests []inventory.Test
	var suites []inventory.Suite
	cases := 0
	for _, m := range d.list {
		if m.class {
			continue
		}
		var testAttr *attr
		status := inventory.TestActive
		for i, a := range m.attrs {
			if isTest(fw, a.name) && testAttr == nil {
				testAttr = &m.attrs[i]
			}
		}
		if testAttr == nil {
			continue
		}
		var classPath []string
		if m.parent != nil {
			classPath = m.parent.path
			status = classStatus(fw, m.parent, src)
			for c := m.parent; c != nil; c = c.parent {
				c.hasTests = true
			}
		}
		displayName := ""
		for _, a := range m.attrs {
			switch {
			case a.name == "Ignore" && fw != inventory.FrameworkXUnit,
				a.name == "Explicit" && (fw == inventory.FrameworkNUnit || fw == inventory.FrameworkUnknown):
				status = inventory.TestSkipped
			case isTest(fw, a.name):
				for _, arg := range args(a.node, src) {
					switch arg.name {
					case "Skip":
						if truthyReason(arg.value, src) {
							status = inventory.TestSkipped
						}
					case "DisplayName":
						if v, ok := literal(arg.value, src); ok && v.kind == kString {
							displayName = v.str
						}
					}
				}
			}
		}
		tests = append(tests, inventory.Test{SuitePath: nonNil(classPath), Name: m.name, Line: m.line, Status: status, Kind: inventory.KindTest,
			Condition: testCondition(fw, m, conds)})
		testPath := append(append([]string{}, classPath...), m.name)
		var params []param
		hasCases := false
		for _, a := range m.attrs {
			st, ok := isData(fw, a.name)
			if !ok || cases >= MaxCases {
				continue
			}
			if params == nil {
				params = paramsOf(m.params, src)
			}
			c, ok := dataCase(st, a, m.name, displayName, params, status, src)
			if !ok {
				continue
			}
			cases++
			hasCases = true
			c.SuitePath = testPath
			c.Condition = ppConditionAt(conds, c.Line)
			tests = append(tests, c)
		}
		if hasCases {
			suites = append(suites, inventory.Suite{Path: testPath, Line: m.line})
		}
	}
	for _, c := range d.list {
		if c.class && c.hasTests {
			suites = append(suites, inventory.Suite{Path: c.path, Line: c.line})
		}
	}
	sort.SliceStable(tests, func(i, j int) bool { return tests[i].Line < tests[j].Line })
	sort.SliceStable(suites, func(i, j int) bool { return suites[i].Line < suites[j].Line })
	return tests, suites
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// truthyReason reports whether a Skip/Ignore value skips: anything but null
// or an empty string literal (a named constant is assumed to be a reason).
func truthyReason(n *sitter.Node, src []byte) bool {
	v, ok := literal(n, src)
	if !ok {
		return true
	}
	switch v.kind {
	case kNull:
		return false
	case kString:
		return v.str != ""
	case kBool:
		return v.str == "true"
	}
	return true
}
