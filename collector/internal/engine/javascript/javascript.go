// Package javascript is the engine's front end for JavaScript and TypeScript:
// Jest, Vitest, Mocha, Jasmine, Playwright, Cypress, node:test and bun:test,
// which all declare tests with calls (describe/it/test and their modifiers).
//
// One tree-sitter parse and one query per file find every call whose callee
// is a plain name or member chain, every import, variable declaration and
// function declaration. The parse leaves out test and hook bodies, plain
// literals and inert helper blocks when the tree confirms it (bodies.go,
// inert.go): they are most of a test file, and nothing in them is read from
// the tree; the commonest test calls, it('title', () => { … }), are left out
// whole and read from their text (leaves.go). The rest is done in Go on
// those few nodes: resolving
// aliases (const itSlow = it.skip, import { test as base }, base.extend),
// recognising local wrappers (function itIf(c, name, fn) { … it(name, fn) }),
// nesting by byte ranges, statuses from the modifier chain, and the expansion
// of literal it.each / test.each / test.for tables.
//
// Decisions on ambiguous cases (each is also pinned by a golden sample):
//   - A title that is not a plain literal is reported as its source text:
//     `adds ${a}` for a template literal with substitutions (each ${…} on
//     one line, its blanks collapsed as an expression title's are),
//     Foo.name for an expression. String concatenations of literals are
//     folded; one of literals and names (a literal first) is written as the
//     template it equals ('for ' + app + "!" → for ${app}!).
//   - A test or suite call inside a test's body is not a declaration (Jest and
//     Mocha refuse them; Playwright's test.step is a step, not a test), nor
//     inside a hook (beforeEach, test.afterAll, …) or a module mock's factory
//     (jest.mock, vi.mock), which run after every test is declared; and
//     neither is a call whose title is not a literal unless it passes a
//     function (so a Playwright test.skip(cond, 'why') inside a body or a
//     describe is a runtime skip, not a test).
//   - describe.each is one suite named by its raw title (its instances are not
//     expanded); it.each/test.each/test.for is one declared test named by its
//     raw title plus one case per literal row. A table passed by name is the
//     const array of that name JavaScript's scoping sees there (the nearest
//     declared before the call in a block around it), as for a loop.
//   - Case titles are formatted as the runner does: jest-each for Jest and
//     Bun, Vitest's formatTitle otherwise. Vitest 5 prints a string through
//     $key without quotes; the major version is the one the nearest
//     package.json declaring vitest asks for (no version: before 5).
//   - TypeScript assertions on a table or its values (as const, as T,
//     satisfies T) leave the values as they are.
//   - test.skipIf(c)/runIf(c)/if(c) are conditions decided at run time: active;
//     so is a Cypress test or suite with a { browser } option.
//   - A template title whose substitutions are all literals (`v${'1'}.${2}`)
//     is the string it makes.
//   - A status on a suite applies to its tests: skipped (or todo) wins over
//     anything but a todo test; focused applies to active tests only.
//   - A test with several modifiers takes the strongest: skipped, todo,
//     focused, xfail.
//   - it('x') without a callback is todo, except for node:test where a test
//     without a function is a passing no-op (active).
//   - A wrapper is a function declared in the file that calls a test or suite
//     function with one of its own parameters as the title; each call of the
//     wrapper with a literal at that position is one active test (or suite).
//     Wrappers of wrappers and curried wrappers are not followed.
//   - An alias or callee that is a conditional of two test functions
//     (const run = old ? it.skip : it; (ok ? it : xit)(…)) stands for the
//     branch that skips, as a skip with a condition is taken as applying.
//   - A test or suite in an if branch carries the branch's condition (cond.go).
//   - A file named as a test (x.test.js, under __tests__) that declares
//     nothing and calls, at its top level, a function of another module
//     with a suite's name ('ParserFeedbackSimulator') is reported with no
//     test and the reason: that module makes its tests at run time
//     (generator.go).
//   - ESLint's RuleTester: tester.run(rule, impl, {valid, invalid}) is one
//     declared test named after the rule, each literal item a case under the
//     valid or invalid group RuleTester adds (ruletester.go).
//   - Where the project's Mocha config selects the exports interface, the
//     module's exports are the tests and suites (exports.go).
//   - Syntax errors are recovered by tree-sitter and the recovered calls are
//     reported; SkipReason is only set when no tree can be built.
package javascript

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds what one file may expand to, counted in names (each test
// costs its own name plus its suite path): deep nesting and big tables could
// otherwise make a small hostile file ask for a lot of memory. A file over
// the bound is reported with a SkipReason.
const MaxNames = 1_000_000

// Extractor is the JavaScript/TypeScript front end. Its zero value is ready
// and safe for concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageJavaScript, the language of the family;
// LanguageOf tells each file's own.
func (Extractor) Language() inventory.Language { return inventory.LanguageJavaScript }

// LanguageOf returns inventory.LanguageTypeScript for .ts, .tsx, .mts and
// .cts files and inventory.LanguageJavaScript for the others.
func (Extractor) LanguageOf(relPath string) inventory.Language {
	switch path.Ext(relPath) {
	case ".ts", ".tsx", ".mts", ".cts":
		return inventory.LanguageTypeScript
	}
	return inventory.LanguageJavaScript
}

var extensions = map[string]bool{
	".js": true, ".jsx": true, ".mjs": true, ".cjs": true,
	".ts": true, ".tsx": true, ".mts": true, ".cts": true,
}

// testDirs are folders whose JavaScript files are offered to Extract.
var testDirs = map[string]bool{
	"__tests__": true, "test": true, "tests": true, "spec": true, "e2e": true, "cypress": true,
}

// Candidate accepts JavaScript and TypeScript sources (not .d.ts
// declarations) named *.test.*, *.spec.*, *.cy.* or *.e2e.* (test.js and
// spec.ts included, as Jest's default testMatch does), and every source under
// a __tests__, test, tests, spec, e2e or cypress folder, or a folder whose
// name starts with test.
func (Extractor) Candidate(relPath string) bool {
	base := path.Base(relPath)
	ext := path.Ext(base)
	if !extensions[ext] {
		return false
	}
	stem := strings.TrimSuffix(base, ext)
	if strings.HasSuffix(stem, ".d") {
		return false
	}
	if first, later := testNameParts(stem); first || later {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool { return testDirs[elem] || isTestFolderName(elem) })
}

// testNameParts reports whether a file's stem is test, spec, cy or e2e
// (first: test.js) or has one of them after a dot (later: x.test.js).
func testNameParts(stem string) (first, later bool) {
	for i, part := range strings.Split(stem, ".") {
		switch part {
		case "test", "spec", "cy", "e2e":
			if i > 0 {
				return first, true
			}
			first = true
		}
	}
	return first, false
}

// isTestFolderName: testLib, testing, test-utils, tests_e2e … — folders of
// test code whose files a test file requires (rewire's
// testLib/sharedTestCases.js declares most of its tests).
func isTestFolderName(elem string) bool {
	return len(elem) > 4 && strings.EqualFold(elem[:4], "test")
}

// grammar is one tree-sitter grammar with the front end's query.
type grammar struct {
	g *ts.Grammar
	q func() *ts.Query
	// ifs finds the if statements, run only over a file that declares
	// something (cond.go): the large library files some test folders hold
	// write thousands of them and declare nothing.
	ifs func() *ts.Query
}

// Query patterns, by index.
const (
	patCall = iota
	patEachCall
	patImport
	patDeclarator
	patFunction
	patParenCall
)

// query finds the nodes the front end needs. Every pattern completes on
// entering a node or its first children, never after a child's subtree: a
// pattern that waits for a later child (arguments after a deep callee such as
// a().b().c()…) keeps one pending state per nesting level, and the cursor
// then costs quadratic time on hostile input. Later children (arguments,
// declarator values) are read from Go, only for the nodes that matter.
const query = `
(call_expression
  function: [(identifier) (member_expression)] @fn) @call

(call_expression
  function: (call_expression
    function: [(identifier) (member_expression)] @fn) @inner) @call

(import_statement source: (string) @src) @import

(variable_declarator) @decl

(function_declaration name: (identifier) @name) @function

(call_expression
  function: (parenthesized_expression) @paren) @call
`

func newGrammar(name string, lang *sitter.Language) *grammar {
	g := ts.NewGrammar(name, lang)
	return &grammar{g: g, q: g.LazyQuery(query), ifs: g.LazyQuery("(if_statement) @if")}
}

var (
	jsGrammar  = newGrammar("javascript", javascript.GetLanguage())
	tsGrammar  = newGrammar("typescript", typescript.GetLanguage())
	tsxGrammar = newGrammar("tsx", tsx.GetLanguage())
)

func grammarFor(relPath string) *grammar {
	switch path.Ext(relPath) {
	case ".ts", ".mts", ".cts":
		return tsGrammar
	case ".tsx":
		return tsxGrammar
	}
	return jsGrammar // JSX included
}

// Extract parses one candidate. A file without a single test or suite call is
// not reported (ok=false). err is always nil.
func (e Extractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := e.extract(source, true)
	return f, ok, nil
}

// extract is Extract; blank says whether test bodies may be blanked before
// the parse (false only to check that blanking changes nothing), blanked
// whether they were.
func (e Extractor) extract(source *frontend.Source, blank bool) (f inventory.File, ok, blanked bool) {
	// A file that never writes exports is no exports-interface suite (most
	// files under a test folder are fixtures): no parse.
	if bytes.Contains(source.Content, []byte("exports")) && source.Project.MochaUI(source.Path) == "exports" {
		if f, ok := e.extractExports(source); ok {
			return f, true, false
		}
	}
	named := namedAsTest(source.Path)
	if !named && (!mayDeclareTests(source.Content) || minified(source.Content)) {
		return inventory.File{}, false, false
	}
	return e.extractParsed(source, blank)
}

// extractParsed is extract without the pre-filter.
func (e Extractor) extractParsed(source *frontend.Source, blank bool) (f inventory.File, ok, blanked bool) {
	src := source.Content
	f = inventory.File{
		Path:     source.Path,
		Language: e.LanguageOf(source.Path),
		Tests:    []inventory.Test{},
	}
	if depth := nesting(src); depth > MaxNesting {
		f.Framework = inventory.FrameworkUnknown
		f.SkipReason = fmt.Sprintf("brackets nest %d levels deep, over the limit of %d", depth, MaxNesting)
		return f, true, blanked
	}
	tree, x, decls, blanked, err := scanFile(grammarFor(source.Path), src, blank)
	if err != nil {
		f.Framework, f.FrameworkReason = inventory.FrameworkUnknown, frontend.UnparsedReason
		f.SkipReason = err.Error()
		return f, true, blanked
	}
	defer tree.Close()
	if len(decls) == 0 {
		if !namedAsTest(source.Path) {
			return inventory.File{}, false, blanked
		}
		root := tree.RootNode()
		if blanked {
			// The generator's import may be in a block the parse left
			// out (an inert named-imports list): read the whole file.
			whole, err := grammarFor(source.Path).g.Parse(src)
			if err != nil {
				return inventory.File{}, false, blanked
			}
			defer whole.Close()
			root = whole.RootNode()
		}
		callee, module, ok := generatorCall(root, src)
		if !ok {
			return inventory.File{}, false, blanked
		}
		f.SkipReason = "declares no test in its source: its tests are made at run time by " + callee +
			" (from " + module + ")"
	}

	d := source.Project.Decide(source.Path, x.candidatesFor(), x.scores(source.Path))
	if x.otherLibrary != "" && len(x.modules) == 0 {
		d = project.Decision{Framework: inventory.FrameworkUnknown,
			Reason: "imports " + x.otherLibrary + ", a test library none of the decided frameworks runs; its tests are read by the JavaScript rules"}
	}
	f.Framework = d.Framework
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	if len(decls) == 0 {
		return f, true, blanked // a generator's caller: no test, the reason
	}
	fl := flavorJest
	if d.Framework == inventory.FrameworkVitest {
		fl = flavorVitest
		if source.Project.DeclaredMajor(source.Path, inventory.FrameworkVitest) >= 5 {
			fl = flavorVitest5
		}
	}
	if bytes.Contains(src, []byte("if")) {
		for _, m := range grammarFor(source.Path).ifs().Matches(tree.RootNode(), src) {
			x.addIf(m.Captures["if"])
		}
		x.setConditions(decls)
	}
	tests, suites, over := x.build(decls, d.Framework, fl)
	if over {
		f.SkipReason = "file expands to more than the limit of test names"
		return f, true, blanked
	}
	if len(tests) == 0 {
		return inventory.File{}, false, blanked
	}
	f.Tests, f.Suites = tests, suites
	return f, true, blanked
}

// scanFile parses src — without its test bodies, literals and inert blocks
// when the tree confirms them (bodies.go), else whole — and reads its
// declarations.
// The caller closes the tree, which the declarations point into.
func scanFile(gr *grammar, src []byte, blank bool) (tree *sitter.Tree, x *fileScan, decls []decl, blanked bool, err error) {
	var ranges []blankRange
	var names []scanName
	if blank {
		ranges, names = findBlankRanges(src, gr != tsGrammar) // .ts has type assertions, not JSX
	}
	if len(ranges) > 0 {
		if tree, err = gr.g.ParseRanges(src, includedRanges(src, ranges)); err != nil {
			return nil, nil, nil, false, err
		}
		x, decls = readDecls(gr, tree, src)
		if confirmBlanks(tree.RootNode(), x, decls, ranges) && !inertNamesFollowed(x, src, ranges, names) {
			if withLeaves, ok := x.addLeaves(decls, ranges); ok {
				return tree, x, withLeaves, true, nil
			}
		}
		tree.Close()
	}
	if tree, err = gr.g.Parse(src); err != nil {
		return nil, nil, nil, false, err
	}
	x, decls = readDecls(gr, tree, src)
	return tree, x, decls, false, nil
}

// readDecls runs the query over tree, whose text is src's (its bodies may be
// blanked: every text is read from src).
func readDecls(gr *grammar, tree *sitter.Tree, src []byte) (*fileScan, []decl) {
	x := newFileScan(src)
	x.collect(gr.q().Matches(tree.RootNode(), src))
	return x, x.declarations()
}

// MaxNesting bounds how deeply a file that is parsed may nest: brackets plus
// the links of call and member chains (a().b().c()…), which nest in the tree
// as deeply as brackets do. tree-sitter's query cursor spends time per match
// that grows with the depth of the tree, so thousands of nested calls would
// take minutes; real test files nest a few dozen levels. A deeper file is
// reported with a SkipReason.
const MaxNesting = 400

// nesting estimates the depth of src's syntax tree: the deepest nesting of
// (), [] and {} outside strings and comments, plus at each level the links
// of the chain being written there. It stops counting past MaxNesting. A
// regular expression literal may skew it; the bound is far from real code
// either way.
func nesting(src []byte) int {
	var chains [MaxNesting + 2]int // chain links open at each bracket level
	depth, links, deepest := 0, 0, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
			if depth > MaxNesting {
				return depth
			}
			chains[depth] = 0
		case ')', ']', '}':
			links -= chains[depth]
			chains[depth] = 0
			if depth > 0 {
				depth--
			}
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
				j++
			}
			if j < len(src) && (src[j] == '.' || src[j] == '(' || src[j] == '[') {
				chains[depth]++
				links++
			} else {
				links -= chains[depth]
				chains[depth] = 0
			}
		case '\'', '"':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return deepest
				}
				i += end + 3
			}
		}
		if depth+links > deepest {
			if deepest = depth + links; deepest > MaxNesting {
				return deepest
			}
		}
	}
	return deepest
}
