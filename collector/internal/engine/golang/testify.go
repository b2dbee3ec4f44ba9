package golang

import (
	"go/ast"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// testify suites (github.com/stretchr/testify/suite).
//
// A go-testing test that calls suite.Run(t, new(S)) (or &S{}, S{}, or a
// local variable holding one of those) runs every method of S whose name
// starts with "Test" (testify's own filter, so Testfoo counts too). Those
// methods are reported as cases of the test (suite path [TestXxx]), like its
// subtests; `go test -v`
// shows them as TestXxx/TestMethod. Methods promoted from embedded structs
// declared in the same file count as well, and so do a generic suite's
// (suite.Run(t, new(StoreSuite[int])) runs StoreSuite[T]'s methods). A
// suite.Run inside t.Run("sqlite", …) puts them under [TestXxx, sqlite], as
// testify names them; a suite run twice by one test is reported once (one
// declared test; testify's second run is TestMethod#01).
//
// A file that declares suite methods without running them is reported when
// it shows they are suite methods (unrunSuite: its struct embeds
// suite.Suite, or embeds a type of another file while the file or the
// module names testify and a Test method has a suite method's signature, or
// the type is declared elsewhere and the file or the module names testify).
// The methods are cases of the tests of the package's other _test.go files
// that run the type, when those files show it (runners.go: suite.Run(t,
// new(S)) in func TestS(t *testing.T)); else tests under a suite named
// after their type. A struct of the file that embeds nothing of the kind
// (a fixture with a TestdataPath(name) helper) is no suite.

// maxEmbedDepth bounds the walk through embedded structs.
const maxEmbedDepth = 4

// testifyFile indexes the suite-shaped methods of one file.
type testifyFile struct {
	fset  *token.FileSet
	suite pkgNames
	// dependency is set when the module requires testify: methods Test*
	// on a type declared in another file are then taken for suite methods.
	dependency bool
	structs    map[string]*ast.TypeSpec
	// methods holds, per receiver type name, the methods testify would
	// run, in source order.
	methods map[string][]*ast.FuncDecl
	// runners gives the tests of the package's other files that run a
	// suite type (runners.go); nil when they cannot be read.
	runners func(typ string) []string
	// constructors maps the functions of the file that return one struct
	// of the file, or a pointer to one, to its type name.
	constructors map[string]string
}

func newTestifyFile(fset *token.FileSet, file *ast.File, suite pkgNames) *testifyFile {
	tf := &testifyFile{fset: fset, suite: suite, structs: map[string]*ast.TypeSpec{}, methods: map[string][]*ast.FuncDecl{}}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, spec := range d.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok {
					if _, ok := ts.Type.(*ast.StructType); ok {
						tf.structs[ts.Name.Name] = ts
					}
				}
			}
		case *ast.FuncDecl:
			if typ, _, ok := receiver(d); ok && isSuiteMethod(d) {
				tf.methods[typ] = append(tf.methods[typ], d)
			}
		}
	}
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Type.Results.NumFields() != 1 {
			continue
		}
		if id := baseIdent(fd.Type.Results.List[0].Type); id != nil && tf.structs[id.Name] != nil {
			if tf.constructors == nil {
				tf.constructors = map[string]string{}
			}
			tf.constructors[fd.Name.Name] = id.Name
		}
	}
	return tf
}

// receiver returns the type name and the receiver name of a method on T or
// *T, or on a generic T[P] (testify runs StoreSuite[int]'s methods).
func receiver(fn *ast.FuncDecl) (typ, name string, ok bool) {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return "", "", false
	}
	field := fn.Recv.List[0]
	id := baseIdent(field.Type)
	if id == nil {
		return "", "", false
	}
	if len(field.Names) == 1 {
		name = field.Names[0].Name
	}
	return id.Name, name, true
}

// isSuiteMethod reports whether testify would run the method: every method
// whose name starts with "Test". One that takes arguments or returns
// results is still listed by testify (since v1.9) as a subtest that fails
// with "invalid signature", so it is reported too.
func isSuiteMethod(fn *ast.FuncDecl) bool {
	return fn.Body != nil && strings.HasPrefix(fn.Name.Name, "Test")
}

