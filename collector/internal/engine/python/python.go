// Package python is the engine's Python front end: it finds the tests that
// pytest and unittest would collect from a test module — module-level test
// functions, Test classes and their methods, unittest.TestCase subclasses —
// with their skip and xfail marks, and expands @pytest.mark.parametrize
// decorators whose argument lists are literals into the cases pytest would
// generate, named as pytest names them (test_x[1-2]).
//
// The file is read as Python's logical lines and their indentation
// (scan.go), not parsed into a syntax tree: definitions, decorators, bases,
// imports and mark assignments are all visible there, at a tenth of the cost
// of a tree-sitter parse. Decorators and mark assignments are small and are
// read from their text by a tiny literal parser (literal.go).
//
// Rules, where the runners leave room for a choice:
//
//   - Framework: an import of pytest says pytest. A file whose tests are all
//     in unittest.TestCase classes (TestCase, IsolatedAsyncioTestCase,
//     Django's TestCase, … or a class of the file deriving one) and that does
//     not import pytest is unittest, even under a pytest config: it is
//     written for unittest, and pytest runs it unchanged. A file mixing
//     TestCase classes with pytest-style tests is pytest (only pytest runs
//     both). Otherwise the nearest pytest evidence (pytest.ini, conftest.py,
//     a [tool.pytest…] section, a pytest dependency) decides, or the file is
//     unknown with its tests still extracted by pytest's rules.
//   - Collection follows pytest's defaults: test* functions and methods,
//     Test* classes without __init__ (and without __test__ = False), nested
//     Test classes, tests inherited from classes of the same file (reported
//     under the subclass, at the base's line) and, during a scan, from
//     classes other modules of the repository define (crossfile.go: reported
//     at the subclass's line); a later definition of a name
//     replaces an earlier one; functions inside functions, fixtures named
//     test_*, and definitions under `if __name__ == "__main__":` are not
//     tests. A module-level `TestX = Machine.TestCase` (a class another
//     class builds: Hypothesis' state machines) is a test case class with
//     one test, runTest. A module-level name test… bound to what a test
//     factory of the module returns (test_zero = define_test(…), where
//     define_test returns a function it defines or a lambda) is a test
//     function of that name (collectMadeTests). A helper module's class that collected modules
//     only subclass is listed in those subclasses, not again in the helper
//     (bases.go).
//   - unittest's own collection, in a module that does not import pytest: a
//     plain class that the module's TestCase classes inherit from is a mixin,
//     not a test class, whatever its name (CPython's TestJointOps); a
//     module-level load_tests that replaces the default suite (it never reads
//     its tests argument, or rebinds it first) runs only the TestCase classes
//     it names (CPython's test_io), so the others are not collected.
//   - Condition: every test of a module that calls pytest.importorskip(…) at
//     module level carries those calls, joined by " and ": pytest collects
//     the module only where they return.
//   - Status: skip marks and unittest.skip are skipped; skipif, skipIf and
//     skipUnless are taken as applying (skipped) unless their condition is a
//     literal that disables them; xfail and expectedFailure are xfail;
//     pytest.skip()/self.skipTest() as the first statement is skipped. Marks
//     of classes (decorators, pytestmark, same-file bases) and the module's
//     pytestmark apply to everything inside; skipped wins over xfail.
//     Module-level mark aliases (slow = pytest.mark.skipif(…)) are followed.
//   - Parametrize: the declared test is reported, then one case per
//     combination (stacked decorators multiply; function marks first, then
//     class, then module, as pytest applies them), named test[id] with
//     pytest 8's ids (values, ids=, pytest.param(id=), duplicates suffixed,
//     non-ASCII escaped). A case whose id cannot be known statically (an
//     enum member, a computed value) is named [i] by position. Argument lists
//     may be literals, module-level constants or range(…) with literal
//     bounds; anything else gives no cases. An empty list gives pytest's one
//     skipped case; a test all of whose cases are skipped is skipped. Cases
//     carry the def's line, and the parametrized test is also a suite.
//     unittest methods are never expanded (pytest does not parametrize them);
//     @pytest.fixture(params=…) is not expanded.
//   - A module with a syntax error is read as far as the reader recovers it
//     (an unclosed bracket ends at the next def, class or decorator); when no
//     test can be read it is reported with a SkipReason.
package python

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxCases bounds the cases one file may expand to (stacked parametrize
// decorators multiply). Past it, tests are still reported but no further
// cases are.
const MaxCases = 10_000

// maxMarkText is the longest decorator or mark assignment read; a longer one
// (a generated table) still counts as a decorator but yields no cases.
const maxMarkText = 256 << 10

// Extractor is the Python front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguagePython.
func (Extractor) Language() inventory.Language { return inventory.LanguagePython }

// Candidate accepts the names pytest and unittest discover by default
// (test_*.py, *_test.py; test*.py, which covers a Django app's tests.py) and
// any .py file under a tests/ or test/ folder
// (helpers there are dropped by Extract, which finds no tests in them);
// conftest.py and __init__.py are never test modules.
func (Extractor) Candidate(relPath string) bool {
	base := path.Base(relPath)
	if !strings.HasSuffix(base, ".py") || base == "conftest.py" || base == "__init__.py" {
		return false
	}
	// test_*.py and *_test.py are pytest's defaults; unittest discovers
	// test*.py (testchart.py), and Django apps keep their tests in tests.py.
	if strings.HasPrefix(base, "test") || strings.HasSuffix(base, "_test.py") {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool { return elem == "tests" || elem == "test" })
}

// def is one function or class definition.
type def struct {
	class      bool
	name       string
	line       int
	parent     int      // index of the enclosing def, -1 at module level
	decorators []string // texts, top to bottom, without "@"
	bases      []string // base class expressions, as written
	assigns    map[string]string
	firstCall  string // callee of the first statement of a function
	excluded   bool   // under `if __name__ == "__main__":`
	// returns are what a function's body returns by name (return inner),
	// or "lambda": a function returning one of its own defs makes one.
	returns []string
}

// imports is what the file imports that matters for detection.
type imports struct {
	pytest   bool
	pytestAs []string          // names bound to the pytest module
	markAs   []string          // names bound to pytest.mark
	unittest []string          // names bound to the unittest module
	fromUT   map[string]string // local name → name imported from unittest (TestCase, skip, …)

	// For base classes defined in other modules (crossfile.go):
	from map[string]imported // local name → what `from M import name` bound
	mods map[string]string   // local name → module bound by `import M [as name]`
	star []string            // modules of `from M import *`, in order
}

// imported is a name bound by `from module import name`; module keeps its
// leading dots when relative.
type imported struct{ module, name string }

// Extract parses one candidate. A file without tests is not reported; err is
// always nil.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	content := src.Content
	if !hasTestDef(content) && !hasTestAssign(content) && (src.Tree == nil || !mayInherit(content)) && !bytes.Contains(content, []byte(".TestCase")) {
		return inventory.File{}, false, nil
	}
	m, errLine := readSource(content)
	m.pythonFiles = src.Project.PythonFiles(src.Path)
	res := m.collect(src.Tree, src.Path)
	skipReason := ""
	if len(res.tests) == 0 {
		switch line := generatesTests(src.Path, content); {
		case errLine > 0:
			// A module Python cannot import: report it rather than drop it.
			skipReason = "syntax error at line " + strconv.Itoa(errLine) + ": no test could be read"
		case line > 0:
			// A test module whose test methods live only in classes it turns
			// into tests when imported (numpy's test_simd.py): the tests
			// are the methods those classes write; a module whose tests
			// are only generated text (exec of a string) is reported with
			// why none is listed.
			if res = m.collectTemplates(src.Tree, src.Path, content); len(res.tests) == 0 {
				skipReason = "tests generated at run time (line " + strconv.Itoa(line) +
					"): the module builds its tests when imported; no test could be read statically"
			}
		default:
			return inventory.File{}, false, nil
		}
	}

	// Detection: an import of pytest, or TestCase classes (unittest's own
	// syntax, so scored like an import). A file with TestCase classes and
	// also pytest-style tests only pytest can run is pytest's.
	if !res.unittestClasses && onlyUnittestsName(src.Path) {
		// tests.py, testing.py, testapp.py outside a test folder: unittest
		// discovers them, pytest does not; without a TestCase they hold no
		// test (jinja2's tests.py is its template tests: test_odd(value)).
		return inventory.File{}, false, nil
	}
	scores := map[inventory.Framework]int{}
	if m.imp.pytest {
		scores[inventory.FrameworkPytest] += project.ImportWeight
	}
	switch {
	case res.unittestClasses && res.pytestStyle:
		scores[inventory.FrameworkPytest] += project.NameWeight
		scores[inventory.FrameworkUnittest]++
	case res.unittestClasses:
		scores[inventory.FrameworkUnittest] += project.ImportWeight
	}
	d := src.Project.Decide(src.Path, []inventory.Framework{inventory.FrameworkPytest, inventory.FrameworkUnittest}, scores)
	f := inventory.File{
		Path:       src.Path,
		Framework:  d.Framework,
		Language:   inventory.LanguagePython,
		Suites:     res.suites,
		Tests:      res.tests,
		SkipReason: skipReason,
	}
	if f.Tests == nil {
		f.Tests = []inventory.Test{}
	}
	if len(m.importSkips) > 0 {
		// Each call must return for the module to be collected at all.
		cond := strings.Join(m.importSkips, " and ")
		for i := range f.Tests {
			f.Tests[i].Condition = cond
		}
	}
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, nil
}

