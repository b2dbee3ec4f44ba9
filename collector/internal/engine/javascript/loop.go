package javascript

import (
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// A test declared in a loop over a literal table is a table-driven test,
// the JavaScript form of Go's t.Run(tc.name) over a literal table, and its
// cases are statically visible (DESIGN.md: reported expanded):
//
//	testCases.forEach((value) => { it(value.title, () => { … }) })
//	for (const { name, input } of cases) { test(`parses ${name}`, …) }
//
// The loop is TABLE.forEach/map with a function whose body holds the test
// call as a statement (or is the call), or for (… of TABLE) around it.
// TABLE is an array literal or a const array declared in a block around the
// loop, the nearest before it: a file may declare const testCases in each
// describe. The title must give a string or number for every row — the
// row itself, a property path of it (value.title), a name the parameter's
// pattern binds, a template literal of those, or those joined to string
// literals with + (a literal first: "for " + name), a row's value being a
// string, a number or a concatenation of string literals — else the test
// keeps its
// one declaration and no case.

// maxArrayDecls bounds the declarations of one name a loop's table is
// looked up among (each test in a loop looks once): real files declare a
// name a few times, a hostile one could declare it for every loop.
const maxArrayDecls = 256

// loopBinding maps the names the loop's parameter binds to property paths
// of a row ("" for the row itself).
type loopBinding map[string]string

// arrayDecl is a const NAME = [ … ] of the file, in any block.
type arrayDecl struct {
	declarator *sitter.Node
	array      *sitter.Node
}

// loopCases returns the cases of a test call in a loop (at the call's
// line, where the runner reports them), or nil.
func (x *fileScan) loopCases(call, title *sitter.Node) []tableCase {
	switch title.Type() {
	case "identifier", "member_expression":
	case "template_string":
		if title.NamedChildCount() == 0 || !strings.Contains(ts.Text(title, x.src), "${") {
			return nil // the same title for every row
		}
	case "binary_expression":
		if _, ok := foldConcat(ts.Text(title, x.src)); ok {
			return nil // literals only: the same title for every row
		}
	default:
		return nil
	}
	table, param, loop := loopOf(call, x.src)
	if table == nil {
		return nil
	}
	bind, ok := bindingOf(param, x.src)
	if !ok {
		return nil
	}
	bodyBindings(call, bind, x.src)
	rows, ok := x.loopTable(table, loop)
	if !ok {
		return nil
	}
	rows, _ = x.resolveMembers(rows, loop, 0)
	text, line := ts.Text(title, x.src), ts.Line(call)
	cases := make([]tableCase, 0, len(rows.elems))
	for _, row := range rows.elems {
		name, ok := evalTitle(title.Type(), text, bind, row)
		if !ok {
			return nil
		}
		if name == "" {
			name = emptyTitle // as it('') is named
		}
		cases = append(cases, tableCase{name: name, line: line})
	}
	return cases
}

// loopMethods call their function once per element, in order.
var loopMethods = map[string]bool{"forEach": true, "map": true}

// loopOf finds the loop a test call is a statement of: the table
// expression, the loop's parameter (or for…of's left side) and the loop.
func loopOf(call *sitter.Node, src []byte) (table, param, loop *sitter.Node) {
	body := call.Parent()
	if body == nil {
		return nil, nil, nil
	}
	if body.Type() == "expression_statement" {
		if p := body.Parent(); p != nil && p.Type() == "statement_block" {
			body = p
		}
	}
	owner := body.Parent()
	if owner == nil {
		return nil, nil, nil
	}
	if body.Type() != "statement_block" && body.Type() != "expression_statement" {
		owner, body = body, call // (row) => it(…)
	}
	switch owner.Type() {
	case "for_in_statement":
		if op := owner.ChildByFieldName("operator"); op == nil || op.Type() != "of" {
			return nil, nil, nil
		}
		return owner.ChildByFieldName("right"), owner.ChildByFieldName("left"), owner
	case "arrow_function", "function_expression", "function":
		if b := owner.ChildByFieldName("body"); b == nil || !b.Equal(body) {
			return nil, nil, nil
		}
		args := owner.Parent()
		if args == nil || args.Type() != "arguments" || args.NamedChildCount() == 0 || !args.NamedChild(0).Equal(owner) {
			return nil, nil, nil
		}
		loopCall := args.Parent()
		fn := loopCall.ChildByFieldName("function")
		if fn == nil || fn.Type() != "member_expression" {
			return nil, nil, nil
		}
		if p := fn.ChildByFieldName("property"); p == nil || !loopMethods[ts.Text(p, src)] {
			return nil, nil, nil
		}
		return fn.ChildByFieldName("object"), firstParam(owner), loopCall
	}
	return nil, nil, nil
}

// firstParam returns a function's first parameter (its pattern, without a
// TypeScript annotation).
func firstParam(fn *sitter.Node) *sitter.Node {
	if p := fn.ChildByFieldName("parameter"); p != nil {
		return p // row => …
	}
	params := fn.ChildByFieldName("parameters")
	if params == nil || params.NamedChildCount() == 0 {
		return nil
	}
	p := params.NamedChild(0)
	if p.Type() == "required_parameter" {
		p = p.ChildByFieldName("pattern")
	}
	return p
}

// bindingOf reads the names a loop parameter binds: row, or { a, b: c }.
func bindingOf(param *sitter.Node, src []byte) (loopBinding, bool) {
	if param == nil {
		return nil, false
	}
	switch param.Type() {
	case "identifier":
		return loopBinding{ts.Text(param, src): ""}, true
	case "array_pattern":
		// for (const [name, mime] of Object.entries(types)): by position.
		b := loopBinding{}
		at := 0
		for i := 0; i < int(param.ChildCount()); i++ {
			switch p := param.Child(i); p.Type() {
			case ",":
				at++
			case "identifier":
				b[ts.Text(p, src)] = strconv.Itoa(at)
			}
		}
		return b, true
	case "object_pattern":
		b := loopBinding{}
		bindObjectPattern(param, "", b, src, 0)
		return b, true
	}
	return nil, false
}

// maxPatternDepth bounds the nesting of object patterns read.
const maxPatternDepth = 8

// bindObjectPattern binds the names of { a, b: c, d: { e } } to their paths
// under prefix (a, b, d.e).
func bindObjectPattern(pat *sitter.Node, prefix string, b loopBinding, src []byte, depth int) {
	if depth > maxPatternDepth {
		return
	}
	for i := 0; i < int(pat.NamedChildCount()); i++ {
		p := pat.NamedChild(i)
		switch p.Type() {
		case "shorthand_property_identifier_pattern":
			name := ts.Text(p, src)
			b[name] = joinPath(prefix, name)
		case "pair_pattern":
			k, v := p.ChildByFieldName("key"), p.ChildByFieldName("value")
			if k == nil || v == nil || k.Type() != "property_identifier" {
				continue
			}
			switch v.Type() {
			case "identifier":
				b[ts.Text(v, src)] = joinPath(prefix, ts.Text(k, src))
			case "object_pattern":
				bindObjectPattern(v, joinPath(prefix, ts.Text(k, src)), b, src, depth+1)
			}
		default:
			continue // defaults and rest elements: those names stay unbound
		}
	}
}

// joinPath is the property path prefix.name ("" for the row itself).
func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	if name == "" {
		return prefix
	}
	return prefix + "." + name
}

