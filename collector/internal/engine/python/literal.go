package python

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// valKind says what a statically read Python expression is.
type valKind int

const (
	vOther  valKind = iota // anything not understood: a computed value
	vStr                   // a string or bytes literal (s holds its value)
	vNum                   // a number literal (s holds str() of it)
	vConst                 // True, False, None (s holds the keyword)
	vName                  // a (dotted) name (s holds it)
	vCall                  // a call of a (dotted) name (s holds the callee)
	vSeq                   // a tuple or list literal
	vLambda                // a lambda expression (pytest's id: <lambda>)
)

// val is one expression of a decorator or a module-level assignment, read
// from its text: only literals, names and calls are understood.
type val struct {
	kind  valKind
	s     string
	bytes bool           // vStr: a bytes literal
	items []val          // vSeq elements, vCall positional arguments
	kw    map[string]val // vCall keyword arguments
}

// maxValNodes bounds what one expression may hold: a longer literal is read
// as vOther (no cases), so that a hostile decorator cannot allocate without
// bound or recurse too deep.
const (
	maxValNodes = 20000
	maxValDepth = 64
)

// tokKind is a lexical class of the small expression scanner.
type tokKind int

const (
	tEOF tokKind = iota
	tName
	tNum
	tStr
	tFStr // an f-string: not a literal
	tOp
)

type token struct {
	kind  tokKind
	text  string // tName, tNum, tOp: as written; tStr: the decoded value
	bytes bool   // tStr: a bytes literal
}

// lex splits Python expression text into tokens. It never fails: unknown
// bytes become one-byte operators.
func lex(src string) []token {
	var out []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case isStrStart(src, i):
			j := i
			for j < len(src) && src[j] != '\'' && src[j] != '"' {
				j++
			}
			prefix := strings.ToLower(src[i:j])
			v, end := scanString(src, j, strings.Contains(prefix, "r"))
			kind := tStr
			if strings.Contains(prefix, "f") || strings.Contains(prefix, "t") {
				kind = tFStr
			}
			out = append(out, token{kind: kind, text: v, bytes: strings.Contains(prefix, "b")})
			i = end
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			out = append(out, token{kind: tName, text: src[i:j]})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i + 1
			for j < len(src) {
				d := src[j]
				if isIdentPart(d) || d == '.' {
					j++
					continue
				}
				if (d == '+' || d == '-') && (src[j-1] == 'e' || src[j-1] == 'E') && !strings.HasPrefix(strings.ToLower(src[i:j]), "0x") {
					j++
					continue
				}
				break
			}
			out = append(out, token{kind: tNum, text: src[i:j]})
			i = j
		default:
			// Multi-byte operators matter only as "not a literal": keep
			// them whole so that "==" is not read as "=" keyword syntax.
			j := i + 1
			if j < len(src) && strings.ContainsRune("=!<>*/", rune(c)) && (src[j] == '=' || src[j] == c) {
				j++
			}
			out = append(out, token{kind: tOp, text: src[i:j]})
			i = j
		}
	}
	return out
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// isStrStart reports whether a string literal (with an optional prefix such
// as r, b, rb, f) starts at i.
func isStrStart(src string, i int) bool {
	for j := i; j < len(src) && j < i+3; j++ {
		switch src[j] {
		case '\'', '"':
			return true
		case 'r', 'R', 'b', 'B', 'u', 'U', 'f', 'F', 't', 'T':
			continue
		default:
			return false
		}
	}
	return false
}

// runeNames maps Unicode character names (upper case) to their runes, for
// \N{…} escapes; built on first use, since few files write one.
var runeNames = sync.OnceValue(func() map[string]rune {
	names := map[string]rune{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
			names[n] = r
		}
	}
	// Python also knows the control characters by their aliases.
	for alias, r := range map[string]rune{"NULL": 0, "BELL": 7, "BACKSPACE": 8, "CHARACTER TABULATION": 9, "LINE FEED": 10,
		"LINE TABULATION": 11, "FORM FEED": 12, "CARRIAGE RETURN": 13, "ESCAPE": 27, "DELETE": 127, "NO-BREAK SPACE": 0xa0} {
		names[alias] = r
	}
	return names
})

