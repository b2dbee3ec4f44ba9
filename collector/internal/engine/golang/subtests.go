package golang

import (
	"fmt"
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
	// mutations holds, per variable, where it is written (mutatedBefore),
	// computed on first use: a table or loop variable written before t.Run
	// reads it is not trusted.
	mutations map[mutationKey][]mutation
	// vars are the file's package-level `var name = T{…}` tables, and
	// fileWrites the names written anywhere in the file (such a table is
	// not trusted), computed on first use.
	vars  map[string]*ast.CompositeLit
	outer []*ast.FieldList // the walked function's receiver, parameters and results
	// A helper being walked (helpers.go): its body, what its parameters
	// stand for, and the file's functions by name.
	helperDepth int
	helperWalks int
	helperBody  *ast.BlockStmt
	subst       map[string]ast.Expr
	funcs       map[string]*ast.FuncDecl
	runs        map[*ast.FuncDecl]bool // whether a function calls a Run method
	file        *ast.File
	fileWrites  []mutation
	fileRead    bool
}

func newWalker(fset *token.FileSet, file *ast.File) *walker {
	w := &walker{fset: fset, types: map[string]*ast.StructType{}, decls: map[ast.Node]map[string][]int{}, file: file}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				if st, ok := spec.Type.(*ast.StructType); ok && gd.Tok == token.TYPE && spec.TypeParams == nil {
					w.types[spec.Name.Name] = st
				}
			case *ast.ValueSpec:
				if gd.Tok != token.VAR || len(spec.Names) != 1 || len(spec.Values) != 1 {
					continue
				}
				if lit, ok := ast.Unparen(spec.Values[0]).(*ast.CompositeLit); ok {
					if w.vars == nil {
						w.vars = map[string]*ast.CompositeLit{}
					}
					w.vars[spec.Names[0].Name] = lit
				}
			}
		}
	}
	return w
}

// fileTable returns the package-level table `var name = T{…}` of the file,
// unless the file writes name anywhere (in any function: the table's rows
// may differ when a test reads them). Other files of the package are not
// seen.
func (w *walker) fileTable(name string) *ast.CompositeLit {
	lit := w.vars[name]
	if lit == nil {
		return nil
	}
	if !w.fileRead {
		w.fileRead = true
		for _, d := range w.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				w.fileWrites = append(w.fileWrites, mutationsOf(d, "")...)
				continue
			}
			for _, m := range mutationsOf(fd, "") {
				// A parameter of that name is another variable.
				if !declares(fd.Recv, m.name) && !declares(fd.Type.Params, m.name) && !declares(fd.Type.Results, m.name) {
					w.fileWrites = append(w.fileWrites, m)
				}
			}
		}
	}
	for _, m := range w.fileWrites {
		if m.name == name {
			return nil
		}
	}
	return lit
}

func (w *walker) line(pos token.Pos) int { return w.fset.Position(pos).Line }

// topLevel returns the subtests that a top-level test runs through param;
// outer are its function's receiver, parameters and results, which hide the
// file's tables of the same names.
func (w *walker) topLevel(body *ast.BlockStmt, param string, outer ...*ast.FieldList) []node {
	w.mutations, w.stack, w.outer = nil, w.stack[:0], outer
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
			out = append(out, w.helperSubtests(n, param)...)
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
	if w.fixedName(call.Args[0], call.Pos()) {
		// The same name each time round a loop over a literal table: the
		// testing package runs it once per row (#00, #01 … for ""; a, a#01
		// … otherwise, which the inventory writes as a each time).
		for range w.rowsAround(call) - 1 {
			names = append(names, names[0])
		}
	}
	out := make([]node, len(names))
	for i, nm := range names {
		out[i] = node{name: nm.name, line: nm.line, skipped: skipped, children: children}
	}
	return out
}

// fixedName reports whether a t.Run name does not depend on a loop's row: a
// string literal or a constant, not a loop variable or its field.
func (w *walker) fixedName(arg ast.Expr, pos token.Pos) bool {
	switch a := ast.Unparen(arg).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		b, ok := w.bind(a.Name, len(w.stack)-1, pos)
		_, lit := ast.Unparen(b.value).(*ast.BasicLit)
		return ok && b.rng == nil && lit
	}
	return false
}

// rowsAround is how many times the t.Run call on top of the stack runs: the
// rows of the literal table a range loop goes over when the call is a
// statement of the loop's body, else 1.
func (w *walker) rowsAround(call *ast.CallExpr) int {
	top := len(w.stack) - 1
	if top < 3 {
		return 1
	}
	stmt, ok := w.stack[top-1].(*ast.ExprStmt)
	if !ok || stmt.X != call {
		return 1
	}
	rng, ok := w.stack[top-3].(*ast.RangeStmt)
	if !ok || rng.Body != w.stack[top-2] {
		return 1
	}
	if table := w.table(rng.X, top-4, rng.Pos()); table != nil {
		return max(1, len(table.Elts))
	}
	return 1
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
			switch ast.Unparen(b.value).(type) {
			case *ast.BinaryExpr, *ast.CallExpr:
				// name := fmt.Sprintf(…) in the loop's body.
				return w.computedNames(b.value, b.pos)
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
	case *ast.BinaryExpr, *ast.CallExpr:
		return w.computedNames(arg, pos)
	}
	return nil
}

// stringLit returns the value of a string literal. An empty name is given
// the one the testing package gives it (emptyNames).
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return "", false
	}
	return s, true
}

// emptyNames names the subtests run with an empty name as the testing
// package does: #00, #01, … in the order they run among their siblings.
func emptyNames(ns []node) {
	k := 0
	for i := range ns {
		if ns[i].name == "" {
			ns[i].name = fmt.Sprintf("#%02d", k)
			k++
		}
	}
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
