package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/testlens/testlens/contracts/inventory"
)

// testify has no listing of its own (`go test -list` shows the runners
// only), and its suites often need services to run. What it runs is decided
// by the type system: suite.Run(t, x) runs every method of x's dynamic
// type's method set (promoted methods included) whose name starts with
// "Test". So the module's test packages are loaded with go/types and, for
// every suite.Run call in a _test.go file, types.NewMethodSet of the
// argument's type gives the methods, each with the file and line where it
// is declared.
//
//	go run ./cmd/accuracy testify MODULE_DIR [PATTERN ...]   # default ./...
//
// An argument of interface type (suite.TestingSuite) is followed to the
// concrete types it can hold: local assignments and declarations, range
// loops over literals (and a field of the structs they range over), the
// call sites of a helper whose parameter it is, and what a helper it
// calls returns. Build tags come from GOFLAGS.
//
// What counts (DESIGN.md): a suite method once per declaration, however
// many suites or runs reach it. It is found when the inventory has a test
// or case of that name at that file and line; the report also says
// whether the inventory filed it under the test that runs it (testify's
// TestRunner/TestMethod) or under its type (the runner is in another file,
// which the inventory cannot see from the method's file). An extra is an
// inventory test at a Test method of a _test.go file of the loaded
// packages that no run reaches. ACCURACY_DETAILS=FILE writes every
// difference.

func init() {
	register("testify", "MODULE_DIR [PATTERN ...]", 1, -1, func(args []string) error { return runTestify(args[0], args[1:]) })
}

const testifySuitePkg = "github.com/stretchr/testify/suite"

// suiteMethod is one method testify runs, where it is declared.
type suiteMethod struct {
	file    string // relative to the module
	line    int
	name    string
	runners map[string]bool // test functions that run it
}