// runeNamed returns the rune a \N{name} escape names (any case).
func runeNamed(name string) (rune, bool) {
	r, ok := runeNames()[strings.ToUpper(strings.TrimSpace(name))]
	return r, ok
}

// scanString decodes the string literal whose opening quote is at i and
// returns its value and the index after it.
func scanString(src string, i int, raw bool) (string, int) {
	q := src[i]
	triple := strings.HasPrefix(src[i:], strings.Repeat(string(q), 3))
	open := 1
	if triple {
		open = 3
	}
	var b strings.Builder
	j := i + open
	for j < len(src) {
		c := src[j]
		if c == q && (!triple || strings.HasPrefix(src[j:], strings.Repeat(string(q), 3))) {
			return b.String(), j + open
		}
		if c == '\\' && j+1 < len(src) {
			if raw {
				b.WriteByte(c)
				b.WriteByte(src[j+1])
				j += 2
				continue
			}
			j += 2
			switch e := src[j-1]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				// Up to three octal digits.
				n := int(e - '0')
				for k := 0; k < 2 && j < len(src) && src[j] >= '0' && src[j] <= '7'; k++ {
					n = n*8 + int(src[j]-'0')
					j++
				}
				b.WriteRune(rune(n))
			case 'N':
				if end := strings.IndexByte(src[j:], '}'); j < len(src) && src[j] == '{' && end > 0 {
					if r, ok := runeNamed(src[j+1 : j+end]); ok {
						b.WriteRune(r)
						j += end + 1
						continue
					}
				}
				b.WriteString(`\N`)
			case '\n':
			case 'x':
				if j+2 <= len(src) {
					if n, err := strconv.ParseUint(src[j:j+2], 16, 8); err == nil {
						b.WriteRune(rune(n))
						j += 2
						continue
					}
				}
				b.WriteString(`\x`)
			case 'u', 'U':
				w := 4
				if e == 'U' {
					w = 8
				}
				if j+w <= len(src) {
					if n, err := strconv.ParseUint(src[j:j+w], 16, 32); err == nil && utf8.ValidRune(rune(n)) {
						b.WriteRune(rune(n))
						j += w
						continue
					}
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			case '\\', '\'', '"':
				b.WriteByte(e)
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
			continue
		}
		b.WriteByte(c)
		j++
	}
	return b.String(), j
}

// parser reads a token list into vals.
type parser struct {
	toks  []token
	pos   int
	nodes int
	depth int
	comp  bool // skipRest met `for` at its level: a comprehension
}

// parseExpr reads the Python expression in src. An expression the parser
// does not fully understand is vOther.
func parseExpr(src string) val {
	p := &parser{toks: lex(src)}
	v := p.expr()
	if p.peek().kind != tEOF {
		return val{}
	}
	return v
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{}
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

// expr reads one expression up to a ',' or a closing bracket at its level;
// whatever is not a plain literal, name or call becomes vOther.
func (p *parser) expr() val {
	p.nodes++
	if p.nodes > maxValNodes || p.depth > maxValDepth {
		p.pos = len(p.toks)
		return val{}
	}
	v := p.primary()
	if !p.atEnd() {
		// An operator, a subscript, a lambda, a conditional: computed.
		p.skipRest()
		return val{}
	}
	return v
}

// atEnd reports whether the current expression ends here.
func (p *parser) atEnd() bool {
	t := p.peek()
	return t.kind == tEOF || t.kind == tOp && (t.text == "," || t.text == ")" || t.text == "]" || t.text == "}" || t.text == ":" || t.text == "=")
}

// skipRest skips the tokens of the current expression, balancing brackets.
func (p *parser) skipRest() {
	depth := 0
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return
				}
				depth--
			case ",", ":", "=":
				if depth == 0 {
					return
				}
			}
		} else if t.kind == tName && t.text == "for" && depth == 0 {
			p.comp = true
		}
		p.pos++
	}
}

