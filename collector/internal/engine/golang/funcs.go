package golang

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/testlens/testlens/contracts/inventory"
)

// testingNames says how the file refers to package testing: the names it is
// imported under, and whether it is dot-imported.
type testingNames struct {
	names map[string]bool
	dot   bool
}

func importsOf(file *ast.File) testingNames {
	// The internal tests of package testing itself name its types unqualified.
	tn := testingNames{names: map[string]bool{}, dot: file.Name.Name == "testing"}
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != "testing" {
			continue
		}
		switch {
		case imp.Name == nil:
			tn.names["testing"] = true
		case imp.Name.Name == ".":
			tn.dot = true
		case imp.Name.Name != "_":
			tn.names[imp.Name.Name] = true
		}
	}
	return tn
}

// isPtr reports whether expr is *testing.<typ>, however testing is imported.
func (tn testingNames) isPtr(expr ast.Expr, typ string) bool {
	star, ok := expr.(*ast.StarExpr)
	if !ok {
		return false
	}
	switch x := ast.Unparen(star.X).(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && tn.names[id.Name] && x.Sel.Name == typ
	case *ast.Ident:
		return tn.dot && x.Name == typ
	}
	return false
}

// hasPrefixRule is the go tool's rule for test names: the prefix alone, or the
// prefix followed by a rune that is not lower-case (TestFoo, Test_foo, Test1
// yes; Testfoo no).
func hasPrefixRule(name, prefix string) bool {
	if len(name) < len(prefix) || name[:len(prefix)] != prefix {
		return false
	}
	if len(name) == len(prefix) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name[len(prefix):])
	return !unicode.IsLower(r)
}

// testFunc is what the go tool would run a top-level function as.
type testFunc struct {
	// param is the name of the *testing.T/B/F parameter ("" when unnamed).
	param string
	// typ is "T", "B" or "F"; "" for an example.
	typ string
}

// classify returns how `go test` runs fn, or ok=false when it does not: a
// method, a generic function, a wrong signature, TestMain, an example
// without an output comment.
func classify(fn *ast.FuncDecl, tn testingNames, comments []*ast.CommentGroup) (testFunc, bool) {
	if fn.Recv != nil || fn.Body == nil || fn.Type.TypeParams != nil || fn.Type.Params == nil {
		return testFunc{}, false
	}
	if fn.Type.Results != nil && len(fn.Type.Results.List) > 0 {
		return testFunc{}, false
	}
	name := fn.Name.Name
	params := fn.Type.Params.List
	for _, k := range [...]struct{ prefix, typ string }{{"Test", "T"}, {"Benchmark", "B"}, {"Fuzz", "F"}} {
		if !hasPrefixRule(name, k.prefix) {
			continue
		}
		// One parameter of type *testing.T (resp. B, F). TestMain takes a
		// *testing.M, so it fails this check and is not a test.
		if len(params) != 1 || len(params[0].Names) > 1 || !tn.isPtr(params[0].Type, k.typ) {
			return testFunc{}, false
		}
		tf := testFunc{typ: k.typ}
		if len(params[0].Names) == 1 {
			tf.param = params[0].Names[0].Name
		}
		return tf, true
	}
	if hasPrefixRule(name, "Example") && len(params) == 0 && hasOutput(fn.Body, comments) {
		return testFunc{}, true
	}
	return testFunc{}, false
}

// outputRx is go/doc's test for the comment that makes an example run.
var outputRx = regexp.MustCompile(`(?i)^[[:space:]]*(unordered )?output:`)

// hasOutput reports whether the last comment inside body starts with
// "Output:" or "Unordered output:" (any case), as go/doc requires for
// `go test` to run an example.
func hasOutput(body *ast.BlockStmt, comments []*ast.CommentGroup) bool {
	// comments are sorted by position: find the last one that ends in body.
	i := sort.Search(len(comments), func(i int) bool { return comments[i].Pos() >= body.Rbrace })
	if i == 0 {
		return false
	}
	last := comments[i-1]
	if last.Pos() <= body.Lbrace {
		return false
	}
	return outputRx.MatchString(last.Text())
}

// skipsAtTop reports whether the first statement of body is param.Skip(...),
// param.Skipf(...) or param.SkipNow(). A skip behind a condition is a decision
// taken at run time, so the test then counts as active.
func skipsAtTop(body *ast.BlockStmt, param string) bool {
	if param == "" || param == "_" || len(body.List) == 0 {
		return false
	}
	stmt, ok := body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	for _, m := range [...]string{"Skip", "Skipf", "SkipNow"} {
		if isMethodCall(call, param, m) {
			return true
		}
	}
	return false
}

// isMethodCall reports whether call is recv.method(...) on the plain
// identifier recv.
func isMethodCall(call *ast.CallExpr, recv, method string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && id.Name == recv
}

// extracted is what extractTests found in a file.
type extracted struct {
	tests  []inventory.Test
	suites []inventory.Suite
	ev     evidence
}

