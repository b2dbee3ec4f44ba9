// Package cpp is the engine's C++ front end: GoogleTest and Catch2 tests.
// Files of Boost.Test, which is not among the frameworks decided, are still
// reported — framework unknown, with the reason — with their test cases
// (BOOST_AUTO_TEST_CASE, BOOST_FIXTURE_TEST_CASE, BOOST_DATA_TEST_CASE, the
// _TEMPLATE forms; one declared test each, data and types not expanded)
// under their test suites (BOOST_AUTO_TEST_SUITE … _END); a disabled()
// decorator is skipped.
//
// Both frameworks declare tests with preprocessor macros (TEST(Suite, Name)
// { … }, TEST_CASE("name", "[tags]") { … }), which are not C++ syntax: a C++
// grammar parses them as whatever they happen to resemble (a function
// definition with odd parameters, a call, or an ERROR node), differently
// from one macro to the next. The front end therefore reads a file with its
// own small lexer (comments, string and raw string literals, character
// literals, digit separators and preprocessor lines are handled, `#if 0`
// blocks are skipped, a macro in a #define is not a test) and recognises a
// test as a known macro name, its parenthesised arguments, then a `{` body.
// This is linear in the file size and cannot be confused by macros the way
// error recovery can. A macro that the file (or, for a macro named …TEST…
// the file does not define, a project header it includes: headers.go)
// defines to declare tests is expanded where it is invoked, and its tests
// are reported at the invocation (macros.go); suite and test names built by
// macros are expanded too, one test per #if branch that defines them
// differently, each with that branch's condition.
//
// A test (and each of its sections) inside #if/#ifdef/#ifndef groups carries
// their condition as a preprocessor expression (Test.Condition, cond.go:
// `#ifdef X` → defined(X), an #elif or #else with the negations of the
// earlier branches, nested groups joined with &&); it is reported and
// counted either way. Include guards and the #else of `#if 0` are no
// condition.
//
// GoogleTest: TEST, GTEST_TEST, TEST_F, TEST_P, TYPED_TEST and TYPED_TEST_P
// are one declared test each, named as --gtest_list_tests shows them
// (suite ["Suite"], name "Name"); so is a testing::RegisterTest call whose
// suite and test names are string literals. Value- and type-parametrised tests are not
// expanded: their instances depend on INSTANTIATE_TEST_SUITE_P and
// TYPED_TEST_SUITE arguments that are rarely literal. A DISABLED_ prefix on
// the test or suite name, or GTEST_SKIP() as the first statement, is
// skipped.
//
// Catch2 (v2 and v3, with or without the CATCH_ prefix): TEST_CASE,
// TEST_CASE_METHOD, SCENARIO ("Scenario: name"), SCENARIO_METHOD and the
// TEMPLATE_*TEST_CASE* family (one declared test each, types not expanded)
// are tests; SECTION and the BDD sections (GIVEN → "Given: x", WHEN, THEN,
// AND_GIVEN, AND_WHEN, AND_THEN, with Catch2's padding trimmed) are cases,
// nested as written (suite path = test name, enclosing sections).
// DYNAMIC_SECTION names are computed at run time and are not reported.
// METHOD_AS_TEST_CASE(Class::method, "name", …) and REGISTER_TEST_CASE(fn,
// "name", …), which register a function written elsewhere, are tests when
// the name is a string literal.
// Tags: [.], [.tag], [!hide], [!benchmark] (any case) and a name starting
// with "./" (Catch 1) are hidden (not run by default): skipped; [!mayfail]
// and [!shouldfail] are xfail; SKIP() as the first statement is skipped.
//
// Framework detection: an #include of gtest/ or gmock/ headers scores
// gtest, of catch2/ or catch.hpp headers catch2 (project.ImportWeight);
// TEST_F, TEST_P and TYPED_TEST add a few points for gtest, SECTION,
// TEST_CASE_METHOD and TEMPLATE_TEST_CASE for catch2. Plain TEST and
// TEST_CASE score nothing: CppUTest, UnitTest++ and doctest use the same
// names. CMakeLists.txt, conanfile.txt and vcpkg.json evidence comes from
// the project.
package cpp

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds what one file may expand to, counted in names: each test
// or case costs its own name plus the names of its suite path. A file over
// it (generated or hostile) is reported with a SkipReason.
const MaxNames = 1_000_000

