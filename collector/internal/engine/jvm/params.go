package jvm

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
)

// Literal values of annotation arguments, rendered as JUnit displays them
// (String.valueOf of the Java value). A value that is not a literal (a
// constant, an enum, a class literal) cannot be rendered, and the test is
// then not expanded.

// unwrap strips parentheses.
func unwrap(n *sitter.Node) *sitter.Node {
	for n != nil && n.Type() == "parenthesized_expression" && n.NamedChildCount() == 1 {
		n = n.NamedChild(0)
	}
	return n
}

// negated returns the operand of a unary minus, or nil.
func negated(n *sitter.Node, src []byte) *sitter.Node {
	switch n.Type() {
	case "unary_expression", "prefix_expression":
		if c := n.NamedChildCount(); c >= 1 && strings.HasPrefix(textOf(n, src), "-") {
			return n.NamedChild(int(c) - 1)
		}
	}
	return nil
}

// intValue reads an integer literal (Java or Kotlin), possibly negated.
func intValue(n *sitter.Node, src []byte) (int64, bool) {
	n = unwrap(n)
	if n == nil {
		return 0, false
	}
	if op := negated(n, src); op != nil {
		v, ok := intValue(op, src)
		return -v, ok
	}
	switch n.Type() {
	case "decimal_integer_literal", "hex_integer_literal", "octal_integer_literal", "binary_integer_literal",
		"integer_literal", "hex_literal", "bin_literal", "long_literal":
	default:
		return 0, false
	}
	s := strings.ReplaceAll(textOf(n, src), "_", "")
	s = strings.TrimRight(s, "lLuU")
	if len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		s = "0o" + s[1:] // Java octal
	}
	v, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		u, err := strconv.ParseUint(s, 0, 64) // 0xFFFF_FFFF_FFFF_FFFFL
		return int64(u), err == nil
	}
	return v, true
}

