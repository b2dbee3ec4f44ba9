package dotnet

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// style is how a framework names a data row.
type style int

const (
	styleXUnit  style = iota + 1 // Method(a: 1, s: "x")
	styleNUnit                   // Method(1,"x")
	styleMSTest                  // Method (1,"x")
)

// arg is one attribute argument; name is set for Name = value.
type arg struct {
	name  string
	value *sitter.Node
}

// maxArgs bounds the arguments read from one attribute.
const maxArgs = 256

// args lists the arguments of an attribute node.
func args(attrNode *sitter.Node, src []byte) []arg {
	var list *sitter.Node
	for i := 0; i < int(attrNode.NamedChildCount()); i++ {
		if c := attrNode.NamedChild(i); c.Type() == "attribute_argument_list" {
			list = c
			break
		}
	}
	if list == nil {
		return nil
	}
	var out []arg
	for i := 0; i < int(list.NamedChildCount()) && len(out) < maxArgs; i++ {
		a := list.NamedChild(i)
		if a.Type() != "attribute_argument" || a.NamedChildCount() == 0 {
			continue
		}
		first := a.NamedChild(0)
		switch first.Type() {
		case "assignment_expression":
			out = append(out, arg{name: ts.Text(first.ChildByFieldName("left"), src), value: first.ChildByFieldName("right")})
		case "name_equals":
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(ts.Text(first, src)), "="))
			out = append(out, arg{name: name, value: a.NamedChild(int(a.NamedChildCount()) - 1)})
		case "name_colon":
			out = append(out, arg{value: a.NamedChild(int(a.NamedChildCount()) - 1)})
		default:
			out = append(out, arg{value: first})
		}
	}
	return out
}

// param is one method parameter.
type param struct {
	name     string
	typ      string
	isParams bool
}

func paramsOf(list *sitter.Node, src []byte) []param {
	out := []param{}
	if list == nil {
		return out
	}
	sawParams := false
	for i := 0; i < int(list.ChildCount()) && len(out) < maxArgs; i++ {
		c := list.Child(i)
		switch {
		case c.Type() == "parameter":
			if n := c.ChildByFieldName("name"); n != nil {
				out = append(out, param{name: ts.Text(n, src), typ: ts.Text(c.ChildByFieldName("type"), src),
					isParams: strings.HasPrefix(ts.Text(c, src), "params ")})
			}
		case !c.IsNamed() && ts.Text(c, src) == "params":
			sawParams = true
		case c.Type() == "identifier" && list.FieldNameForChild(i) == "name":
			out = append(out, param{name: ts.Text(c, src), isParams: sawParams})
		}
	}
	return out
}

// kind is the type of a literal value.
type kind int

const (
	kOther kind = iota
	kInt
	kReal
	kString
	kChar
	kBool
	kNull
	kEnum
	kType
	kArray
)

// value is a literal attribute argument.
type value struct {
	kind kind
	str  string  // string/char contents, bool "true"/"false", enum member, type, raw text
	num  float64 // kReal
	i    uint64  // kInt magnitude
	neg  bool
	typ  byte // numeric suffix: 'l' long, 'u' uint, 'U' ulong, 'f' float, 'd' double, 'm' decimal, 0 int/double
	elem []value
	text string // kReal: digits as written (decimal)
}

// maxElems bounds the array elements read from one argument.
const maxElems = 64

// literal reads an attribute argument; ok=false when it is not a literal
// (then the source text is used for display).
func literal(n *sitter.Node, src []byte) (value, bool) { return literalDepth(n, src, 0) }

// maxDepth bounds the nesting of arrays and parentheses that is read.
const maxDepth = 16