// maxSectionDepth bounds the nesting of Catch2 sections that is reported;
// deeper sections are read as plain blocks.
const maxSectionDepth = 32

// syntaxWeight is what framework-specific syntax scores in detection.
const syntaxWeight = 5

// Extractor is the C++ front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageCPP.
func (Extractor) Language() inventory.Language { return inventory.LanguageCPP }

var sourceExts = map[string]bool{".cc": true, ".cpp": true, ".cxx": true, ".c++": true, ".C": true}

// headerExts are headers, candidates only when named like a test file: suites
// that share tests between binaries declare them in a header the binaries
// include (googlemock's gmock_link_test.h, googletest's
// gtest-typed-test_test.h), and those tests are declared nowhere else.
var headerExts = map[string]bool{".h": true, ".hh": true, ".hpp": true, ".hxx": true}

var testDirs = map[string]bool{"test": true, "tests": true, "unittest": true, "unittests": true, "testing": true}

// Candidate accepts C++ source files (.cc, .cpp, .cxx, .c++, .C) named like
// tests (foo_test.cc, foo_tests.cpp, foo_unittest.cc, foo-test.cpp,
// foo.test.cpp, foo.tests.cpp, test_foo.cpp, FooTest.cpp, FooTests.cpp) or
// inside a test/, tests/, unittest(s)/ or testing/ folder (any case), and
// headers (.h, .hh, .hpp, .hxx) named like tests. The dotted form is
// Catch2's own convention (its SelfTest suite is String.tests.cpp,
// Approx.tests.cpp, … in folders named UsageTests and IntrospectiveTests).
func (Extractor) Candidate(relPath string) bool {
	ext := path.Ext(relPath)
	header := headerExts[ext]
	if !sourceExts[ext] && !header {
		return false
	}
	base := strings.TrimSuffix(path.Base(relPath), ext)
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, "_test") || strings.HasSuffix(lower, "_tests") || strings.HasSuffix(lower, "_unittest") ||
		strings.HasSuffix(lower, "-test") || strings.HasSuffix(lower, "-tests") ||
		strings.HasSuffix(lower, ".test") || strings.HasSuffix(lower, ".tests") ||
		strings.HasPrefix(lower, "test_") || strings.HasPrefix(lower, "test-") ||
		strings.HasSuffix(base, "Test") || strings.HasSuffix(base, "Tests") {
		return true
	}
	// Headers only by name: a header under tests/ is usually a helper.
	return !header && frontend.AnyDir(relPath, func(elem string) bool { return testDirs[strings.ToLower(elem)] })
}

// Extract reports the tests of one C++ file, or ok=false when it has none.
// err is always nil.
func (Extractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	src := source.Content
	if !bytes.Contains(src, []byte("TEST")) && !bytes.Contains(src, []byte("SCENARIO")) && !bytes.Contains(src, []byte("RegisterTest")) {
		return inventory.File{}, false, nil
	}
	lx := lex(string(src))
	defines := lx.defines
	if source.Tree != nil && usesForeignTestMacro(&lx) {
		// A generator defined in a project header (headers.go); the
		// file's own definitions come after, and win.
		if hdefs := headerGenerators(source.Tree, source.Path, lx.includes); hdefs != nil {
			for name, defs := range lx.defines {
				hdefs[name] = append(hdefs[name], defs...)
			}
			defines = hdefs
		}
	}
	x := newExpander(defines, len(src))
	tests, scores := parse(lx.toks, defines, x, -1)
	if len(tests) == 0 {
		return inventory.File{}, false, nil
	}
	if len(lx.spans) > 0 {
		for k := range tests {
			d := &tests[k]
			d.cond = lx.conditionAt(d.tok)
			if len(d.defConds) > 0 {
				d.cond = lx.withDefinitions(d.cond, lx.nodeAt(d.tok), d.defConds)
			}
			for j := range d.sections {
				d.sections[j].cond = lx.innerConditionAt(d.tok, d.sections[j].tok)
			}
		}
	}
	included := false
	for _, inc := range lx.includes {
		if fw := includeFramework(inc); fw != "" {
			scores[fw] += project.ImportWeight
			included = true
		}
	}
	if !included && source.Tree != nil {
		// Included through a project header of the suite's.
		if fw := headerFramework(source.Tree, source.Path, lx.includes); fw != "" {
			scores[fw] += project.ImportWeight
		}
	}
	decision := source.Project.Decide(source.Path, []inventory.Framework{inventory.FrameworkGTest, inventory.FrameworkCatch2}, scores)
	if boostOnly(tests) {
		// Reported, not dropped: its cases are declared by name like any.
		decision.Framework, decision.Reason = inventory.FrameworkUnknown, boostReason
	}
	f := inventory.File{
		Path:      source.Path,
		Framework: decision.Framework,
		Language:  inventory.LanguageCPP,
		Tests:     []inventory.Test{},
	}
	if decision.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = decision.Reason
	}
	err := build(&f, tests)
	if err == nil && lx.condOver {
		err = fmt.Errorf("preprocessor conditions expand to over %d bytes", condBudget+condBudgetPerByte*len(src))
	}
	if err == nil && x.over {
		err = fmt.Errorf("test macros expand to over %d bytes", expansionBudget+expansionBudgetPerByte*len(src))
	}
	if err != nil {
		f.SkipReason = err.Error()
		f.Tests, f.Suites = []inventory.Test{}, nil
	}
	return f, true, nil
}

