package jvm

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/kotlin"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

var kotlinGrammar = ts.NewGrammar("kotlin", kotlin.GetLanguage())

// kotlinTestAnnotations are the annotation names kotlin.test declares.
var kotlinTestAnnotations = []string{"BeforeTest", "AfterTest", "Ignore"}

// kotlinQuery finds imports, declarations and annotations (the JUnit and
// TestNG rules, and which classes are Kotest specs).
var kotlinQuery = kotlinGrammar.LazyQuery(`
(import_header) @import
(class_declaration (type_identifier) @name) @class
(class_declaration (delegation_specifier [
  (constructor_invocation (user_type (type_identifier) @super))
  (user_type (type_identifier) @super)
])) @spec
(function_declaration (modifiers)? @mods (simple_identifier) @name (function_value_parameters) @params) @method
(object_declaration) @opaque
(companion_object) @opaque
(object_literal) @opaque
(modifiers (annotation (user_type) @aname) @ann)
(modifiers (annotation (constructor_invocation (user_type) @aname (value_arguments) @aargs)) @ann)
`)

// kotestQuery finds the calls of Kotest's DSL — name("…") { },
// name("…").config(…) { }, "…" { }, "…".config(…) { }, "…" should { } and
// "…" - { } — and runs only on files that declare a spec class.
var kotestQuery = kotlinGrammar.LazyQuery(`
(call_expression
  (call_expression
    (simple_identifier) @kfn
    (call_suffix (value_arguments . (value_argument . (string_literal) @kname))))
  (call_suffix (annotated_lambda (lambda_literal) @kbody))) @kcall
(call_expression
  (simple_identifier) @kfn
  (call_suffix
    (value_arguments . (value_argument . (string_literal) @kname))
    (annotated_lambda (lambda_literal) @kbody))) @kcall
(call_expression
  (call_expression
    (navigation_expression
      (call_expression
        (simple_identifier) @kfn
        (call_suffix (value_arguments . (value_argument . (string_literal) @kname))))
      (navigation_suffix (simple_identifier) @kcfg))
    (call_suffix (value_arguments) @kcfgargs))
  (call_suffix (annotated_lambda (lambda_literal) @kbody))) @kcall
(call_expression
  (string_literal) @kname
  (call_suffix (annotated_lambda (lambda_literal) @kbody))) @kcall
(call_expression
  (call_expression
    (navigation_expression
      (string_literal) @kname
      (navigation_suffix (simple_identifier) @kcfg))
    (call_suffix (value_arguments) @kcfgargs))
  (call_suffix (annotated_lambda (lambda_literal) @kbody))) @kcall
(infix_expression (string_literal) @kname (simple_identifier) @kinfix (lambda_literal) @kbody) @kcall
(additive_expression (string_literal) @kname "-" (lambda_literal) @kbody) @kminus
`)

// KotlinExtractor is the Kotlin front end (JUnit 4, JUnit 5, TestNG and
// Kotest). Its zero value is ready and safe for concurrent use.
type KotlinExtractor struct{}

// Language returns inventory.LanguageKotlin.
func (KotlinExtractor) Language() inventory.Language { return inventory.LanguageKotlin }

// Candidate accepts *Test.kt, *Tests.kt, *Spec.kt, *IT.kt, *TestCase.kt and
// any .kt file in a test source set (src/test/, …).
func (KotlinExtractor) Candidate(relPath string) bool { return candidate(relPath, ".kt", false) }

// kotestStyles are Kotest's spec styles.
var kotestStyles = map[string]bool{
	"FunSpec": true, "StringSpec": true, "DescribeSpec": true, "BehaviorSpec": true, "ShouldSpec": true,
	"WordSpec": true, "FreeSpec": true, "FeatureSpec": true, "ExpectSpec": true, "AnnotationSpec": true,
}

// Kotest DSL functions: containers hold tests, tests are leaves.
var (
	kotestContainers = map[string]bool{"context": true, "describe": true, "given": true, "Given": true, "when": true, "When": true, "and": true, "And": true, "feature": true}
	kotestTests      = map[string]bool{"test": true, "it": true, "then": true, "Then": true, "should": true, "scenario": true, "expect": true}
	// Infix containers of WordSpec: "x" should { }, "x" When { }.
	kotestInfix = map[string]bool{"should": true, "Should": true, "when": true, "When": true}
)