func literalDepth(n *sitter.Node, src []byte, depth int) (value, bool) {
	if n == nil || depth > maxDepth {
		return value{}, false
	}
	text := ts.Text(n, src)
	switch n.Type() {
	case "integer_literal":
		return intLiteral(text)
	case "real_literal":
		return realLiteral(text)
	case "string_literal", "verbatim_string_literal", "raw_string_literal":
		s, ok := stringLiteral(text)
		return value{kind: kString, str: s}, ok
	case "character_literal":
		s, ok := stringLiteral(text)
		return value{kind: kChar, str: s}, ok
	case "boolean_literal":
		return value{kind: kBool, str: text}, true
	case "null_literal":
		return value{kind: kNull}, true
	case "typeof_expression":
		if t := n.ChildByFieldName("type"); t != nil {
			return value{kind: kType, str: ts.Text(t, src)}, true
		}
	case "member_access_expression":
		if v, ok := wellKnown[strings.Join(strings.Fields(text), "")]; ok {
			return v, true
		}
		if nm := n.ChildByFieldName("name"); nm != nil {
			return value{kind: kEnum, str: ts.Text(nm, src)}, true
		}
	case "parenthesized_expression", "cast_expression", "checked_expression":
		if c := n.NamedChildCount(); c > 0 {
			return literalDepth(n.NamedChild(int(c)-1), src, depth+1)
		}
	case "prefix_unary_expression":
		if n.NamedChildCount() == 1 && (strings.HasPrefix(text, "-") || strings.HasPrefix(text, "+")) {
			v, ok := literalDepth(n.NamedChild(0), src, depth+1)
			if ok && (v.kind == kInt || v.kind == kReal) {
				if text[0] == '-' {
					v.neg = !v.neg
					v.num = -v.num
				}
				return v, true
			}
		}
	case "invocation_expression":
		// nameof(X.Y) is the string "Y".
		if strings.HasPrefix(text, "nameof(") && strings.HasSuffix(text, ")") {
			inner := strings.TrimSpace(text[len("nameof(") : len(text)-1])
			if i := strings.LastIndexByte(inner, '.'); i >= 0 {
				inner = inner[i+1:]
			}
			return value{kind: kString, str: inner}, true
		}
	case "array_creation_expression", "implicit_array_creation_expression":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if c := n.NamedChild(i); c.Type() == "initializer_expression" {
				v := value{kind: kArray}
				for j := 0; j < int(c.NamedChildCount()) && j < maxElems; j++ {
					e, ok := literalDepth(c.NamedChild(j), src, depth+1)
					if !ok {
						e = value{kind: kOther, str: ts.Text(c.NamedChild(j), src)}
					}
					v.elem = append(v.elem, e)
				}
				return v, true
			}
		}
	}
	return value{kind: kOther, str: text}, false
}

// wellKnown are the constants of the runtime that tests pass most often.
var wellKnown = map[string]value{
	"int.MaxValue":  {kind: kInt, i: math.MaxInt32},
	"int.MinValue":  {kind: kInt, i: 1 << 31, neg: true},
	"long.MaxValue": {kind: kInt, i: math.MaxInt64, typ: 'l'},
	"long.MinValue": {kind: kInt, i: 1 << 63, neg: true, typ: 'l'},
	"byte.MaxValue": {kind: kInt, i: math.MaxUint8},
	"string.Empty":  {kind: kString},
	"String.Empty":  {kind: kString},
}

// coerce converts a numeric argument to its parameter's type, as NUnit does
// before it names the case (a double literal for a decimal parameter).
func coerce(v value, typ string) value {
	switch {
	case v.kind == kInt && (typ == "double" || typ == "float" || typ == "decimal"):
		v.kind, v.num = kReal, float64(v.i)
		if v.neg {
			v.num = -v.num
		}
		v.text = strconv.FormatUint(v.i, 10)
		v.typ = map[string]byte{"double": 'd', "float": 'f', "decimal": 'm'}[typ]
	case v.kind == kInt && typ == "long":
		v.typ = 'l'
	case v.kind == kReal && (typ == "double" || typ == "float" || typ == "decimal"):
		v.typ = map[string]byte{"double": 'd', "float": 'f', "decimal": 'm'}[typ]
		if v.typ == 'f' {
			v.num = float64(float32(v.num))
		}
		if v.typ == 'm' {
			v.text = strings.TrimPrefix(strconv.FormatFloat(math.Abs(v.num), 'f', -1, 64), "-")
		}
	}
	return v
}

