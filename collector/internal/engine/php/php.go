// Package php is the engine's PHP front end: PHPUnit test classes (test*
// methods, @test, #[Test]) with the data sets that are literal in source
// (data providers returning or yielding literal arrays, #[TestWith],
// @testWith), and Pest test files (test(), it(), todo(), describe() blocks
// and their ->skip()/->todo()/->only()/->with() modifiers).
//
// Everything is read from one tree-sitter parse of one file, without the
// method bodies no rule reads (bodies.go). Decisions,
// documented once here:
//   - Suites: a PHPUnit class (its short name, not its namespace), a Pest
//     describe block, and a test with visible data sets (suite path + test).
//   - PHPUnit case names follow the brief of the inventory: `with data set
//     "key"` for a string key, `with data set #0` for an integer key (PHPUnit
//     appends them to the method name). The data sets of a test's providers
//     are merged as PHPUnit merges them: integer keys renumbered from #0
//     across them, a string key once. A provider is called on the class that
//     runs the test: an inherited test takes the subclass's own provider of
//     that name; `Class::method` names a provider of another class (read when
//     it is one of the file's). Pest case names are what Pest appends
//     to the description: `with dataset "key"` and `with (1, 'a')`.
//   - Status: $this/self/static::markTestSkipped() as the first statement of a
//     test (or of setUp(), for the whole class) is skipped, markTestIncomplete()
//     is todo; groups and requirements (@group, #[Group('skip')],
//     #[RequiresPhp]) are ignored. Pest ->skip() without a condition (no
//     argument, a reason, true) is skipped, a runtime condition is not;
//     ->todo(), todo() and a test without a closure or expectations are todo;
//     ->only() is focused. A describe's status applies to the tests inside it;
//     skipped wins over focused.
//   - Abstract classes are reported where their tests are declared; the
//     runner lists them under each concrete subclass instead, and so does
//     the inventory: a concrete test class also lists the public test
//     methods it inherits and does not override, from bases of the same file
//     and of other files (inherit.go).
//   - Only one ->with() is expanded; chained ->with() calls (a cartesian
//     product) and named shared datasets (->with('emails')) are not.
package php

import (
	"path"
	"regexp"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/php"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxCases bounds how many data sets one file may expand to; data sets past
// the bound are not reported (their declared test still is).
const MaxCases = 100_000

var (
	grammar = ts.NewGrammar("php", php.GetLanguage())

	declQuery = grammar.LazyQuery(`
(class_declaration name: (name) @name body: (declaration_list) @body) @class
(method_declaration name: (name) @name) @method
(function_call_expression function: (name) @fn arguments: (arguments) @args (#match? @fn "^(test|it|describe|todo)$")) @call
`)

	// Each runs anchored where a cheap scan finds its keyword (atLineStart,
	// afterWord): over the whole file, (?m)^\s* made them a fifth of the
	// front end's time.
	rePHPUnitUse     = regexp.MustCompile(`^use\s+\\?PHPUnit\\Framework\\`)
	rePHPUnitExtends = regexp.MustCompile(`^extends\s+\\?(?:PHPUnit\\Framework\\)?TestCase\b`)
	rePestUse        = regexp.MustCompile(`^(?:use\s+function\s+\\?Pest\\|uses\(|pest\()`)
)

var frameworks = []inventory.Framework{inventory.FrameworkPHPUnit, inventory.FrameworkPest}

// Extractor is the PHP front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguagePHP.
func (Extractor) Language() inventory.Language { return inventory.LanguagePHP }

// Candidate accepts *Test.php files and any .php file under a tests/ or
// test/ folder (any case).
func (Extractor) Candidate(relPath string) bool {
	base := path.Base(relPath)
	if !strings.HasSuffix(base, ".php") {
		return false
	}
	if strings.HasSuffix(base, "Test.php") {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool {
		l := strings.ToLower(elem)
		return l == "tests" || l == "test"
	})
}

// Extract parses one candidate. A file without tests is not reported. err is
// always nil.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extract(src, true)
	return f, ok, nil
}

// extract is Extract, with method bodies left out of the parse when
// skipBodies is set and the tree confirms them (gapped). A file the
// pre-filter turns away (prefilter.go) is not parsed.
func extract(src *frontend.Source, skipBodies bool) (_ inventory.File, ok, gapped bool) {
	if !mayDeclareTests(src.Content) {
		return inventory.File{}, false, false
	}
	return extractParsed(src, skipBodies)
}

