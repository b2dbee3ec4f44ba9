package javascript

import (
	"fmt"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// ESLint's RuleTester turns tester.run(name, rule, { valid: […], invalid:
// […] }) into describe(name) > describe("valid") > it(item) for each item,
// then the same for invalid: every ESLint plugin's tests are written so, and
// the file calls no test function itself. The run call is the declared test
// (named after the rule, at the call); each item written in the source is a
// case, under the valid or invalid group RuleTester adds, titled as
// RuleTester titles it: the item's name, else its code, with control
// characters escaped.
func (x *fileScan) ruleTesterRun(c rawCall) (decl, bool) {
	args := namedArgs(c.args())
	if len(args) < 3 {
		return decl{}, false
	}
	name, _ := x.title(args[0])
	d := decl{start: c.node.StartByte(), end: c.node.EndByte(), line: ts.Line(c.node), name: name, status: inventory.TestActive}
	if args[2].Type() != "object" {
		return d, true // a test object built elsewhere: the declared test alone
	}
	for i := 0; i < int(args[2].NamedChildCount()); i++ {
		pair := args[2].NamedChild(i)
		if pair.Type() != "pair" {
			continue
		}
		group := ts.Text(pair.ChildByFieldName("key"), x.src)
		if g, ok := ts.Unquote(group); ok {
			group = g
		}
		items := pair.ChildByFieldName("value")
		if group != "valid" && group != "invalid" || items == nil || items.Type() != "array" {
			continue
		}
		for j := 0; j < int(items.NamedChildCount()); j++ {
			item := items.NamedChild(j)
			if title, ok := ruleItemTitle(ts.Text(item, x.src)); ok {
				d.loopCases = append(d.loopCases, tableCase{name: title, line: ts.Line(item), group: group})
			}
		}
	}
	return d, true
}

// ruleItemTitle is the title RuleTester gives an item: a string is its
// code; an object's name, else its code. ok=false when it is not written
// as a literal.
func ruleItemTitle(text string) (string, bool) {
	v := parseLiteral(text)
	switch v.kind {
	case vString:
		return sanitizeRuleTitle(v.str), true
	case vObject:
		for _, key := range []string{"name", "code"} {
			for i, k := range v.keys {
				if k == key && v.elems[i].kind == vString && v.elems[i].str != "" {
					return sanitizeRuleTitle(v.elems[i].str), true
				}
			}
		}
	}
	return "", false
}

// sanitizeRuleTitle escapes what RuleTester's sanitize escapes: control
// characters but the line feed, as \uXXXX.
func sanitizeRuleTitle(s string) string {
	if !strings.ContainsFunc(s, isEscapedControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isEscapedControl(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isEscapedControl(r rune) bool { return r <= 0x1a && r != '\n' }