// kotestItem is one call of Kotest's DSL.
type kotestItem struct {
	start, end uint32
	name       string
	line       int
	container  bool
	skipped    bool
	focused    bool
	spec       int // index of its spec class in classes
	parent     int // index of its container item, -1 at the top of the spec
	hasChild   bool
}

// Extract parses one Kotlin file. A file without tests is not reported. The
// Kotlin grammar leaves ERROR nodes in some valid code: whatever parses is
// read, err is always nil. A file that cannot declare a test by the rules
// (no test annotation, no Kotest spec: kotlinMayDeclareTests) is not parsed.
func (KotlinExtractor) Extract(s *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extractKotlin(s, true)
	return f, ok, nil
}

// extractKotlin is Extract, with the bodies no rule reads left out of the
// parse when skipBodies is set and the tree confirms them (gapped; see
// kotlin_bodies.go).
func extractKotlin(s *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	if !kotlinMayDeclareTests(s.Content) {
		return inventory.File{}, false, false
	}
	return extractKotlinParsed(s, skipBodies)
}

// extractParsed is Extract without the pre-filter.
func (KotlinExtractor) extractParsed(s *frontend.Source) (inventory.File, bool) {
	f, ok, _ := extractKotlinParsed(s, true)
	return f, ok
}

// extractKotlinParsed is extractKotlin without the pre-filter.
func extractKotlinParsed(s *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	src := s.Content
	f = inventory.File{Path: s.Path, Language: inventory.LanguageKotlin, Tests: []inventory.Test{}}
	tree, gapped, err := parseKotlin(src, skipBodies)
	if err != nil {
		f.Framework, f.FrameworkReason = inventory.FrameworkUnknown, frontend.UnparsedReason
		f.SkipReason = err.Error()
		return f, true, false
	}
	defer tree.Close()

	col := newDeclCollector(src, kotlinImportScores, kotlinArgs)
	scores, annNames := col.scores, col.annNames
	specStarts := map[uint32]bool{}
	var items []kotestItem
	for _, m := range kotlinQuery().Matches(tree.RootNode(), src) {
		c := m.Captures
		switch {
		case c["spec"] != nil:
			sup := textOf(c["super"], src)
			if kotestStyles[sup] || strings.HasSuffix(sup, "Spec") {
				specStarts[c["spec"].StartByte()] = true
				if kotestStyles[sup] {
					annNames["kotest:"+sup] = true
				}
			}
		default:
			col.add(c)
		}
	}
	decls, anns := col.decls, col.anns
	if len(specStarts) > 0 {
		for _, m := range kotestQuery().Matches(tree.RootNode(), src) {
			if it, ok := newKotestItem(m.Captures, src); ok {
				items = append(items, it)
			}
		}
	}
	decls = nest(decls)
	attach(decls, anns)
	b := builder{src: src, kotlin: true}
	b.annotationTests(decls)
	if len(specStarts) > 0 && len(items) > 0 {
		b.kotest(decls, specStarts, items)
	}
	if len(b.tests) == 0 {
		return inventory.File{}, false, gapped
	}
	b.finish(&f)
	if bytes.Contains(src, []byte("import kotlin.test")) {
		// kotlin.test's @BeforeTest, @AfterTest and @Ignore are aliases of
		// the build's framework (kotlin-test-junit, -junit5, -testng): not
		// TestNG's @BeforeTest, nor a sign of JUnit 4.
		for _, n := range kotlinTestAnnotations {
			delete(annNames, n)
		}
	}
	syntaxScores(annNames, scores)
	candidates := junitOrder
	if len(specStarts) > 0 {
		candidates = append([]inventory.Framework{inventory.FrameworkKotest}, junitOrder...)
		for n := range annNames {
			if strings.HasPrefix(n, "kotest:") {
				scores[inventory.FrameworkKotest] += syntaxWeight
				break
			}
		}
	}
	d := s.Project.Decide(s.Path, candidates, scores)
	f.Framework = d.Framework
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, gapped
}

// kotlinImportScores scores a Kotlin import: Kotest's assertions and
// property testing are used from JUnit tests too, so only its framework
// packages prove Kotest.
func kotlinImportScores(imp string, scores map[inventory.Framework]int) {
	if strings.HasPrefix(imp, "io.kotest") && !strings.HasPrefix(imp, "io.kotest.core") &&
		!strings.HasPrefix(imp, "io.kotest.datatest") && !strings.HasPrefix(imp, "io.kotest.engine") {
		scores[inventory.FrameworkKotest] += syntaxWeight
		return
	}
	importScores(imp, scores)
}