// extractTests lists the tests of a parsed file, sorted by line, and the
// suites (tests and subtests that have subtests, testify runners, ginkgo
// containers), sorted by line.
func extractTests(fset *token.FileSet, file *ast.File, src []byte, fi fileImports, testifyDep bool, runners func(string) []string) (extracted, error) {
	tn := importsOf(file)
	fl := &flattener{budget: MaxNames}
	w := newWalker(fset, file)
	sf := newTestifyFile(fset, file, fi.suite)
	sf.dependency = testifyDep
	sf.runners = runners
	run := map[string]bool{}
	var ev evidence
	tooMany := fmt.Errorf("too many subtests: they expand to more than %d names", MaxNames)
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		tf, ok := classify(fn, tn, file.Comments)
		if !ok {
			continue
		}
		name := fn.Name.Name
		line := fset.Position(fn.Pos()).Line
		skipped := skipsAtTop(fn.Body, tf.param)
		fl.add(inventory.Test{SuitePath: []string{}, Name: name, Line: line, Status: status(skipped), Kind: inventory.KindTest})
		if tf.typ != "T" && tf.typ != "B" {
			continue // fuzz targets and examples have no Run method
		}
		subs := w.topLevel(fn.Body, tf.param, fn.Type.Params, fn.Type.Results)
		if len(subs) > 0 {
			fl.suites = append(fl.suites, inventory.Suite{Path: []string{name}, Line: line})
			fl.nodes([]string{name}, subs, skipped)
		}
		if fl.budget < 0 {
			return extracted{}, tooMany
		}
	}
	// testify: the suites each test runs, then the suite methods nobody in
	// this file runs.
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		f, ok := classify(fn, tn, file.Comments)
		if !ok || f.typ != "T" {
			continue
		}
		runs := sf.suitesRun(fn.Body)
		if len(runs) == 0 {
			continue
		}
		ev.testify = true
		hasSubs := false
		for _, s := range fl.suites {
			if len(s.Path) == 1 && s.Path[0] == fn.Name.Name {
				hasSubs = true
				break
			}
		}
		if sf.addSuiteMethods(fl, w, fn.Name.Name, skipsAtTop(fn.Body, f.param), runs, run) && !hasSubs {
			fl.suite([]string{fn.Name.Name}, fset.Position(fn.Pos()).Line)
		}
		if fl.budget < 0 {
			return extracted{}, tooMany
		}
	}
	if sf.addUnrun(fl, w, run) {
		ev.testify = true
	}
	if fi.ginkgo.any() {
		gs := &ginkgoScan{fset: fset, src: src, g: fi.ginkgo, fl: fl}
		gs.file(file, func(fn *ast.FuncDecl) bool {
			_, ok := classify(fn, tn, file.Comments)
			return ok
		})
		ev.ginkgo = gs.seen
	}
	if fl.budget < 0 {
		return extracted{}, tooMany
	}
	sort.SliceStable(fl.tests, func(i, j int) bool { return fl.tests[i].Line < fl.tests[j].Line })
	sort.SliceStable(fl.suites, func(i, j int) bool { return fl.suites[i].Line < fl.suites[j].Line })
	return extracted{tests: fl.tests, suites: fl.suites, ev: ev}, nil
}

func status(skipped bool) inventory.TestStatus {
	if skipped {
		return inventory.TestSkipped
	}
	return inventory.TestActive
}

// flattener turns trees of subtests into inventory tests and suites, within
// a budget of names (see MaxNames).
type flattener struct {
	tests  []inventory.Test
	suites []inventory.Suite
	budget int
}

// suite adds a suite, within the budget.
func (fl *flattener) suite(path []string, line int) {
	fl.budget -= len(path)
	if fl.budget >= 0 {
		fl.suites = append(fl.suites, inventory.Suite{Path: path, Line: line})
	}
}

func (fl *flattener) add(t inventory.Test) {
	fl.budget -= 1 + len(t.SuitePath)
	if fl.budget >= 0 {
		fl.tests = append(fl.tests, t)
	}
}

// nodes adds subtests under prefix. A subtest of a skipped test is skipped
// too: its parent never gets to run it.
func (fl *flattener) nodes(prefix []string, ns []node, skipped bool) {
	emptyNames(ns)
	for _, n := range ns {
		if fl.budget < 0 {
			return
		}
		sk := skipped || n.skipped
		fl.add(inventory.Test{SuitePath: prefix, Name: n.name, Line: n.line, Status: status(sk), Kind: inventory.KindCase})
		if len(n.children) == 0 {
			continue
		}
		// Siblings share their prefix; an exact capacity keeps a caller's
		// append(t.SuitePath, …) from writing into a neighbour's path.
		path := make([]string, len(prefix)+1)
		copy(path, prefix)
		path[len(prefix)] = n.name
		fl.suites = append(fl.suites, inventory.Suite{Path: path, Line: n.line})
		fl.nodes(path, n.children, sk)
	}
}
