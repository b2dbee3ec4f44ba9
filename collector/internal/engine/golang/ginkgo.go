package golang

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Ginkgo (github.com/onsi/ginkgo, v1 and v2).
//
// Containers (Describe, Context, When — named "when " + its text, as ginkgo
// does) are suites; subjects (It, Specify,
// v1 Measure) are tests; a DescribeTable is a suite whose Entry rows are its
// cases (ginkgo runs each Entry as a spec, the table itself is not one). The
// F prefix (FIt, FDescribe, FEntry) or the Focus decorator makes a node
// focused; the P prefix or the Pending decorator makes it pending, reported
// as todo; the X prefix — an alias of P in ginkgo — is reported as skipped,
// as written. A subject without a body (It("x")) is pending too, and one
// whose body starts with Skip(...) is skipped. A status on a container
// applies to everything inside it, skipped and todo winning over focused.
//
// Nodes are found wherever they are called — `var _ = Describe(...)` at
// package level, init functions, helper functions — under the containers
// that enclose them in source. A name that is not a string constant is
// reported as written in source (an It inside a loop is still one declared
// test); an Entry described by nil is named as ginkgo names it when its
// parameters are literals ("Entry: " and the parameters, or the table's
// EntryDescription format), otherwise [i], its 0-based index in its table.

// ginkgoNode is the role of one ginkgo function.
type ginkgoNode int

const (
	gkNone ginkgoNode = iota
	gkContainer
	gkTable
	gkSubject
	gkEntry
)

var ginkgoNodes = map[string]ginkgoNode{
	"Describe": gkContainer, "Context": gkContainer, "When": gkContainer,
	"DescribeTable": gkTable,
	"It":            gkSubject, "Specify": gkSubject, "Measure": gkSubject,
	"Entry": gkEntry,
}

// ginkgoCall classifies a call: its role and the status its name gives it.
func ginkgoCall(g pkgNames, call *ast.CallExpr) (ginkgoNode, inventory.TestStatus) {
	name, ok := g.refers(call.Fun)
	if !ok || name == "" {
		return gkNone, ""
	}
	if kind := ginkgoNodes[name]; kind != gkNone {
		return kind, inventory.TestActive
	}
	var st inventory.TestStatus
	switch name[0] {
	case 'F':
		st = inventory.TestFocused
	case 'P':
		st = inventory.TestTodo
	case 'X':
		st = inventory.TestSkipped
	default:
		return gkNone, ""
	}
	if kind := ginkgoNodes[name[1:]]; kind != gkNone {
		return kind, st
	}
	return gkNone, ""
}

// decorated applies the Pending and Focus decorators among args.
func decorated(g pkgNames, args []ast.Expr, st inventory.TestStatus) inventory.TestStatus {
	for _, a := range args {
		name, ok := g.refers(a)
		switch {
		case !ok:
		case name == "Pending":
			return inventory.TestTodo
		case name == "Focus" && st == inventory.TestActive:
			st = inventory.TestFocused
		}
	}
	return st
}

// inherit combines the status of the enclosing containers with a node's
// own: skipped or todo from outside wins, then the node's own, then focus.
func inherit(outer, own inventory.TestStatus) inventory.TestStatus {
	if outer == inventory.TestSkipped || outer == inventory.TestTodo {
		return outer
	}
	if own != inventory.TestActive {
		return own
	}
	return outer
}

// ginkgoScan finds the specs of one file.
type ginkgoScan struct {
	fset *token.FileSet
	src  []byte
	g    pkgNames
	fl   *flattener
	// seen is set when any ginkgo node was found.
	seen bool
}

func (s *ginkgoScan) line(pos token.Pos) int { return s.fset.Position(pos).Line }

// file scans every top-level declaration except the go-testing functions
// (they are handled as such; their bodies only bootstrap RunSpecs).
func (s *ginkgoScan) file(file *ast.File, isTest func(*ast.FuncDecl) bool) {
	s.findAliases(file)
	for _, decl := range file.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && isTest(fn) {
			continue
		}
		s.walk(decl, []string{}, inventory.TestActive)
	}
}