func intLiteral(text string) (value, bool) {
	t := strings.ReplaceAll(text, "_", "")
	v := value{kind: kInt}
	low := strings.ToLower(t)
	base := 10
	if strings.HasPrefix(low, "0x") {
		base, low = 16, low[2:]
	} else if strings.HasPrefix(low, "0b") {
		base, low = 2, low[2:]
	}
	suffix := ""
	for len(low) > 0 && (low[len(low)-1] == 'l' || low[len(low)-1] == 'u') {
		suffix = low[len(low)-1:] + suffix
		low = low[:len(low)-1]
	}
	switch {
	case strings.Contains(suffix, "u") && strings.Contains(suffix, "l"):
		v.typ = 'U'
	case suffix == "l":
		v.typ = 'l'
	case suffix == "u":
		v.typ = 'u'
	}
	n, err := strconv.ParseUint(low, base, 64)
	if err != nil {
		return value{kind: kOther, str: text}, false
	}
	v.i = n
	return v, true
}

func realLiteral(text string) (value, bool) {
	t := strings.ReplaceAll(text, "_", "")
	v := value{kind: kReal, typ: 'd'}
	if last := t[len(t)-1] | 0x20; last == 'f' || last == 'd' || last == 'm' {
		v.typ = last
		t = t[:len(t)-1]
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return value{kind: kOther, str: text}, false
	}
	if v.typ == 'f' {
		f = float64(float32(f))
	}
	v.num, v.text = f, t
	return v, true
}

// stringLiteral decodes a C# string or character literal.
func stringLiteral(text string) (string, bool) {
	switch {
	case strings.HasPrefix(text, `"""`):
		body := strings.Trim(text, `"`)
		return strings.TrimSpace(body), true
	case strings.HasPrefix(text, `@"`) && strings.HasSuffix(text, `"`) && len(text) >= 3:
		return strings.ReplaceAll(text[2:len(text)-1], `""`, `"`), true
	case len(text) < 2 || (text[0] != '"' && text[0] != '\'') || text[len(text)-1] != text[0]:
		return "", false
	}
	return ts.Unescape(text[1:len(text)-1], &csharpEscapes), true
}

// csharpEscapes are C#'s escapes: the C ones, \a \b \f \v, and \u \U \x.
var csharpEscapes = func() ts.Escapes {
	e := ts.CEscapes.With(map[byte]string{'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v"})
	e.Unicode = true
	return e
}()

// xunitMaxString is xUnit's ArgumentFormatter limit on a displayed string;
// xunitMaxItems on displayed enumerable items.
const (
	xunitMaxString = 50
	xunitMaxItems  = 5
)

// format displays v as the framework's display name shows an argument.
func format(v value, st style) string {
	switch v.kind {
	case kInt:
		s := strconv.FormatUint(v.i, 10)
		if v.neg && v.i != 0 {
			s = "-" + s
		}
		if st == styleNUnit {
			switch v.typ {
			case 'l':
				s += "L"
			case 'U':
				s += "UL"
			}
		}
		return s
	case kReal:
		return formatReal(v, st)
	case kString:
		s, cut := v.str, false
		if st == styleXUnit && utf8.RuneCountInString(s) > xunitMaxString {
			s, cut = string([]rune(s)[:xunitMaxString]), true
		}
		out := `"` + escape(s, '"') + `"`
		if cut {
			out += "..."
		}
		return out
	case kChar:
		return "'" + escape(v.str, '\'') + "'"
	case kBool:
		if v.str == "true" {
			return "True"
		}
		return "False"
	case kNull:
		return "null"
	case kEnum:
		return v.str
	case kType:
		return "typeof(" + v.str + ")"
	case kArray:
		sep := ", "
		if st == styleMSTest {
			sep = ","
		}
		var parts []string
		for i, e := range v.elem {
			if st == styleXUnit && i == xunitMaxItems {
				parts = append(parts, "...")
				break
			}
			parts = append(parts, format(e, st))
		}
		return "[" + strings.Join(parts, sep) + "]"
	}
	return v.str
}

func formatReal(v value, st style) string {
	f := v.num
	if v.typ == 'm' {
		s := strings.TrimPrefix(v.text, "+")
		if v.neg {
			s = "-" + s
		}
		if st == styleNUnit {
			s += "m"
		}
		return s
	}
	var s string
	switch st {
	case styleXUnit:
		// xUnit v2 formats doubles with "G17" and floats with "G9".
		if v.typ == 'f' {
			s = netG(f, 9, 32)
		} else {
			s = netG(f, 17, 64)
		}
	default:
		bits := 64
		if v.typ == 'f' {
			bits = 32
		}
		s = netG(f, -1, bits)
	}
	if st == styleNUnit {
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		if v.typ == 'f' {
			s += "f"
		} else {
			s += "d"
		}
	}
	return s
}

// netG approximates .NET's "G<prec>" (prec -1: shortest round trip).
func netG(f float64, prec, bits int) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, bits)
	}
	exp := 0
	if f != 0 {
		exp = int(math.Floor(math.Log10(math.Abs(f))))
	}
	limit := 15
	if prec > 0 {
		limit = prec
	}
	if exp < -5 || exp >= limit {
		s := strconv.FormatFloat(f, 'E', prec, bits)
		if prec > 0 {
			// G drops trailing zeros of the mantissa.
			if i := strings.IndexByte(s, 'E'); i >= 0 && strings.Contains(s[:i], ".") {
				s = strings.TrimRight(strings.TrimRight(s[:i], "0"), ".") + s[i:]
			}
		}
		return s
	}
	return strconv.FormatFloat(f, 'g', prec, bits)
}

