package golang

import (
	"go/ast"
	"go/token"
	"strconv"
)

// node is one subtest, before it is flattened into an inventory path. The
// cases of one table share their children: they run the same function.
type node struct {
	name     string
	line     int
	skipped  bool
	children []node
}

// named is one statically known subtest name and the line that declares it
// (the t.Run call, or the table row that provides the name).
type named struct {
	name string
	line int
}

// walker finds the subtests of the tests of one file. It keeps the chain of
// ancestors of the node it visits, which is what name resolution needs to
// find the declarations in scope.
type walker struct {
	fset  *token.FileSet
	types map[string]*ast.StructType // file-level struct types, by name
	stack []ast.Node
	// decls indexes, per statement list, which statements declare a name.
	decls map[ast.Node]map[string][]int
	// root is the body of the top-level test being walked; mutated holds
	// the names assigned to (other than by :=) or address-taken anywhere in
	// it, computed on first use. A table or loop variable with such a name
	// is not trusted: its content may change before t.Run reads it.
	root    *ast.BlockStmt
	mutated map[string]bool
}

func newWalker(fset *token.FileSet, file *ast.File) *walker {
	w := &walker{fset: fset, types: map[string]*ast.StructType{}, decls: map[ast.Node]map[string][]int{}}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			if ts, ok := spec.(*ast.TypeSpec); ok && ts.TypeParams == nil {
				if st, ok := ts.Type.(*ast.StructType); ok {
					w.types[ts.Name.Name] = st
				}
			}
		}
	}
	return w
}

func (w *walker) line(pos token.Pos) int { return w.fset.Position(pos).Line }

// topLevel returns the subtests that a top-level test runs through param.
func (w *walker) topLevel(body *ast.BlockStmt, param string) []node {
	w.root, w.mutated, w.stack = body, nil, w.stack[:0]
	return w.subtests(body, param)
}

// inspect is ast.Inspect that keeps w.stack: while f looks at a node, the
// node is on top of the stack, its ancestors below.
func (w *walker) inspect(root ast.Node, f func(ast.Node) bool) {
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			w.stack = w.stack[:len(w.stack)-1]
			return true
		}
		w.stack = append(w.stack, n)
		if !f(n) {
			w.stack = w.stack[:len(w.stack)-1]
			return false
		}
		return true
	})
}

// subtests returns the subtests run as param.Run(name, fn) in body, including
// those inside closures that still see param, but not those of a closure
// that declares its own param (that is another T).
func (w *walker) subtests(body *ast.BlockStmt, param string) []node {
	if param == "" || param == "_" {
		return nil
	}
	var out []node
	w.inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return !declares(n.Type.Params, param) && !declares(n.Type.Results, param)
		case *ast.CallExpr:
			if len(n.Args) == 2 && isMethodCall(n, param, "Run") {
				out = append(out, w.run(n)...)
				return false
			}
		}
		return true
	})
	return out
}

// run turns one t.Run call (on top of the stack) into its subtests: none when
// the name is not statically known, one per table row for a literal table.
func (w *walker) run(call *ast.CallExpr) []node {
	names := w.names(call.Args[0], call.Pos())
	if len(names) == 0 {
		return nil
	}
	var skipped bool
	var children []node
	if lit, ok := ast.Unparen(call.Args[1]).(*ast.FuncLit); ok {
		if p := singleParam(lit.Type.Params); p != "" {
			skipped = skipsAtTop(lit.Body, p)
			w.stack = append(w.stack, lit)
			children = w.subtests(lit.Body, p)
			w.stack = w.stack[:len(w.stack)-1]
		}
	}
	out := make([]node, len(names))
	for i, nm := range names {
		out[i] = node{name: nm.name, line: nm.line, skipped: skipped, children: children}
	}
	return out
}

// names resolves the name argument of a t.Run call at pos: a string literal,
// a local string constant or variable, a loop variable ranging over a literal
// table, or a field of such a loop variable.
func (w *walker) names(arg ast.Expr, pos token.Pos) []named {
	top := len(w.stack) - 1
	switch a := ast.Unparen(arg).(type) {
	case *ast.BasicLit:
		if s, ok := stringLit(a); ok {
			return []named{{s, w.line(pos)}}
		}
	case *ast.Ident:
		b, ok := w.bind(a.Name, top, pos)
		switch {
		case !ok:
		case b.rng != nil:
			return w.rangeNames(b, "")
		case b.value != nil:
			if s, ok := stringLit(b.value); ok {
				return []named{{s, w.line(pos)}}
			}
		}
	case *ast.SelectorExpr:
		id, ok := a.X.(*ast.Ident)
		if !ok {
			return nil
		}
		if b, ok := w.bind(id.Name, top, pos); ok && b.rng != nil && !b.key {
			return w.rangeNames(b, a.Sel.Name)
		}
	}
	return nil
}

// stringLit returns the value of a non-empty string literal. An empty name
// is left out: the testing package renames it (#00), which is not in source.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || s == "" {
		return "", false
	}
	return s, true
}

// declares reports whether a field list (parameters, results) names name.
func declares(fl *ast.FieldList, name string) bool {
	if fl == nil {
		return false
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			if n.Name == name {
				return true
			}
		}
	}
	return false
}

// singleParam is the name of the only parameter of a function literal, or "".
func singleParam(fl *ast.FieldList) string {
	if fl == nil || len(fl.List) != 1 || len(fl.List[0].Names) != 1 {
		return ""
	}
	if name := fl.List[0].Names[0].Name; name != "_" {
		return name
	}
	return ""
}