// boostReason is the framework reason of a Boost.Test file.
const boostReason = "Boost.Test (BOOST_AUTO_TEST_CASE and related macros), which is not among the frameworks the engine decides; its test cases and suites are listed by name"

// boostOnly reports whether every declared test is a Boost.Test case.
func boostOnly(tests []decl) bool {
	for _, d := range tests {
		if !d.boost {
			return false
		}
	}
	return len(tests) > 0
}

// decl is one declared test and its sections.
type decl struct {
	suite string   // gtest only
	path  []string // Boost.Test only: the enclosing test suites
	boost bool     // a Boost.Test case
	name  string
	line  int
	tok   int    // the index of its macro's token
	cond  string // its #if condition, "" when none
	// defConds are the #if branches of the generator definitions it was
	// expanded from (macros.go), outermost first.
	defConds []*condNode
	status   inventory.TestStatus
	sections []section
}

// section is one Catch2 section, its parents' names first in path.
type section struct {
	path     []string // enclosing sections, outermost first
	name     string
	line     int
	tok      int    // the index of its macro's token
	cond     string // its #if condition, its test's included
	children bool
}

// catchMacro says where a Catch2 test macro keeps its name and tags.
type catchMacro struct {
	nameArg, tagsArg int
	prefix           string
	syntax           bool // scores for catch2 in detection
}

var gtestMacros = map[string]bool{"TEST": false, "GTEST_TEST": false, "TEST_F": true, "TEST_P": true, "TYPED_TEST": true, "TYPED_TEST_P": true}

var catchMacros = map[string]catchMacro{
	"TEST_CASE":                             {0, 1, "", false},
	"TEST_CASE_METHOD":                      {1, 2, "", true},
	"SCENARIO":                              {0, 1, "Scenario: ", false},
	"SCENARIO_METHOD":                       {1, 2, "Scenario: ", true},
	"TEMPLATE_TEST_CASE":                    {0, 1, "", true},
	"TEMPLATE_TEST_CASE_SIG":                {0, 1, "", true},
	"TEMPLATE_PRODUCT_TEST_CASE":            {0, 1, "", true},
	"TEMPLATE_PRODUCT_TEST_CASE_SIG":        {0, 1, "", true},
	"TEMPLATE_LIST_TEST_CASE":               {0, 1, "", true},
	"TEMPLATE_TEST_CASE_METHOD":             {1, 2, "", true},
	"TEMPLATE_TEST_CASE_METHOD_SIG":         {1, 2, "", true},
	"TEMPLATE_LIST_TEST_CASE_METHOD":        {1, 2, "", true},
	"TEMPLATE_PRODUCT_TEST_CASE_METHOD":     {1, 2, "", true},
	"TEMPLATE_PRODUCT_TEST_CASE_METHOD_SIG": {1, 2, "", true},
}

// catchRegistrations are Catch2's macros that register a function or a
// method, already written elsewhere, as a test case: no body follows. Their
// first argument is the function, then the name and tags.
var catchRegistrations = map[string]bool{"METHOD_AS_TEST_CASE": true, "REGISTER_TEST_CASE": true}

// sectionMacros maps a section macro to the prefix Catch2 gives its name.
var sectionMacros = map[string]string{
	"SECTION": "", "GIVEN": "Given: ", "AND_GIVEN": "And given: ", "WHEN": "When: ",
	"AND_WHEN": "And when: ", "THEN": "Then: ", "AND_THEN": "And: ",
}

