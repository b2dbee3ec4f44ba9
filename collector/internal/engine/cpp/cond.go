package cpp

import (
	"slices"
	"sort"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// A test inside an #if group carries the group's condition (Test.Condition),
// written as an expression the preprocessor evaluates in an #if:
//
//	#if E                → E
//	#ifdef X             → defined(X)
//	#ifndef X            → !defined(X)
//	#elif E after P1, P2 → !(P1) && !(P2) && (E)
//	#else after P1, P2   → !(P1) && !(P2)
//
// Nested groups are joined outermost first with " && ". A part is put in
// parentheses unless it is an identifier, a number, defined(X), or one of
// these or a parenthesised expression under "!"; the negation of !A is A.
// Comments are dropped, line splices joined and whitespace collapsed. The
// negation of an `#if 0` branch (whose lines the lexer skips) is true and
// left out: the #else of `#if 0` is no condition. A classic include guard
// (#ifndef X, then #define X as the next directive, no other branch, its
// #endif the end of the file) is no condition either, nor is the same pair
// anywhere in the file when X is defined to nothing and the group has no
// #else or #elif: code compiled once per translation unit however often it
// is included (Catch2's `#ifndef MISC_TEST_HELPERS_INCLUDED // Don't
// compile this more than once per TU`), not a configuration. `#ifndef N`
// `#define N 100` gives a default, and stays a condition.
//
// The lexer keeps the open groups as a persistent stack (condNode: a branch
// and the branches around it) and records its top whenever it changes
// (condSpan, from a token index on), so a file without #if pays nothing,
// each directive costs O(1), and the text of a condition is built once per
// branch, only for the tests that need it. A file whose conditions would
// take more than condBudget bytes (generated or hostile: thousands of
// nested groups or #elif branches) is reported with a SkipReason, as one
// over MaxNames is.

// condBudget bounds the condition text built for one file, in bytes plus
// groups visited, on top of condBudgetPerByte per byte of the file.
const (
	condBudget        = 1 << 20
	condBudgetPerByte = 8
)

// condGroup is one #if … #endif group.
type condGroup struct {
	negs     []string // the negations of the branches met so far that exclude something
	guardish bool     // #ifndef X followed by #define X: a guard if it ends the file
	bare     bool     // guardish, and X defined to nothing
	branched bool     // an #elif or #else followed the #if
	closed   bool     // its #endif was read
	guard    bool
}

// condNode is one branch of an open #if group, under the branches around it.
type condNode struct {
	parent *condNode
	group  int    // index into lexed.groups
	own    string // the branch's own condition; "" for #else
	nNegs  int    // the group's negations that apply to the branch
	braces int    // "{" minus "}" at the group's #if

	gc      string // the group part of the condition, once built
	gcBuilt bool
	text    string // the whole condition, once built
	parts   int    // the groups text joins
	built   bool
}

// condSpan says which branch is innermost from token tok on.
type condSpan struct {
	tok  int
	node *condNode
}

// pushGroup opens an #if group whose first branch has condition cond.
func (l *lexed) pushGroup(cond string) {
	l.groups = append(l.groups, condGroup{})
	l.top = &condNode{parent: l.top, group: len(l.groups) - 1, own: cond, braces: l.braces}
	l.markSpan()
}

// nextBranch starts a branch (#elif cond, or #else when els) of the
// innermost open group.
func (l *lexed) nextBranch(cond string, els bool) {
	if l.top == nil {
		return
	}
	prev := l.top
	g := &l.groups[prev.group]
	g.branched = true
	if prev.own != "" && prev.own != "0" {
		g.negs = append(g.negs, negate(prev.own))
	}
	if els {
		cond = ""
	}
	l.top = &condNode{parent: prev.parent, group: prev.group, own: cond, nNegs: len(g.negs), braces: prev.braces}
	l.markSpan()
}

// popGroup closes the innermost open group at its #endif.
func (l *lexed) popGroup() {
	if l.top == nil {
		return
	}
	g := l.top.group
	l.groups[g].closed = true
	l.top = l.top.parent
	l.markSpan()
	if l.groups[g].guardish && l.top == nil {
		l.guardEnd, l.guardEndTok = g+1, len(l.toks)
	}
}

// markSpan records the innermost branch from the next token on.
func (l *lexed) markSpan() {
	if n := len(l.spans); n > 0 && l.spans[n-1].tok == len(l.toks) {
		l.spans[n-1].node = l.top
		return
	}
	if len(l.spans) == 0 && l.top == nil {
		return
	}
	l.spans = append(l.spans, condSpan{tok: len(l.toks), node: l.top})
}

// finishGuard marks the include guard once the whole file is read: a
// guardish group without #else or #elif whose #endif was the last
// directive, with no token after it; and every compile-once group (bare,
// no other branch).
func (l *lexed) finishGuard() {
	if l.guardEnd > 0 && l.guardEndTok == len(l.toks) && !l.groups[l.guardEnd-1].branched {
		l.groups[l.guardEnd-1].guard = true
	}
	for i := range l.groups {
		if g := &l.groups[i]; g.bare && !g.branched && g.closed {
			g.guard = true
		}
	}
}

// nodeAt returns the innermost branch open at token tok, or nil.
func (l *lexed) nodeAt(tok int) *condNode {
	i := sort.Search(len(l.spans), func(i int) bool { return l.spans[i].tok > tok }) - 1
	if i < 0 {
		return nil
	}
	return l.spans[i].node
}

// charge spends n units of the file's condition budget and says whether
// any is left.
func (l *lexed) charge(n int) bool {
	l.condWork += n
	if l.condWork > condBudget+condBudgetPerByte*l.srcLen {
		l.condOver = true
	}
	return !l.condOver
}

// conditionAt returns the condition of the token at index tok.
func (l *lexed) conditionAt(tok int) string {
	return l.text(l.nodeAt(tok))
}

// groupPart returns the part of n's condition its own group gives: the
// negations of the branches before it, then its own condition; "" for a
// guard or a branch nothing excludes.
func (l *lexed) groupPart(n *condNode) string {
	if !n.gcBuilt {
		n.gcBuilt = true
		if l.groups[n.group].guard || !l.charge(n.nNegs+1) {
			return ""
		}
		parts := l.groups[n.group].negs[:n.nNegs:n.nNegs]
		if n.own != "" {
			parts = append(parts, n.own)
		}
		n.gc = conjunction(parts)
		l.charge(len(n.gc))
	}
	return n.gc
}

// text returns the condition of branch n and every branch around it.
func (l *lexed) text(n *condNode) string {
	var chain []*condNode // unbuilt branches, innermost first
	for m := n; m != nil && !m.built; m = m.parent {
		if !l.charge(1) {
			return ""
		}
		chain = append(chain, m)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		m := chain[i]
		if m.parent != nil {
			m.text, m.parts = m.parent.text, m.parent.parts
		}
		if gc := l.groupPart(m); gc != "" {
			m.text = joinCondition(m.text, m.parts, gc)
			m.parts++
			l.charge(len(m.text))
		}
		m.built = true
	}
	if n == nil || l.condOver {
		return ""
	}
	return n.text
}

// joinCondition appends the group part gc to text, the condition of parts
// groups.
func joinCondition(text string, parts int, gc string) string {
	switch parts {
	case 0:
		return gc
	case 1:
		return conjunction([]string{text, gc})
	}
	return text + " && " + operand(gc)
}

// innerConditionAt returns the condition of the token at index inner (a
// Catch2 section) within the test whose macro is at index outer: a section
// is compiled only where its test is, even when an #if opened before the
// test closes inside its body.
func (l *lexed) innerConditionAt(outer, inner int) string {
	o, n := l.nodeAt(outer), l.nodeAt(inner)
	if o == nil {
		return l.text(n)
	}
	for m := n; m != nil; m = m.parent {
		if m == o {
			return l.text(n) // inside the test's branches
		}
		if !l.charge(1) {
			return ""
		}
	}
	// The test's branches, then the section's that are not among them.
	var extra []*condNode
	for m := n; m != nil; m = m.parent {
		shared := false
		for k := o; k != nil && !shared; k = k.parent {
			shared = k == m
			if !l.charge(1) {
				return ""
			}
		}
		if !shared {
			extra = append(extra, m)
		}
	}
	text, parts := l.text(o), o.parts
	for i := len(extra) - 1; i >= 0; i-- {
		if gc := l.groupPart(extra[i]); gc != "" {
			text = joinCondition(text, parts, gc)
			parts++
			l.charge(len(text))
		}
	}
	if l.condOver {
		return ""
	}
	return text
}

// conjunction joins parts with " && ", each compound part in parentheses.
func conjunction(parts []string) string { return frontend.JoinAnd(parts, operand) }

// operand returns c as an operand of &&: in parentheses unless it is an
// atom.
func operand(c string) string {
	if isAtom(c) {
		return c
	}
	return "(" + c + ")"
}

// negate returns !c, without a double negation.
func negate(c string) string {
	if strings.HasPrefix(c, "!") && isAtom(c[1:]) {
		return c[1:]
	}
	if isAtom(c) {
		return "!" + c
	}
	return "!(" + c + ")"
}

// isAtom says whether c needs no parentheses as an operand of && or !: an
// identifier, a number, defined(X) or defined X, a parenthesised
// expression, or one of these under "!".
func isAtom(c string) bool {
	c = strings.TrimLeft(c, "!")
	switch {
	case c == "":
		return false
	case c[0] == '(':
		depth := 0
		for i := 0; i < len(c); i++ {
			switch c[i] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 && i != len(c)-1 {
					return false
				}
			}
		}
		return depth == 0
	case strings.HasPrefix(c, "defined(") && strings.HasSuffix(c, ")"):
		return isIdentifier(strings.TrimSpace(c[len("defined(") : len(c)-1]))
	case strings.HasPrefix(c, "defined "):
		return isIdentifier(c[len("defined "):])
	case c[0] >= '0' && c[0] <= '9':
		for i := 0; i < len(c); i++ {
			if !isIdentByte(c[i]) && c[i] != '.' && c[i] != '\'' {
				return false
			}
		}
		return true
	}
	return isIdentifier(c)
}

