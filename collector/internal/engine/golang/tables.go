package golang

import (
	"go/ast"
	"go/token"
	"sort"
)

// binding is what a local name refers to at some point of a function.
type binding struct {
	// depth is the index in walker.stack of the node that declares the name.
	depth int
	// pos is where the declaration starts (a name used in its own
	// declaration's value refers to an outer one).
	pos token.Pos
	// rng and key are set for a loop variable: the key or the value of rng.
	rng *ast.RangeStmt
	key bool
	// value is the expression a variable or constant was declared with, or
	// the type of a local type declaration; nil when unknown.
	value ast.Expr
}

// maxAliases bounds the chains like `tc := tc` followed by bind.
const maxAliases = 8

// bind resolves a local name seen at pos, below stack[depth], following
// aliases (`tc := tc`). ok=false means it cannot be resolved statically: not
// declared in the test function, a parameter, or possibly reassigned.
func (w *walker) bind(name string, depth int, pos token.Pos) (binding, bool) {
	for range maxAliases {
		b, ok := w.lookup(name, depth, pos)
		if !ok || w.mutatedBefore(name, b, pos) {
			return binding{}, false
		}
		id, alias := b.value.(*ast.Ident)
		if !alias {
			return b, true
		}
		name, depth, pos = id.Name, b.depth, b.pos
	}
	return binding{}, false
}

// lookup finds the innermost declaration of name visible at pos from the
// ancestors stack[:depth+1]. ok=false when none is found or the name is bound
// by something that cannot be evaluated (a parameter, a type switch).
func (w *walker) lookup(name string, depth int, pos token.Pos) (binding, bool) {
	for i := depth; i >= 0; i-- {
		switch n := w.stack[i].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if stmt := w.lastDecl(n, name, pos); stmt != nil {
				return declBinding(stmt, name, i)
			}
		case *ast.RangeStmt:
			if n.Tok != token.DEFINE || pos < n.Body.Lbrace {
				continue
			}
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == name {
				return binding{depth: i, pos: n.Pos(), rng: n, key: true}, true
			}
			if id, ok := n.Value.(*ast.Ident); ok && id.Name == name {
				return binding{depth: i, pos: n.Pos(), rng: n}, true
			}
		case *ast.IfStmt, *ast.ForStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			if init := initOf(n); init != nil && declaresName(init, name) && pos > init.End() {
				return declBinding(init, name, i)
			}
			if ts, ok := n.(*ast.TypeSwitchStmt); ok && declaresName(ts.Assign, name) {
				return binding{}, false
			}
		case *ast.FuncLit:
			if declares(n.Type.Params, name) || declares(n.Type.Results, name) {
				return binding{}, false
			}
		}
	}
	return w.substituted(name) // a helper's parameter (helpers.go)
}

func initOf(n ast.Node) ast.Stmt {
	switch n := n.(type) {
	case *ast.IfStmt:
		return n.Init
	case *ast.ForStmt:
		return n.Init
	case *ast.SwitchStmt:
		return n.Init
	case *ast.TypeSwitchStmt:
		return n.Init
	}
	return nil
}

// declBinding reads the value name is declared with in stmt.
func declBinding(stmt ast.Stmt, name string, depth int) (binding, bool) {
	b := binding{depth: depth, pos: stmt.Pos()}
	switch s := unlabel(stmt).(type) {
	case *ast.AssignStmt:
		if i := identIndex(s.Lhs, name); i >= 0 && len(s.Lhs) == len(s.Rhs) {
			b.value = s.Rhs[i]
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			break
		}
		for _, spec := range gd.Specs {
			switch sp := spec.(type) {
			case *ast.ValueSpec:
				if i := identIndex(identsAsExprs(sp.Names), name); i >= 0 && len(sp.Values) == len(sp.Names) {
					b.value = sp.Values[i]
				}
			case *ast.TypeSpec:
				if sp.Name.Name == name && sp.TypeParams == nil {
					b.value = sp.Type
				}
			}
		}
	}
	return b, b.value != nil
}

func unlabel(s ast.Stmt) ast.Stmt {
	for {
		l, ok := s.(*ast.LabeledStmt)
		if !ok {
			return s
		}
		s = l.Stmt
	}
}

func identIndex(exprs []ast.Expr, name string) int {
	for i, e := range exprs {
		if id, ok := e.(*ast.Ident); ok && id.Name == name {
			return i
		}
	}
	return -1
}

func identsAsExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// declaresName reports whether stmt declares name in its own scope.
func declaresName(stmt ast.Stmt, name string) bool {
	switch s := unlabel(stmt).(type) {
	case *ast.AssignStmt:
		return s.Tok == token.DEFINE && identIndex(s.Lhs, name) >= 0
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			break
		}
		for _, spec := range gd.Specs {
			switch sp := spec.(type) {
			case *ast.ValueSpec:
				if identIndex(identsAsExprs(sp.Names), name) >= 0 {
					return true
				}
			case *ast.TypeSpec:
				if sp.Name.Name == name {
					return true
				}
			}
		}
	}
	return false
}

