package php

import (
	"strconv"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// maxItems bounds the arguments and array elements read from one node.
const maxItems = 4096

// chained is one ->method(...) after a Pest call.
type chained struct {
	name string
	args []*sitter.Node
}

// describeBlock is a describe() whose closure body opens at some byte.
type describeBlock struct {
	path   []string
	status inventory.TestStatus
}

// modifiers are chained methods that leave a test without a closure a todo;
// any other chained method (expect(), toBe(), throws()) makes it a
// higher-order test.
var modifiers = map[string]bool{
	"skip": true, "todo": true, "only": true, "with": true, "group": true, "depends": true,
	"covers": true, "coversClass": true, "coversFunction": true, "coversNothing": true,
	"repeat": true, "issue": true, "ticket": true, "pr": true, "note": true, "assignee": true, "wip": true, "done": true,
}

func (x *extraction) pest() {
	blocks := map[uint32]*describeBlock{}
	for _, c := range x.calls {
		parent, chain, ok := x.pestPosition(c.node, blocks)
		if !ok {
			continue
		}
		args := argValues(c.args)
		if len(args) == 0 {
			continue
		}
		desc, ok := phpString(args[0], x.src)
		if !ok {
			desc = ts.Text(args[0], x.src)
		}
		if desc == "" {
			continue
		}
		var path []string
		inherited := inventory.TestActive
		if parent != nil {
			path, inherited = parent.path, parent.status
		}
		own := x.chainStatus(chain)
		status := combine(inherited, own)
		line := ts.Line(c.node)

		if c.fn == "describe" {
			p := append(append([]string{}, path...), desc)
			x.suites = append(x.suites, inventory.Suite{Path: p, Line: line})
			if len(args) > 1 && args[1].Type() == "anonymous_function_creation_expression" {
				if body := args[1].ChildByFieldName("body"); body != nil {
					blocks[body.StartByte()] = &describeBlock{path: p, status: status}
				}
			}
			continue
		}

		name := desc
		if c.fn == "it" {
			name = "it " + desc
		}
		switch {
		case c.fn == "todo":
			status = combine(inherited, inventory.TestTodo)
		case len(args) < 2 && own == inventory.TestActive && !higherOrder(chain):
			status = combine(inherited, inventory.TestTodo)
		}
		x.pestTests++
		x.tests = append(x.tests, inventory.Test{SuitePath: nonNil(path), Name: name, Line: line, Status: status, Kind: inventory.KindTest})
		casePath := append(append([]string{}, path...), name)
		if x.pestCases(chain, casePath, status) > 0 {
			x.suites = append(x.suites, inventory.Suite{Path: casePath, Line: line})
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// pestPosition accepts a call that is a statement (possibly with chained
// modifiers) at the top level of the file, of a namespace block, or of a
// describe() closure, and returns that describe and the chain.
func (x *extraction) pestPosition(n *sitter.Node, blocks map[uint32]*describeBlock) (*describeBlock, []chained, bool) {
	var chain []chained
	p := n.Parent()
	for p != nil && p.Type() == "member_call_expression" {
		obj := p.ChildByFieldName("object")
		if obj == nil || obj.StartByte() != n.StartByte() || obj.EndByte() != n.EndByte() {
			return nil, nil, false
		}
		ch := chained{name: ts.Text(p.ChildByFieldName("name"), x.src)}
		if a := p.ChildByFieldName("arguments"); a != nil {
			ch.args = argValues(a)
		}
		if len(chain) < maxItems {
			chain = append(chain, ch)
		}
		n, p = p, p.Parent()
	}
	if p == nil || p.Type() != "expression_statement" {
		return nil, nil, false
	}
	pp := p.Parent()
	switch {
	case pp == nil:
		return nil, nil, false
	case pp.Type() == "program":
		return nil, chain, true
	case pp.Type() == "compound_statement":
		if b := blocks[pp.StartByte()]; b != nil {
			return b, chain, true
		}
		if g := pp.Parent(); g != nil && g.Type() == "namespace_definition" {
			return nil, chain, true
		}
	}
	return nil, nil, false
}

// chainStatus reads ->skip(), ->todo() and ->only().
func (x *extraction) chainStatus(chain []chained) inventory.TestStatus {
	status := inventory.TestActive
	for _, c := range chain {
		switch c.name {
		case "skip":
			if len(c.args) == 0 {
				return inventory.TestSkipped
			}
			a := c.args[0]
			if _, ok := phpString(a, x.src); ok || a.Type() == "boolean" && strings.EqualFold(ts.Text(a, x.src), "true") {
				return inventory.TestSkipped
			}
		case "todo":
			if status != inventory.TestFocused {
				status = inventory.TestTodo
			}
		case "only":
			if status == inventory.TestActive {
				status = inventory.TestFocused
			}
		}
	}
	return status
}

func higherOrder(chain []chained) bool {
	for _, c := range chain {
		if !modifiers[c.name] {
			return true
		}
	}
	return false
}

// combine applies a suite's status to a test's own: skipped wins, then the
// test's own status, then the suite's.
func combine(suite, own inventory.TestStatus) inventory.TestStatus {
	switch {
	case suite == inventory.TestSkipped || own == inventory.TestSkipped:
		return inventory.TestSkipped
	case own != inventory.TestActive:
		return own
	}
	return suite
}

// pestCases expands a single ->with([...]) literal dataset.
func (x *extraction) pestCases(chain []chained, path []string, status inventory.TestStatus) int {
	var with *chained
	for i := range chain {
		if chain[i].name == "with" {
			if with != nil {
				return 0 // several datasets: a cartesian product, not expanded
			}
			with = &chain[i]
		}
	}
	if with == nil || len(with.args) != 1 || with.args[0].Type() != "array_creation_expression" {
		return 0
	}
	arr := with.args[0]
	added := 0
	seen := map[string]bool{}
	for i := 0; i < int(arr.NamedChildCount()) && x.cases < MaxCases; i++ {
		el := arr.NamedChild(i)
		if el.Type() != "array_element_initializer" {
			continue
		}
		var name string
		switch el.NamedChildCount() {
		case 1:
			if el.NamedChild(0).Type() == "variadic_unpacking" {
				return added
			}
			name = "with (" + x.exportArgs(el.NamedChild(0)) + ")"
		case 2:
			key := el.NamedChild(0)
			if s, ok := phpString(key, x.src); ok {
				name = `with dataset "` + s + `"`
			} else {
				name = "with (" + x.exportArgs(el.NamedChild(1)) + ")"
			}
		default:
			continue
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		x.cases++
		added++
		x.tests = append(x.tests, inventory.Test{SuitePath: path, Name: name, Line: ts.Line(el), Status: status, Kind: inventory.KindCase})
	}
	return added
}

// pestMaxItems is Pest's Exporter limit on the items shown of an array.
const pestMaxItems = 3

// exportArgs shows one dataset item as Pest does: an array is the list of
// arguments, anything else one argument.
func (x *extraction) exportArgs(v *sitter.Node) string {
	if v.Type() == "array_creation_expression" {
		return x.exportList(v, 0)
	}
	return x.export(v, 0)
}

func (x *extraction) exportList(arr *sitter.Node, depth int) string {
	var parts []string
	for i := 0; i < int(arr.NamedChildCount()); i++ {
		el := arr.NamedChild(i)
		if el.Type() != "array_element_initializer" || el.NamedChildCount() == 0 {
			continue
		}
		if len(parts) == pestMaxItems {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, x.export(el.NamedChild(int(el.NamedChildCount())-1), depth+1))
	}
	return strings.Join(parts, ", ")
}

// export approximates sebastian/exporter's shortenedExport.
func (x *extraction) export(v *sitter.Node, depth int) string {
	text := ts.Text(v, x.src)
	switch v.Type() {
	case "array_creation_expression":
		if depth > 8 {
			return "[…]"
		}
		return "[" + x.exportList(v, depth) + "]"
	case "string", "encapsed_string":
		s, ok := phpString(v, x.src)
		if !ok {
			return text
		}
		out := "'" + strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `'`, `\'`), "\n", "") + "'"
		if utf8.RuneCountInString(out) > 40 {
			r := []rune(out)
			out = string(r[:30]) + "..." + string(r[len(r)-7:])
		}
		return out
	case "integer":
		if n, err := strconv.ParseInt(text, 0, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case "float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64); err == nil {
			s := strconv.FormatFloat(f, 'f', -1, 64)
			if !strings.ContainsAny(s, ".eE") {
				s += ".0"
			}
			return s
		}
	case "boolean", "null":
		return strings.ToLower(text)
	case "unary_op_expression":
		if strings.HasPrefix(text, "-") && v.NamedChildCount() == 1 {
			return "-" + x.export(v.NamedChild(0), depth)
		}
	}
	return text
}

// phpString decodes a string literal without interpolation.
func phpString(n *sitter.Node, src []byte) (string, bool) {
	text := ts.Text(n, src)
	switch n.Type() {
	case "string":
		if len(text) < 2 || text[0] != '\'' || text[len(text)-1] != '\'' {
			return "", false
		}
		body := text[1 : len(text)-1]
		if !strings.Contains(body, `\`) {
			return body, true
		}
		return strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(body), true
	case "encapsed_string":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if t := n.NamedChild(i).Type(); t != "string_content" && t != "escape_sequence" {
				return "", false // interpolation
			}
		}
		if len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' {
			return "", false
		}
		return ts.Unquote(text)
	}
	return "", false
}