// findAliases records the variables of the file that hold a ginkgo node
// function (var So = It, itSlow := PIt), wherever they are declared: a call
// through one is that node.
func (s *ginkgoScan) findAliases(file *ast.File) {
	record := func(lhs *ast.Ident, rhs ast.Expr) {
		if lhs == nil || lhs.Name == "_" {
			return
		}
		if name, ok := s.g.refers(rhs); ok {
			if kind, _ := ginkgoCall(s.g, &ast.CallExpr{Fun: rhs}); kind != gkNone {
				if s.g.alias == nil {
					s.g.alias = map[string]string{}
				}
				s.g.alias[lhs.Name] = name
			}
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch d := n.(type) {
		case *ast.ValueSpec:
			for i, name := range d.Names {
				if i < len(d.Values) && len(d.Names) == len(d.Values) {
					record(name, d.Values[i])
				}
			}
		case *ast.AssignStmt:
			if len(d.Lhs) == len(d.Rhs) {
				for i, l := range d.Lhs {
					id, _ := l.(*ast.Ident)
					record(id, d.Rhs[i])
				}
			}
		}
		return true
	})
}

// walk finds ginkgo nodes below n, which lies inside the containers path.
func (s *ginkgoScan) walk(n ast.Node, path []string, outer inventory.TestStatus) {
	ast.Inspect(n, func(n ast.Node) bool {
		if s.fl.budget < 0 {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		kind, own := ginkgoCall(s.g, call)
		switch kind {
		case gkContainer, gkTable:
			s.seen = true
			if len(call.Args) == 0 {
				return true
			}
			st := inherit(outer, decorated(s.g, call.Args[1:], own))
			p := s.childPath(path, call.Args[0])
			if name, _ := s.g.refers(call.Fun); strings.TrimLeft(name, "FPX") == "When" {
				p[len(p)-1] = "when " + p[len(p)-1] // as ginkgo names it (v1 and v2)
			}
			s.fl.suite(p, s.line(call.Pos()))
			if kind == gkContainer {
				for _, a := range call.Args[1:] {
					s.walk(a, p, st)
				}
			} else {
				s.entries(call, p, st)
			}
			return false
		case gkSubject:
			s.seen = true
			if len(call.Args) == 0 {
				return true
			}
			st := decorated(s.g, call.Args[1:], own)
			body := lastFuncLit(call.Args[1:])
			switch {
			case len(call.Args) == 1 && st != inventory.TestSkipped:
				st = inventory.TestTodo // no body: pending
			case body != nil && (st == inventory.TestActive || st == inventory.TestFocused) && s.skipsAtTop(body):
				st = inventory.TestSkipped
			}
			s.fl.add(inventory.Test{SuitePath: path, Name: s.name(call.Args[0]), Line: s.line(call.Pos()), Status: inherit(outer, st), Kind: inventory.KindTest})
			return false
		}
		return true
	})
}

// entries adds the Entry rows of a table (direct arguments, or inside a
// literal slice of entries passed to it) as cases under path.
func (s *ginkgoScan) entries(table *ast.CallExpr, path []string, outer inventory.TestStatus) {
	i := 0
	describe := s.tableDescription(table)
	for _, a := range table.Args[1:] {
		if _, ok := a.(*ast.FuncLit); ok {
			continue // the spec body
		}
		ast.Inspect(a, func(n ast.Node) bool {
			if s.fl.budget < 0 {
				return false
			}
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			kind, own := ginkgoCall(s.g, call)
			if kind != gkEntry {
				return true
			}
			name := "[" + strconv.Itoa(i) + "]"
			if len(call.Args) > 0 {
				if v, ok := stringConst(call.Args[0]); ok && v != "" {
					name = v
				} else if v, ok := s.entryName(call, describe); ok && v != "" {
					name = v
				}
			}
			var rest []ast.Expr
			if len(call.Args) > 0 {
				rest = call.Args[1:]
			}
			st := inherit(outer, decorated(s.g, rest, own))
			s.fl.add(inventory.Test{SuitePath: path, Name: name, Line: s.line(call.Pos()), Status: st, Kind: inventory.KindCase})
			i++
			return false
		})
	}
}

// entryNaming is how a table names an Entry whose description is nil.
type entryNaming struct {
	format  string // an EntryDescription("…") of the table: fmt.Sprintf(format, parameters…)
	unknown bool   // a description function: decided at run time
}

// tableDescription reads the table-level naming of nil-described Entries:
// ginkgo's default ("Entry: " and the parameters printed with fmt.Sprint,
// joined by ", "), an EntryDescription format, or a function (the second
// function argument; the first is the spec body).
func (s *ginkgoScan) tableDescription(table *ast.CallExpr) entryNaming {
	var n entryNaming
	funcs := 0
	for _, a := range table.Args[1:] {
		switch x := ast.Unparen(a).(type) {
		case *ast.FuncLit:
			funcs++
		case *ast.Ident:
			if x.Name != "nil" && x.Name != "true" && x.Name != "false" && !s.isDecorator(x) {
				funcs++ // a named function, the body or the description
			}
		case *ast.SelectorExpr:
			if !s.isDecorator(x) {
				funcs++
			}
		case *ast.CallExpr:
			if name, ok := s.g.refers(x.Fun); ok && name == "EntryDescription" && len(x.Args) == 1 {
				if f, ok := stringConst(x.Args[0]); ok {
					n.format = f
				} else {
					n.unknown = true
				}
			}
		}
	}
	if funcs > 1 {
		n.unknown = true
	}
	return n
}

// entryName is the name ginkgo gives an Entry described by nil or by an
// EntryDescription, when its parameters are literals; ok is false otherwise.
func (s *ginkgoScan) entryName(entry *ast.CallExpr, table entryNaming) (string, bool) {
	format, byDefault := table.format, table.format == ""
	switch d := ast.Unparen(entry.Args[0]).(type) {
	case *ast.Ident:
		if d.Name != "nil" || table.unknown {
			return "", false
		}
	case *ast.CallExpr:
		name, ok := s.g.refers(d.Fun)
		if !ok || name != "EntryDescription" || len(d.Args) != 1 {
			return "", false
		}
		f, ok := stringConst(d.Args[0])
		if !ok {
			return "", false
		}
		format, byDefault = f, false
	default:
		return "", false
	}
	var params []any
	for _, a := range entry.Args[1:] {
		if c, ok := ast.Unparen(a).(*ast.CallExpr); ok && s.isDecorator(c.Fun) || s.isDecorator(a) {
			continue // Focus, Label(…), Offset(…): decorators are not parameters
		}
		v, ok := goLiteral(a, 0)
		if !ok {
			return "", false
		}
		params = append(params, v)
	}
	if byDefault {
		out := make([]string, len(params))
		for i, p := range params {
			out[i] = fmt.Sprint(p)
		}
		return truncateName("Entry: " + strings.Join(out, ", ")), true
	}
	return truncateName(fmt.Sprintf(format, params...)), true
}

// decorators are ginkgo's node decorators, values and constructors.
var decorators = map[string]bool{
	"Focus": true, "Pending": true, "Serial": true, "Ordered": true, "ContinueOnFailure": true, "OncePerOrdered": true,
	"SuppressProgressReporting": true, "Label": true, "Offset": true, "FlakeAttempts": true, "MustPassRepeatedly": true,
	"NodeTimeout": true, "SpecTimeout": true, "GracePeriod": true, "PollProgressAfter": true, "PollProgressInterval": true,
	"SpecPriority": true, "AroundNode": true, "SemVerConstraint": true,
}

// isDecorator reports whether e names one of ginkgo's decorators.
func (s *ginkgoScan) isDecorator(e ast.Expr) bool {
	name, ok := s.g.refers(e)
	return ok && decorators[name]
}

// goLiteral evaluates a literal parameter the way the program would hold it
// in an interface: an untyped integer is an int, a float a float64, and a
// slice literal of such values a slice.
func goLiteral(e ast.Expr, depth int) (any, bool) {
	if depth > 4 {
		return nil, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING:
			v, err := strconv.Unquote(x.Value)
			return v, err == nil
		case token.INT:
			v, err := strconv.ParseInt(strings.ReplaceAll(x.Value, "_", ""), 0, 64)
			return int(v), err == nil
		case token.FLOAT:
			v, err := strconv.ParseFloat(strings.ReplaceAll(x.Value, "_", ""), 64)
			return v, err == nil
		}
	case *ast.Ident:
		switch x.Name {
		case "true":
			return true, true
		case "false":
			return false, true
		case "nil":
			return nil, true
		}
	case *ast.UnaryExpr:
		if x.Op == token.SUB {
			switch v, ok := goLiteral(x.X, depth+1); n := v.(type) {
			case int:
				return -n, ok
			case float64:
				return -n, ok
			}
		}
	case *ast.CompositeLit:
		at, ok := x.Type.(*ast.ArrayType)
		if !ok || at.Len != nil {
			return nil, false
		}
		elem, _ := at.Elt.(*ast.Ident)
		if elem == nil {
			return nil, false
		}
		switch elem.Name {
		case "string":
			out := []string{}
			for _, el := range x.Elts {
				v, ok := goLiteral(el, depth+1)
				str, isStr := v.(string)
				if !ok || !isStr {
					return nil, false
				}
				out = append(out, str)
			}
			return out, true
		case "int":
			out := []int{}
			for _, el := range x.Elts {
				v, ok := goLiteral(el, depth+1)
				n, isInt := v.(int)
				if !ok || !isInt {
					return nil, false
				}
				out = append(out, n)
			}
			return out, true
		}
	}
	return nil, false
}