// lastDecl returns the last statement of a statement list that declares name
// and ends before pos, or nil. The per-list index keeps this logarithmic:
// a long test body is searched for every t.Run in it.
func (w *walker) lastDecl(n ast.Node, name string, pos token.Pos) ast.Stmt {
	var list []ast.Stmt
	switch n := n.(type) {
	case *ast.BlockStmt:
		list = n.List
	case *ast.CaseClause:
		list = n.Body
	case *ast.CommClause:
		list = n.Body
	}
	idx, ok := w.decls[n]
	if !ok {
		idx = map[string][]int{}
		for i, stmt := range list {
			for _, id := range declaredIdents(stmt) {
				idx[id] = append(idx[id], i)
			}
		}
		w.decls[n] = idx
	}
	is := idx[name]
	k := sort.Search(len(is), func(k int) bool { return list[is[k]].End() > pos })
	if k == 0 {
		return nil
	}
	return list[is[k-1]]
}

func declaredIdents(stmt ast.Stmt) []string {
	var out []string
	switch s := unlabel(stmt).(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, e := range s.Lhs {
				if id, ok := e.(*ast.Ident); ok {
					out = append(out, id.Name)
				}
			}
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok {
			break
		}
		for _, spec := range gd.Specs {
			switch sp := spec.(type) {
			case *ast.ValueSpec:
				for _, id := range sp.Names {
					out = append(out, id.Name)
				}
			case *ast.TypeSpec:
				out = append(out, sp.Name.Name)
			}
		}
	}
	return out
}

// mutation is where a variable is written (assigned with = or op=, ++/--,
// its address taken, ranged into with =) and the loops inside its scope
// around that place.
type mutation struct {
	name  string // the variable (the root of what is written)
	pos   token.Pos
	loops [][2]token.Pos
}

// mutatedBefore reports whether the variable b binds (name, declared in
// w.stack[b.depth]) may have been written when pos reads it: a write after
// the declaration and before pos, or one in a loop inside its scope that
// also holds pos (a later iteration reads what an earlier one wrote). A loop
// variable is a fresh copy of its row each iteration: what a subtest's
// closure writes into it after t.Run read the name changes no name. Other
// variables of the same name in nested scopes count too (a false alarm only
// costs a table that is then not expanded).
func (w *walker) mutatedBefore(name string, b binding, pos token.Pos) bool {
	if b.depth < 0 {
		return false // a helper's parameter: substituted checked its writes
	}
	scope := w.stack[b.depth]
	key := mutationKey{scope, name}
	ms, ok := w.mutations[key]
	if !ok {
		ms = mutationsOf(scope, name)
		if w.mutations == nil {
			w.mutations = map[mutationKey][]mutation{}
		}
		w.mutations[key] = ms
	}
	for _, m := range ms {
		if m.pos < b.pos {
			continue // another variable: this one is not declared yet
		}
		if m.pos < pos {
			return true
		}
		for _, l := range m.loops {
			if l[0] <= pos && pos < l[1] {
				return true
			}
		}
	}
	return false
}

// mutationKey names one variable's writes: its name in the node declaring it.
type mutationKey struct {
	scope ast.Node
	name  string
}

// mutationsOf lists the writes of name (of every name when "") inside
// scope, with the loops inside scope around each.
func mutationsOf(scope ast.Node, name string) []mutation {
	var out []mutation
	var loops [][2]token.Pos
	var stack []ast.Node
	record := func(e ast.Expr, at token.Pos) {
		if e == nil {
			return
		}
		if root := rootIdent(e); root != "" && (name == "" || root == name) {
			out = append(out, mutation{name: root, pos: at, loops: append([][2]token.Pos(nil), loops...)})
		}
	}
	ast.Inspect(scope, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch top.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if top != scope {
					loops = loops[:len(loops)-1]
				}
			}
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n != scope {
				loops = append(loops, [2]token.Pos{n.Pos(), n.End()})
			}
			if r, ok := n.(*ast.RangeStmt); ok && r.Tok == token.ASSIGN {
				record(r.Key, r.Pos())
				record(r.Value, r.Pos())
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, e := range n.Lhs {
					record(e, n.Pos())
				}
			}
		case *ast.IncDecStmt:
			record(n.X, n.Pos())
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				record(n.X, n.Pos())
			}
		}
		return true
	})
	return out
}

// rootIdent is the variable an assignable expression writes into
// (tests[0].name → tests), or "".
func rootIdent(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return ""
		}
	}
}