func runTestify(dir string, patterns []string) error {
	root, collector, err := locate(dir)
	if err != nil {
		return err
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports,
		Dir:   root,
		Tests: true,
		Env:   append(os.Environ(), "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("loading %s: %w", root, err)
	}
	rel := func(p string) string {
		r, err := filepath.Rel(root, p)
		if err != nil {
			return p
		}
		return filepath.ToSlash(r)
	}
	methods := map[string]*suiteMethod{} // file:line:name
	declared := map[string]bool{}        // every Test method of a _test.go file: file:line:name
	loadErrors, runs, unresolved := 0, 0, 0
	seenRun := map[string]bool{}
	for _, p := range pkgs {
		// The test variants only: "pkg [pkg.test]" and "pkg_test [pkg.test]".
		if !strings.Contains(p.ID, "[") || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		loadErrors += len(p.Errors)
		if p.TypesInfo == nil {
			continue
		}
		ix := &testifyIndex{pkg: p, decls: map[*types.Func]*ast.FuncDecl{}}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						ix.decls[obj] = fd
					}
				}
			}
		}
		for _, f := range p.Syntax {
			fname := p.Fset.Position(f.Pos()).Filename
			if !strings.HasSuffix(fname, "_test.go") {
				continue
			}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				if fd.Recv != nil && strings.HasPrefix(fd.Name.Name, "Test") {
					pos := p.Fset.Position(fd.Pos())
					declared[rel(pos.Filename)+":"+strconv.Itoa(pos.Line)+":"+fd.Name.Name] = true
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok || len(call.Args) != 2 || !isSuiteRun(p.TypesInfo, call) {
						return true
					}
					pos := p.Fset.Position(call.Pos())
					if key := pos.Filename + ":" + strconv.Itoa(pos.Line); seenRun[key] {
						return true // the same file in the package and its test variant
					} else {
						seenRun[key] = true
					}
					runs++
					found := ix.resolve(call.Args[1], fd, 0)
					if len(found) == 0 {
						unresolved++
					}
					for _, r := range found {
						ms := types.NewMethodSet(r.typ)
						for i := range ms.Len() {
							fn, ok := ms.At(i).Obj().(*types.Func)
							if !ok || !strings.HasPrefix(fn.Name(), "Test") {
								continue
							}
							fp := p.Fset.Position(fn.Pos())
							k := rel(fp.Filename) + ":" + strconv.Itoa(fp.Line) + ":" + fn.Name()
							m := methods[k]
							if m == nil {
								m = &suiteMethod{file: rel(fp.Filename), line: fp.Line, name: fn.Name(), runners: map[string]bool{}}
								methods[k] = m
							}
							m.runners[r.runner.Name.Name] = true
						}
					}
					return true
				})
			}
		}
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	type ourTest struct{ suitePath []string }
	ours := map[string][]ourTest{} // file:line:name
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageGo {
			continue
		}
		for _, t := range f.Tests {
			k := f.Path + ":" + strconv.Itoa(t.Line) + ":" + t.Name
			ours[k] = append(ours[k], ourTest{suitePath: t.SuitePath})
		}
	}

	var r cargoReport
	underRunner, underType, outsideTests := 0, 0, 0
	ourFiles := map[string]bool{}
	for _, f := range doc.Files {
		ourFiles[f.Path] = true
	}
	for _, k := range sortedKeys(methods) {
		m := methods[k]
		r.runner++
		example := fmt.Sprintf("%s:%d %s (run by %s)", m.file, m.line, m.name, strings.Join(slices.Sorted(maps.Keys(m.runners)), ", "))
		got, ok := ours[k]
		switch {
		case ok:
			r.found++
			if slices.ContainsFunc(got, func(t ourTest) bool { return len(t.suitePath) > 0 && m.runners[t.suitePath[0]] }) {
				underRunner++
			} else {
				underType++
			}
		case !strings.HasSuffix(m.file, "_test.go"):
			r.missing++
			outsideTests++
			r.cause("missing: declared in a non-test file", example)
		case !ourFiles[m.file]:
			r.missing++
			r.missingFiles = append(r.missingFiles, m.file)
			r.cause("missing: file not in the inventory", example)
		default:
			r.missing++
			r.cause("missing: no test of that name at that line", example)
		}
	}
	for _, k := range sortedKeys(declared) {
		if methods[k] == nil && ours[k] != nil {
			r.extra++
			r.cause("extra: a Test method no suite.Run reaches", k)
		}
	}
	slices.Sort(r.missingFiles)
	r.missingFiles = slices.Compact(r.missingFiles)

	fmt.Printf("## testify: %s\n\n", root)
	fmt.Printf("%d suite.Run calls in %d test packages (%d load errors, %d calls whose suite type could not be resolved); "+
		"inventory: %s.\n\n", runs, len(pkgs), loadErrors, unresolved, took.Round(1e6))
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| suite methods (declarations) | %d | %d | %d | %d | %.2f %% |\n\n", r.runner, r.found, r.missing, r.extra,
		100*float64(r.missing+r.extra)/float64(max(r.runner, 1)))
	fmt.Printf("Found under the test that runs them: %d; under their type (the runner is in another file): %d. "+
		"Declared in a non-test file: %d. Test files missing: %d %v.\n\n", underRunner, underType, outsideTests, len(r.missingFiles), r.missingFiles)
	r.print()
	return writeDetails(r.details)
}

// isSuiteRun reports whether call is testify's suite.Run.
func isSuiteRun(info *types.Info, call *ast.CallExpr) bool {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	default:
		return false
	}
	fn, ok := info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == testifySuitePkg && fn.Name() == "Run"
}

// testifyIndex is one loaded package with its function declarations.
type testifyIndex struct {
	pkg   *packages.Package
	decls map[*types.Func]*ast.FuncDecl
}

// resolvedSuite is a concrete type a suite.Run argument holds, and the
// function whose call leads to the run.
type resolvedSuite struct {
	typ    types.Type
	runner *ast.FuncDecl
}

// maxResolveDepth bounds the chains resolve follows.
const maxResolveDepth = 6