// extractParsed is extract without the pre-filter.
func extractParsed(src *frontend.Source, skipBodies bool) (_ inventory.File, ok, gapped bool) {
	content := src.Content
	tree, gapped, err := parse(content, skipBodies)
	if err != nil {
		return frontend.Unparsed(src.Path, inventory.LanguagePHP, err), true, false
	}
	defer tree.Close()

	x := &extraction{src: content, path: src.Path, tree: src.Tree, gapped: gapped}
	x.collect(tree.RootNode())
	x.phpunit()
	if x.rebinds && gapped {
		return extractParsed(src, false)
	}
	x.pest()
	if len(x.tests) == 0 {
		return inventory.File{}, false, gapped
	}

	scores := map[inventory.Framework]int{}
	if atLineStart(content, "use", rePHPUnitUse) || afterWord(content, "extends", rePHPUnitExtends) {
		scores[inventory.FrameworkPHPUnit] = project.ImportWeight
	} else if x.testCaseTests > 0 {
		scores[inventory.FrameworkPHPUnit] = 5
	}
	if x.pestTests > 0 && x.classTests == 0 || atLineStart(content, "use", rePestUse) || atLineStart(content, "uses(", rePestUse) || atLineStart(content, "pest(", rePestUse) {
		scores[inventory.FrameworkPest] = project.ImportWeight
	}
	dec := src.Project.Decide(src.Path, frameworks, scores)
	sort.SliceStable(x.tests, func(i, j int) bool { return x.tests[i].Line < x.tests[j].Line })
	sort.SliceStable(x.suites, func(i, j int) bool { return x.suites[i].Line < x.suites[j].Line })
	f := inventory.File{
		Path:      src.Path,
		Framework: dec.Framework,
		Language:  inventory.LanguagePHP,
		Suites:    x.suites,
		Tests:     x.tests,
	}
	if dec.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = dec.Reason
	}
	return f, true, gapped
}

type class struct {
	name             string
	node, body       *sitter.Node
	start, end, line int
	methods          []*method
	testCaseBase     bool // extends a *TestCase class
	byName           map[string]*method
	abstract         bool
	base             string // the base class as written ("" for none)
}

type method struct {
	name string
	node *sitter.Node
}

type call struct {
	fn   string
	node *sitter.Node
	args *sitter.Node
}

type extraction struct {
	src        []byte
	path       string        // slash-separated, relative to the repository root
	tree       frontend.Tree // nil: no other file is read
	scope      *scope        // namespaces and imports, read on first use
	classes    []*class
	calls      []call
	tests      []inventory.Test
	suites     []inventory.Suite
	cases      int
	classTests int
	// testCaseTests counts class tests in classes extending a *TestCase.
	testCaseTests int
	pestTests     int
	// gapped: the parse left method bodies out. rebinds: an inherited test
	// reads a provider of this file's class, whose body a gapped parse may
	// have left out (its name is written nowhere else in the file).
	gapped, rebinds bool
}

func (x *extraction) collect(root *sitter.Node) {
	var methods []*method
	for _, m := range declQuery().Matches(root, x.src) {
		switch {
		case m.Captures["class"] != nil:
			n := m.Captures["class"]
			if ts.Text(m.Captures["name"], x.src) == "" {
				continue
			}
			c := &class{name: ts.Text(m.Captures["name"], x.src), node: n, body: m.Captures["body"],
				start: int(n.StartByte()), end: int(n.EndByte()), line: ts.Line(n), byName: map[string]*method{}}
			for i := 0; i < int(n.NamedChildCount()); i++ {
				switch ch := n.NamedChild(i); ch.Type() {
				case "abstract_modifier":
					c.abstract = true
				case "base_clause":
					if ch.NamedChildCount() > 0 {
						c.base = ts.Text(ch.NamedChild(0), x.src)
					}
				}
			}
			x.classes = append(x.classes, c)
		case m.Captures["method"] != nil:
			if m.Captures["name"].StartByte() == m.Captures["name"].EndByte() {
				continue // a name made up by error recovery
			}
			methods = append(methods, &method{name: ts.Text(m.Captures["name"], x.src), node: m.Captures["method"]})
		case m.Captures["call"] != nil:
			x.calls = append(x.calls, call{fn: ts.Text(m.Captures["fn"], x.src), node: m.Captures["call"], args: m.Captures["args"]})
		}
	}
	// PHP classes do not nest; a method belongs to the class whose range
	// holds it (anonymous classes are not class_declarations).
	sort.Slice(x.classes, func(i, j int) bool { return x.classes[i].start < x.classes[j].start })
	for _, m := range methods {
		s := int(m.node.StartByte())
		i := sort.Search(len(x.classes), func(i int) bool { return x.classes[i].start > s }) - 1
		if i >= 0 && s < x.classes[i].end {
			c := x.classes[i]
			c.methods = append(c.methods, m)
			lname := strings.ToLower(m.name)
			if _, dup := c.byName[lname]; !dup {
				c.byName[lname] = m
			}
		}
		// Methods outside a class (traits, interfaces, enums) are ignored.
	}
	sort.Slice(x.calls, func(i, j int) bool { return x.calls[i].node.StartByte() < x.calls[j].node.StartByte() })
}