// escape writes s as C# would inside quotes q.
func escape(s string, q byte) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString(`\0`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if r == rune(q) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dataCase turns one data row attribute into a case of the test named
// method; ok=false when the row is not a case (an xUnit row with no values).
func dataCase(st style, a attr, method, displayName string, params []param, status inventory.TestStatus, src []byte) (inventory.Test, bool) {
	var vals []string
	var raw []value
	name := ""
	for _, ar := range args(a.node, src) {
		if ar.name == "" {
			v, ok := literal(ar.value, src)
			if !ok {
				v = value{kind: kOther, str: ts.Text(ar.value, src)}
			}
			raw = append(raw, v)
			continue
		}
		switch ar.name {
		case "Skip", "Ignore", "IgnoreReason", "IgnoreMessage":
			if truthyReason(ar.value, src) {
				status = inventory.TestSkipped
			}
		case "Explicit":
			if ts.Text(ar.value, src) == "true" {
				status = inventory.TestSkipped
			}
		case "TestName", "DisplayName":
			if v, ok := literal(ar.value, src); ok && v.kind == kString {
				name = v.str
			}
		}
	}
	if name == "" {
		switch st {
		case styleXUnit:
			base := method
			if displayName != "" {
				base = displayName
			}
			if len(params) > 0 && params[len(params)-1].isParams {
				fixed := len(params) - 1
				if len(raw) >= fixed && !(len(raw) == fixed+1 && (raw[fixed].kind == kArray || raw[fixed].kind == kNull)) {
					raw = append(raw[:fixed:fixed], value{kind: kArray, elem: raw[fixed:]})
				}
			}
			for i, v := range raw {
				s := format(v, st)
				switch {
				case i < len(params):
					s = params[i].name + ": " + s
				case len(params) > 0:
					s = "???: " + s
				}
				vals = append(vals, s)
			}
			name = base + "(" + strings.Join(vals, ", ") + ")"
		case styleNUnit:
			for i, v := range raw {
				if i < len(params) && !params[i].isParams {
					v = coerce(v, params[i].typ)
				}
				vals = append(vals, format(v, st))
			}
			name = method
			if len(vals) > 0 {
				name += "(" + strings.Join(vals, ",") + ")"
			}
		default:
			for _, v := range raw {
				vals = append(vals, format(v, st))
			}
			name = method + " (" + strings.Join(vals, ",") + ")"
		}
	}
	if name == "" {
		return inventory.Test{}, false
	}
	return inventory.Test{Name: name, Line: ts.Line(a.node), Status: status, Kind: inventory.KindCase}, true
}
