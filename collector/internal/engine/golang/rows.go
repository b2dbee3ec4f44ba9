package golang

import (
	"go/ast"
	"go/token"
)

// rangeNames expands the loop variable b (bound by a range statement) into
// the subtest names it takes: the string keys of a literal map, the string
// elements of a literal slice, or, when field is set, the literal string in
// that field of each row. Rows whose name is not a literal are left out; a
// table that is not a literal gives nothing.
func (w *walker) rangeNames(b binding, field string) []named {
	table := w.table(b.rng.X, b.depth-1, b.rng.Pos())
	if table == nil {
		return nil
	}
	var out []named
	add := func(s string, ok bool, pos token.Pos) {
		if ok {
			out = append(out, named{s, w.line(pos)})
		}
	}
	switch t := table.Type.(type) {
	case *ast.ArrayType:
		if b.key {
			return nil // an index, not a name
		}
		for _, e := range table.Elts {
			row := e
			if kv, ok := e.(*ast.KeyValueExpr); ok { // [...]T{3: {...}}
				row = kv.Value
			}
			if field == "" {
				s, ok := stringLit(row)
				add(s, ok, e.Pos())
			} else {
				s, ok := w.fieldOf(row, t.Elt, field, b.depth, b.rng.Pos())
				add(s, ok, e.Pos())
			}
		}
	case *ast.MapType:
		for _, e := range table.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch {
			case b.key && field == "":
				s, ok := stringLit(kv.Key)
				add(s, ok, kv.Pos())
			case b.key:
			case field == "":
				s, ok := stringLit(kv.Value)
				add(s, ok, kv.Pos())
			default:
				s, ok := w.fieldOf(kv.Value, t.Value, field, b.depth, b.rng.Pos())
				add(s, ok, kv.Pos())
			}
		}
	}
	return out
}

// table returns the composite literal a range statement iterates over: the
// literal itself, or the literal a local variable was declared with.
func (w *walker) table(x ast.Expr, depth int, pos token.Pos) *ast.CompositeLit {
	switch x := ast.Unparen(x).(type) {
	case *ast.CompositeLit:
		return x
	case *ast.Ident:
		if b, ok := w.bind(x.Name, depth, pos); ok {
			if b.rng != nil {
				return nil
			}
			lit, _ := ast.Unparen(b.value).(*ast.CompositeLit)
			return lit
		}
		if !w.declaredLocally(x.Name, depth, pos) {
			return w.fileTable(x.Name)
		}
	}
	return nil
}

// fieldOf returns the literal string in field of one table row: "" when
// the row leaves the field out (its zero value).
func (w *walker) fieldOf(row, elt ast.Expr, field string, depth int, pos token.Pos) (string, bool) {
	value, _, ok := w.fieldExpr(row, elt, field, depth, pos)
	if !ok {
		return "", false
	}
	if value == nil {
		return "", true
	}
	return stringLit(value)
}

// fieldExpr returns the expression field has in one table row, a struct
// literal (or &literal) that is either keyed or positional (elt is the
// table's element type, used when the row's own type is elided), and the
// field's declared type when the row's struct type can be read. value is
// nil when the row leaves the field out — its zero value, known only when
// the struct type declares the field itself (a promoted field of an
// embedded struct is another's value); ok is false when it cannot be read.
func (w *walker) fieldExpr(row, elt ast.Expr, field string, depth int, pos token.Pos) (value, typ ast.Expr, ok bool) {
	row = ast.Unparen(row)
	if u, isAddr := row.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
		row = ast.Unparen(u.X)
	}
	lit, isLit := row.(*ast.CompositeLit)
	if !isLit {
		return nil, nil, false
	}
	rowType := lit.Type
	if rowType == nil {
		rowType = elt
	}
	i := -1
	if st := w.structType(rowType, depth, pos); st != nil {
		if i = fieldIndex(st, field); i >= 0 {
			typ = fieldTypeAt(st.Fields, i)
		}
	}
	if len(lit.Elts) > 0 {
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); !keyed {
			if i < 0 || i >= len(lit.Elts) {
				return nil, nil, false
			}
			return lit.Elts[i], typ, true
		}
		for _, e := range lit.Elts {
			if kv, isKV := e.(*ast.KeyValueExpr); isKV {
				if id, isID := kv.Key.(*ast.Ident); isID && id.Name == field {
					return kv.Value, typ, true
				}
			}
		}
	}
	return nil, typ, i >= 0
}

// structType resolves a row type to its struct: written inline, or named by
// a type declared in the test function or at the top of the file.
func (w *walker) structType(typ ast.Expr, depth int, pos token.Pos) *ast.StructType {
	typ = ast.Unparen(typ)
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = ast.Unparen(star.X)
	}
	switch t := typ.(type) {
	case *ast.StructType:
		return t
	case *ast.Ident:
		if w.declaredLocally(t.Name, depth, pos) {
			// A local declaration shadows the file's; only a local struct
			// type declaration resolves.
			b, _ := w.lookup(t.Name, depth, pos)
			st, _ := b.value.(*ast.StructType)
			return st
		}
		return w.types[t.Name]
	}
	return nil
}

// declaredLocally reports whether some local declaration of name, evaluable
// or not, is visible at pos (the walked function's own parameters too).
func (w *walker) declaredLocally(name string, depth int, pos token.Pos) bool {
	for _, fl := range w.outer {
		if declares(fl, name) {
			return true
		}
	}
	for i := depth; i >= 0; i-- {
		switch n := w.stack[i].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if w.lastDecl(n, name, pos) != nil {
				return true
			}
		case *ast.FuncLit:
			if declares(n.Type.Params, name) || declares(n.Type.Results, name) {
				return true
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok && n.Tok == token.DEFINE && id.Name == name {
					return true
				}
			}
		case *ast.IfStmt, *ast.ForStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			if init := initOf(n); init != nil && declaresName(init, name) {
				return true
			}
			if ts, ok := n.(*ast.TypeSwitchStmt); ok && declaresName(ts.Assign, name) {
				return true
			}
		}
	}
	return false
}

// fieldIndex is the position of a named field in a struct, counting every
// name of a multi-name field and embedded fields as one; -1 if absent.
func fieldIndex(st *ast.StructType, field string) int {
	i := 0
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if n.Name == field {
				return i
			}
			i++
		}
	}
	return -1
}