func (p *parser) primary() val {
	t := p.peek()
	switch t.kind {
	case tStr, tFStr:
		s, lit, bytes := "", true, t.bytes
		for p.peek().kind == tStr || p.peek().kind == tFStr {
			tk := p.toks[p.pos]
			lit = lit && tk.kind == tStr && tk.bytes == bytes
			s += tk.text
			p.pos++
		}
		if !lit {
			return val{}
		}
		return val{kind: vStr, s: s, bytes: bytes}
	case tNum:
		p.pos++
		if s, ok := pyNumber(t.text, false); ok {
			return val{kind: vNum, s: s}
		}
		return val{}
	case tOp:
		switch t.text {
		case "-", "+":
			p.pos++
			if n := p.peek(); n.kind == tNum {
				p.pos++
				if s, ok := pyNumber(n.text, t.text == "-"); ok {
					return val{kind: vNum, s: s}
				}
			}
			return val{}
		case "(", "[":
			p.pos++
			closing := ")"
			if t.text == "[" {
				closing = "]"
			}
			p.depth++
			items, trailingComma, ok := p.list(closing)
			p.depth--
			if !ok {
				return val{}
			}
			if t.text == "(" && len(items) == 1 && !trailingComma {
				return items[0] // parentheses, not a tuple
			}
			return val{kind: vSeq, items: items}
		}
		return val{}
	case tName:
		switch t.text {
		case "True", "False", "None":
			p.pos++
			return val{kind: vConst, s: t.text}
		case "lambda":
			// Its value is a function, whose id pytest takes from its
			// name: <lambda>. Its parameters run to the first colon, its
			// body to the next comma or closing bracket at this level.
			p.pos++
			for depth := 0; ; p.pos++ {
				tk := p.peek()
				if tk.kind == tEOF {
					return val{}
				}
				if tk.kind == tOp && (tk.text == "(" || tk.text == "[" || tk.text == "{") {
					depth++
				} else if tk.kind == tOp && (tk.text == ")" || tk.text == "]" || tk.text == "}") {
					depth--
				} else if tk.kind == tOp && tk.text == ":" && depth == 0 {
					p.pos++
					break
				}
			}
			for depth := 0; ; p.pos++ {
				tk := p.peek()
				if tk.kind == tEOF {
					return val{kind: vLambda}
				}
				if tk.kind != tOp {
					continue
				}
				switch tk.text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					if depth == 0 {
						return val{kind: vLambda}
					}
					depth--
				case ",":
					if depth == 0 {
						return val{kind: vLambda}
					}
				}
			}
		case "not", "await", "yield":
			return val{}
		}
		name := t.text
		p.pos++
		for p.isOp(".") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tName {
			name += "." + p.toks[p.pos+1].text
			p.pos += 2
		}
		if !p.isOp("(") {
			return val{kind: vName, s: name}
		}
		p.pos++
		p.depth++
		defer func() { p.depth-- }()
		call := val{kind: vCall, s: name}
		for !p.isOp(")") {
			if p.peek().kind == tEOF {
				return val{}
			}
			if p.isOp("*") || p.isOp("**") {
				p.pos++
				p.expr()
				call.kind = vOther
			} else if p.peek().kind == tName && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tOp && p.toks[p.pos+1].text == "=" {
				key := p.peek().text
				p.pos += 2
				if call.kw == nil {
					call.kw = map[string]val{}
				}
				call.kw[key] = p.expr()
			} else {
				call.items = append(call.items, p.expr())
			}
			if p.comp {
				p.comp = false // f(x for x in xs): a computed argument
				call.kind = vOther
			}
			if p.isOp(",") {
				p.pos++
			} else if !p.isOp(")") {
				return val{}
			}
		}
		p.pos++
		if call.kind == vOther {
			return val{}
		}
		return call
	}
	return val{}
}

