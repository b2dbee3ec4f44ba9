// Package swift is the engine's Swift front end: XCTest and swift-testing.
//
// XCTest: a test is an instance method named test… without parameters
// (throws and async variants included; private, fileprivate, static and
// class methods are not discovered by XCTest) of a class that inherits from
// something in a file importing XCTest, or whose superclass name ends in
// TestCase, Test or Tests in a file that does not; methods in an extension
// of such a class (or of a type named …Tests) count too. Suite: the class.
// `throw XCTSkip(…)` as the first statement is skipped (XCTSkipIf and
// XCTSkipUnless are conditional: active).
//
// swift-testing: a test is a function marked @Test, at file level (no suite)
// or in a type (struct, class, enum, actor, extension), at any nesting; each
// type around it is a suite, named by its type name. Tests and suites are
// named by their function and type names, not by a display name given as
// the first @Test("…")/@Suite("…") argument: `swift test list` and
// `--filter` identify tests by name, and a display name is a label that need
// not be unique. @Test(.disabled(…)) and @Suite(.disabled(…)) (for every test
// inside) are skipped; .enabled(if:) is conditional: active. @Test(arguments:
// [literals]) with one literal array expands to one case per element, named
// by the literal as written (strings quoted, .member with its dot: the
// argument as swift-testing shows it); several collections
// (a cartesian product), zip(…) and computed collections are not expanded.
//
// Functions declared inside a function body are never tests. Test methods a
// class inherits from a base class are reported once, under the base class.
// A file with a syntax error is still read (tree-sitter recovers; what it
// could parse is reported), and Swift 6.2 raw identifiers with spaces
// (func `adds two numbers`()) are beyond the grammar.
//
// Framework: one per file. `import XCTest` scores xctest and `import Testing`
// swift-testing (project.ImportWeight each, plus the number of tests of that
// kind, so that a file importing both is labelled by the framework most of
// its tests use); tests of both kinds are reported either way. Package.swift
// naming swift-testing adds project evidence.
package swift

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	tsswift "github.com/smacker/go-tree-sitter/swift"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds what one file may expand to, counted in names: each test
// or case costs its own name plus the names of its suite path. A file over
// it (generated or hostile) is reported with a SkipReason.
const MaxNames = 1_000_000

var grammar = ts.NewGrammar("swift", tsswift.GetLanguage())

// declsQuery finds every declaration the front end looks at. Its patterns
// are single nodes on purpose: with the Swift grammar, tree-sitter takes
// seconds to compile a pattern that constrains a function_declaration's
// children, and tens of milliseconds for these; children are read through
// the node API instead. It is compiled on first use, so that a scan without
// Swift files never pays for it.
var declsQuery = sync.OnceValue(func() *ts.Query {
	return grammar.MustQuery(`
(function_declaration) @fn
(class_declaration) @type
(import_declaration) @import
(attribute) @attr
(inheritance_specifier) @inh
`)
})

// Extractor is the Swift front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageSwift.
func (Extractor) Language() inventory.Language { return inventory.LanguageSwift }

// Candidate accepts .swift files named …Tests.swift or …Test.swift, or in a
// folder named Tests or …Tests (SwiftPM's Tests/, Xcode's AppTests/).
func (Extractor) Candidate(relPath string) bool {
	if !strings.HasSuffix(relPath, ".swift") {
		return false
	}
	base := strings.TrimSuffix(path.Base(relPath), ".swift")
	if strings.HasSuffix(base, "Tests") || strings.HasSuffix(base, "Test") {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool { return strings.HasSuffix(elem, "Tests") || strings.EqualFold(elem, "tests") })
}

// mayHoldTests is the pre-filter: a swift-testing test needs @Test
// (@Testing.Test holds it too), and an XCTest test a method whose name
// starts with test and whose parameter list is empty (isXCTestMethod), so
// "func", the name, and "()" as the first parentheses after it. Generated
// code in test folders declares test…(at:) accessors, which have
// parameters.
func mayHoldTests(src []byte) bool {
	if bytes.Contains(src, []byte("@Test")) {
		return true
	}
	for at := 0; ; {
		k := bytes.Index(src[at:], []byte("func"))
		if k < 0 {
			return false
		}
		at += k + len("func")
		if mayNameXCTest(src, at) {
			return true
		}
	}
}