// bodyBindings adds to b the names that const declarations before call, in
// the loop body's block, bind to paths of the row: const { x } = row.input,
// const y = row.a.b (derived from a name b already binds).
func bodyBindings(call *sitter.Node, b loopBinding, src []byte) {
	stmt := call.Parent()
	if stmt == nil || stmt.Type() != "expression_statement" {
		return
	}
	block := stmt.Parent()
	if block == nil || block.Type() != "statement_block" {
		return
	}
	for i := 0; i < int(block.NamedChildCount()); i++ {
		d := block.NamedChild(i)
		if d.StartByte() >= stmt.StartByte() {
			return
		}
		if d.Type() != "lexical_declaration" || d.Child(0) == nil || d.Child(0).Type() != "const" {
			continue
		}
		for j := 0; j < int(d.NamedChildCount()); j++ {
			decl := d.NamedChild(j)
			if decl.Type() != "variable_declarator" {
				continue
			}
			name, value := decl.ChildByFieldName("name"), decl.ChildByFieldName("value")
			if name == nil || value == nil {
				continue
			}
			path, ok := boundPath(ts.Text(value, src), b)
			switch {
			case !ok:
				// A name bound to something else hides the row's.
				if name.Type() == "identifier" {
					delete(b, ts.Text(name, src))
				} else if name.Type() == "object_pattern" {
					hidden := loopBinding{}
					bindObjectPattern(name, "", hidden, src, 0)
					for n := range hidden {
						delete(b, n)
					}
				}
			case name.Type() == "identifier":
				b[ts.Text(name, src)] = path
			case name.Type() == "object_pattern":
				bindObjectPattern(name, path, b, src, 0)
			}
		}
	}
}

// boundPath is the row path of name.a.b where b binds name.
func boundPath(expr string, b loopBinding) (string, bool) {
	first, rest, _ := strings.Cut(expr, ".")
	base, ok := b[first]
	if !ok {
		return "", false
	}
	if !isPropertyPath(rest) {
		return "", false
	}
	return joinPath(base, rest), true
}

// isPropertyPath reports whether s is written only of names and dots
// (input.x): no index, call or optional chaining.
func isPropertyPath(s string) bool {
	for _, c := range []byte(s) {
		if !isIdentByte(c) && c != '.' {
			return false
		}
	}
	return true
}