// truncateName bounds a generated name like the names read from source.
func truncateName(s string) string {
	if len(s) > maxNameLen {
		return s[:maxNameLen] + "…"
	}
	return s
}

// childPath returns path extended by a container's name, in a new slice.
func (s *ginkgoScan) childPath(path []string, arg ast.Expr) []string {
	p := make([]string, len(path)+1)
	copy(p, path)
	p[len(path)] = s.name(arg)
	return p
}

// name is a node's text: a string constant, or the expression as written.
func (s *ginkgoScan) name(e ast.Expr) string {
	if v, ok := stringConst(e); ok && v != "" {
		return v
	}
	start, end := s.fset.Position(e.Pos()).Offset, s.fset.Position(e.End()).Offset
	if start < 0 || end > len(s.src) || start >= end {
		return "?"
	}
	text := strings.Join(strings.Fields(string(s.src[start:end])), " ")
	if len(text) > maxNameLen {
		text = text[:maxNameLen] + "…"
	}
	if text == "" {
		return "?"
	}
	return text
}

// skipsAtTop reports whether a spec body starts with ginkgo's Skip(...).
func (s *ginkgoScan) skipsAtTop(body *ast.FuncLit) bool {
	if len(body.Body.List) == 0 {
		return false
	}
	stmt, ok := body.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	name, ok := s.g.refers(call.Fun)
	return ok && name == "Skip"
}

// lastFuncLit is the last function literal among args (a spec's body comes
// after its decorators), or nil.
func lastFuncLit(args []ast.Expr) *ast.FuncLit {
	for i := len(args) - 1; i >= 0; i-- {
		if fl, ok := ast.Unparen(args[i]).(*ast.FuncLit); ok {
			return fl
		}
	}
	return nil
}