// mayNameXCTest reports whether the text after a func keyword (at i) may
// declare an XCTest method: test… as the name, backquoted or not, and "()"
// as the first parentheses after it. A comment before the name passes.
// (bytes.TrimSpace trims what isXCTestMethod's strings.TrimSpace trims.)
func mayNameXCTest(src []byte, i int) bool {
	for i < len(src) && (src[i] == ' ' || src[i] >= '\t' && src[i] <= '\r') {
		i++
	}
	if i < len(src) && (src[i] == '/' || src[i] >= 0x80) {
		return true // a comment, or a space outside ASCII
	}
	if i < len(src) && src[i] == '`' {
		i++
	}
	if !bytes.HasPrefix(src[i:], []byte("test")) {
		return false
	}
	// Only 4 KiB are read on: a func test… without parentheses there
	// passes (a file of thousands would otherwise be read once per func).
	open := bytes.IndexByte(src[i:min(len(src), i+4096)], '(')
	if open < 0 {
		return i+4096 < len(src)
	}
	rest := bytes.TrimSpace(src[i+open+1 : min(len(src), i+open+1+256)])
	return len(rest) == 0 || rest[0] == ')' // as isXCTestMethod reads it, or a long blank
}

// typeDecl is one type declaration (class, struct, enum, actor, extension).
type typeDecl struct {
	start, end uint32
	line       int
	names      []string // Outer.Inner for an extension of a nested type
	kind       string
	super      string
	disabled   bool
}

// fnDecl is one function declaration.
type fnDecl struct {
	start, end         uint32
	bodyStart, bodyEnd uint32
	line               int
	name               string
	head               string // from the start to the name: attributes, modifiers, func
	params             string // from the name to the body
	firstStmt          string
	test               bool // @Test
	disabled           bool
	cases              []string
}

// Extract reports the tests of one Swift file, or ok=false when it has none.
// err is always nil unless the parser fails.
func (Extractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	f, ok, _, err := extract(source, true)
	return f, ok, err
}

// extract is Extract, with function bodies left out of the parse when
// skipBodies is set and the tree confirms them (gapped).
func extract(source *frontend.Source, skipBodies bool) (_ inventory.File, ok, gapped bool, err error) {
	if !mayHoldTests(source.Content) {
		return inventory.File{}, false, false, nil
	}
	return extractParsed(source, skipBodies)
}

