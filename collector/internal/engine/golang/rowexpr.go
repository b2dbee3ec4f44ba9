package golang

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// Names computed from a loop's row. A t.Run name is often built from the
// row rather than being one of its fields:
//
//	for i, tt := range tests { t.Run(fmt.Sprintf("%02d-%s", i, tt.src), …) }
//	t.Run(tt.name+"_"+tt.value, …)
//	t.Run(strconv.Itoa(tt.offset), …)
//
// Such a name is computed here for each row of the literal table, as Go
// would: string and number literals, the loop's key (a slice's index, a
// map's key) and value and the value's fields, joined with +, or formatted
// by fmt.Sprintf with a literal format or by strconv.Itoa, through Go's own
// fmt. Only values of Go's basic types are read (a field of a named type
// may format itself otherwise: a String method); a row whose name cannot
// be computed is left out.

// basicTypes are the predeclared types whose values format as their literal.
var basicTypes = map[string]bool{
	"string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true, "bool": true, "rune": true, "byte": true,
}

// rowEval evaluates a name expression for one row of the loop rng.
type rowEval struct {
	w        *walker
	rng      *ast.RangeStmt
	depth    int // of the range statement in w.stack
	key, val string
	keyValue any // the row's key: a slice index or a map key's value
	row      ast.Expr
	rowType  ast.Expr // the table's element (or map value) type
}

// computedNames returns one name per row of the loop whose variables arg
// reads, or nil when arg reads none or more than one loop, or something
// else that is not a constant.
func (w *walker) computedNames(arg ast.Expr, pos token.Pos) []named {
	top := len(w.stack) - 1
	var rng *binding
	if !w.readsRow(arg, top, pos, &rng) {
		return nil
	}
	if rng == nil {
		// Constants only: one name.
		if s, ok := (&rowEval{w: w}).str(arg); ok {
			return []named{{s, w.line(pos)}}
		}
		return nil
	}
	table := w.table(rng.rng.X, rng.depth-1, rng.rng.Pos())
	if table == nil {
		return nil
	}
	ev := &rowEval{w: w, rng: rng.rng, depth: rng.depth}
	if id, isID := rng.rng.Key.(*ast.Ident); isID {
		ev.key = id.Name
	}
	if id, isID := rng.rng.Value.(*ast.Ident); isID {
		ev.val = id.Name
	}
	var out []named
	switch t := table.Type.(type) {
	case *ast.ArrayType:
		ev.rowType = t.Elt
		index := 0
		for _, e := range table.Elts {
			row := e
			if kv, isKV := e.(*ast.KeyValueExpr); isKV {
				lit, isLit := kv.Key.(*ast.BasicLit)
				if !isLit || lit.Kind != token.INT {
					return nil
				}
				n, err := strconv.Atoi(lit.Value)
				if err != nil {
					return nil
				}
				index, row = n, kv.Value
			}
			ev.keyValue, ev.row = index, row
			if s, ok := ev.str(arg); ok {
				out = append(out, named{s, w.line(e.Pos())})
			}
			index++
		}
	case *ast.MapType:
		ev.rowType = t.Value
		keyType, isID := t.Key.(*ast.Ident)
		if !isID || !basicTypes[keyType.Name] {
			return nil
		}
		for _, e := range table.Elts {
			kv, isKV := e.(*ast.KeyValueExpr)
			if !isKV {
				continue
			}
			k, ok := literal(kv.Key)
			if !ok {
				continue
			}
			ev.keyValue, ev.row = k, kv.Value
			if s, ok := ev.str(arg); ok {
				out = append(out, named{s, w.line(kv.Pos())})
			}
		}
	}
	return out
}

// readsRow reports whether e is made only of what rowEval reads: literals,
// local constants, the variables of one range statement (recorded in *rng)
// and a field of its value, +, fmt.Sprintf and strconv.Itoa.
func (w *walker) readsRow(e ast.Expr, top int, pos token.Pos, rng **binding) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		b, found := w.bind(e.Name, top, pos)
		switch {
		case !found:
			return false
		case b.rng != nil:
			if *rng != nil && (*rng).rng != b.rng {
				return false // two loops: not read
			}
			*rng = &b
			return true
		}
		_, isLit := ast.Unparen(b.value).(*ast.BasicLit)
		return isLit
	case *ast.SelectorExpr:
		id, ok := e.X.(*ast.Ident)
		return ok && w.readsRow(id, top, pos, rng)
	case *ast.BinaryExpr:
		return e.Op == token.ADD && w.readsRow(e.X, top, pos, rng) && w.readsRow(e.Y, top, pos, rng)
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok || calledFunc(sel) == "" || len(e.Args) == 0 {
			return false
		}
		for _, a := range e.Args {
			if !w.readsRow(a, top, pos, rng) {
				return false
			}
		}
		return true
	}
	return false
}