// loopTable reads the loop's table: an array literal, or the nearest const
// array of that name declared before the loop in a block around it.
func (x *fileScan) loopTable(table, loop *sitter.Node) (value, bool) {
	for table.Type() == "as_expression" || table.Type() == "satisfies_expression" || table.Type() == "parenthesized_expression" {
		if table.NamedChildCount() == 0 {
			return value{}, false
		}
		table = table.NamedChild(0)
	}
	var arr *sitter.Node
	switch table.Type() {
	case "array":
		arr = table
	case "identifier":
		if arr = x.nearestArray(ts.Text(table, x.src), loop); arr == nil {
			return value{}, false
		}
	case "call_expression":
		return x.objectTable(table, loop)
	default:
		return value{}, false
	}
	v, ok := x.readTable(arr)
	return v, ok && len(v.elems) > 0
}

// objectTable reads Object.entries(O), Object.keys(O) or Object.values(O)
// of an object literal O, or of the nearest const O = { … }, as the array
// that call returns: [key, value] pairs, keys or values, in source order
// (integer-like keys, which JavaScript orders first, make it unread).
func (x *fileScan) objectTable(call, loop *sitter.Node) (value, bool) {
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "member_expression" {
		return value{}, false
	}
	obj, prop := fn.ChildByFieldName("object"), fn.ChildByFieldName("property")
	if obj == nil || prop == nil || ts.Text(obj, x.src) != "Object" {
		return value{}, false
	}
	method := ts.Text(prop, x.src)
	if method != "entries" && method != "keys" && method != "values" {
		return value{}, false
	}
	args := namedArgs(call.ChildByFieldName("arguments"))
	if len(args) != 1 {
		return value{}, false
	}
	lit := args[0]
	for (lit.Type() == "as_expression" || lit.Type() == "satisfies_expression") && lit.NamedChildCount() > 0 {
		lit = lit.NamedChild(0)
	}
	if lit.Type() == "identifier" {
		if lit = x.nearestArray(ts.Text(lit, x.src), loop); lit == nil {
			return value{}, false
		}
	}
	if lit.Type() != "object" || !x.tableBudget(lit) {
		return value{}, false
	}
	o := parseLiteral(ts.Text(lit, x.src))
	if o.kind != vObject || len(o.keys) == 0 {
		return value{}, false
	}
	out := value{kind: vArray}
	for i, k := range o.keys {
		if _, err := strconv.ParseUint(k, 10, 32); err == nil {
			return value{}, false
		}
		key := value{kind: vString, str: k}
		switch method {
		case "entries":
			out.elems = append(out.elems, value{kind: vArray, elems: []value{key, o.elems[i]}})
		case "keys":
			out.elems = append(out.elems, key)
		default:
			out.elems = append(out.elems, o.elems[i])
		}
	}
	return out, true
}

// nearestArray returns the array of the nearest const NAME = [ … ] declared
// before at in a block around it — the one JavaScript's scoping sees — or
// nil.
func (x *fileScan) nearestArray(name string, at *sitter.Node) *sitter.Node {
	if len(x.arrays[name]) > maxArrayDecls {
		return nil
	}
	var best *arrayDecl
	for i := range x.arrays[name] {
		d := &x.arrays[name][i]
		block := enclosingBlock(d.declarator)
		if block == nil || d.declarator.StartByte() > at.StartByte() ||
			block.StartByte() > at.StartByte() || block.EndByte() < at.EndByte() {
			continue
		}
		if best == nil || d.declarator.StartByte() > best.declarator.StartByte() {
			best = d
		}
	}
	if best == nil {
		return nil
	}
	return best.array
}

// resolveMembers replaces, in a table read from source, each value written
// as NAME.key where NAME is the nearest const object literal before at
// (const Kind = { empty: "empty" }) by that object's value; changed tells
// whether any was.
func (x *fileScan) resolveMembers(v value, at *sitter.Node, depth int) (out value, changed bool) {
	switch v.kind {
	case vArray, vObject:
		if depth > maxLiteralDepth {
			return v, false
		}
		var elems []value
		for i, e := range v.elems {
			r, ok := x.resolveMembers(e, at, depth+1)
			if ok && elems == nil {
				elems = append(make([]value, 0, len(v.elems)), v.elems[:i]...)
			}
			if elems != nil {
				elems = append(elems, r)
			}
		}
		if elems == nil {
			return v, false
		}
		v.elems = elems
		return v, true
	case vUnknown:
		name, key, ok := strings.Cut(v.str, ".")
		if !ok || name == "" || key == "" || !isPropertyPath(v.str) {
			return v, false
		}
		obj := x.nearestArray(name, at)
		if obj == nil || obj.Type() != "object" {
			return v, false
		}
		o, _ := x.readTable(obj) // parsed once per file
		if r := attr(o, key); o.kind == vObject && isPrimitive(r) && r.kind != vUndefined {
			r.off = v.off
			return r, true
		}
	}
	return v, false
}