// generators are the calls by which a module makes test classes or functions
// when imported: type(name, bases, attrs), exec of generated source, a
// module-global or attribute stored under a computed name.
var generators = [][]byte{[]byte("type("), []byte("exec("), []byte("globals()["), []byte("setattr(")}

// generatesTests returns the line of the first run-time test generator in a
// file named as a test module by the runners' default discovery (test_*.py,
// *_test.py), or 0. Only such files qualify: elsewhere (a helper under tests/)
// defining test methods in mixins and calling type() is ordinary code.
func generatesTests(relPath string, src []byte) int {
	base := path.Base(relPath)
	if !strings.HasPrefix(base, "test_") && !strings.HasSuffix(base, "_test.py") || !hasTestDef(src) {
		return 0
	}
	first := -1
	for _, g := range generators {
		for i := 0; ; {
			j := bytes.Index(src[i:], g)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(g)
			// A call of its own, not a method (x.type() / obj.exec()) or a
			// longer name (subtype(, setattr_x).
			if at > 0 && (isIdentPart(src[at-1]) || src[at-1] == '.') {
				continue
			}
			// type(x) asks for a type; only type(name, bases, attrs) makes one.
			if g[0] == 't' && topLevelCommas(src[i:]) < 2 {
				continue
			}
			if first < 0 || at < first {
				first = at
			}
			break
		}
	}
	if first < 0 {
		return 0
	}
	return 1 + bytes.Count(src[:first], []byte("\n"))
}

