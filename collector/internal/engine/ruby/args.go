package ruby

import (
	"strings"
)

// argKind says what one call argument is, read from its text.
type argKind int

const (
	aOther  argKind = iota
	aString         // a string literal (s: its content; interp: it has #{…})
	aSymbol         // :name (s: name)
	aConst          // Foo or Foo::Bar (s: as written)
	aPair           // key: value or :key => value (s: key; value: the value)
)

// arg is one argument of an RSpec or Minitest call.
type arg struct {
	kind   argKind
	s      string
	interp bool
	value  *arg
	raw    string
}

// maxArgs bounds how many arguments of one call are read.
const maxArgs = 64

// parseArgs splits an argument list's text (with or without parentheses)
// at its top-level commas and classifies each argument.
func parseArgs(text string) []arg {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "(") && strings.HasSuffix(text, ")") {
		text = text[1 : len(text)-1]
	}
	var out []arg
	for _, part := range splitTop(text) {
		if len(out) == maxArgs {
			break
		}
		out = append(out, classify(strings.TrimSpace(part)))
	}
	return out
}

// splitTop splits at commas outside brackets and strings.
func splitTop(text string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '"', '\'', '`':
			i = skipQuoted(text, i, c)
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, text[start:i])
				start = i + 1
			}
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" || len(parts) > 0 {
		parts = append(parts, text[start:])
	}
	return parts
}

// skipQuoted returns the index of the quote closing the string opened at i
// (or the end of text). Interpolations are skipped whole.
func skipQuoted(text string, i int, q byte) int {
	depth := 0
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; {
		case c == '\\':
			j++
		case q != '\'' && c == '#' && j+1 < len(text) && text[j+1] == '{':
			depth++
			j++
		case depth > 0 && c == '}':
			depth--
		case depth == 0 && c == q:
			return j
		}
	}
	return len(text)
}

// skipLiteralJoin returns the offset after the blanks (and line-ending
// backslashes) between two adjacent string literals.
func skipLiteralJoin(p string, at int) int {
	for at < len(p) {
		switch {
		case p[at] == ' ' || p[at] == '\t':
			at++
		case p[at] == '\\' && at+1 < len(p) && p[at+1] == '\n':
			at += 2
		case p[at] == '\\' && at+2 < len(p) && p[at+1] == '\r' && p[at+2] == '\n':
			at += 3
		default:
			return at
		}
	}
	return at
}

// classify reads one argument.
func classify(p string) arg {
	a := arg{raw: p}
	if p == "" {
		return a
	}
	// key: value (but not Foo::Bar or a symbol).
	if k := pairKey(p); k != "" {
		rest := strings.TrimSpace(p[len(k)+1:])
		v := classify(rest)
		return arg{kind: aPair, s: k, value: &v, raw: p}
	}
	// :key => value, "key" => value
	if i := topArrow(p); i > 0 {
		key := classify(strings.TrimSpace(p[:i]))
		v := classify(strings.TrimSpace(p[i+2:]))
		if key.kind == aSymbol || key.kind == aString {
			return arg{kind: aPair, s: key.s, value: &v, raw: p}
		}
		return a
	}
	switch c := p[0]; {
	case c == '"' || c == '\'':
		// Adjacent literals are one string ('a' 'b', or 'a' \ at a line's
		// end and 'b' on the next), as Ruby joins them.
		var b strings.Builder
		for at := 0; ; {
			q := p[at]
			end := skipQuoted(p, at, q)
			if end < 0 || end >= len(p) || p[end] != q {
				return a
			}
			body := p[at+1 : end]
			if q == '"' {
				interp := strings.Contains(body, "#{")
				a.interp = a.interp || interp
				b.WriteString(unescapeDouble(body, interp))
			} else {
				b.WriteString(strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(body))
			}
			at = skipLiteralJoin(p, end+1)
			if at == len(p) {
				a.kind, a.s = aString, b.String()
				return a
			}
			if rest := strings.TrimSpace(p[at:]); rest == ".to_sym" || rest == ".freeze" {
				// define_method("test_#{x}".to_sym): the name as written.
				a.kind, a.s = aString, b.String()
				return a
			}
			if rest := strings.TrimSpace(p[at:]); rest == ".squish" || rest == ".strip" {
				// "a long name
				//   on two lines".squish (ActiveSupport): the words, one
				// space apart.
				a.kind, a.s = aString, strings.Join(strings.Fields(b.String()), " ")
				if rest == ".strip" {
					a.s = strings.TrimSpace(b.String())
				}
				return a
			}
			if p[at] != '"' && p[at] != '\'' {
				return a
			}
		}
	case c == '%' && len(p) > 3 && strings.ContainsRune("qQ", rune(p[1])) || c == '%' && len(p) > 2 && strings.ContainsRune("([{<|!", rune(p[1])):
		open := 1
		if p[1] == 'q' || p[1] == 'Q' {
			open = 2
		}
		closer := map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}[p[open]]
		if closer == 0 {
			closer = p[open]
		}
		if p[len(p)-1] == closer {
			a.kind = aString
			a.s = p[open+1 : len(p)-1]
			a.interp = p[1] != 'q' && strings.Contains(a.s, "#{")
		}
	case c == ':' && len(p) > 1:
		name := p[1:]
		if strings.HasPrefix(name, `"`) {
			a.interp = strings.Contains(name, "#{") // :"test_#{x}"
		}
		if strings.HasPrefix(name, `"`) || strings.HasPrefix(name, "'") {
			name = strings.Trim(name, `"'`)
		}
		if isWord(name) || name != "" && !strings.ContainsAny(name, " ,()") {
			a.kind, a.s = aSymbol, name
		} else {
			a.interp = false
		}
	case c >= 'A' && c <= 'Z':
		if isConstPath(p) {
			a.kind, a.s = aConst, p
		}
	}
	return a
}