// extractParsed is extract without the pre-filter.
func extractParsed(source *frontend.Source, skipBodies bool) (_ inventory.File, ok, gapped bool, err error) {
	src := source.Content
	tree, gapped, err := parse(src, skipBodies)
	if err != nil {
		return frontend.Unparsed(source.Path, inventory.LanguageSwift, err), true, false, nil
	}
	defer tree.Close()
	root := tree.RootNode()

	var fns []*fnDecl
	var types []*typeDecl
	fnAt := map[uint32]*fnDecl{}
	typeAt := map[uint32]*typeDecl{}
	imports := map[string]bool{}
	var attrs, inhs []*sitter.Node
	for _, m := range declsQuery().Matches(root, src) {
		switch {
		case m.Captures["fn"] != nil:
			n := m.Captures["fn"]
			name, body := n.ChildByFieldName("name"), n.ChildByFieldName("body")
			if name == nil || body == nil || strings.Trim(ts.Text(name, src), "`") == "" {
				continue // a protocol requirement or broken code
			}
			f := &fnDecl{
				start: n.StartByte(), end: n.EndByte(), line: ts.Line(n),
				bodyStart: body.StartByte(), bodyEnd: body.EndByte(),
				name: strings.Trim(ts.Text(name, src), "`"),
			}
			f.head = string(src[f.start:name.StartByte()])
			f.params = string(src[name.EndByte():f.bodyStart])
			f.firstStmt = firstStatement(src[f.bodyStart:f.bodyEnd])
			fns = append(fns, f)
			fnAt[f.start] = f
		case m.Captures["type"] != nil:
			n := m.Captures["type"]
			t := &typeDecl{start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)}
			for _, part := range strings.Split(ts.Text(n.ChildByFieldName("name"), src), ".") {
				if part = strings.Trim(strings.TrimSpace(part), "`"); part != "" {
					t.names = append(t.names, part)
				}
			}
			if k := n.ChildByFieldName("declaration_kind"); k != nil {
				t.kind = k.Type()
			}
			if len(t.names) == 0 {
				continue
			}
			types = append(types, t)
			typeAt[t.start] = t
		case m.Captures["import"] != nil:
			// import XCTest, @testable import X, import struct X.Y
			fields := strings.Fields(ts.Text(m.Captures["import"], src))
			if len(fields) > 0 {
				imports[fields[len(fields)-1]] = true
			}
		case m.Captures["attr"] != nil:
			attrs = append(attrs, m.Captures["attr"])
		case m.Captures["inh"] != nil:
			inhs = append(inhs, m.Captures["inh"])
		}
	}
	if len(fns) == 0 {
		return inventory.File{}, false, gapped, nil
	}
	for _, attr := range attrs {
		text := src[attr.StartByte():attr.EndByte()]
		isTest := attrNamed(text, "Test")
		if !isTest && !attrNamed(text, "Suite") {
			continue
		}
		mods := attr.Parent()
		if mods == nil || mods.Type() != "modifiers" {
			continue
		}
		owner := mods.Parent()
		if owner == nil {
			continue
		}
		disabled := bytes.Contains(text, []byte(".disabled"))
		if f := fnAt[owner.StartByte()]; f != nil && isTest && owner.Type() == "function_declaration" {
			f.test = true
			f.disabled = f.disabled || disabled
			f.cases = argumentCases(attr, src)
		}
		if t := typeAt[owner.StartByte()]; t != nil && !isTest && owner.Type() == "class_declaration" {
			t.disabled = t.disabled || disabled
		}
	}
	for _, inh := range inhs {
		owner := inh.Parent()
		if owner == nil {
			continue
		}
		if t := typeAt[owner.StartByte()]; t != nil && t.super == "" && owner.Type() == "class_declaration" {
			if from := inh.ChildByFieldName("inherits_from"); from != nil {
				t.super = ts.Text(from, src)
			}
		}
	}

	xctestFile := imports["XCTest"]
	xcClasses := map[string]bool{}
	for _, t := range types {
		if t.kind == "class" && t.super != "" && (xctestFile || looksLikeTestCase(t.super) || xcClasses[t.super]) {
			xcClasses[t.names[len(t.names)-1]] = true
		}
	}

	found, counts, tooMany := collect(fns, types, xcClasses)
	if len(found) == 0 && tooMany == nil {
		return inventory.File{}, false, gapped, nil
	}
	scores := map[inventory.Framework]int{}
	if imports["XCTest"] {
		scores[inventory.FrameworkXCTest] = project.ImportWeight + counts[inventory.FrameworkXCTest]
	}
	if imports["Testing"] {
		scores[inventory.FrameworkSwiftTesting] = project.ImportWeight + counts[inventory.FrameworkSwiftTesting]
	}
	decision := source.Project.Decide(source.Path, []inventory.Framework{inventory.FrameworkXCTest, inventory.FrameworkSwiftTesting}, scores)
	f := inventory.File{
		Path:      source.Path,
		Framework: decision.Framework,
		Language:  inventory.LanguageSwift,
		Tests:     []inventory.Test{},
	}
	if decision.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = decision.Reason
	}
	if tooMany != nil {
		f.SkipReason = tooMany.Error()
	} else if err := build(&f, found); err != nil {
		f.SkipReason = err.Error()
		f.Tests, f.Suites = []inventory.Test{}, nil
	}
	return f, true, gapped, nil
}

// attrNamed reports whether an attribute's text (@Test(…)) names the
// swift-testing attribute name, qualified or not.
func attrNamed(text []byte, name string) bool {
	text = bytes.TrimPrefix(text, []byte("@"))
	text = bytes.TrimPrefix(text, []byte("Testing."))
	if !bytes.HasPrefix(text, []byte(name)) {
		return false
	}
	rest := text[len(name):]
	return len(rest) == 0 || !isIdentByte(rest[0])
}

func looksLikeTestCase(super string) bool {
	return strings.HasSuffix(super, "TestCase") || strings.HasSuffix(super, "Test") || strings.HasSuffix(super, "Tests")
}

