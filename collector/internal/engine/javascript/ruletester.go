package javascript

import (
	"bytes"
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
	// The items are read from the source text: the parse may have left the
	// literal data out (bodies.go).
	at := int(args[2].StartByte())
	obj := parseLiteral(string(x.src[at:args[2].EndByte()]))
	line, counted := ts.Line(args[2]), 0
	lineAt := func(off int) int { // the line of x.src[at+off]; items come in order
		if off > counted {
			line += bytes.Count(x.src[at+counted:at+off], []byte{'\n'})
			counted = off
		}
		return line
	}
	for i, group := range obj.keys {
		items := obj.elems[i]
		// An array or object with a part that is not a literal (a spread, a
		// shorthand) reads as unknown but keeps the parts that are.
		if group != "valid" && group != "invalid" || items.kind != vArray && items.kind != vUnknown {
			continue
		}
		for _, item := range items.elems {
			if title, ok := ruleItemTitle(item); ok {
				d.loopCases = append(d.loopCases, tableCase{name: title, line: lineAt(item.off), group: group})
			}
		}
	}
	return d, true
}

// ruleItemTitle is the title RuleTester gives an item: a string is its
// code; an object's name, else its code. ok=false when it is not written
// as a literal.
func ruleItemTitle(v value) (string, bool) {
	switch v.kind {
	case vString:
		return sanitizeRuleTitle(v.str), true
	case vObject, vUnknown:
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