// methodsOf returns the suite methods of typ, its own first, then those of
// the structs it embeds (declared in this file), without duplicates by name.
func (tf *testifyFile) methodsOf(typ string) ([]*ast.FuncDecl, map[string]bool) {
	var out []*ast.FuncDecl
	seenType := map[string]bool{}
	seenName := map[string]bool{}
	var walk func(typ string, depth int)
	walk = func(typ string, depth int) {
		if depth > maxEmbedDepth || seenType[typ] {
			return
		}
		seenType[typ] = true
		for _, m := range tf.methods[typ] {
			if !seenName[m.Name.Name] {
				seenName[m.Name.Name] = true
				out = append(out, m)
			}
		}
		ts := tf.structs[typ]
		if ts == nil {
			return
		}
		for _, f := range ts.Type.(*ast.StructType).Fields.List {
			if len(f.Names) > 0 {
				continue
			}
			if id := baseIdent(f.Type); id != nil {
				walk(id.Name, depth+1)
			}
		}
	}
	walk(typ, 0)
	return out, seenType
}

// embeddedTypes returns the type names of the embedded fields of struct
// typ declared in this file (local or not: a base suite of another file is
// a name too), and whether it embeds suite.Suite itself.
func (tf *testifyFile) embeddedTypes(typ string) (local []string, suite bool) {
	ts := tf.structs[typ]
	if ts == nil {
		return nil, false
	}
	for _, f := range ts.Type.(*ast.StructType).Fields.List {
		if len(f.Names) > 0 {
			continue
		}
		t := ast.Unparen(f.Type)
		if star, ok := t.(*ast.StarExpr); ok {
			t = ast.Unparen(star.X)
		}
		if name, ok := tf.suite.refers(t); ok && name == "Suite" {
			suite = true
		} else if id := genericBase(t); id != nil {
			local = append(local, id.Name)
		}
	}
	return local, suite
}

// embedsForeign reports whether the struct typ embeds, directly or through
// structs of this file, a type this file does not declare: a base suite of
// another file of the package, perhaps.
func (tf *testifyFile) embedsForeign(typ string, depth int) bool {
	if depth > maxEmbedDepth {
		return false
	}
	local, _ := tf.embeddedTypes(typ)
	for _, l := range local {
		if tf.structs[l] == nil || tf.embedsForeign(l, depth+1) {
			return true
		}
	}
	return false
}

// plainSuiteMethod reports whether a method has the signature testify
// expects of a suite method: no parameters, no results.
func plainSuiteMethod(fn *ast.FuncDecl) bool {
	return fn.Type.Params.NumFields() == 0 && fn.Type.Results.NumFields() == 0
}

// embedsSuite reports whether the struct typ embeds suite.Suite, directly
// or through structs of this file.
func (tf *testifyFile) embedsSuite(typ string, depth int) bool {
	if depth > maxEmbedDepth {
		return false
	}
	local, suite := tf.embeddedTypes(typ)
	if suite {
		return true
	}
	for _, l := range local {
		if tf.embedsSuite(l, depth+1) {
			return true
		}
	}
	return false
}

// suiteRun is one suite.Run call: the suite's type, and the names of the
// t.Run subtests it is inside (testify names its methods
// TestDB/sqlite/TestQuery there).
type suiteRun struct {
	typ  string
	path []string
	line int // of the innermost t.Run around the call, when path is set
}

// suitesRun returns the suite types that body passes to suite.Run, in order.
func (tf *testifyFile) suitesRun(body *ast.BlockStmt) []suiteRun {
	if !tf.suite.any() {
		return nil
	}
	var out []suiteRun
	var visit func(n ast.Node, path []string, line int)
	visit = func(n ast.Node, path []string, line int) {
		ast.Inspect(n, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			if name, ok := tf.suite.refers(call.Fun); ok && name == "Run" {
				if typ := tf.suiteType(call.Args[1], body, 0); typ != "" {
					out = append(out, suiteRun{typ: typ, path: path, line: line})
				}
				return false
			}
			// t.Run("name", func(t *testing.T) { … }): a named level.
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			lit, isLit := ast.Unparen(call.Args[1]).(*ast.FuncLit)
			if !ok || sel.Sel.Name != "Run" || !isLit {
				return true
			}
			name, err := strconv.Unquote(literalText(call.Args[0]))
			if err != nil {
				return true
			}
			visit(lit.Body, append(slices.Clip(path), name), tf.fset.Position(call.Pos()).Line)
			return false
		})
	}
	visit(body, nil, 0)
	return out
}

