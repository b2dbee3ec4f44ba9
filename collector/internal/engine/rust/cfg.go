package rust

import "strings"

// Conditions: the #[cfg(…)] predicates under which a test is compiled.
//
// A test's Condition is the predicate of every #[cfg(P)] that encloses it,
// outermost first: the `mod` declarations that load its file (modcfg.go),
// the file's inner #![cfg(P)], each inline module around
// it (#[cfg(P)] on the mod, or #![cfg(P)] at the top of its body), a
// #[cfg(P)] on the macro invocation that declares it, and the test
// function's own #[cfg(P)]. One predicate is reported as written; several
// are combined as all(A, B, …). The text is printed from its tokens, so
// comments are dropped and whitespace is rustfmt's: one space around = and
// after a comma, none inside parentheses (`feature="x"` is reported as
// `feature = "x"`), and rustc evaluates it as cfg!(P).
//
// cargo test always sets cfg(test): a predicate that is exactly `test` is
// not a condition, nor is a bare `test` operand of all(…). Anything else is
// kept as written (any(test, x) and not(test) included). #[cfg_attr(P, …)]
// is not a condition. The #[cfg] on the `mod x;` declarations that load the
// file are read from the module files above it when the scan gives a Tree
// (modcfg.go), and come first.

// cfgPredicate returns the predicate of a #[cfg(P)] or #![cfg(P)]
// attribute's text, normalized; "" when the attribute is not a cfg or its
// predicate is no condition (test).
func cfgPredicate(attr string) string {
	text := strings.TrimSpace(attr)
	text = strings.TrimPrefix(text, "#")
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "!")
	path, rest := attrPath(text)
	if path != "cfg" {
		return ""
	}
	return cfgArgs(rest)
}

// cfgArgs returns the condition of a cfg attribute's arguments, written
// `(P)`; "" when there is none.
func cfgArgs(rest string) string {
	ts := tokenize(rest, 0)
	if len(ts) != 1 || ts[0].kind != 'g' || ts[0].text != "(" || hasMetavar(ts[0].kids) {
		return ""
	}
	return cfgText(ts[0].kids)
}

// hasMetavar reports whether a macro's metavariable ($x) is left in ts: the
// predicate is not known.
func hasMetavar(ts []tok) bool {
	for _, t := range ts {
		if t.kind == 'p' && t.text == "$" || t.kind == 'g' && hasMetavar(t.kids) {
			return true
		}
	}
	return false
}

// cfgText prints a predicate's tokens, without a `test` it would hold at
// its top (see the package's conditions).
func cfgText(pred []tok) string {
	pred = trimComma(pred)
	if isTestCfg(pred) || len(pred) == 0 {
		return ""
	}
	if len(pred) == 2 && pred[0].kind == 'i' && pred[0].text == "all" && pred[1].kind == 'g' && pred[1].text == "(" {
		var keep [][]tok
		dropped := false
		for _, op := range splitCommas(pred[1].kids) {
			if isTestCfg(op) {
				dropped = true
				continue
			}
			keep = append(keep, op)
		}
		if dropped {
			switch len(keep) {
			case 0:
				return ""
			case 1:
				return cfgText(keep[0])
			}
			parts := make([]string, len(keep))
			for i, op := range keep {
				parts[i] = printCfg(op)
			}
			return "all(" + strings.Join(parts, ", ") + ")"
		}
	}
	return printCfg(pred)
}

func isTestCfg(ts []tok) bool {
	return len(ts) == 1 && ts[0].kind == 'i' && ts[0].text == "test"
}

// trimComma drops a trailing comma.
func trimComma(ts []tok) []tok {
	if n := len(ts); n > 0 && ts[n-1].kind == 'p' && ts[n-1].text == "," {
		return ts[:n-1]
	}
	return ts
}

// splitCommas splits a list at its top-level commas, empty operands
// dropped.
func splitCommas(ts []tok) [][]tok {
	var out [][]tok
	start := 0
	for i := 0; i <= len(ts); i++ {
		if i == len(ts) || ts[i].kind == 'p' && ts[i].text == "," {
			if i > start {
				out = append(out, ts[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// printCfg prints predicate tokens with rustfmt's spacing.
func printCfg(ts []tok) string {
	var sb strings.Builder
	var write func(ts []tok)
	write = func(ts []tok) {
		ts = trimComma(ts)
		word := false
		for _, t := range ts {
			switch {
			case t.kind == 'g':
				sb.WriteString(t.text)
				write(t.kids)
				sb.WriteString(closer(t.text))
				word = true
			case t.kind == 'p' && t.text == ",":
				sb.WriteString(", ")
				word = false
			case t.kind == 'p' && t.text == "=":
				sb.WriteString(" = ")
				word = false
			case t.kind == 'p':
				sb.WriteString(t.text)
				word = false
			default:
				if word {
					sb.WriteByte(' ')
				}
				sb.WriteString(t.text)
				word = true
			}
		}
	}
	write(ts)
	return sb.String()
}

func closer(open string) string {
	switch open {
	case "(":
		return ")"
	case "[":
		return "]"
	}
	return "}"
}

// attrConds returns the conditions of a list of attributes, in order.
func attrConds(attrs []string) []string {
	var out []string
	for _, a := range attrs {
		if !strings.Contains(a, "cfg") {
			continue
		}
		if c := cfgPredicate(a); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// combine joins conditions, outermost first, into one: the condition
// itself, or all(A, B, …); a repeated condition counts once.
func combine(conds []string) string {
	switch len(conds) {
	case 0:
		return ""
	case 1:
		return conds[0]
	}
	keep := make([]string, 0, len(conds))
	seen := make(map[string]bool, len(conds))
	for _, c := range conds {
		if !seen[c] {
			seen[c] = true
			keep = append(keep, c)
		}
	}
	if len(keep) == 1 {
		return keep[0]
	}
	return "all(" + strings.Join(keep, ", ") + ")"
}