// parse finds the declared tests in a token stream and scores the
// framework-specific syntax it meets.
func parse(toks []token, defines map[string][]macroDef, x *expander, at int) ([]decl, map[inventory.Framework]int) {
	return parseDepth(toks, defines, x, at, 0)
}

// maxNameAlternatives bounds the tests one TEST macro's name alternatives
// make (#if branches defining its suite and test names differently).
const maxNameAlternatives = 16

// parseDepth is parse at a depth of generator expansions; at is the token
// of the file's outermost invocation they come from (-1: the file itself).
func parseDepth(toks []token, defines map[string][]macroDef, x *expander, at, depth int) ([]decl, map[inventory.Framework]int) {
	scores := map[inventory.Framework]int{}
	var out []decl
	anonymous := 0
	var boostSuites []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tIdent || i+1 >= len(toks) || toks[i+1].text != "(" {
			continue
		}
		name := t.text
		if strings.HasPrefix(name, "BOOST_") {
			if d, next, ok := boostMacro(toks, i, &boostSuites); ok {
				out = append(out, d)
				i = next
			}
			continue
		}
		if name == "RegisterTest" {
			if d, ok := registerTest(toks, i); ok {
				scores[inventory.FrameworkGTest] += syntaxWeight
				out = append(out, d)
			}
			continue
		}
		if catchRegistrations[strings.TrimPrefix(name, "CATCH_")] {
			if d, ok := catchRegistration(toks, i); ok {
				scores[inventory.FrameworkCatch2] += syntaxWeight
				out = append(out, d)
			}
			continue
		}
		if depth < maxExpansionDepth && x.generator(name) {
			// The tests a generator macro of the file declares (macros.go),
			// at this invocation.
			outer := at
			if depth == 0 {
				outer = i
			}
			args, next := readArgs(toks, i+1)
			exps := x.expand(name, args, outer)
			// A wrapper whose replacement ends in a test macro's header
			// takes the body written after the invocation
			// (`#define SPEC(name) TEST_CASE(name, "[spec]")`, then
			// `SPEC("a") { … }`).
			wraps := next < len(toks) && toks[next].text == "{"
			closing := -1
			if wraps {
				closing = matchBrace(toks, next)
			}
			wrapped := false
			for _, e := range exps {
				etoks := lex(e.text).toks
				appended := wraps && len(etoks) > 0 && etoks[len(etoks)-1].text == ")"
				if appended {
					etoks = append(etoks, token{kind: tPunct, text: "{"}, token{kind: tPunct, text: "}"})
				}
				inner, innerScores := parseDepth(etoks, defines, x, outer, depth+1)
				wrapped = wrapped || appended && len(inner) > 0
				for k, d := range inner {
					d.line, d.tok, d.sections = t.line, i, nil
					if appended && k == len(inner)-1 && d.suite != "" && next+1 < len(toks) && toks[next+1].text == "GTEST_SKIP" {
						d.status = inventory.TestSkipped
					}
					if appended && k == len(inner)-1 && depth == 0 && d.suite == "" && !d.boost {
						// A Catch2 test: the sections of the body it takes.
						d.sections = sections(toks[next+1:closing], scores)
						for j := range d.sections {
							d.sections[j].tok += next + 1
						}
					}
					d.defConds = append(slices.Clip(e.conds), d.defConds...)
					out = append(out, d)
				}
				for fw, n := range innerScores {
					scores[fw] += n
				}
			}
			if wrapped {
				i = closing
			} else if len(exps) > 0 {
				i = next - 1
			}
			continue
		}
		syntax, isGTest := gtestMacros[name]
		cm, isCatch := catchMacros[strings.TrimPrefix(name, "CATCH_")]
		if !isGTest && !isCatch {
			continue
		}
		args, next := readArgs(toks, i+1)
		if next >= len(toks) || toks[next].text != "{" {
			continue // a declaration, FRIEND_TEST-like use or broken code
		}
		closing := matchBrace(toks, next)
		d := decl{line: t.line, tok: i, status: inventory.TestActive}
		first := ""
		if next+1 < closing {
			first = toks[next+1].text
		}
		if isGTest {
			if len(args) != 2 {
				i = closing
				continue
			}
			if syntax {
				scores[inventory.FrameworkGTest] += syntaxWeight
			}
			where := at
			if depth == 0 {
				where = i
			}
			suites, names := expandNames(args[0], defines, where), expandNames(args[1], defines, where)
			if len(suites)*len(names) > maxNameAlternatives {
				suites, names = []nameAlt{{name: joinText(args[0])}}, []nameAlt{{name: joinText(args[1])}}
			}
			for _, sa := range suites {
				for _, na := range names {
					if sa.name == "" || na.name == "" {
						continue
					}
					v := d
					v.suite, v.name = sa.name, na.name
					for _, c := range []*condNode{sa.cond, na.cond} {
						if c != nil {
							v.defConds = append(v.defConds, c)
						}
					}
					if strings.HasPrefix(v.suite, "DISABLED_") || strings.HasPrefix(v.name, "DISABLED_") || first == "GTEST_SKIP" {
						v.status = inventory.TestSkipped
					}
					out = append(out, v)
				}
			}
			i = closing
			continue
		} else {
			if cm.syntax {
				scores[inventory.FrameworkCatch2] += syntaxWeight
			}
			var tags string
			if cm.tagsArg < len(args) {
				tags, _ = stringValue(args[cm.tagsArg])
			}
			if cm.nameArg < len(args) {
				if s, ok := stringValue(args[cm.nameArg]); ok {
					d.name = s
				} else {
					d.name = joinText(args[cm.nameArg])
				}
			}
			if d.name == "" {
				anonymous++
				d.name = fmt.Sprintf("Anonymous test case %d", anonymous)
			}
			d.name = cm.prefix + d.name
			d.status = catchStatus(d.name, tags, first)
			d.sections = sections(toks[next+1:closing], scores)
			for k := range d.sections {
				d.sections[k].tok += next + 1
			}
		}
		out = append(out, d)
		i = closing
	}
	return out, scores
}

