// Package ruby is the engine's Ruby front end: RSpec example groups and
// examples (describe/context/feature/shared_examples with it/specify/
// example/scenario, their x- and f- variants and skip/pending/focus
// metadata), Minitest test classes (Minitest::Test, ActiveSupport::TestCase
// and the Rails test cases: test_* methods and `test "name" do` blocks) and
// minitest/spec describe/it blocks.
//
// The file is lexed first (bodies.go): a file without a word that declares
// a test is not parsed, and the bodies of examples, hooks and methods are
// left out of the parse. The rest is parsed once with tree-sitter and read
// with one query that returns only the calls, classes, modules and methods
// that matter; nesting comes from byte ranges and arguments are read from
// their (short) text, so nothing walks the tree node by node. Strings,
// heredocs and comments are leaves of the tree: an `it "x"` inside them is
// never a call.
//
// Rules, where the runners leave room for a choice:
//
//   - Framework: RSpec.* calls and require "rspec…" say rspec, require
//     "spec_helper"/"rails_helper" leans to it, a _spec.rb name a little;
//     a Minitest or Rails test class and require "minitest…" say minitest,
//     require "test_helper" leans to it, a _test.rb/test_*.rb name a little;
//     then the nearest .rspec and Gemfile decide. Test::Unit classes are
//     extracted like Minitest's but are evidence for neither (the vocabulary
//     has no test-unit), so such a file is unknown without project evidence.
//   - Status: x-variants, skip metadata (:skip, skip: true/"why"), `skip
//     "x" do` and skip as an example's first statement are skipped; f-variants
//     and focus metadata are focused; an example without a block (it "x",
//     pending "x") is todo, except x-variants which stay skipped; `pending
//     "x" do … end`, pending metadata and pending as the first statement are
//     xfail (RSpec 3 runs them and expects a failure). A group's status
//     applies inside it: skipped wins over everything, focused turns active
//     examples focused. Minitest: skip as a test's first statement.
//   - Names: a group is named by its arguments as RSpec describes it (Foo,
//     "#bar" → "Foo#bar"); an example without a description is named
//     "example at ./path:line" as rspec --dry-run shows it; `test "a b"` (or
//     "a\n  b".squish) is
//     test_a_b, the method ActiveSupport defines; a Minitest class is one
//     suite named with its enclosing modules (Billing::InvoiceTest).
//   - Shared examples: shared_examples/shared_context groups are suites with
//     their examples as tests, once, where they are written;
//     it_behaves_like/include_examples add nothing of them. Examples in the
//     block of it_behaves_like "x" are in a nested group "behaves like x"
//     (it_should_behave_like: "it should behave like x"); in the block of
//     include_context, include_examples or any other receiverless call that
//     is not a hook, a let or the like (opaqueBlocks), they are the
//     group's own, as RSpec runs them there.
//   - Loops: an example directly inside `[…].each do |x|` over a literal
//     array (or %w/%i) whose name interpolates only x is reported once as
//     declared (its name as written, also a suite) plus one case per element;
//     any other example in a loop is one test.
//   - Not tests: examples defined inside methods (helper macros), examples
//     inside examples or hooks, private/protected test_ methods, methods of
//     class << self and of a plain class nested in a test class (a
//     controller the test drives); a Minitest class also runs the public
//     test_ methods of the same-file test classes it derives from, so those
//     are reported under it too.
//   - Minitest's own rules, in a file decided minitest (or unknown with
//     Minitest or Test::Unit classes or requires, or under test/): a
//     describe block is a test class, so its public test_ methods are
//     tests; a module's public test_ methods run in the test classes that
//     include it, and are reported once, where written, under the module
//     (the including classes may be in other files); so are the tests a
//     module's included hook gives them (ActiveSupport::Concern's
//     `included do test "x" … end`, `def self.included(base)
//     base.class_eval do … end`); an it without a description is
//     "anonymous". In an RSpec file these are helpers and
//     RSpec's names.
//   - class_eval <<-CODE, __FILE__, __LINE__ + 1 (a heredoc Ruby is told
//     the place of) defines its methods at their lines in the file: a def
//     test_… there is a test method of the class around, named as written;
//     text evaluated without a place is not read.
//   - Test classes: a class whose superclass names a test case
//     (testSuperclass), is a test class of the file, is self or superclass
//     inside a test class (test-unit's nested cases), or is defined as one in
//     a file it requires, followed through their requires (bases.go:
//     BaseCase < Minitest::Test in test/helper.rb).
//   - Conditions: a test declared under if/unless/elsif/else or a statement
//     modifier (at the level where tests are declared: a group, class or
//     module body or the top level) carries the condition as a Ruby
//     expression (`C`, `!(C)`, `!(C) && (D)`, outermost first); so does
//     RSpec's if:/unless: metadata. It is still reported (cond.go).
//   - A file with a syntax error is read as far as tree-sitter recovers it;
//     when nothing can be read and it is named as a test file (*_spec.rb,
//     *_test.rb, test_*.rb), it is reported with a SkipReason. A helper
//     under spec/ or test/ is not a test file: no runner loads it as one.
package ruby

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	tsruby "github.com/smacker/go-tree-sitter/ruby"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxCases bounds the cases one file may expand to from `[..].each` loops;
// past it, the declared tests are still reported but no further cases are.
const MaxCases = 10_000