// firstStatement returns the start of a function body's first statement,
// comments skipped.
func firstStatement(body []byte) string {
	body = bytes.TrimPrefix(body, []byte("{"))
	for {
		body = bytes.TrimLeft(body, " \t\r\n;")
		switch {
		case bytes.HasPrefix(body, []byte("//")):
			i := bytes.IndexByte(body, '\n')
			if i < 0 {
				return ""
			}
			body = body[i:]
		case bytes.HasPrefix(body, []byte("/*")):
			i := bytes.Index(body, []byte("*/"))
			if i < 0 {
				return ""
			}
			body = body[i+2:]
		default:
			if len(body) > 64 {
				body = body[:64]
			}
			return string(body)
		}
	}
}

// argumentCases returns the cases of @Test(…, arguments: [literals]), or nil
// when the arguments are not one literal array.
func argumentCases(attr *sitter.Node, src []byte) []string {
	text := ts.Text(attr, src)
	if !strings.Contains(text, "arguments") {
		return nil
	}
	count := int(attr.NamedChildCount())
	for i := 0; i < count; i++ {
		c := attr.NamedChild(i)
		if c.Type() != "simple_identifier" || ts.Text(c, src) != "arguments" {
			continue
		}
		arr := c.NextNamedSibling()
		if arr == nil || arr.Type() != "array_literal" || arr.NextNamedSibling() != nil {
			return nil
		}
		var out []string
		n := int(arr.NamedChildCount())
		for j := 0; j < n; j++ {
			el := arr.NamedChild(j)
			if el.Type() == "comment" || el.Type() == "multiline_comment" {
				continue
			}
			name, ok := literalName(el, src)
			if !ok {
				return nil
			}
			out = append(out, name)
		}
		return out
	}
	return nil
}

// literalName is how swift-testing shows a literal argument: as written
// (its debug description: strings keep their quotes, enum cases their dot).
func literalName(el *sitter.Node, src []byte) (string, bool) {
	text := ts.Text(el, src)
	switch el.Type() {
	case "integer_literal", "real_literal", "boolean_literal", "hex_literal", "bin_literal", "oct_literal":
		return text, true
	case "line_string_literal":
		if !strings.Contains(text, `\(`) && strings.HasPrefix(text, `"`) {
			return text, true
		}
	case "prefix_expression":
		if strings.HasPrefix(text, ".") && isIdent(text[1:]) ||
			strings.HasPrefix(text, "-") && len(text) > 1 && text[1] >= '0' && text[1] <= '9' {
			return text, true
		}
	case "simple_identifier":
		if text == "nil" {
			return text, true
		}
	}
	return "", false
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// test is one test found, before the file is built.
type test struct {
	path   []string
	name   string
	line   int
	status inventory.TestStatus
	cases  []string
	suites []inventory.Suite // the suites around it, outermost first
}

// collect finds the tests among the functions, with the types around them.
func collect(fns []*fnDecl, types []*typeDecl, xcClasses map[string]bool) ([]test, map[inventory.Framework]int, error) {
	counts := map[inventory.Framework]int{}
	// Containers (types and function bodies) in source order, swept with a
	// stack of the ones open at each function.
	type container struct {
		start, end uint32
		t          *typeDecl // nil for a function body
	}
	var cs []container
	for _, t := range types {
		cs = append(cs, container{t.start, t.end, t})
	}
	for _, f := range fns {
		cs = append(cs, container{f.bodyStart, f.bodyEnd, nil})
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].start != cs[j].start {
			return cs[i].start < cs[j].start
		}
		return cs[i].end > cs[j].end
	})
	sort.SliceStable(fns, func(i, j int) bool { return fns[i].start < fns[j].start })

	var out []test
	var open []container
	// Counters of the open containers, kept as the stack changes, so that
	// a function far down a deep nesting costs nothing unless it is a test.
	fnOpen, disabledOpen, names := 0, 0, 0
	push := func(c container) {
		open = append(open, c)
		if c.t == nil {
			fnOpen++
		} else if c.t.disabled {
			disabledOpen++
		}
	}
	pop := func() {
		c := open[len(open)-1]
		open = open[:len(open)-1]
		if c.t == nil {
			fnOpen--
		} else if c.t.disabled {
			disabledOpen--
		}
	}
	next := 0
	for _, f := range fns {
		for next < len(cs) && cs[next].start < f.start {
			for len(open) > 0 && open[len(open)-1].end <= cs[next].start {
				pop()
			}
			push(cs[next])
			next++
		}
		for len(open) > 0 && open[len(open)-1].end <= f.start {
			pop()
		}
		if fnOpen > 0 || !f.test && (len(open) == 0 || !isXCTestMethod(f)) {
			continue
		}
		names += 1 + len(open)
		if names > MaxNames {
			return nil, counts, errTooMany
		}
		var path []string
		var suites []inventory.Suite
		for _, c := range open {
			path = append(path, c.t.names...)
			suites = append(suites, inventory.Suite{Path: append([]string(nil), path...), Line: c.t.line})
		}
		disabled := disabledOpen > 0
		status := inventory.TestActive
		switch {
		case f.test:
			if f.disabled || disabled {
				status = inventory.TestSkipped
			}
			counts[inventory.FrameworkSwiftTesting]++
			out = append(out, test{path: nonNil(path), name: f.name, line: f.line, status: status, cases: f.cases, suites: suites})
		case len(open) > 0 && isXCTestMethod(f) && xctestOwner(open[len(open)-1].t, xcClasses):
			if strings.HasPrefix(f.firstStmt, "throw XCTSkip(") || strings.HasPrefix(f.firstStmt, "throw XCTSkip (") {
				status = inventory.TestSkipped
			}
			counts[inventory.FrameworkXCTest]++
			owner := open[len(open)-1].t
			// An XCTest suite is the class alone, as XCTest names it.
			name := owner.names[len(owner.names)-1]
			out = append(out, test{path: []string{name}, name: f.name, line: f.line, status: status,
				suites: []inventory.Suite{{Path: []string{name}, Line: owner.line}}})
		}
	}
	return out, counts, nil
}