// includeFramework returns the framework an #include path is a header of,
// "" when none.
func includeFramework(inc string) inventory.Framework {
	switch {
	case strings.HasPrefix(inc, "gtest/") || strings.HasPrefix(inc, "gmock/"):
		return inventory.FrameworkGTest
	case strings.HasPrefix(inc, "catch2/") || strings.HasPrefix(inc, "catch/") ||
		inc == "catch.hpp" || inc == "catch_amalgamated.hpp" || strings.HasSuffix(inc, "/catch.hpp"):
		return inventory.FrameworkCatch2
	}
	return ""
}

// boostCases are Boost.Test's test-case macros; their first argument is the
// name, and a body follows.
var boostCases = map[string]bool{
	"BOOST_AUTO_TEST_CASE": true, "BOOST_FIXTURE_TEST_CASE": true, "BOOST_DATA_TEST_CASE": true,
	"BOOST_DATA_TEST_CASE_F": false, "BOOST_AUTO_TEST_CASE_TEMPLATE": true, "BOOST_FIXTURE_TEST_CASE_TEMPLATE": true,
	"BOOST_PARAM_TEST_CASE": false,
}

// boostMacro reads a Boost.Test macro at toks[i]: a test suite opened
// (BOOST_AUTO_TEST_SUITE, BOOST_FIXTURE_TEST_SUITE) or closed
// (BOOST_AUTO_TEST_SUITE_END) — suites are not braces but a stack — or a
// test case with its body, reported under the open suites; a case whose
// decorators include disabled() is skipped. ok is false for anything else.
func boostMacro(toks []token, i int, suites *[]string) (decl, int, bool) {
	name := toks[i].text
	args, next := readArgs(toks, i+1)
	switch name {
	case "BOOST_AUTO_TEST_SUITE", "BOOST_FIXTURE_TEST_SUITE":
		if len(args) > 0 && len(*suites) < 64 {
			*suites = append(*suites, joinText(args[0]))
		}
		return decl{}, i, false
	case "BOOST_AUTO_TEST_SUITE_END":
		if len(*suites) > 0 {
			*suites = (*suites)[:len(*suites)-1]
		}
		return decl{}, i, false
	}
	named, isCase := boostCases[name]
	if !isCase || len(args) == 0 || next >= len(toks) || toks[next].text != "{" {
		return decl{}, i, false
	}
	d := decl{name: joinText(args[0]), line: toks[i].line, tok: i, status: inventory.TestActive, boost: true}
	for _, s := range *suites {
		if s != "" { // BOOST_AUTO_TEST_SUITE() in broken code
			d.path = append(d.path, s)
		}
	}
	if !named || d.name == "" {
		return decl{}, i, false
	}
	for _, a := range args[1:] {
		for _, tk := range a {
			if tk.text == "disabled" {
				d.status = inventory.TestSkipped
			}
		}
	}
	return d, matchBrace(toks, next), true
}