// definedCond is the condition of #ifdef (neg false) or #ifndef (neg true)
// with the text rest after the directive's name.
func definedCond(rest string, neg bool) string {
	name := condText(rest)
	if end := strings.IndexAny(name, " \t("); end > 0 {
		name = name[:end]
	}
	c := "defined(" + name + ")"
	if neg {
		c = "!" + c
	}
	return c
}

// condText is the expression of an #if or #elif as one line: comments
// removed, line splices joined, whitespace collapsed to single spaces.
func condText(s string) string {
	if strings.Contains(s, "\\\n") || strings.Contains(s, "\\\r\n") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\\\r\n", ""), "\\\n", "")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			i = len(s)
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
			space = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
			space = true
			i++
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			end := i + 1
			if c == '\'' || c == '"' {
				end = min(quotedEnd(s, i), len(s))
			}
			b.WriteString(s[i:end])
			i = end
		}
	}
	return b.String()
}

// withDefinitions returns cond, the condition of a test generated at an
// invocation in branch at, with the conditions of the branches its
// generator definitions are in (defs): of each, only the groups the
// invocation is not inside too (a definition and its use under the same
// `#if TEST_RAPIDJSON` add nothing).
func (l *lexed) withDefinitions(cond string, at *condNode, defs []*condNode) string {
	parts := []string{}
	if cond != "" {
		parts = append(parts, cond)
	}
	encloses := func(n *condNode) bool {
		for m := at; m != nil; m = m.parent {
			if m == n {
				return true
			}
		}
		return false
	}
	for _, n := range defs {
		var own []string // the definition's groups outside the invocation's, innermost first
		for m := n; m != nil && !encloses(m); m = m.parent {
			if gc := l.groupPart(m); gc != "" {
				own = append(own, gc)
			}
		}
		slices.Reverse(own)
		if c := conjunction(own); c != "" && !slices.Contains(parts, c) {
			parts = append(parts, c)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return conjunction(parts)
}