// topLevelCommas counts the commas of a call's arguments, src starting right
// after its "(", up to the closing parenthesis (or 2, enough to decide).
func topLevelCommas(src []byte) int {
	depth, commas := 0, 0
	for _, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return commas
			}
			depth--
		case ',':
			if depth == 0 {
				if commas++; commas == 2 {
					return commas
				}
			}
		}
	}
	return commas
}

// hasTestDef reports whether src defines anything named test… (`def test`,
// `async def test`): a module without one has no test pytest or unittest
// would collect that this front end could see.
func hasTestDef(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("def"))
		if j < 0 {
			return false
		}
		k := i + j + 3
		n := k
		for n < len(src) && (src[n] == ' ' || src[n] == '\t') {
			n++
		}
		if n > k && bytes.HasPrefix(src[n:], []byte("test")) {
			return true
		}
		i = k
	}
}

// hasTestAssign reports whether a line of src starts with a name test…
// bound to a call (test_zero = define_test(…)): a test when the callee is a
// factory of the module (collectMadeTests).
func hasTestAssign(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("test"))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("test")
		if at > 0 && src[at-1] != '\n' {
			continue
		}
		p := i
		for p < len(src) && isIdentPart(src[p]) {
			p++
		}
		for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
			p++
		}
		if p+1 < len(src) && src[p] == '=' && src[p+1] != '=' {
			return true
		}
	}
}

// module is what the query found in one file.
type module struct {
	defs    []def
	assigns map[string]string // module-level assignments (mark aliases, pytestmark)
	imp     imports
	// importSkips are the module-level importorskip calls, in source order.
	importSkips []string
	// loadTests is the text of a module-level def load_tests, header
	// included, or "".
	loadTests string
	// caseAliases are the module-level names bound to another class's
	// TestCase (caseAlias), with their lines.
	caseAliases []def
	// madeTests are the module-level names test… bound to a call
	// (test_zero = define_test(integers(), …)), with their lines and
	// callees: a test when the callee is a test factory (madeTests).
	madeTests []madeTest
	// pythonFiles is pytest's python_files setting for the module's
	// project, nil for pytest's default (bases.go).
	pythonFiles []string
}