// registerTest reads a call testing::RegisterTest("Suite", "Name",
// type_param, value_param, file, line, factory) at toks[i]: a test
// registered at run time, declared in source when both names are string
// literals. Computed names (the usual loop over values) are not reported.
func registerTest(toks []token, i int) (decl, bool) {
	if i < 3 || toks[i-1].text != ":" || toks[i-2].text != ":" || toks[i-3].text != "testing" {
		return decl{}, false
	}
	args, _ := readArgs(toks, i+1)
	if len(args) < 7 {
		return decl{}, false
	}
	suite, ok1 := stringValue(args[0])
	name, ok2 := stringValue(args[1])
	if !ok1 || !ok2 || suite == "" || name == "" {
		return decl{}, false
	}
	d := decl{suite: suite, name: name, line: toks[i].line, tok: i, status: inventory.TestActive}
	if strings.HasPrefix(suite, "DISABLED_") || strings.HasPrefix(name, "DISABLED_") {
		d.status = inventory.TestSkipped
	}
	return d, true
}

// catchRegistration reads METHOD_AS_TEST_CASE(Class::method, "name",
// "[tags]") or REGISTER_TEST_CASE(function, "name", "[tags]") at toks[i]:
// a test case whose body is a function written elsewhere, declared in
// source when its name is a string literal (REGISTER_TEST_CASE is a
// statement, often in a constructor run at start-up, and may be fed a
// computed name). Catch2 places it at the macro's line.
func catchRegistration(toks []token, i int) (decl, bool) {
	args, _ := readArgs(toks, i+1)
	if len(args) < 2 {
		return decl{}, false
	}
	name, ok := stringValue(args[1])
	if !ok || name == "" {
		return decl{}, false
	}
	var tags string
	if len(args) > 2 {
		tags, _ = stringValue(args[2])
	}
	return decl{name: name, line: toks[i].line, tok: i, status: catchStatus(name, tags, "")}, true
}

// catchStatus reads a Catch2 test's tags and first statement.
func catchStatus(name, tags, first string) inventory.TestStatus {
	status := inventory.TestActive
	if strings.HasPrefix(name, "./") || first == "SKIP" || first == "CATCH_SKIP" {
		return inventory.TestSkipped
	}
	for tags != "" {
		open := strings.IndexByte(tags, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(tags[open:], ']')
		if end < 0 {
			break
		}
		// Catch2 v2 reads special tags lower-cased.
		tag := strings.ToLower(tags[open+1 : open+end])
		tags = tags[open+end+1:]
		switch {
		case strings.HasPrefix(tag, ".") || tag == "!hide" || tag == "!benchmark":
			return inventory.TestSkipped
		case tag == "!mayfail" || tag == "!shouldfail":
			status = inventory.TestXFail
		}
	}
	return status
}

// sections finds the sections of a Catch2 test body, nested as written.
func sections(body []token, scores map[inventory.Framework]int) []section {
	type open struct {
		depth int
		index int // into out
	}
	var out []section
	var stack []open
	depth := 0
	for i := 0; i < len(body); i++ {
		t := body[i]
		switch {
		case t.text == "{":
			depth++
		case t.text == "}":
			depth--
			for len(stack) > 0 && stack[len(stack)-1].depth > depth {
				stack = stack[:len(stack)-1]
			}
		case t.kind == tIdent && i+1 < len(body) && body[i+1].text == "(":
			prefix, ok := sectionMacros[strings.TrimPrefix(t.text, "CATCH_")]
			if !ok || len(stack) >= maxSectionDepth {
				continue
			}
			args, next := readArgs(body, i+1)
			if next >= len(body) || body[next].text != "{" || len(args) == 0 {
				continue
			}
			name, ok := stringValue(args[0])
			if !ok {
				name = joinText(args[0])
			}
			if name == "" {
				continue
			}
			if t.text == "SECTION" || t.text == "CATCH_SECTION" {
				scores[inventory.FrameworkCatch2] += syntaxWeight
			}
			s := section{name: prefix + name, line: t.line, tok: i, path: []string{}}
			for _, o := range stack {
				s.path = append(s.path, out[o.index].name)
			}
			if len(stack) > 0 {
				out[stack[len(stack)-1].index].children = true
			}
			out = append(out, s)
			depth++
			stack = append(stack, open{depth: depth, index: len(out) - 1})
			i = next
		}
	}
	return out
}

// readArgs reads the macro arguments whose "(" is at open, split on
// top-level commas; next is the index after the closing ")".
func readArgs(toks []token, open int) (args [][]token, next int) {
	depth := 0
	start := open + 1
	for i := open; i < len(toks); i++ {
		switch toks[i].text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				if i > start || len(args) > 0 {
					args = append(args, toks[start:i])
				}
				return args, i + 1
			}
		case ",":
			if depth == 1 {
				args = append(args, toks[start:i])
				start = i + 1
			}
		}
	}
	return args, len(toks)
}