// newKotestItem reads one DSL call match.
func newKotestItem(c map[string]*sitter.Node, src []byte) (kotestItem, bool) {
	call := c["kcall"]
	if call == nil {
		call = c["kminus"]
	}
	it := kotestItem{start: call.StartByte(), end: call.EndByte(), line: ts.Line(call), parent: -1, spec: -1}
	name, ok := kotlinString(c["kname"], src)
	if !ok {
		return it, false
	}
	it.name = name
	switch {
	case c["kminus"] != nil:
		it.container = true
	case c["kinfix"] != nil:
		fn := strings.Trim(textOf(c["kinfix"], src), "`")
		if !kotestInfix[fn] {
			return it, false
		}
		it.container = true
	case c["kfn"] != nil:
		container, prefix, ok := kotestFn(strings.Trim(textOf(c["kfn"], src), "`"))
		if !ok {
			return it, false
		}
		it.container = container
		it.skipped = prefix == 'x'
		it.focused = prefix == 'f'
	}
	if cfg := c["kcfg"]; cfg != nil {
		if textOf(cfg, src) != "config" {
			return it, false
		}
		for _, a := range kotlinArgs(c["kcfgargs"], src) {
			if a.key == "enabled" && len(a.values) == 1 && textOf(a.values[0], src) == "false" {
				it.skipped = true
			}
		}
	}
	if strings.HasPrefix(it.name, "!") {
		it.skipped = true
	}
	if strings.HasPrefix(it.name, "f:") {
		it.focused = true
	}
	return it, true
}

// kotestFn reads the name of a DSL function (backticks trimmed): whether
// it is a container's or a test's, and its x (skipped) or f (focused)
// prefix; ok is false for a name that is neither. The body lexer
// (kotlin_bodies.go) keeps in what calls such a name.
func kotestFn(fn string) (container bool, prefix byte, ok bool) {
	base := fn
	if !kotestContainers[fn] && !kotestTests[fn] && len(fn) > 1 && (fn[0] == 'x' || fn[0] == 'f') {
		base, prefix = fn[1:], fn[0]
		if !kotestContainers[base] && !kotestTests[base] {
			base = strings.ToLower(base[:1]) + base[1:] // xGiven
		}
	}
	switch {
	case kotestContainers[base]:
		return true, prefix, true
	case kotestTests[base]:
		return false, prefix, true
	}
	return false, 0, false
}

// kotlinString returns a string literal's value, or for a template its
// source text without quotes (one declared test, whatever it expands to).
// A blank name is no test: Kotest refuses it at run time.
func kotlinString(n *sitter.Node, src []byte) (string, bool) {
	if n == nil {
		return "", false
	}
	lit := textOf(n, src)
	if s, ok := unquote(lit); ok {
		return s, strings.TrimSpace(s) != ""
	}
	s := strings.TrimPrefix(strings.TrimPrefix(lit, `"""`), `"`)
	s = strings.TrimSuffix(strings.TrimSuffix(s, `"""`), `"`)
	return s, strings.TrimSpace(s) != ""
}