// maxArgText is the longest argument list read as text; a longer one (a
// generated table) reads as no arguments.
const maxArgText = 64 << 10

// Extractor is the Ruby front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageRuby.
func (Extractor) Language() inventory.Language { return inventory.LanguageRuby }

// Candidate accepts RSpec's and Minitest's file names (*_spec.rb,
// *_test.rb, test_*.rb) and any .rb file under a spec/ or test/ folder
// (helpers there are dropped by Extract, which finds no tests in them).
func (Extractor) Candidate(relPath string) bool {
	base := path.Base(relPath)
	if !strings.HasSuffix(base, ".rb") {
		return false
	}
	if testFileName(base) {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool { return elem == "spec" || elem == "test" || elem == "tests" })
}

// underTestFolder reports whether relPath is under a test/ or tests/
// folder, where Minitest and test-unit suites live (RSpec's is spec/).
func underTestFolder(relPath string) bool {
	return frontend.AnyDir(relPath, func(elem string) bool { return elem == "test" || elem == "tests" })
}

// testFileName reports whether a .rb file is named as RSpec's and
// Minitest's test files are: *_spec.rb, *_test.rb, test_*.rb.
func testFileName(base string) bool {
	return strings.HasSuffix(base, "_spec.rb") || strings.HasSuffix(base, "_test.rb") || strings.HasPrefix(base, "test_")
}

var (
	grammar = ts.NewGrammar("ruby", tsruby.GetLanguage())

	// No #match?/#eq? predicates: the binding compiles a regexp per match
	// for them, so names are filtered in Go (callNames) instead.
	query = grammar.LazyQuery(`
(call !receiver method: (identifier) @m arguments: (argument_list)? @args block: (_)? @blk) @call
(call receiver: (constant) @recv method: (identifier) @m arguments: (argument_list)? @args block: (_)? @blk) @call
(call receiver: [(array) (string_array) (symbol_array)] @arr method: (identifier) @m block: (_ parameters: (block_parameters) @params) @blk) @loop
(class name: (_) @name superclass: (superclass (_) @super)?) @class
(module name: (_) @name) @module
(method name: (_) @name) @def
(singleton_method name: (_) @name) @sdef
(method body: (body_statement . [(identifier) (call)] @first)) @fdef
(do_block body: (body_statement . [(identifier) (call)] @first)) @fblk
(block body: (_ . [(identifier) (call)] @first)) @fblk
[(class body: (body_statement (identifier) @vis)) (module body: (body_statement (identifier) @vis))]
(if condition: (_) @cond consequence: (then)? @then alternative: (_)? @alt)
(unless condition: (_) @cond consequence: (then)? @then alternative: (_)? @alt)
(elsif condition: (_) @cond consequence: (then)? @then alternative: (_)? @alt)
(if_modifier condition: (_) @cond) @mod
(unless_modifier condition: (_) @cond) @mod
(singleton_class) @sclass
`)
	errorQuery = grammar.LazyQuery(`(ERROR) @error`)
)

const (
	patCall = iota
	patRSpecCall
	patLoop
	patClass
	patModule
	patDef
	patSingletonDef
	patFirstInDef
	patFirstInDoBlock
	patFirstInBlock
	patVisibility
	patIf
	patUnless
	patElsif
	patIfModifier
	patUnlessModifier
	patSingletonClass
)