// matchBrace returns the index of the "}" closing the "{" at open, or
// len(toks) when it is never closed.
func matchBrace(toks []token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].text {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

func joinText(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.kind == tIdent && toks[i-1].kind == tIdent {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// stringValue returns the value of a string literal or of adjacent literals
// ("a" "b"), and false for anything else.
func stringValue(toks []token) (string, bool) {
	if len(toks) == 0 {
		return "", false
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind != tString {
			return "", false
		}
		s, ok := unquote(t.text)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// unquote decodes one C++ string literal, encoding prefix and raw form
// included; simple escapes are decoded, others kept as written.
func unquote(lit string) (string, bool) {
	q := strings.IndexByte(lit, '"')
	if q < 0 || len(lit) < q+2 || lit[len(lit)-1] != '"' {
		return "", false
	}
	prefix, body := lit[:q], lit[q+1:len(lit)-1]
	if strings.HasSuffix(prefix, "R") {
		open := strings.IndexByte(body, '(')
		if open < 0 || len(body) < 2*open+2 {
			return "", false
		}
		return body[open+1 : len(body)-open-1], true
	}
	return ts.Unescape(body, &cppEscapes), true
}

// cppEscapes decode the simple escapes test names use; octal, hex and
// universal-character escapes stay as written.
var cppEscapes = ts.Escapes{
	Table:       map[byte]string{'n': "\n", 't': "\t", '"': `"`, '\\': `\`, '\'': "'", '?': "?"},
	KeepUnknown: true,
}

// build fills f from the declared tests.
func build(f *inventory.File, decls []decl) error {
	seen := map[string]bool{}
	count := 0
	for _, d := range decls {
		path := []string{}
		if d.suite != "" {
			path = []string{d.suite}
			if !seen[d.suite] {
				seen[d.suite] = true
				f.Suites = append(f.Suites, inventory.Suite{Path: path, Line: d.line})
			}
		}
		if len(d.path) > 0 {
			path = d.path
			for k := range path {
				key := strings.Join(path[:k+1], "\x00")
				if !seen[key] {
					seen[key] = true
					f.Suites = append(f.Suites, inventory.Suite{Path: append([]string{}, path[:k+1]...), Line: d.line})
				}
			}
		}
		count += 1 + len(path)
		for _, s := range d.sections {
			count += 2 + len(s.path)
		}
		if count > MaxNames {
			return fmt.Errorf("file expands to over %d names", MaxNames)
		}
		f.Tests = append(f.Tests, inventory.Test{SuitePath: path, Name: d.name, Line: d.line, Status: d.status, Kind: inventory.KindTest, Condition: d.cond})
		if len(d.sections) > 0 {
			f.Suites = append(f.Suites, inventory.Suite{Path: []string{d.name}, Line: d.line})
		}
		for _, s := range d.sections {
			sp := append([]string{d.name}, s.path...)
			f.Tests = append(f.Tests, inventory.Test{SuitePath: sp, Name: s.name, Line: s.line, Status: d.status, Kind: inventory.KindCase, Condition: s.cond})
			if s.children {
				f.Suites = append(f.Suites, inventory.Suite{Path: append(append([]string{}, sp...), s.name), Line: s.line})
			}
		}
	}
	sort.SliceStable(f.Tests, func(i, j int) bool { return f.Tests[i].Line < f.Tests[j].Line })
	sort.SliceStable(f.Suites, func(i, j int) bool { return f.Suites[i].Line < f.Suites[j].Line })
	return nil
}