// kotest nests the DSL calls in their spec classes and containers and
// reports them: containers as suites, leaves as tests.
func (b *builder) kotest(decls []decl, specStarts map[uint32]bool, items []kotestItem) {
	type span struct {
		start, end uint32
		item       int // -1 for a class
		decl       int
	}
	spans := make([]span, 0, len(items)+len(specStarts))
	for i := range decls {
		if decls[i].kind == declClass && specStarts[decls[i].start] && !decls[i].opaque {
			spans = append(spans, span{decls[i].start, decls[i].end, -1, i})
		}
	}
	for i := range items {
		spans = append(spans, span{items[i].start, items[i].end, i, -1})
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var stack []span
	var order []int
	for k, sp := range spans {
		for len(stack) > 0 && stack[len(stack)-1].end < sp.end {
			stack = stack[:len(stack)-1]
		}
		if k > 0 && sp.item >= 0 && spans[k-1].item >= 0 && spans[k-1].start == sp.start && spans[k-1].end == sp.end {
			continue // one call matched by two patterns
		}
		if sp.item >= 0 {
			it := &items[sp.item]
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].item < 0 {
					it.spec = stack[k].decl
					break
				}
				if it.parent < 0 {
					it.parent = stack[k].item
				}
			}
			// Items between the item and its spec: the innermost is its parent.
			if it.parent >= 0 && items[it.parent].spec != it.spec {
				it.parent = -1
			}
			if it.spec >= 0 {
				if it.parent >= 0 {
					items[it.parent].hasChild = true
				}
				order = append(order, sp.item)
			}
		}
		stack = append(stack, sp)
	}
	paths := make(map[int][]string, len(order))
	specPaths := map[int][]string{}
	specSkipped := map[int]bool{}
	for _, i := range order {
		if b.overflow {
			return
		}
		it := &items[i]
		var parentPath []string
		skipped, seen := specSkipped[it.spec]
		if !seen {
			skipped = b.classSkipped(decls, it.spec)
			specSkipped[it.spec] = skipped
		}
		focused := false
		if it.parent >= 0 {
			p := &items[it.parent]
			parentPath = paths[it.parent]
			skipped = skipped || p.skipped
			focused = p.focused
		} else {
			if parentPath = specPaths[it.spec]; parentPath == nil {
				parentPath = b.classPath(decls, it.spec)
				specPaths[it.spec] = parentPath
				b.classSuites(decls, it.spec)
			}
			focused = it.focused
		}
		it.skipped = it.skipped || skipped
		it.focused = focused && !it.skipped
		if it.container || it.hasChild {
			if !b.spend(len(parentPath) + 1) {
				return
			}
			paths[i] = append(append(make([]string, 0, len(parentPath)+1), parentPath...), it.name)
			b.suite(paths[i], it.line)
			continue
		}
		status := inventory.TestActive
		switch {
		case it.skipped:
			status = inventory.TestSkipped
		case it.focused:
			status = inventory.TestFocused
		}
		b.test(parentPath, it.name, it.line, status, inventory.KindTest)
	}
}

// classPath is the path of a class declaration and the classes around it.
func (b *builder) classPath(decls []decl, i int) []string {
	var p []string
	for ; i >= 0; i = decls[i].parent {
		p = append(p, decls[i].name)
	}
	slices.Reverse(p)
	return p
}

// classSkipped reports a Kotest spec (or an enclosing class) annotated
// @Ignored, @Disabled or @Ignore.
func (b *builder) classSkipped(decls []decl, i int) bool {
	for ; i >= 0; i = decls[i].parent {
		for _, a := range decls[i].anns {
			if a.name == "Ignored" || a.name == "Disabled" || a.name == "Ignore" {
				return true
			}
		}
	}
	return false
}

// kotlinArgs reads the value_arguments of an annotation or a call: a
// named argument by its name, positional ones (varargs) together as "value".
func kotlinArgs(list *sitter.Node, src []byte) []annotArg {
	if list == nil {
		return nil
	}
	var out []annotArg
	for i := 0; i < int(list.NamedChildCount()); i++ {
		c := list.NamedChild(i)
		if c.Type() != "value_argument" {
			continue
		}
		n := int(c.NamedChildCount())
		if n == 0 {
			continue
		}
		v := c.NamedChild(n - 1)
		key := "value"
		if n >= 2 && c.NamedChild(0).Type() == "simple_identifier" && c.ChildCount() >= 3 && c.Child(1).Type() == "=" {
			key = textOf(c.NamedChild(0), src)
		}
		values := kotlinFlatten(v, src)
		if key == "value" && len(out) > 0 && out[len(out)-1].key == "value" {
			out[len(out)-1].values = append(out[len(out)-1].values, values...)
			continue
		}
		out = append(out, annotArg{key: key, values: values})
	}
	return out
}

// kotlinFlatten returns the elements of […] or arrayOf(…), or the value.
func kotlinFlatten(n *sitter.Node, src []byte) []*sitter.Node {
	if n.Type() == "call_expression" && n.NamedChildCount() == 2 {
		fn := textOf(n.NamedChild(0), src)
		if strings.HasSuffix(fn, "arrayOf") || strings.HasSuffix(fn, "ArrayOf") {
			var out []*sitter.Node
			suffix := n.NamedChild(1)
			if suffix.NamedChildCount() == 1 && suffix.NamedChild(0).Type() == "value_arguments" {
				for _, a := range kotlinArgs(suffix.NamedChild(0), src) {
					out = append(out, a.values...)
				}
				return out
			}
		}
	}
	return flatten(n, src)
}