// pairKey returns k when p starts with "k:" followed by a space or a value
// (a Ruby 1.9 hash key), else "".
func pairKey(p string) string {
	i := 0
	for i < len(p) && (isWordByte(p[i]) || i > 0 && (p[i] == '?' || p[i] == '!')) {
		i++
	}
	if i == 0 || i >= len(p) || p[i] != ':' || i+1 < len(p) && p[i+1] == ':' {
		return ""
	}
	return p[:i]
}

// topArrow finds "=>" outside strings and brackets.
func topArrow(p string) int {
	depth := 0
	for i := 0; i+1 < len(p); i++ {
		switch c := p[i]; c {
		case '"', '\'':
			i = skipQuoted(p, i, c)
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth == 0 && p[i+1] == '>' {
				return i
			}
		}
	}
	return -1
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) && !(i == len(s)-1 && (s[i] == '?' || s[i] == '!' || s[i] == '=')) {
			return false
		}
	}
	return true
}

func isConstPath(s string) bool {
	for seg := range strings.SplitSeq(strings.TrimPrefix(s, "::"), "::") {
		if seg == "" || seg[0] < 'A' || seg[0] > 'Z' || !isWord(seg) {
			return false
		}
	}
	return true
}

// unescapeDouble decodes the common escapes of a double-quoted string;
// interpolations are kept as written.
func unescapeDouble(body string, keep bool) string {
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case '#':
			if keep {
				b.WriteString(`\#`)
			} else {
				b.WriteByte('#')
			}
		default:
			b.WriteByte(body[i])
		}
	}
	return b.String()
}

// arrayElems reads a literal array receiver of .each: [1, :a, "b"], %w[a
// b], %i[a b]. It returns the elements as Ruby's to_s prints them, and
// false when one is not a literal.
func arrayElems(text string, limit int) ([]string, bool) {
	text = strings.TrimSpace(text)
	if len(text) > 3 && text[0] == '%' && (text[1] == 'w' || text[1] == 'i' || text[1] == 'W' || text[1] == 'I') {
		body := text[3 : len(text)-1]
		fields := strings.Fields(body)
		if len(fields) > limit {
			return nil, false
		}
		if text[1] == 'W' || text[1] == 'I' {
			for _, f := range fields {
				if strings.Contains(f, "#{") {
					return nil, false
				}
			}
		}
		return fields, true
	}
	if !strings.HasPrefix(text, "[") || !strings.HasSuffix(text, "]") {
		return nil, false
	}
	parts := splitTop(text[1 : len(text)-1])
	if len(parts) > limit {
		return nil, false
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue // trailing comma
		}
		a := classify(p)
		switch {
		case a.kind == aString && !a.interp, a.kind == aSymbol:
			out = append(out, a.s)
		case isNumber(p), p == "true", p == "false":
			out = append(out, strings.ReplaceAll(p, "_", ""))
		case p == "nil":
			out = append(out, "")
		default:
			return nil, false
		}
	}
	return out, true
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '_' && i > 0:
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}