// calledFunc names the functions a computed name may call: fmt.Sprintf and
// strconv.Itoa; "" for any other.
func calledFunc(sel *ast.SelectorExpr) string {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	switch name := pkg.Name + "." + sel.Sel.Name; name {
	case "fmt.Sprintf", "strconv.Itoa":
		return name
	}
	return ""
}

// str evaluates e for the current row as a string.
func (ev *rowEval) str(e ast.Expr) (string, bool) {
	v, ok := ev.eval(e)
	s, isStr := v.(string)
	return s, ok && isStr
}

// eval evaluates e for the current row.
func (ev *rowEval) eval(e ast.Expr) (any, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return literal(e)
	case *ast.Ident:
		switch e.Name {
		case ev.key:
			return ev.keyValue, ev.keyValue != nil
		case ev.val:
			if !ev.basic(ev.rowType) {
				return nil, false
			}
			return literal(ev.row)
		}
		// A local constant (computedNames checked it is a literal).
		b, ok := ev.w.bind(e.Name, len(ev.w.stack)-1, e.Pos())
		if !ok || b.rng != nil {
			return nil, false
		}
		return literal(b.value)
	case *ast.SelectorExpr:
		id, ok := e.X.(*ast.Ident)
		if !ok || id.Name != ev.val || ev.val == "" {
			return nil, false
		}
		field, typ, ok := ev.w.fieldExpr(ev.row, ev.rowType, e.Sel.Name, ev.depth, ev.rng.Pos())
		if !ok || typ == nil || !ev.basic(typ) {
			return nil, false
		}
		if field == nil {
			return zeroOf(typ), true // left out of a keyed row
		}
		return literal(field)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil, false
		}
		x, okX := ev.eval(e.X)
		y, okY := ev.eval(e.Y)
		if !okX || !okY {
			return nil, false
		}
		xs, xStr := x.(string)
		ys, yStr := y.(string)
		if xStr && yStr {
			return xs + ys, true
		}
		return nil, false
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok || e.Ellipsis.IsValid() {
			return nil, false
		}
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			if args[i], ok = ev.eval(a); !ok {
				return nil, false
			}
		}
		if len(args) == 0 {
			return nil, false
		}
		switch calledFunc(sel) {
		case "fmt.Sprintf":
			format, ok := args[0].(string)
			if !ok || strings.Contains(format, "%T") || strings.Contains(format, "%p") {
				return nil, false
			}
			return fmt.Sprintf(format, args[1:]...), true
		case "strconv.Itoa":
			if n, ok := args[0].(int); ok && len(args) == 1 {
				return strconv.Itoa(n), true
			}
		}
	}
	return nil, false
}

// literal is the value of a basic literal: a string, an int, a float64 or
// a rune.
func literal(e ast.Expr) (any, bool) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok {
		return nil, false
	}
	switch lit.Kind {
	case token.STRING:
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	case token.INT:
		n, err := strconv.ParseInt(strings.ReplaceAll(lit.Value, "_", ""), 0, 64)
		return int(n), err == nil
	case token.FLOAT:
		f, err := strconv.ParseFloat(strings.ReplaceAll(lit.Value, "_", ""), 64)
		return f, err == nil
	case token.CHAR:
		r, _, _, err := strconv.UnquoteChar(lit.Value[1:len(lit.Value)-1], '\'')
		return r, err == nil
	}
	return nil, false
}

// basic reports whether typ is one of Go's basic types.
func (ev *rowEval) basic(typ ast.Expr) bool {
	id, ok := ast.Unparen(typ).(*ast.Ident)
	return ok && basicTypes[id.Name] && !ev.w.declaredLocally(id.Name, ev.depth, ev.rng.Pos()) && ev.w.types[id.Name] == nil
}

// zeroOf is the zero value of a basic type.
func zeroOf(typ ast.Expr) any {
	switch ast.Unparen(typ).(*ast.Ident).Name {
	case "string":
		return ""
	case "float32", "float64":
		return 0.0
	case "bool":
		return false
	case "rune":
		return rune(0)
	}
	return 0
}