// list reads comma-separated expressions up to closing.
func (p *parser) list(closing string) (items []val, trailingComma, ok bool) {
	for !p.isOp(closing) {
		if p.peek().kind == tEOF || p.nodes > maxValNodes {
			return nil, false, false
		}
		if p.isOp("*") {
			return nil, false, false
		}
		items = append(items, p.expr())
		if p.comp {
			// [x for x in xs]: computed, not a list of one element.
			p.comp = false
			p.skipRest()
			if p.isOp(closing) {
				p.pos++
			}
			return nil, false, false
		}
		trailingComma = false
		if p.isOp(",") {
			p.pos++
			trailingComma = true
		} else if !p.isOp(closing) {
			return nil, false, false
		}
	}
	p.pos++
	return items, trailingComma, true
}

// pyNumber returns str() of a Python number literal, as pytest prints it in
// an id.
func pyNumber(lit string, neg bool) (string, bool) {
	s := strings.ReplaceAll(strings.ToLower(lit), "_", "")
	sign := ""
	if neg {
		sign = "-"
	}
	if strings.HasSuffix(s, "j") {
		return "", false // complex: rare, and str() of it is fiddly
	}
	base := 10
	digits := s
	switch {
	case strings.HasPrefix(s, "0x"):
		base, digits = 16, s[2:]
	case strings.HasPrefix(s, "0o"):
		base, digits = 8, s[2:]
	case strings.HasPrefix(s, "0b"):
		base, digits = 2, s[2:]
	}
	if base != 10 || !strings.ContainsAny(s, ".e") {
		n, ok := new(big.Int).SetString(digits, base)
		if !ok {
			return "", false
		}
		if n.Sign() == 0 {
			sign = ""
		}
		return sign + n.String(), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return "", false
	}
	if neg {
		f = -f
	}
	return pyFloat(f), true
}

// pyFloat formats f as Python's repr does: the shortest round-tripping
// digits, positional between 1e-4 and 1e16, with ".0" on whole numbers.
func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	if exp < -4 || exp >= 16 {
		es := strconv.Itoa(abs(exp))
		if len(es) < 2 {
			es = "0" + es
		}
		sign := "+"
		if exp < 0 {
			sign = "-"
		}
		return mant + "e" + sign + es
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// asciiEscaped escapes an id as pytest does (unicode_escape of non-ASCII
// and non-printable characters).
// bytesEscaped is pytest's id of a bytes value: decoded as ASCII with a
// byte over 0x7f as \xNN (a backslash stays one), then the non-printable
// characters escaped. The decoded literal holds each byte as a rune.
func bytesEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !writePrintable(&b, r) {
			b.WriteString(`\x` + hex(uint64(r&0xff), 2))
		}
	}
	return b.String()
}

// writePrintable writes r as pytest's ids show it when it is a tab, newline,
// carriage return (escaped by name) or printable ASCII; false for the rest.
func writePrintable(b *strings.Builder, r rune) bool {
	switch {
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\r':
		b.WriteString(`\r`)
	case r >= 0x20 && r < 0x7f:
		b.WriteRune(r)
	default:
		return false
	}
	return true
}

func asciiEscaped(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\\' {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case writePrintable(&b, r):
		case r < 0x100:
			b.WriteString(`\x` + hex(uint64(r), 2))
		case r < 0x10000:
			b.WriteString(`\u` + hex(uint64(r), 4))
		default:
			b.WriteString(`\U` + hex(uint64(r), 8))
		}
	}
	return b.String()
}

func hex(n uint64, width int) string {
	s := strconv.FormatUint(n, 16)
	for len(s) < width {
		s = "0" + s
	}
	return s
}