// itemKind is what one node of the nesting is.
type itemKind int

const (
	kGroup     itemKind = iota // describe/context/… with a block
	kExample                   // it/specify/… and test "x"
	kTestClass                 // a class deriving a Minitest test case
	kClass                     // any other class
	kModule
	kDef     // a method (a Minitest test when test_*)
	kLoop    // [literal].each do |x|: transparent, maybe expanded
	kCond    // a branch of if/unless/elsif, or a modifier's statement: transparent
	kOpaque  // any other block-taking construct we know is not a group
	kMixin   // a module's included do … end: its tests run in each including class
	kRequire // not nested: require 'x'
)

// item is one relevant node.
type item struct {
	kind       itemKind
	method     string // call name, class or method name
	start, end uint32
	line       int
	args       []arg
	hasBlock   bool
	blockStart uint32
	parent     int
	owner      int      // nearest enclosing non-transparent item, or -1
	markers    []marker // classes: bare private/protected/public in the body
	super      string   // class superclass, as written
	elems      []string // kLoop: the array's elements
	param      string   // kLoop: the block's single parameter
	firstStmt  string   // text of the first statement of the body
	cond       string   // the item's own condition: a kCond's, RSpec if:/unless: metadata
	condAll    string   // every condition around the item and its own, outermost first
	condN      int      // how many conditions condAll joins
}

var groupMethods = map[string]inventory.TestStatus{
	"describe": "", "context": "", "feature": "", "example_group": "",
	"shared_examples": "", "shared_examples_for": "", "shared_context": "",
	"xdescribe": inventory.TestSkipped, "xcontext": inventory.TestSkipped, "xfeature": inventory.TestSkipped,
	"fdescribe": inventory.TestFocused, "fcontext": inventory.TestFocused, "ffeature": inventory.TestFocused,
}

// opaqueBlocks are the receiverless calls whose block holds no example of
// the group around it: hooks, lazy definitions, procs, expectations. The
// block of any other receiverless call (include_context, a helper that
// yields: `with_minimum_ruby("2.3") do`, mspec's `platform_is_not :windows
// do`) is read as part of the group, as RSpec runs it there.
var opaqueBlocks = map[string]bool{
	"before": true, "after": true, "around": true, "prepend_before": true, "append_before": true,
	"prepend_after": true, "append_after": true, "before_all": true, "after_all": true,
	"let": true, "let!": true, "subject": true, "subject!": true, "let_it_be": true, "given": true, "given!": true,
	"setup": true, "teardown": true, "proc": true, "lambda": true, "loop": true,
	"instance_eval": true, "instance_exec": true, "class_eval": true, "class_exec": true, "module_eval": true,
	"expect": true, "allow": true, "aggregate_failures": true, "matcher": true, "match": true,
}

// nestedGroups are the receiverless calls whose block RSpec runs as a nested
// group of that name: it_behaves_like "x" do … end is "behaves like x".
var nestedGroups = map[string]string{
	"it_behaves_like": "behaves like ", "it_should_behave_like": "it should behave like ",
}

// callNames are the receiverless calls the query's first pattern keeps.
var callNames = func() map[string]bool {
	names := map[string]bool{"test": true, "skip": true, "pending": true, "require": true, "require_relative": true, "define_method": true}
	for m := range groupMethods {
		names[m] = true
	}
	for m := range exampleMethods {
		names[m] = true
	}
	for m := range nestedGroups {
		names[m] = true
	}
	return names
}()

var exampleMethods = map[string]inventory.TestStatus{
	"it": "", "specify": "", "example": "", "scenario": "", "its": "",
	"xit": inventory.TestSkipped, "xspecify": inventory.TestSkipped, "xexample": inventory.TestSkipped, "xscenario": inventory.TestSkipped,
	"fit": inventory.TestFocused, "fspecify": inventory.TestFocused, "fexample": inventory.TestFocused, "fscenario": inventory.TestFocused,
	"focus": inventory.TestFocused,
}

// keywords are the names the pre-filter looks for; a file with none of
// them declares no group, example or test method.
var keywords = [][]byte{[]byte("describe"), []byte("context"), []byte("it"), []byte("test"), []byte("specify"), []byte("example"), []byte("scenario"), []byte("feature")}