// splitBases splits "(A, b.C, metaclass=M)" into its positional bases.
func splitBases(text string) []string {
	v := parseExpr(text)
	var out []string
	if v.kind == vSeq {
		for _, it := range v.items {
			if it.kind == vName {
				out = append(out, it.s)
			}
		}
		return out
	}
	if v.kind == vName {
		return []string{v.s}
	}
	// Something the literal reader does not follow (a call, a subscript):
	// fall back to splitting on commas at depth 0.
	inner := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(text), "("), ")")
	depth, startAt := 0, 0
	for i := 0; i <= len(inner); i++ {
		if i == len(inner) || inner[i] == ',' && depth == 0 {
			part := strings.TrimSpace(inner[startAt:i])
			if part != "" && !strings.Contains(part, "=") {
				out = append(out, factoryBase(part))
			}
			startAt = i + 1
			continue
		}
		switch inner[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		}
	}
	return out
}

// onlyUnittestsName: a candidate only by unittest's test*.py pattern, not by
// pytest's names or a test folder.
func onlyUnittestsName(relPath string) bool {
	base := path.Base(relPath)
	return strings.HasPrefix(base, "test") && !strings.HasPrefix(base, "test_") && !strings.HasSuffix(base, "_test.py") &&
		!frontend.AnyDir(relPath, func(elem string) bool { return elem == "tests" || elem == "test" })
}

// factoryBase reads a base written as a class method's call,
// Base.create_backend_case("argon2_cffi") (passlib), as Base: a class factory
// on a class returns a subclass of it, whose tests the class inherits. Any
// other base is kept as written.
func factoryBase(base string) string {
	open := strings.IndexByte(base, '(')
	if open <= 0 || !strings.HasSuffix(base, ")") {
		return base
	}
	callee := base[:open]
	dot := strings.LastIndexByte(callee, '.')
	if dot <= 0 {
		return base
	}
	for _, part := range strings.Split(callee, ".") {
		if part == "" || !isIdentStart(part[0]) || strings.IndexFunc(part, func(r rune) bool { return r > 127 || !isIdentPart(byte(r)) }) >= 0 {
			return base
		}
	}
	return callee[:dot]
}

// add records one import statement.
func (im *imports) add(stmt string) {
	fields := strings.Fields(strings.NewReplacer(",", " , ", "(", " ", ")", " ", "\\", " ").Replace(stmt))
	if len(fields) < 2 {
		return
	}
	switch fields[0] {
	case "import":
		// import a, b.c as d
		for i := 1; i < len(fields); i++ {
			name := fields[i]
			alias := name
			if i+2 < len(fields) && fields[i+1] == "as" {
				alias = fields[i+2]
				i += 2
			}
			root, _, _ := strings.Cut(name, ".")
			if name != "," {
				if im.mods == nil {
					im.mods = map[string]string{}
				}
				if alias == name {
					im.mods[root] = root // import a.b binds a
				} else {
					im.mods[alias] = name
				}
			}
			switch root {
			case "pytest", "_pytest":
				im.pytest = true
				if name == "pytest" {
					im.pytestAs = append(im.pytestAs, alias)
				}
			case "unittest":
				if name == "unittest" {
					im.unittest = append(im.unittest, alias)
				}
			}
			if i+1 < len(fields) && fields[i+1] == "," {
				i++
			}
		}
	case "from":
		if len(fields) < 4 {
			return
		}
		mod := fields[1]
		root, _, _ := strings.Cut(mod, ".")
		for i := 3; i < len(fields); i++ {
			name := fields[i]
			if name == "," {
				continue
			}
			alias := name
			if i+2 < len(fields) && fields[i+1] == "as" {
				alias = fields[i+2]
				i += 2
			}
			if name == "*" {
				im.star = append(im.star, mod)
			} else {
				if im.from == nil {
					im.from = map[string]imported{}
				}
				im.from[alias] = imported{mod, name}
			}
			switch {
			case root == "pytest" || root == "_pytest":
				im.pytest = true
				if name == "mark" {
					im.markAs = append(im.markAs, alias)
				}
			case mod == "unittest":
				im.fromUT[alias] = name
			}
		}
	}
}