// resolve returns the concrete types e can hold inside encl.
func (ix *testifyIndex) resolve(e ast.Expr, encl *ast.FuncDecl, depth int) []resolvedSuite {
	info := ix.pkg.TypesInfo
	e = ast.Unparen(e)
	t := info.TypeOf(e)
	if t == nil || depth > maxResolveDepth {
		return nil
	}
	if !types.IsInterface(t) {
		return []resolvedSuite{{t, encl}}
	}
	var out []resolvedSuite
	switch x := e.(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		if idx := paramIndex(info, encl, v); idx >= 0 {
			// A helper's parameter: what its callers pass.
			callee, _ := info.Defs[encl.Name].(*types.Func)
			ix.eachCall(callee, func(call *ast.CallExpr, caller *ast.FuncDecl) {
				if idx < len(call.Args) {
					out = append(out, ix.resolve(call.Args[idx], caller, depth+1)...)
				}
			})
			return out
		}
		ast.Inspect(encl.Body, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.AssignStmt:
				for i, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && len(s.Lhs) == len(s.Rhs) && (info.Defs[id] == v || info.Uses[id] == v) {
						out = append(out, ix.resolve(s.Rhs[i], encl, depth+1)...)
					}
				}
			case *ast.ValueSpec:
				for i, id := range s.Names {
					if info.Defs[id] == v && len(s.Values) == len(s.Names) {
						out = append(out, ix.resolve(s.Values[i], encl, depth+1)...)
					}
				}
			case *ast.RangeStmt:
				if id, ok := s.Value.(*ast.Ident); ok && info.Defs[id] == v {
					for _, el := range ix.elements(s.X, encl) {
						out = append(out, ix.resolve(el, encl, depth+1)...)
					}
				}
			}
			return true
		})
	case *ast.SelectorExpr:
		// tc.suite, where tc ranges over a literal of structs.
		base, ok := ast.Unparen(x.X).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := info.Uses[base].(*types.Var)
		if !ok {
			return nil
		}
		ast.Inspect(encl.Body, func(n ast.Node) bool {
			if s, ok := n.(*ast.RangeStmt); ok {
				if id, ok := s.Value.(*ast.Ident); ok && info.Defs[id] == v {
					for _, el := range ix.elements(s.X, encl) {
						if fe := fieldOf(info, el, x.Sel.Name); fe != nil {
							out = append(out, ix.resolve(fe, encl, depth+1)...)
						}
					}
				}
			}
			return true
		})
	case *ast.CallExpr:
		// What a helper returns.
		fd := ix.decls[calleeOf(info, x)]
		if fd == nil || fd.Body == nil {
			return nil
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
				for _, r := range ix.resolve(ret.Results[0], fd, depth+1) {
					r.runner = encl
					out = append(out, r)
				}
			}
			return true
		})
	}
	return out
}

// eachCall calls visit for every call of fn in the package.
func (ix *testifyIndex) eachCall(fn *types.Func, visit func(*ast.CallExpr, *ast.FuncDecl)) {
	if fn == nil {
		return
	}
	for _, f := range ix.pkg.Syntax {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && calleeOf(ix.pkg.TypesInfo, call) == fn {
					visit(call, fd)
				}
				return true
			})
		}
	}
}

// calleeOf returns the function a call names, or nil.
func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// elements returns the elements of a slice, array or map literal, directly
// or through a variable (local or of the package) initialised with one.
func (ix *testifyIndex) elements(e ast.Expr, encl *ast.FuncDecl) []ast.Expr {
	info := ix.pkg.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		out := make([]ast.Expr, 0, len(x.Elts))
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out = append(out, el)
		}
		return out
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		var out []ast.Expr
		from := func(names []*ast.Ident, values []ast.Expr) {
			for i, id := range names {
				if info.Defs[id] == v && len(values) == len(names) {
					out = append(out, ix.elements(values[i], encl)...)
				}
			}
		}
		ast.Inspect(encl.Body, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.AssignStmt:
				var names []*ast.Ident
				for _, l := range s.Lhs {
					id, _ := l.(*ast.Ident)
					names = append(names, id)
				}
				from(names, s.Rhs)
			case *ast.ValueSpec:
				from(s.Names, s.Values)
			}
			return true
		})
		if len(out) > 0 {
			return out
		}
		for _, f := range ix.pkg.Syntax {
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
					for _, sp := range gd.Specs {
						vs := sp.(*ast.ValueSpec)
						from(vs.Names, vs.Values)
					}
				}
			}
		}
		return out
	}
	return nil
}

// fieldOf returns the value a struct literal (or &literal) gives field
// name, or nil.
func fieldOf(info *types.Info, el ast.Expr, name string) ast.Expr {
	el = ast.Unparen(el)
	if u, ok := el.(*ast.UnaryExpr); ok && u.Op == token.AND {
		el = ast.Unparen(u.X)
	}
	cl, ok := el.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	st, ok := info.TypeOf(cl).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		} else if i < st.NumFields() && st.Field(i).Name() == name {
			return el
		}
	}
	return nil
}

// paramIndex returns the position of v among fd's parameters, or -1.
func paramIndex(info *types.Info, fd *ast.FuncDecl, v *types.Var) int {
	i := 0
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if info.Defs[n] == v {
				return i
			}
			i++
		}
	}
	return -1
}