// Extract parses one candidate. A file without tests is not reported; err is
// always nil.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extract(src, true)
	return f, ok, nil
}

// extract is Extract, with example, hook and method bodies left out of the
// parse when skipBodies is set and the tree confirms them (gapped).
func extract(src *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	content := src.Content
	found := false
	for _, k := range keywords {
		if bytes.Contains(content, k) {
			found = true
			break
		}
	}
	if !found {
		return inventory.File{}, false, false
	}
	var tree *sitter.Tree
	var err error
	if skipBodies {
		tree, gapped, err = parseWithoutBodies(content)
		if tree == nil && err == nil {
			// No test: only a test file's syntax error is reported.
			if !testFileName(path.Base(src.Path)) {
				return inventory.File{}, false, true
			}
			tree, err = grammar.Parse(content)
		}
	} else {
		tree, err = grammar.Parse(content)
	}
	if err != nil {
		return frontend.Unparsed(src.Path, inventory.LanguageRuby, err), true, false
	}
	defer tree.Close()

	r := &reader{path: src.Path, tree: src.Tree}
	r.read(tree.RootNode(), content)
	r.nest()
	r.collect(false)
	skipReason := ""
	if len(r.tests) == 0 && !r.minitestOnly {
		// A test file Ruby cannot load: report it rather than drop it. A
		// helper (a file under spec/ or test/ not named as a test file)
		// is not a test file; the runners do not load it as one.
		if !testFileName(path.Base(src.Path)) {
			return inventory.File{}, false, gapped
		}
		root := tree.RootNode()
		if gapped {
			// The error may lie in a body the parse left out.
			whole, err := grammar.Parse(content)
			if err != nil {
				return frontend.Unparsed(src.Path, inventory.LanguageRuby, err), true, gapped
			}
			defer whole.Close()
			root = whole.RootNode()
		}
		if !root.HasError() {
			return inventory.File{}, false, gapped
		}
		skipReason = "syntax error"
		if ms := errorQuery().Matches(root, content); len(ms) > 0 {
			skipReason += " at line " + strconv.Itoa(ts.Line(ms[0].Captures["error"]))
		}
		skipReason += ": no test could be read"
	}

	d := src.Project.Decide(src.Path, []inventory.Framework{inventory.FrameworkRSpec, inventory.FrameworkMinitest}, r.scores(src.Path))
	if r.minitestOnly && (d.Framework == inventory.FrameworkMinitest || d.Framework == inventory.FrameworkUnknown && (r.minitest || r.testUnit || underTestFolder(src.Path))) {
		// What only Minitest (or test-unit: its classes or requires in
		// the file, or the test/ folder both keep their tests in) makes
		// a test: read again with its rules. A module of an RSpec
		// suite's spec/support files defining test_x is a helper.
		r.tests, r.suites, r.cases = nil, nil, 0
		r.collect(true)
		if len(r.tests) == 0 && skipReason == "" {
			return inventory.File{}, false, gapped
		}
	} else if len(r.tests) == 0 && skipReason == "" {
		return inventory.File{}, false, gapped
	}
	f = inventory.File{
		Path:       src.Path,
		Framework:  d.Framework,
		Language:   inventory.LanguageRuby,
		Suites:     r.suites,
		Tests:      r.tests,
		SkipReason: skipReason,
	}
	if f.Tests == nil {
		f.Tests = []inventory.Test{}
	}
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, gapped
}

// reader holds what the query found in one file.
type reader struct {
	path     string
	tree     frontend.Tree // the checkout, for bases defined in required files; nil in tests
	items    []item
	requires []string
	rspecDSL bool // RSpec.describe, RSpec.configure, …
	rspecish bool // syntax only RSpec has (context, feature, shared examples)
	minitest bool // a Minitest test class
	// minitestOnly: the file has what only Minitest's rules make tests
	// (collect): test_ methods of a describe block or a module, an it
	// without a description (named "anonymous").
	minitestOnly bool
	// minitestRules: collect is reading with Minitest's rules.
	minitestRules bool
	visibility    []marker
	classes       map[string]int // class name → item
	evalScanned   int            // bytes of class_eval heredocs read (evalDefs)
	testUnit      bool           // a Test::Unit::TestCase class, or require 'test/unit'
	tests         []inventory.Test
	suites        []inventory.Suite
	cases         int
}
