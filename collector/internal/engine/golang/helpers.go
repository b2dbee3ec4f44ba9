package golang

import (
	"go/ast"
	"go/token"
)

// Helpers. A test often hands its T to a function of the file that runs the
// subtests, with the table or the name as arguments:
//
//	func TestGitHubAPI(t *testing.T) { testRouterAPI(t, gitHubAPI) }
//	func testRouterAPI(t *testing.T, api []*Route) { for _, r := range api { t.Run(r.Path, …) } }
//	assertOk(t, "Empty struct", func(…) { … })   // func assertOk(t *testing.T, name string, …) { t.Run(name, …) }
//
// A call statement of the test's body (or of a subtest's) whose argument
// is the T, to a function declared in the file whose parameter there is a
// *testing.T, is followed one level deep: the helper's subtests are the
// caller's, its parameters bound to the caller's arguments that are
// literals, literal tables, or names of either.

// maxHelperDepth bounds how deep helpers of helpers are followed, and
// maxHelperWalks how many helper calls of one file are.
const (
	maxHelperDepth = 1
	maxHelperWalks = 1000
)

// helperSubtests returns the subtests a helper runs when call (on top of the
// stack) passes it the T named param; nil when call is not such a call.
func (w *walker) helperSubtests(call *ast.CallExpr, param string) []node {
	if w.helperDepth >= maxHelperDepth || w.helperWalks >= maxHelperWalks {
		return nil
	}
	fn, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	decl := w.funcDecl(fn.Name)
	if decl == nil || decl.Body == nil || decl.Type.Params == nil || decl.Type.TypeParams != nil || !w.callsRun(decl) {
		return nil
	}
	params := paramNames(decl.Type.Params)
	if len(params) != len(call.Args) || call.Ellipsis.IsValid() {
		return nil
	}
	tParam := ""
	subst := map[string]ast.Expr{}
	top := len(w.stack) - 1
	for i, a := range call.Args {
		if id, isID := ast.Unparen(a).(*ast.Ident); isID && id.Name == param {
			if tParam != "" || !isTestingT(fieldTypeAt(decl.Type.Params, i)) {
				return nil
			}
			tParam = params[i]
			continue
		}
		if v := w.argValue(a, top, call.Pos()); v != nil && params[i] != "_" {
			subst[params[i]] = v
		}
	}
	if tParam == "" || tParam == "_" {
		return nil
	}
	// The helper's body is walked as a function of its own; what its
	// parameters stand for comes from the caller's arguments.
	saved, savedOuter, savedSubst, savedMut := w.stack, w.outer, w.subst, w.mutations
	w.stack, w.outer, w.subst, w.mutations = nil, []*ast.FieldList{decl.Type.Params, decl.Type.Results}, subst, nil
	w.helperDepth++
	w.helperWalks++
	w.helperBody = decl.Body
	out := w.subtests(decl.Body, tParam)
	w.helperDepth--
	w.stack, w.outer, w.subst, w.mutations, w.helperBody = saved, savedOuter, savedSubst, savedMut, nil
	return out
}

// argValue is what a caller's argument stands for, when it is a literal, a
// literal table, or a name bound to one (a local, or a package-level table
// of the file); nil otherwise.
func (w *walker) argValue(a ast.Expr, top int, pos token.Pos) ast.Expr {
	switch a := ast.Unparen(a).(type) {
	case *ast.BasicLit, *ast.CompositeLit:
		return a
	case *ast.Ident:
		if b, ok := w.bind(a.Name, top, pos); ok {
			if b.rng != nil {
				return nil
			}
			switch v := ast.Unparen(b.value).(type) {
			case *ast.BasicLit, *ast.CompositeLit:
				return v
			}
			return nil
		}
		if !w.declaredLocally(a.Name, top, pos) {
			if lit := w.fileTable(a.Name); lit != nil {
				return lit
			}
		}
	}
	return nil
}

// substituted binds a helper's parameter to the caller's argument, unless
// the helper writes the parameter.
func (w *walker) substituted(name string) (binding, bool) {
	v, ok := w.subst[name]
	if !ok || w.helperBody == nil {
		return binding{}, false
	}
	if len(mutationsOf(w.helperBody, name)) > 0 {
		return binding{}, false
	}
	return binding{depth: -1, pos: w.helperBody.Pos(), value: v}, true
}

// callsRun reports whether a function's body calls a method named Run
// anywhere, computed once per function: most helpers a test calls with its
// T (assertions, setup) run no subtest and are not walked.
func (w *walker) callsRun(fd *ast.FuncDecl) bool {
	if has, ok := w.runs[fd]; ok {
		return has
	}
	has := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Run" {
				has = true
			}
		}
		return !has
	})
	if w.runs == nil {
		w.runs = map[*ast.FuncDecl]bool{}
	}
	w.runs[fd] = has
	return has
}

// funcDecl is the file's function (not method) of that name, or nil.
func (w *walker) funcDecl(name string) *ast.FuncDecl {
	if w.funcs == nil {
		w.funcs = map[string]*ast.FuncDecl{}
		for _, d := range w.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				w.funcs[fd.Name.Name] = fd
			}
		}
	}
	return w.funcs[name]
}

// paramNames lists a parameter list's names, one per parameter ("" for an
// unnamed one).
func paramNames(fl *ast.FieldList) []string {
	var out []string
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, "")
			continue
		}
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
}

// fieldTypeAt is the type of the i-th field of a parameter list or struct,
// each name of a multi-name field counted (as fieldIndex counts them).
func fieldTypeAt(fl *ast.FieldList, i int) ast.Expr {
	for _, f := range fl.List {
		n := max(1, len(f.Names))
		if i < n {
			return f.Type
		}
		i -= n
	}
	return nil
}

// isTestingT reports whether typ is *testing.T.
func isTestingT(typ ast.Expr) bool {
	star, ok := typ.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "T" {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "testing"
}
