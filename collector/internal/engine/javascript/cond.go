package javascript

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Conditions. A test or suite declared in a branch of an if statement is
// declared only when the branch is taken (chai: `if (typeof Proxy !==
// 'undefined') { it(…) } else { it(…) }`): its Condition is the JavaScript
// expression as written, whitespace collapsed, that a runner's node can
// evaluate where the names are globals:
//
//	if (C) … (then-branch)        → C
//	else (of if (C))              → !(C)
//	else if (D) (after if (C))    → !(C) && D
//
// Conditions nest outermost first, joined with " && ", each part in
// parentheses unless it is a single term. A condition with a comment in it,
// or longer than maxConditionBytes, is not carried.

// maxConditionBytes bounds the text of one if's condition worth carrying.
const maxConditionBytes = 200

// ifBranch is a branch of an if statement the query found: the byte range
// of its consequence or else clause and the condition that leads into it.
type ifBranch struct {
	start, end uint32
	cond       string
}

// addIf records the branches of an if statement.
func (x *fileScan) addIf(n *sitter.Node) {
	c := x.ifCondition(n.ChildByFieldName("condition"))
	if c == "" {
		return
	}
	if b := n.ChildByFieldName("consequence"); b != nil {
		x.ifs = append(x.ifs, ifBranch{b.StartByte(), b.EndByte(), c})
	}
	if b := n.ChildByFieldName("alternative"); b != nil {
		x.ifs = append(x.ifs, ifBranch{b.StartByte(), b.EndByte(), "!(" + c + ")"})
	}
}

// setConditions fills the cond of every declaration from the if branches
// around it, outermost first (the query finds an outer if before an inner
// one, and a branch before the ifs inside it).
func (x *fileScan) setConditions(decls []decl) {
	if len(x.ifs) == 0 {
		return
	}
	for i := range decls {
		var parts []string
		for _, b := range x.ifs {
			if b.start <= decls[i].start && decls[i].end <= b.end {
				parts = append(parts, b.cond)
			}
		}
		decls[i].cond = frontend.JoinAnd(parts, termCondition)
	}
}

// ifCondition is the text of an if's parenthesized condition without its
// parentheses, on one line; "" when it is not worth carrying.
func (x *fileScan) ifCondition(n *sitter.Node) string {
	if n == nil || n.EndByte()-n.StartByte() > maxConditionBytes {
		return ""
	}
	t := ts.Text(n, x.src)
	if strings.Contains(t, "//") || strings.Contains(t, "/*") {
		return ""
	}
	t = strings.Join(strings.Fields(t), " ")
	if len(t) >= 2 && t[0] == '(' && t[len(t)-1] == ')' {
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	return t
}

// termCondition puts a condition in parentheses unless it is a single term:
// a name or member chain, or !( … ).
func termCondition(c string) string {
	if strings.HasPrefix(c, "!(") && strings.HasSuffix(c, ")") || chain(strings.TrimPrefix(c, "!")) != nil {
		return c
	}
	return "(" + c + ")"
}
