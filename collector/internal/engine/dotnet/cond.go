package dotnet

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// A test inside an #if group carries the group's condition (Test.Condition),
// written as a C# preprocessor expression, so that the symbols a build
// defines (DefineConstants) decide it:
//
//	#if E                → E
//	#elif E after P1, P2 → !(P1) && !(P2) && (E)
//	#else after P1, P2   → !(P1) && !(P2)
//
// Nested groups are joined outermost first with " && ". A part is put in
// parentheses unless it is a symbol, true or false, or one of these under
// "!"; the negation of !A is A. Comments are dropped and whitespace
// collapsed. tree-sitter reads every branch, so every test is reported;
// the condition says in which builds the compiler sees it.
//
// A method is a test where its test attributes are: their branch's
// condition when they all stand on one branch (#if X then [Test] before the
// method), else the condition of the method's name (a [Fact] on each branch
// of an #if: a test in every build). A case has its own row's condition.

// ppSpan says which condition holds from line on (1-based).
type ppSpan struct {
	line int
	cond string
}

// ppGroup is one open #if … #endif group.
type ppGroup struct {
	negs []string // the negations of the branches before the current one
	own  string   // the current branch's condition; "" for #else
}

var (
	rePPDirective = regexp.MustCompile(`^[ \t]*#[ \t]*(if|elif|else|endif)\b(.*)$`)
	rePPSymbol    = regexp.MustCompile(`^!?[A-Za-z_][A-Za-z0-9_]*$`)
)

// maxPPSpans bounds the condition changes read from one file.
const maxPPSpans = 10_000

// ppSpans reads the file's #if groups line by line.
func ppSpans(src []byte) []ppSpan {
	if !bytes.Contains(src, []byte("#")) {
		return nil
	}
	var spans []ppSpan
	var stack []ppGroup
	line := 0
	for rest := src; len(rest) > 0 && len(spans) < maxPPSpans; {
		line++
		var text []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			text, rest = rest, nil
		}
		if bytes.IndexByte(text, '#') < 0 {
			continue
		}
		m := rePPDirective.FindSubmatch(bytes.TrimRight(text, "\r"))
		if m == nil {
			continue
		}
		expr := ppExpression(string(m[2]))
		switch string(m[1]) {
		case "if":
			stack = append(stack, ppGroup{own: expr})
		case "elif", "else":
			if len(stack) == 0 {
				continue
			}
			g := &stack[len(stack)-1]
			if g.own != "" {
				g.negs = append(g.negs, ppNegate(g.own))
			}
			g.own = expr
			if string(m[1]) == "else" {
				g.own = ""
			}
		case "endif":
			if len(stack) == 0 {
				continue
			}
			stack = stack[:len(stack)-1]
		}
		spans = append(spans, ppSpan{line: line + 1, cond: ppCondition(stack)})
	}
	return spans
}

// testCondition returns the condition of test method m.
func testCondition(fw inventory.Framework, m *decl, conds []ppSpan) string {
	if len(conds) == 0 {
		return ""
	}
	cond, first := "", true
	for _, a := range m.attrs {
		if !isTest(fw, a.name) {
			continue
		}
		c := ppConditionAt(conds, ts.Line(a.node))
		if !first && c != cond {
			return ppConditionAt(conds, m.nameLine)
		}
		cond, first = c, false
	}
	return cond
}

// ppConditionAt returns the condition of a line.
func ppConditionAt(spans []ppSpan, line int) string {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].line > line }) - 1
	if i < 0 {
		return ""
	}
	return spans[i].cond
}

// ppExpression is a directive's expression without its comment, its
// whitespace collapsed.
func ppExpression(s string) string {
	if i := strings.Index(s, "//"); i >= 0 {
		s = s[:i]
	}
	return strings.Join(strings.Fields(s), " ")
}

// ppCondition joins the open groups' branches, outermost first.
func ppCondition(stack []ppGroup) string {
	var parts []string
	for _, g := range stack {
		for _, p := range append(g.negs[:len(g.negs):len(g.negs)], g.own) {
			// The #else of #if false holds everywhere.
			if p != "" && p != "true" {
				parts = append(parts, p)
			}
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	for i, p := range parts {
		parts[i] = ppOperand(p)
	}
	return strings.Join(parts, " && ")
}

// ppOperand parenthesises e unless it is a symbol or a negated symbol.
func ppOperand(e string) string {
	if rePPSymbol.MatchString(e) || ppParenthesised(e) || strings.HasPrefix(e, "!") && ppParenthesised(e[1:]) {
		return e
	}
	return "(" + e + ")"
}

// ppNegate negates e: !A is A, !(E) is E.
func ppNegate(e string) string {
	switch {
	case e == "true":
		return "false"
	case e == "false":
		return "true"
	case strings.HasPrefix(e, "!") && (rePPSymbol.MatchString(e) || ppParenthesised(e[1:])):
		return strings.TrimPrefix(e, "!")
	case rePPSymbol.MatchString(e) || ppParenthesised(e):
		return "!" + e
	}
	return "!(" + e + ")"
}

// ppParenthesised reports whether e is one parenthesised expression.
func ppParenthesised(e string) bool {
	if !strings.HasPrefix(e, "(") || !strings.HasSuffix(e, ")") {
		return false
	}
	depth := 0
	for i, c := range e {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i != len(e)-1 {
				return false
			}
		}
	}
	return depth == 0
}