var errTooMany = fmt.Errorf("file expands to over %d names", MaxNames)

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// isXCTestMethod applies XCTest's rules to a method's name and signature.
func isXCTestMethod(f *fnDecl) bool {
	if !strings.HasPrefix(f.name, "test") {
		return false
	}
	params := strings.TrimSpace(f.params)
	if i := strings.IndexByte(params, '('); i < 0 || !strings.HasPrefix(strings.TrimSpace(params[i+1:]), ")") {
		return false
	}
	for _, w := range strings.Fields(f.head) {
		switch w {
		case "static", "class", "private", "fileprivate":
			return false
		}
	}
	return true
}

// xctestOwner reports whether methods of t are XCTest tests.
func xctestOwner(t *typeDecl, xcClasses map[string]bool) bool {
	name := t.names[len(t.names)-1]
	switch t.kind {
	case "class":
		return xcClasses[name]
	case "extension":
		return xcClasses[name] || strings.HasSuffix(name, "Tests") || strings.HasSuffix(name, "TestCase")
	}
	return false
}

// build fills f from the tests found.
func build(f *inventory.File, tests []test) error {
	seen := map[string]bool{}
	names := 0
	for _, t := range tests {
		names += (1 + len(t.path)) * (1 + len(t.cases))
		if names > MaxNames {
			return errTooMany
		}
		for _, s := range t.suites {
			key := strings.Join(s.Path, "\x00")
			if !seen[key] {
				seen[key] = true
				f.Suites = append(f.Suites, s)
			}
		}
		f.Tests = append(f.Tests, inventory.Test{SuitePath: t.path, Name: t.name, Line: t.line, Status: t.status, Kind: inventory.KindTest})
		if len(t.cases) == 0 {
			continue
		}
		casePath := append(append([]string{}, t.path...), t.name)
		if key := strings.Join(casePath, "\x00"); !seen[key] {
			seen[key] = true
			f.Suites = append(f.Suites, inventory.Suite{Path: casePath, Line: t.line})
		}
		for _, c := range t.cases {
			f.Tests = append(f.Tests, inventory.Test{SuitePath: casePath, Name: c, Line: t.line, Status: t.status, Kind: inventory.KindCase})
		}
	}
	sort.SliceStable(f.Tests, func(i, j int) bool { return f.Tests[i].Line < f.Tests[j].Line })
	sort.SliceStable(f.Suites, func(i, j int) bool { return f.Suites[i].Line < f.Suites[j].Line })
	return nil
}