// floatValue reads a floating-point literal, possibly negated.
func floatValue(n *sitter.Node, src []byte) (float64, bool) {
	n = unwrap(n)
	if n == nil {
		return 0, false
	}
	if op := negated(n, src); op != nil {
		v, ok := floatValue(op, src)
		return -v, ok
	}
	if i, ok := intValue(n, src); ok {
		return float64(i), true
	}
	switch n.Type() {
	case "decimal_floating_point_literal", "real_literal":
	default:
		return 0, false
	}
	s := strings.ReplaceAll(textOf(n, src), "_", "")
	s = strings.TrimRight(s, "fFdD")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// javaFloat formats like Java's Double.toString (Float.toString for bits=32).
func javaFloat(v float64, bits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	a := math.Abs(v)
	if a == 0 || (a >= 1e-3 && a < 1e7) {
		s := strconv.FormatFloat(v, 'f', -1, bits)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(v, 'e', -1, bits) // 1.5e+10
	mant, exp, _ := strings.Cut(s, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// stringValue reads a string literal (Java, Java text block, Kotlin, Kotlin
// raw string) or a concatenation of them.
func stringValue(n *sitter.Node, src []byte) (string, bool) {
	n = unwrap(n)
	if n == nil {
		return "", false
	}
	switch n.Type() {
	case "string_literal", "multiline_string_literal", "line_string_literal":
		return unquote(textOf(n, src))
	case "binary_expression", "additive_expression":
		if n.NamedChildCount() != 2 || n.ChildCount() != 3 || n.Child(1).Type() != "+" {
			return "", false
		}
		l, ok1 := stringValue(n.NamedChild(0), src)
		r, ok2 := stringValue(n.NamedChild(1), src)
		return l + r, ok1 && ok2
	}
	return "", false
}

// unquote returns the value of a Java or Kotlin string or char literal.
func unquote(lit string) (string, bool) {
	if strings.HasPrefix(lit, `"""`) && strings.HasSuffix(lit, `"""`) && len(lit) >= 6 {
		body := lit[3 : len(lit)-3]
		if strings.Contains(body, "${") {
			return "", false // Kotlin template
		}
		return textBlock(body), true
	}
	if len(lit) < 2 || (lit[0] != '"' && lit[0] != '\'') || lit[len(lit)-1] != lit[0] {
		return "", false
	}
	return unescape(lit[1 : len(lit)-1])
}

// textBlock strips a Java text block's incidental indentation (Kotlin raw
// strings keep theirs, which is harmless where we use them: CSV trims).
func textBlock(body string) string {
	if i := strings.IndexByte(body, '\n'); i >= 0 && strings.TrimSpace(body[:i]) == "" {
		body = body[i+1:]
	}
	lines := strings.Split(body, "\n")
	indent := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && i != len(lines)-1 {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			l = l[indent:]
		} else {
			l = strings.TrimLeft(l, " \t")
		}
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	s, _ := unescape(strings.Join(lines, "\n"))
	return s
}

// unescape processes Java and Kotlin escapes; a Kotlin template ($name,
// ${…}) is not a constant we can read.
func unescape(body string) (string, bool) {
	if !strings.ContainsAny(body, `\$`) {
		return body, true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '$' && i+1 < len(body) && (body[i+1] == '{' || body[i+1] == '_' || isLetter(body[i+1])) {
			return "", false
		}
		if c != '\\' || i+1 == len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := body[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 's':
			b.WriteByte(' ')
		case '\n':
			// Java text block line continuation.
		case 'u':
			j := i + 1
			for j < len(body) && body[j] == 'u' {
				j++
			}
			if j+4 <= len(body) {
				if r, err := strconv.ParseUint(body[j:j+4], 16, 32); err == nil {
					b.WriteRune(rune(r))
					i = j + 3
					continue
				}
			}
			b.WriteByte('u')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, j := 0, i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' && v*8+int(body[j]-'0') <= 0377 {
				v = v*8 + int(body[j]-'0')
				j++
			}
			b.WriteRune(rune(v))
			i = j - 1
		default:
			b.WriteByte(e)
		}
	}
	return b.String(), true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// flatten returns the elements of an array initializer ({…} in Java, […] or
// arrayOf(…) in Kotlin), or the value itself.
func flatten(n *sitter.Node, src []byte) []*sitter.Node {
	n = unwrap(n)
	if n == nil {
		return nil
	}
	switch n.Type() {
	case "element_value_array_initializer", "array_initializer", "collection_literal":
		out := make([]*sitter.Node, 0, n.NamedChildCount())
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if c.Type() != "comment" && c.Type() != "line_comment" && c.Type() != "block_comment" {
				out = append(out, c)
			}
		}
		return out
	}
	return []*sitter.Node{n}
}

// valueSourceRows renders @ValueSource(strings = {…}) and its siblings.
func valueSourceRows(a *annot, src []byte) ([]row, bool) {
	if len(a.args) != 1 {
		return nil, false
	}
	arg := a.args[0]
	rows := make([]row, 0, len(arg.values))
	for _, v := range arg.values {
		var s string
		var ok bool
		switch arg.key {
		case "strings":
			s, ok = stringValue(v, src)
		case "ints", "longs", "shorts", "bytes":
			var i int64
			i, ok = intValue(v, src)
			s = strconv.FormatInt(i, 10)
		case "doubles", "floats":
			var f float64
			f, ok = floatValue(v, src)
			bits := 64
			if arg.key == "floats" {
				bits = 32
			}
			s = javaFloat(f, bits)
		case "chars":
			if u := unwrap(v); u != nil && u.Type() == "character_literal" {
				s, ok = unquote(textOf(u, src))
			}
		case "booleans":
			s = textOf(unwrap(v), src)
			ok = s == "true" || s == "false"
		}
		if !ok {
			return nil, false
		}
		rows = append(rows, row{args: []string{s}, line: int(v.StartPoint().Row) + 1})
	}
	return rows, true
}

// csvSourceRows renders the literal rows of @CsvSource, with JUnit's CSV
// rules: ',' between values (or the literal delimiter/delimiterString),
// values trimmed, ” quotes a value, an empty unquoted value is null.
func csvSourceRows(a *annot, src []byte) ([]row, bool) {
	delim, quote := ",", byte('\'')
	var headers bool
	nulls := map[string]bool{}
	var lines []row // args unused: text in names[0]
	for _, arg := range a.args {
		switch arg.key {
		case "value":
			for _, v := range arg.values {
				s, ok := stringValue(v, src)
				if !ok {
					return nil, false
				}
				lines = append(lines, row{names: []string{s}, line: int(v.StartPoint().Row) + 1})
			}
		case "textBlock":
			if len(arg.values) != 1 {
				return nil, false
			}
			s, ok := stringValue(arg.values[0], src)
			if !ok {
				return nil, false
			}
			// Rows start on the literal's second line when its first line
			// (after the opening quotes) is blank, as in a Java text block.
			first := int(arg.values[0].StartPoint().Row) + 1
			if lit := textOf(unwrap(arg.values[0]), src); strings.HasPrefix(lit, `"""`) {
				if i := strings.IndexByte(lit, '\n'); i >= 0 && strings.TrimSpace(lit[3:i]) == "" {
					first++
				}
			}
			for i, l := range strings.Split(s, "\n") {
				if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
					continue
				}
				lines = append(lines, row{names: []string{l}, line: first + i})
			}
		case "delimiter":
			if len(arg.values) != 1 {
				return nil, false
			}
			s, ok := unquote(textOf(unwrap(arg.values[0]), src))
			if !ok || s == "" {
				return nil, false
			}
			delim = s
		case "delimiterString":
			if len(arg.values) != 1 {
				return nil, false
			}
			s, ok := stringValue(arg.values[0], src)
			if !ok || s == "" {
				return nil, false
			}
			delim = s
		case "quoteCharacter":
			if len(arg.values) != 1 {
				return nil, false
			}
			s, ok := unquote(textOf(unwrap(arg.values[0]), src))
			if !ok || len(s) != 1 {
				return nil, false
			}
			quote = s[0]
		case "useHeadersInDisplayName":
			headers = len(arg.values) == 1 && textOf(arg.values[0], src) == "true"
		case "nullValues":
			for _, v := range arg.values {
				s, ok := stringValue(v, src)
				if !ok {
					return nil, false
				}
				nulls[s] = true
			}
		case "ignoreLeadingAndTrailingWhitespace", "emptyValue", "maxCharsPerColumn":
			if arg.key != "maxCharsPerColumn" {
				return nil, false // changes values; rare enough not to model
			}
		default:
			return nil, false
		}
	}
	rows := make([]row, 0, len(lines))
	var names []string
	for i, l := range lines {
		vals := parseCSVLine(l.names[0], delim, quote)
		args := make([]string, len(vals))
		for j, v := range vals {
			switch {
			case v == nil || nulls[*v]:
				args[j] = "null"
			default:
				args[j] = *v
			}
		}
		if headers && i == 0 {
			names = args
			continue
		}
		rows = append(rows, row{args: args, names: names, line: l.line})
	}
	return rows, true
}

// parseCSVLine splits one CSV row; a nil value is null.
func parseCSVLine(line, delim string, quote byte) []*string {
	var out []*string
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == quote {
			var b strings.Builder
			i++
			for i < len(line) {
				if line[i] == quote {
					if i+1 < len(line) && line[i+1] == quote {
						b.WriteByte(quote)
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(line[i])
				i++
			}
			s := b.String()
			// Anything between the closing quote and the delimiter is kept
			// out: JUnit would reject such a row anyway.
			j := strings.Index(line[i:], delim)
			out = append(out, &s)
			if j < 0 {
				return out
			}
			i += j + len(delim)
			continue
		}
		j := strings.Index(line[i:], delim)
		var v string
		if j < 0 {
			v = line[i:]
		} else {
			v = line[i : i+j]
		}
		v = strings.TrimRight(v, " \t\r")
		if v == "" {
			out = append(out, nil)
		} else {
			out = append(out, &v)
		}
		if j < 0 {
			return out
		}
		i += j + len(delim)
	}
}

// formatParamName applies a @ParameterizedTest name pattern the way JUnit
// does (its placeholders, then java.text.MessageFormat quoting and {n}).
func formatParamName(pattern string, index int, displayName string, r row) string {
	withNames := make([]string, len(r.args))
	for i, a := range r.args {
		if i < len(r.names) {
			withNames[i] = r.names[i] + " = " + a
		} else {
			withNames[i] = a
		}
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\'':
			if i+1 < len(pattern) && pattern[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			end := strings.IndexByte(pattern[i+1:], '\'')
			if end < 0 {
				b.WriteString(pattern[i+1:])
				return b.String()
			}
			b.WriteString(pattern[i+1 : i+1+end])
			i += end + 1
		case c == '{':
			end := strings.IndexByte(pattern[i:], '}')
			if end < 0 {
				b.WriteString(pattern[i:])
				return b.String()
			}
			ph := pattern[i+1 : i+end]
			switch ph {
			case "index":
				b.WriteString(strconv.Itoa(index))
			case "arguments":
				b.WriteString(strings.Join(r.args, ", "))
			case "argumentsWithNames", "argumentSetNameOrArgumentsWithNames":
				b.WriteString(strings.Join(withNames, ", "))
			case "displayName":
				b.WriteString(displayName)
			default:
				if n, err := strconv.Atoi(ph); err == nil && n >= 0 && n < len(r.args) {
					b.WriteString(r.args[n])
				} else {
					b.WriteString(pattern[i : i+end+1])
				}
			}
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
