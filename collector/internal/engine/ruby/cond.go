package ruby

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Conditions. A test declared in a branch of an if/unless/elsif, or in a
// statement with an if/unless modifier, is declared only when the branch is
// taken: its Condition is a Ruby expression `ruby -e` can evaluate, as
// written in the source with its whitespace collapsed:
//
//	if C … (then-branch)          → C
//	else (of if C)                → !(C)
//	elsif D (after if C)          → !(C) && (D)
//	unless C … else               → !(C) … C
//	it "x" do … end if C          → C
//	def test_x; end unless C      → !(C)
//
// RSpec's conditional metadata is a condition too: RSpec leaves out an
// example or group whose `if:` value is falsy or `unless:` value truthy
// (`it "x", if: C` → C). Conditions nest outermost first, joined with " && ",
// each part in parentheses unless it is a single term. The branches are
// items of the nesting (kCond, transparent), so conditions come from the
// query's one pass with the rest.

// condText is the condition as written, on one line (comments at the ends
// of its lines left out); "" when it is too long to be worth carrying.
func condText(n *sitter.Node, src []byte) string {
	if n == nil || n.EndByte()-n.StartByte() > maxArgText {
		return ""
	}
	t := ts.Text(n, src)
	if strings.Contains(t, "\n") && strings.Contains(t, "#") {
		t = stripComments(t)
	}
	return strings.Join(strings.Fields(t), " ")
}

// stripComments drops the `# …` comments of a multi-line condition, outside
// strings.
func stripComments(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '"', '\'', '`':
			j := min(skipQuoted(t, i, c), len(t)-1)
			b.WriteString(t[i : j+1])
			i = j
		case '#':
			for i < len(t) && t[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// andCond adds part to the n conditions joined in all.
func andCond(all string, n int, part string) (string, int) {
	switch n {
	case 0:
		return part, 1
	case 1:
		all = termCond(all)
	}
	return all + " && " + termCond(part), n + 1
}

// termCond puts a condition in parentheses unless it is a single term: a
// name or a method chain without spaces, !( … ) or ( … ).
func termCond(c string) string {
	if simpleCond(c) {
		return c
	}
	return "(" + c + ")"
}

func simpleCond(c string) bool {
	inner := strings.TrimPrefix(c, "!")
	if strings.HasPrefix(inner, "(") {
		return closingParen(inner) == len(inner)-1
	}
	if c == "" {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !isWordByte(c[i]) && !strings.ContainsRune(":.?!@$", rune(c[i])) {
			return false
		}
	}
	return true
}

// closingParen returns the index of the parenthesis closing the one that
// opens s, outside strings, or -1.
func closingParen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\'', '`':
			i = skipQuoted(s, i, c)
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// metaCond reads RSpec's conditional metadata (if: C, unless: C, :if => C).
func metaCond(args []arg) string {
	cond, n := "", 0
	for _, a := range args {
		if a.kind != aPair || a.value == nil || (a.s != "if" && a.s != "unless") {
			continue
		}
		v := strings.Join(strings.Fields(a.value.raw), " ")
		if v == "" {
			continue
		}
		if a.s == "unless" {
			v = "!(" + v + ")"
		}
		cond, n = andCond(cond, n, v)
	}
	return cond
}

// condWithin is the condition of the method m of the class base when the
// class i runs it: i's own conditions, then those around m inside base.
func (r *reader) condWithin(i, m, base int) string {
	all, n := r.items[i].condAll, r.items[i].condN
	var parts []string
	for p := m; p >= 0 && p != base; p = r.items[p].parent {
		if c := r.items[p].cond; c != "" {
			parts = append(parts, c)
		}
	}
	for k := len(parts) - 1; k >= 0; k-- {
		all, n = andCond(all, n, parts[k])
	}
	return all
}