// literalText is the text of a basic string literal, or "".
func literalText(e ast.Expr) string {
	if bl, ok := ast.Unparen(e).(*ast.BasicLit); ok && bl.Kind == token.STRING {
		return bl.Value
	}
	return ""
}

// suiteType returns the type name of a suite.Run argument: new(S), &S{},
// S{}, a call of a constructor of the file (NewSSuite(t) returning *S), or
// a local variable declared with one of those (or as `var s S` passed as
// &s).
func (tf *testifyFile) suiteType(e ast.Expr, body *ast.BlockStmt, depth int) string {
	if depth > maxAliases {
		return ""
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return tf.suiteType(x.X, body, depth+1)
		}
	case *ast.CompositeLit:
		return typeName(x.Type)
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
			return typeName(x.Args[0])
		} else if ok {
			return tf.constructors[id.Name] // NewFooSuite(t), a function of the file returning *FooSuite
		}
	case *ast.Ident:
		for _, stmt := range body.List {
			switch s := stmt.(type) {
			case *ast.AssignStmt:
				if i := identIndex(s.Lhs, x.Name); i >= 0 && s.Tok == token.DEFINE && len(s.Lhs) == len(s.Rhs) {
					return tf.suiteType(s.Rhs[i], body, depth+1)
				}
			case *ast.DeclStmt:
				gd, ok := s.Decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					i := identIndex(identsAsExprs(vs.Names), x.Name)
					switch {
					case i < 0:
					case len(vs.Values) == len(vs.Names):
						return tf.suiteType(vs.Values[i], body, depth+1)
					case vs.Type != nil:
						t := ast.Unparen(vs.Type)
						if star, ok := t.(*ast.StarExpr); ok {
							t = star.X
						}
						return typeName(t)
					}
				}
			}
		}
	}
	return ""
}

func typeName(e ast.Expr) string {
	if id := genericBase(e); id != nil {
		return id.Name
	}
	return ""
}

// genericBase returns the type name of T, T[P] or T[P, Q].
func genericBase(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.IndexExpr:
		id, _ := ast.Unparen(x.X).(*ast.Ident)
		return id
	case *ast.IndexListExpr:
		id, _ := ast.Unparen(x.X).(*ast.Ident)
		return id
	}
	return nil
}

// baseIdent returns the type name of T, *T, T[P] or *T[P].
func baseIdent(e ast.Expr) *ast.Ident {
	t := ast.Unparen(e)
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	return genericBase(t)
}

// skipsAtTopSuite reports whether the first statement of a suite method is
// recv.T().Skip(...), Skipf or SkipNow.
func skipsAtTopSuite(body *ast.BlockStmt, recv string) bool {
	if recv == "" || recv == "_" || len(body.List) == 0 {
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
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Skip" && sel.Sel.Name != "Skipf" && sel.Sel.Name != "SkipNow") {
		return false
	}
	inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	return ok && len(inner.Args) == 0 && isMethodCall(inner, recv, "T")
}

// addSuiteMethods adds the methods of the suite types a test runs as its
// cases (under the t.Run subtests around the call, when any), with their
// own s.Run subtests below them, and marks the types run.
func (tf *testifyFile) addSuiteMethods(fl *flattener, w *walker, test string, skipped bool, runs []suiteRun, run map[string]bool) bool {
	added := false
	once := map[string]bool{}
	for _, r := range runs {
		prefix := append([]string{test}, r.path...)
		key := strings.Join(prefix, "\x00") + "\x00" + r.typ
		if once[key] {
			continue // run again (testify's TestX#01): one declared test each
		}
		once[key] = true
		ms, seen := tf.methodsOf(r.typ)
		for t := range seen {
			run[t] = true
		}
		if len(r.path) > 0 && len(ms) > 0 && !slices.ContainsFunc(fl.suites, func(s inventory.Suite) bool { return slices.Equal(s.Path, prefix) }) {
			fl.suite(prefix, r.line)
		}
		for _, m := range ms {
			tf.addMethod(fl, w, prefix, m, skipped, inventory.KindCase)
			added = true
		}
	}
	return added
}