// readTable parses an array (or object) literal once per file, within the
// file's table budget; ok is false past the budget or for anything but an
// array.
func (x *fileScan) readTable(arr *sitter.Node) (value, bool) {
	at := arr.StartByte()
	if v, ok := x.parsedTables[at]; ok {
		return v, v.kind == vArray
	}
	if !x.tableBudget(arr) {
		return value{}, false
	}
	v := parseLiteral(ts.Text(arr, x.src))
	if x.parsedTables == nil {
		x.parsedTables = map[uint32]value{}
	}
	x.parsedTables[at] = v
	return v, v.kind == vArray
}

// enclosingBlock is the block (or program) a declarator's declaration is a
// statement of.
func enclosingBlock(declarator *sitter.Node) *sitter.Node {
	decl := declarator.Parent()
	if decl == nil {
		return nil
	}
	switch decl.Type() {
	case "lexical_declaration", "variable_declaration":
	default:
		return nil
	}
	block := decl.Parent()
	if block == nil {
		return nil
	}
	switch block.Type() {
	case "statement_block", "program":
		return block
	}
	return nil
}

// evalTitle is a test's title for one row.
func evalTitle(kind, text string, bind loopBinding, row value) (string, bool) {
	switch kind {
	case "identifier", "member_expression":
		return evalPath(text, bind, row)
	case "binary_expression":
		return evalConcat(text, bind, row)
	}
	// A template literal: its text with each ${name.path} read from the row.
	body := strings.TrimSuffix(strings.TrimPrefix(text, "`"), "`")
	var b strings.Builder
	for {
		k := strings.Index(body, "${")
		lit := body
		if k >= 0 {
			lit = body[:k]
		}
		if strings.ContainsAny(lit, "\\") {
			lit = unescape(lit)
		}
		b.WriteString(lit)
		if k < 0 {
			return b.String(), true
		}
		end := strings.IndexByte(body[k:], '}')
		if end < 0 {
			return "", false
		}
		s, ok := evalPath(strings.TrimSpace(body[k+2:k+end]), bind, row)
		if !ok {
			return "", false
		}
		b.WriteString(s)
		body = body[k+end+1:]
	}
}

// evalConcat is a title written 'for ' + name + ` (${x.id})` for one row.
func evalConcat(text string, bind loopBinding, row value) (string, bool) {
	return readConcat(text,
		func(path string) (string, bool) { return evalPath(path, bind, row) },
		func(tmpl string) (string, bool) { return evalTitle("template_string", tmpl, bind, row) })
}

// readConcat reads a concatenation of string and template literals and
// names or property paths, joined with +, the first a literal (so that
// every + joins strings, as numbers would add): path gives a path's part,
// template a template literal's with substitutions.
func readConcat(text string, path, template func(string) (string, bool)) (string, bool) {
	r := &litReader{s: text}
	var b strings.Builder
	for first := true; ; first = false {
		r.skipSpace()
		if r.i >= len(r.s) {
			return "", false
		}
		start := r.i
		switch c := r.s[r.i]; {
		case c == '\'' || c == '"' || c == '`':
			s, ok := r.readString()
			if !ok && c == '`' && r.i > start+1 && r.s[r.i-1] == '`' {
				s, ok = template(r.s[start:r.i])
			}
			if !ok {
				return "", false
			}
			b.WriteString(s)
		case first:
			return "", false
		default:
			for r.i < len(r.s) && (isIdentByte(r.s[r.i]) || r.s[r.i] == '.') {
				r.i++
			}
			if r.i == start {
				return "", false
			}
			s, ok := path(r.s[start:r.i])
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		r.skipSpace()
		if r.i == len(r.s) {
			return b.String(), true
		}
		if r.s[r.i] != '+' {
			return "", false
		}
		r.i++
	}
}

// evalPath reads name.a.b from the row: name must be a binding of the
// loop, the value a string or number.
func evalPath(expr string, bind loopBinding, row value) (string, bool) {
	name, rest, _ := strings.Cut(expr, ".")
	path, ok := bind[name]
	if !ok {
		return "", false
	}
	for _, p := range []string{path, rest} {
		if p == "" {
			continue
		}
		if !isPropertyPath(p) {
			return "", false // row[key], row?.x, calls: not read
		}
		row = attr(row, p)
	}
	switch row.kind {
	case vString:
		return row.str, true
	case vUnknown:
		return foldConcat(row.str) // 'a' + "b": the literal reader keeps its text
	case vNumber:
		if row.num == 0 {
			return "0", true
		}
		return jsNumber(row.num), true
	}
	return "", false
}
