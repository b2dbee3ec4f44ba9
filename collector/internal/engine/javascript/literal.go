package javascript

import (
	"strconv"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// kind is the type of a statically known JavaScript value.
type kind uint8

const (
	vUnknown kind = iota // anything that is not a literal (identifier, call, spread, …)
	vString
	vNumber
	vBool
	vNull
	vUndefined
	vArray
	vObject
)

// value is a JavaScript literal read from source text: enough of the
// language to format the rows of an it.each table.
type value struct {
	kind  kind
	str   string   // vString; the source text for vUnknown
	num   float64  // vNumber
	b     bool     // vBool
	elems []value  // vArray elements, vObject values
	keys  []string // vObject keys, in source order
	// off is the byte offset of the value in the text it was read from.
	off int
}

// maxLiteralDepth and maxLiteralItems bound what the literal reader builds
// from one table, whatever the input.
const (
	maxLiteralDepth = 32
	maxLiteralItems = 100_000
)

// litReader reads JavaScript literals from a piece of source text. It never
// fails: what it cannot read becomes a vUnknown value, skipped up to the next
// separator at its nesting level.
type litReader struct {
	s     string
	i     int
	items int
}

func (r *litReader) skipSpace() {
	for r.i < len(r.s) {
		c := r.s[r.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			r.i++
		case c == '/' && r.i+1 < len(r.s) && r.s[r.i+1] == '/':
			for r.i < len(r.s) && r.s[r.i] != '\n' {
				r.i++
			}
		case c == '/' && r.i+1 < len(r.s) && r.s[r.i+1] == '*':
			end := strings.Index(r.s[r.i+2:], "*/")
			if end < 0 {
				r.i = len(r.s)
			} else {
				r.i += end + 4
			}
		default:
			return
		}
	}
}

// read reads one value (an element of an array, a property value).
func (r *litReader) read(depth int) value {
	r.skipSpace()
	start := r.i
	r.items++
	if r.i >= len(r.s) || depth > maxLiteralDepth || r.items > maxLiteralItems {
		r.skipExpr()
		return value{kind: vUnknown, off: start}
	}
	var v value
	switch c := r.s[r.i]; {
	case c == '[':
		v = r.readArray(depth)
	case c == '{':
		v = r.readObject(depth)
	case c == '\'' || c == '"' || c == '`':
		s, ok := r.readString()
		if ok {
			v = value{kind: vString, str: s}
		}
	default:
		v = r.readWord()
	}
	v.off = start
	// TypeScript's assertions leave the value as it is: 'x' as const,
	// { … } as Row, [1, 2] satisfies Pair.
	r.skipSpace()
	for v.kind != vUnknown && r.typeAssertion() {
		r.skipSpace()
	}
	// Anything after a literal other than a separator (a + b, x.y, f()) makes
	// it an expression.
	if r.i < len(r.s) && !isSep(r.s[r.i]) {
		r.skipExpr()
		v = value{kind: vUnknown, off: start}
	}
	if v.kind == vUnknown {
		v.str = strings.TrimSpace(r.s[start:r.i])
	}
	return v
}

// typeAssertion skips `as T` or `satisfies T` at the reader's position (T up
// to the next separator at its nesting level, generic arguments included) and
// reports whether there was one.
func (r *litReader) typeAssertion() bool {
	rest := r.s[r.i:]
	var kw string
	switch {
	case strings.HasPrefix(rest, "as"):
		kw = "as"
	case strings.HasPrefix(rest, "satisfies"):
		kw = "satisfies"
	default:
		return false
	}
	if len(rest) == len(kw) || isIdentByte(rest[len(kw)]) {
		return false
	}
	r.i += len(kw)
	r.skip(true) // T, up to the next separator: generic arguments included
	return true
}

func isSep(c byte) bool { return c == ',' || c == ']' || c == '}' || c == ')' }

// skipExpr skips to the next separator at the current nesting level,
// stepping over strings and brackets.
func (r *litReader) skipExpr() { r.skip(false) }

// skip skips to the next separator (a comma, or a closing bracket not
// opened here), stepping over strings, comments and brackets; with types,
// also over the <…> of generic arguments (not the => of a function type).
func (r *litReader) skip(types bool) {
	depth, angle := 0, 0
	for r.i < len(r.s) {
		c := r.s[r.i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			r.readString()
			continue
		case c == '/' && r.i+1 < len(r.s) && (r.s[r.i+1] == '/' || r.s[r.i+1] == '*'):
			r.skipSpace()
			continue
		case types && c == '<':
			angle++
		case types && c == '>' && angle > 0 && r.s[r.i-1] != '=':
			angle--
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 && angle == 0 {
				return
			}
			if depth > 0 {
				depth--
			}
		case c == ',' && depth == 0 && angle == 0:
			return
		}
		r.i++
	}
}

func (r *litReader) readArray(depth int) value {
	v := value{kind: vArray}
	r.i++ // [
	for {
		r.skipSpace()
		if r.i >= len(r.s) {
			return value{kind: vUnknown}
		}
		if r.s[r.i] == ']' {
			r.i++
			return v
		}
		if r.s[r.i] == ',' { // hole
			r.i++
			v.elems = append(v.elems, value{kind: vUndefined, off: r.i - 1})
			continue
		}
		if strings.HasPrefix(r.s[r.i:], "...") {
			r.skipExpr()
			v.kind = vUnknown // a spread: the length is not known
		} else {
			v.elems = append(v.elems, r.read(depth+1))
		}
		r.skipSpace()
		if r.i < len(r.s) && r.s[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.s) && r.s[r.i] == ']' {
			continue
		}
		r.skipExpr()
		return value{kind: vUnknown}
	}
}

func (r *litReader) readObject(depth int) value {
	v := value{kind: vObject}
	r.i++ // {
	for {
		r.skipSpace()
		if r.i >= len(r.s) {
			return value{kind: vUnknown}
		}
		if r.s[r.i] == '}' {
			r.i++
			return v
		}
		key, ok := r.readKey()
		r.skipSpace()
		if !ok || r.i >= len(r.s) || r.s[r.i] != ':' {
			// shorthand, method, spread, computed key: not a literal.
			v.kind = vUnknown
			r.skipExpr()
		} else {
			r.i++ // :
			val := r.read(depth + 1)
			v.keys = append(v.keys, key)
			v.elems = append(v.elems, val)
		}
		r.skipSpace()
		if r.i < len(r.s) && r.s[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.s) && r.s[r.i] == '}' {
			continue
		}
		r.skipExpr()
		return value{kind: vUnknown}
	}
}

func (r *litReader) readKey() (string, bool) {
	if r.i < len(r.s) && (r.s[r.i] == '\'' || r.s[r.i] == '"') {
		return r.readString()
	}
	start := r.i
	for r.i < len(r.s) && isIdentByte(r.s[r.i]) {
		r.i++
	}
	return r.s[start:r.i], r.i > start
}

// readString reads a quoted string ('…', "…" or `…` without ${}).
func (r *litReader) readString() (string, bool) {
	q := r.s[r.i]
	start := r.i
	r.i++
	interp := false
	for r.i < len(r.s) {
		c := r.s[r.i]
		if c == '\\' {
			r.i += 2
			continue
		}
		if q == '`' && c == '$' && r.i+1 < len(r.s) && r.s[r.i+1] == '{' {
			interp = true
			r.i += 2
			r.skipExpr() // stops at the closing }
			if r.i < len(r.s) {
				r.i++
			}
			continue
		}
		if c == q {
			r.i++
			if interp {
				return "", false
			}
			return unescape(r.s[start+1 : r.i-1]), true
		}
		if c == '\n' && q != '`' {
			break
		}
		r.i++
	}
	if r.i > len(r.s) {
		r.i = len(r.s)
	}
	return "", false
}

func (r *litReader) readWord() value {
	start := r.i
	for r.i < len(r.s) && (isIdentByte(r.s[r.i]) || r.s[r.i] == '.' || r.s[r.i] == '-' || r.s[r.i] == '+') {
		// '+'/'-' only as a sign or in an exponent.
		if (r.s[r.i] == '-' || r.s[r.i] == '+') && r.i > start && r.s[r.i-1] != 'e' && r.s[r.i-1] != 'E' {
			break
		}
		r.i++
	}
	w := r.s[start:r.i]
	switch w {
	case "true", "false":
		return value{kind: vBool, b: w == "true"}
	case "null":
		return value{kind: vNull}
	case "undefined":
		return value{kind: vUndefined}
	case "NaN", "Infinity", "-Infinity", "+Infinity":
		f, _ := strconv.ParseFloat(strings.TrimPrefix(w, "+"), 64)
		return value{kind: vNumber, num: f}
	}
	if f, ok := parseNumber(w); ok {
		return value{kind: vNumber, num: f}
	}
	if r.i == start {
		r.skipExpr()
	}
	return value{kind: vUnknown}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// parseNumber reads a JavaScript numeric literal, with an optional sign.
func parseNumber(w string) (float64, bool) {
	neg := false
	if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "+") {
		neg = w[0] == '-'
		w = w[1:]
	}
	if w == "" || w[0] != '.' && (w[0] < '0' || w[0] > '9') || strings.HasSuffix(w, "n") {
		return 0, false
	}
	w = strings.ReplaceAll(w, "_", "")
	var f float64
	if len(w) > 2 && w[0] == '0' && strings.ContainsRune("xXoObB", rune(w[1])) {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[w[1]]
		n, err := strconv.ParseUint(w[2:], base, 64)
		if err != nil {
			return 0, false
		}
		f = float64(n)
	} else {
		var err error
		if f, err = strconv.ParseFloat(w, 64); err != nil {
			return 0, false
		}
	}
	if neg {
		f = -f
	}
	return f, true
}

// jsEscapes are JavaScript's escapes as far as titles need them: the C ones
// and a backslash-newline line continuation, which stands for nothing.
var jsEscapes = ts.CEscapes.With(map[byte]string{'\n': ""})

// unescape resolves the escapes of a JavaScript string body.
func unescape(body string) string { return ts.Unescape(body, &jsEscapes) }

// parseLiteral reads the whole of s as one literal.
func parseLiteral(s string) value {
	r := &litReader{s: s}
	v := r.read(0)
	r.skipSpace()
	if r.i < len(r.s) {
		return value{kind: vUnknown}
	}
	return v
}

// templateTable reads a Jest tagged-template table (`a | b\n${1} | ${2}`,
// the text between the backticks): the headings, then the ${} values in
// order, cut into rows. ok=false when it is not a well-formed table.
func templateTable(body string) (headings []string, rows [][]value, ok bool) {
	first := strings.Index(body, "${")
	if first < 0 {
		return nil, nil, false
	}
	head := body[:first]
	if nl := strings.LastIndexByte(strings.TrimRight(head, " \t\r\n"), '\n'); nl >= 0 {
		head = head[nl+1:] // comment lines above the headings are not allowed, but blank ones are
	}
	for h := range strings.SplitSeq(head, "|") {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, nil, false
		}
		headings = append(headings, h)
	}
	var cells []value
	r := &litReader{s: body}
	for i := first; i >= 0 && i < len(body); {
		r.i = i + 2
		start := r.i
		r.skipExpr()
		if r.i >= len(body) || body[r.i] != '}' {
			return nil, nil, false
		}
		v := parseLiteral(body[start:r.i])
		v.off = start
		cells = append(cells, v)
		if len(cells) > maxLiteralItems {
			return nil, nil, false
		}
		next := strings.Index(body[r.i:], "${")
		if next < 0 {
			break
		}
		i = r.i + next
	}
	if len(headings) == 0 || len(cells)%len(headings) != 0 {
		return nil, nil, false
	}
	for i := 0; i < len(cells); i += len(headings) {
		rows = append(rows, cells[i:i+len(headings)])
	}
	return headings, rows, true
}