func (tf *testifyFile) addMethod(fl *flattener, w *walker, prefix []string, m *ast.FuncDecl, skipped bool, kind inventory.TestKind) {
	_, recv, _ := receiver(m)
	line := tf.fset.Position(m.Pos()).Line
	sk := skipped || skipsAtTopSuite(m.Body, recv)
	fl.add(inventory.Test{SuitePath: prefix, Name: m.Name.Name, Line: line, Status: status(sk), Kind: kind})
	// testify's s.Run(name, func()) runs subtests like t.Run.
	if recv == "" || recv == "_" {
		return
	}
	if subs := w.topLevel(m.Body, recv, m.Recv, m.Type.Params, m.Type.Results); len(subs) > 0 {
		path := make([]string, len(prefix)+1)
		copy(path, prefix)
		path[len(prefix)] = m.Name.Name
		fl.suites = append(fl.suites, inventory.Suite{Path: path, Line: line})
		fl.nodes(path, subs, sk)
	}
}

// unrunSuite reports whether typ, which no test of this file runs, is a
// testify suite as far as this file shows: its struct embeds suite.Suite;
// or it embeds a type declared elsewhere (a base suite of another file),
// the file or the module names testify, and a Test method has a suite
// method's signature; or it is declared in another file and the file or
// the module names testify. A struct of this file that embeds neither (a
// fixture with a TestdataPath(name) helper) is no suite.
func (tf *testifyFile) unrunSuite(typ string) bool {
	named := tf.suite.any() || tf.dependency
	switch {
	case tf.structs[typ] == nil:
		return named
	case tf.embedsSuite(typ, 0):
		return true
	case named && tf.embedsForeign(typ, 0):
		ms, _ := tf.methodsOf(typ)
		for _, m := range ms {
			if plainSuiteMethod(m) {
				return true
			}
		}
	}
	return false
}

// addUnrun adds, as tests under a suite named after their type, the suite
// methods of types no test of this file runs, when the file shows they are
// testify suites. It reports whether it added any.
func (tf *testifyFile) addUnrun(fl *flattener, w *walker, run map[string]bool) bool {
	// A struct embedded in another is reported through the one embedding
	// it (its methods are promoted), not on its own.
	embedded := map[string]bool{}
	for typ := range tf.structs {
		local, _ := tf.embeddedTypes(typ)
		for _, l := range local {
			if l != typ {
				embedded[l] = true
			}
		}
	}
	candidates := map[string]bool{}
	for typ := range tf.methods {
		candidates[typ] = true
	}
	for typ := range tf.structs {
		candidates[typ] = true
	}
	var types []string
	for typ := range candidates {
		if run[typ] || embedded[typ] {
			continue
		}
		if tf.unrunSuite(typ) {
			types = append(types, typ)
		}
	}
	sort.Strings(types)
	added := false
	for _, typ := range types {
		ms, _ := tf.methodsOf(typ)
		if len(ms) == 0 {
			continue
		}
		line := tf.fset.Position(ms[0].Pos()).Line
		if ts := tf.structs[typ]; ts != nil {
			line = tf.fset.Position(ts.Pos()).Line
		}
		added = true
		var runners []string
		if tf.runners != nil {
			runners = tf.runners(typ)
		}
		if len(runners) > 0 {
			// Run by a test of another file: TestFoo/TestX, as testify
			// names them.
			for _, r := range runners {
				fl.suite([]string{r}, line)
				for _, m := range ms {
					tf.addMethod(fl, w, []string{r}, m, false, inventory.KindCase)
				}
			}
			continue
		}
		fl.suite([]string{typ}, line)
		for _, m := range ms {
			tf.addMethod(fl, w, []string{typ}, m, false, inventory.KindTest)
		}
	}
	return added
}
