package javascript

import (
	"math"
	"strconv"
	"strings"
)

// flavor selects how a runner turns an each-table row into a title.
type flavor uint8

const (
	// flavorJest: Jest and Bun (jest-each): either $variable interpolation
	// (object rows, template tables) or printf placeholders, primitives
	// printed with String(), objects with pretty-format.
	flavorJest flavor = iota
	// flavorVitest: Vitest before 5: printf placeholders, then $variable /
	// $0 interpolation with loupe's inspect (strings in single quotes).
	flavorVitest
	// flavorVitest5: Vitest 5 and later: as flavorVitest, but $variable
	// prints a string as it is (no quotes, cut at 40 characters) and reads
	// only the title's own text, not what a placeholder printed.
	flavorVitest5
)

// vitest reports a Vitest flavor.
func (fl flavor) vitest() bool { return fl == flavorVitest || fl == flavorVitest5 }

// caseTitle formats the title of row idx of an each table as the runner
// shows it. args are the test function's arguments for that row (a row of
// an array of arrays is spread; anything else is one argument). ok=false when
// a value the title needs is not static.
func caseTitle(fl flavor, title string, args []value, idx int) (string, bool) {
	if fl == flavorVitest5 {
		return vitest5Title(title, args, idx)
	}
	if fl == flavorVitest {
		return vitestTitle(title, args, idx)
	}
	objRow := len(args) == 1 && args[0].kind == vObject
	if objRow && !hasPlaceholder(title) {
		return interpolate(title, args[0], idx, false)
	}
	return printf(fl, title, args, idx)
}

// hasPlaceholder reports a printf placeholder jest-each would fill.
func hasPlaceholder(title string) bool {
	for i := 0; i+1 < len(title); i++ {
		if title[i] == '%' {
			if title[i+1] == '%' {
				i++
				continue
			}
			if strings.IndexByte("sdifjoOp#$", title[i+1]) >= 0 {
				return true
			}
		}
	}
	return false
}

// printf fills the placeholders of title one argument at a time, as
// jest-each's formatTitle does (extra arguments are dropped, %% is %).
func printf(fl flavor, title string, args []value, idx int) (string, bool) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(title); i++ {
		c := title[i]
		if c != '%' || i+1 == len(title) {
			b.WriteByte(c)
			continue
		}
		p := title[i+1]
		if p == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		if n, ok := rowPlaceholder(p, idx); ok {
			b.WriteString(n)
			i++
			continue
		}
		if strings.IndexByte("sdifjoOpc", p) < 0 || (p == 'c' && fl == flavorJest) {
			b.WriteByte(c)
			continue
		}
		if next >= len(args) {
			b.WriteByte(c)
			continue
		}
		s, ok := formatArg(fl, p, args[next])
		if !ok {
			return "", false
		}
		next++
		b.WriteString(s)
		i++
	}
	return b.String(), true
}

// formatArg formats one value for one placeholder.
func formatArg(fl flavor, p byte, v value) (string, bool) {
	if v.kind == vUnknown {
		return "", false
	}
	switch p {
	case 's':
		if isPrimitive(v) {
			return jsString(v), true
		}
		return "", false
	case 'd':
		if !isPrimitive(v) {
			return "", false
		}
		return jsNumber(toNumber(v)), true
	case 'i':
		if !isPrimitive(v) {
			return "", false
		}
		return jsNumber(parseIntJS(jsString(v))), true
	case 'f':
		if !isPrimitive(v) {
			return "", false
		}
		return jsNumber(parseFloatJS(jsString(v))), true
	case 'j':
		return jsonString(v, 0)
	case 'o', 'O':
		if !isPrimitive(v) {
			return "", false
		}
		return inspect(v), true
	case 'p':
		if fl.vitest() {
			return "", false
		}
		return pretty(v, 0), true
	case 'c':
		return "", true
	}
	return "", false
}

// interpolate replaces $key.path (and $# with the row index) from an object
// row, jest-each style: primitives with String(), others pretty-printed.
func interpolate(title string, obj value, idx int, vitest bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(title); i++ {
		c := title[i]
		if c != '$' || i+1 == len(title) {
			b.WriteByte(c)
			continue
		}
		if title[i+1] == '#' {
			b.WriteString(strconv.Itoa(idx))
			i++
			continue
		}
		j := i + 1
		for j < len(title) && (isWordByte(title[j]) || title[j] == '.') {
			j++
		}
		path := title[i+1 : j]
		key := matchKey(obj, path)
		if key == "" {
			b.WriteByte(c)
			continue
		}
		v, ok := getPath(obj, strings.Split(path, "."))
		if !ok || v.kind == vUnknown {
			return "", false
		}
		if isPrimitive(v) {
			b.WriteString(jsString(v))
		} else {
			b.WriteString(pretty(v, 0))
		}
		i = j - 1
	}
	return b.String(), true
}

// matchKey returns the first key of obj that path starts with (jest-each
// builds a regexp alternation of the keys in order).
func matchKey(obj value, path string) string {
	for _, k := range obj.keys {
		if k != "" && strings.HasPrefix(path, k) {
			return k
		}
	}
	return ""
}

// getPath follows a key path as jest-each does: a missing key stops the walk
// and yields the value reached so far.
func getPath(v value, path []string) (value, bool) {
	for _, k := range path {
		if v.kind != vObject || k == "" {
			return v, true
		}
		found := false
		for i, key := range v.keys {
			if key == k {
				v, found = v.elems[i], true
				break
			}
		}
		if !found {
			return v, true
		}
	}
	return v, true
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// vitestTitle is @vitest/runner's formatTitle: %# and %$, printf with as
// many arguments as the title has % signs, then $key / $0 interpolation.
func vitestTitle(title string, args []value, idx int) (string, bool) {
	fmtArgs := args
	if count := strings.Count(title, "%"); count < len(fmtArgs) {
		fmtArgs = fmtArgs[:count]
	}
	s, ok := printf(flavorVitest, title, fmtArgs, idx)
	if !ok {
		return "", false
	}
	objRow := len(args) >= 1 && args[0].kind == vObject
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(s) && (isWordByte(s[j]) || s[j] == '.' || s[j] == '$') {
			j++
		}
		key := s[i+1 : j]
		if key == "" {
			b.WriteByte(c)
			continue
		}
		numeric := strings.Trim(key, "0123456789") == ""
		if !objRow && !numeric {
			b.WriteString(s[i:j])
			i = j - 1
			continue
		}
		var v value
		if objRow {
			v = attr(args[0], key)
		} else {
			v = attr(value{kind: vArray, elems: args}, key)
		}
		if v.kind == vUnknown || !isPrimitive(v) {
			return "", false
		}
		out := inspect(v)
		if len(out) >= 40 { // objDisplay truncates long values
			return "", false
		}
		b.WriteString(out)
		i = j - 1
	}
	return b.String(), true
}

// rowPlaceholder is what %# (the row's 0-based index) and %$ (1-based)
// print in a case title.
func rowPlaceholder(p byte, idx int) (string, bool) {
	switch p {
	case '#':
		return strconv.Itoa(idx), true
	case '$':
		return strconv.Itoa(idx + 1), true
	}
	return "", false
}

// vitest5Title is Vitest 5's formatTitle: %# and %$ first, then the title
// cut at printf placeholders (%s %d %j %i %f %o %O %c %%); a placeholder takes
// the next argument while there are as many as the title has % signs, and
// the text between them has its $key / $0 references interpolated.
func vitest5Title(title string, args []value, idx int) (string, bool) {
	var t strings.Builder
	for i := 0; i < len(title); i++ {
		if title[i] == '%' && i+1 < len(title) {
			if title[i+1] == '%' {
				t.WriteString("%%")
				i++
				continue
			}
			if n, ok := rowPlaceholder(title[i+1], idx); ok {
				t.WriteString(n)
				i++
				continue
			}
		}
		t.WriteByte(title[i])
	}
	s := t.String()
	count := strings.Count(s, "%")
	objRow := len(args) >= 1 && args[0].kind == vObject
	var b strings.Builder
	next, seg := 0, 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '%' || strings.IndexByte("sdjifoOc%", s[i+1]) < 0 {
			continue
		}
		if !interpolate5(&b, s[seg:i], args, objRow) {
			return "", false
		}
		seg = i + 2
		if next >= count {
			b.WriteString(s[i : i+2])
		} else {
			// %% with an argument and a missing argument print more than
			// the placeholder: not worth following.
			if s[i+1] == '%' || next >= len(args) {
				return "", false
			}
			out, ok := formatArg(flavorVitest5, s[i+1], args[next])
			if !ok {
				return "", false
			}
			b.WriteString(out)
			next++
		}
		i++
	}
	if !interpolate5(&b, s[seg:], args, objRow) {
		return "", false
	}
	return b.String(), true
}

// interpolate5 writes text with its $key references replaced (Vitest 5's
// formatAttribute); false when a value is not statically known.
func interpolate5(b *strings.Builder, text string, args []value, objRow bool) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		j := i + 1
		for c == '$' && j < len(text) && (isWordByte(text[j]) || text[j] == '.' || text[j] == '$') {
			j++
		}
		if c != '$' || j == i+1 {
			b.WriteByte(c)
			continue
		}
		key := text[i+1 : j]
		numeric := strings.Trim(key, "0123456789") == ""
		if !objRow && !numeric {
			b.WriteString(text[i:j])
			i = j - 1
			continue
		}
		var v value
		switch {
		case objRow:
			v = attr(args[0], key)
		case numeric:
			v = attr(value{kind: vArray, elems: args}, key)
		}
		switch {
		case v.kind == vString && len(v.str) <= maxTitleValue:
			b.WriteString(v.str)
		case v.kind == vString && isASCII(v.str):
			// Cut to 39 UTF-16 units and an ellipsis (truncateString).
			b.WriteString(v.str[:maxTitleValue-1])
			b.WriteString("…")
		case v.kind == vString || v.kind == vUnknown || !isPrimitive(v):
			return false // a long non-ASCII string (cut by UTF-16 units), or not known
		default:
			out := inspect(v)
			if len(out) >= maxTitleValue {
				return false
			}
			b.WriteString(out)
		}
		i = j - 1
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// maxTitleValue is Vitest's taskTitleValueFormatTruncate default: longer
// values are cut and end with an ellipsis.
const maxTitleValue = 40

// attr follows a dotted path through objects and arrays; missing is undefined.
func attr(v value, path string) value {
	for k := range strings.SplitSeq(path, ".") {
		switch v.kind {
		case vObject:
			found := false
			for i, key := range v.keys {
				if key == k {
					v, found = v.elems[i], true
					break
				}
			}
			if !found {
				return value{kind: vUndefined}
			}
		case vArray:
			n, err := strconv.Atoi(k)
			if err != nil || n < 0 || n >= len(v.elems) {
				return value{kind: vUndefined}
			}
			v = v.elems[n]
		case vUnknown:
			return v
		default:
			return value{kind: vUndefined}
		}
	}
	return v
}

func isPrimitive(v value) bool {
	return v.kind != vArray && v.kind != vObject && v.kind != vUnknown
}

// jsString is String(v) for a primitive.
func jsString(v value) string {
	switch v.kind {
	case vString:
		return v.str
	case vNumber:
		if v.num == 0 && math.Signbit(v.num) {
			return "-0" // util.format prints -0 for %s
		}
		return jsNumber(v.num)
	case vBool:
		return strconv.FormatBool(v.b)
	case vNull:
		return "null"
	case vUndefined:
		return "undefined"
	}
	return v.str
}

// jsNumber is Number.prototype.toString.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	a := math.Abs(f)
	if a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// Go writes 1e-07 and 1e+21; JavaScript writes 1e-7 and 1e+21.
		if k := strings.IndexAny(s, "e"); k >= 0 && k+2 < len(s) {
			exp := strings.TrimLeft(s[k+2:], "0")
			s = s[:k+2] + exp
		}
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// toNumber is Number(v) for a primitive.
func toNumber(v value) float64 {
	switch v.kind {
	case vNumber:
		return v.num
	case vBool:
		if v.b {
			return 1
		}
		return 0
	case vNull:
		return 0
	case vString:
		s := strings.TrimSpace(v.str)
		if s == "" {
			return 0
		}
		if f, ok := parseNumber(s); ok && !strings.ContainsAny(s, "_") {
			return f
		}
		switch s {
		case "Infinity", "+Infinity":
			return math.Inf(1)
		case "-Infinity":
			return math.Inf(-1)
		}
	}
	return math.NaN()
}

// parseIntJS is parseInt(s) (base 10, or 16 with 0x).
func parseIntJS(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	n := 0
	for n < len(s) && digitVal(s[n]) < base {
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	f := 0.0
	for _, c := range []byte(s[:n]) {
		f = f*float64(base) + float64(digitVal(c))
	}
	if neg {
		f = -f
	}
	return f
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// parseFloatJS is parseFloat(s): the longest decimal prefix.
func parseFloatJS(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\r")
	if strings.HasPrefix(s, "Infinity") || strings.HasPrefix(s, "+Infinity") {
		return math.Inf(1)
	}
	if strings.HasPrefix(s, "-Infinity") {
		return math.Inf(-1)
	}
	end := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c == '.' || (c == '-' || c == '+') && (i == 0 || s[i-1] == 'e' || s[i-1] == 'E') || (c == 'e' || c == 'E') && i > 0 {
			if _, err := strconv.ParseFloat(s[:i+1], 64); err == nil {
				end = i + 1
			}
			continue
		}
		break
	}
	if end == 0 {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(s[:end], 64)
	return f
}

// inspect is Node's util.inspect (and loupe's) for a primitive: strings in
// single quotes (double when the string holds a single quote).
func inspect(v value) string {
	if v.kind != vString {
		return jsString(v)
	}
	q := byte('\'')
	if strings.IndexByte(v.str, '\'') >= 0 && strings.IndexByte(v.str, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(v.str); i++ {
		switch c := v.str[i]; c {
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\\':
			b.WriteString(`\\`)
		case q:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pretty is pretty-format with {min: true, maxDepth: 1}.
func pretty(v value, depth int) string {
	switch v.kind {
	case vString:
		return `"` + strings.NewReplacer(`"`, `\"`, `\`, `\\`).Replace(v.str) + `"`
	case vArray:
		if depth >= 1 {
			return "[Array]"
		}
		parts := make([]string, len(v.elems))
		for i, e := range v.elems {
			parts[i] = pretty(e, depth+1)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case vObject:
		if depth >= 1 {
			return "[Object]"
		}
		parts := make([]string, len(v.keys))
		for i, k := range v.keys {
			parts[i] = `"` + k + `": ` + pretty(v.elems[i], depth+1)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case vUnknown:
		return v.str
	}
	return jsString(v)
}

// jsonString is JSON.stringify for a literal.
func jsonString(v value, depth int) (string, bool) {
	switch v.kind {
	case vString:
		return strconv.Quote(v.str), true
	case vNumber:
		if math.IsNaN(v.num) || math.IsInf(v.num, 0) {
			return "null", true
		}
		if v.num == 0 {
			return "0", true
		}
		return jsNumber(v.num), true
	case vBool, vNull:
		return jsString(v), true
	case vUndefined:
		if depth == 0 {
			return "undefined", true
		}
		return "null", true
	case vArray:
		parts := make([]string, len(v.elems))
		for i, e := range v.elems {
			s, ok := jsonString(e, depth+1)
			if !ok {
				return "", false
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ",") + "]", true
	case vObject:
		var parts []string
		for i, k := range v.keys {
			if v.elems[i].kind == vUndefined {
				continue
			}
			s, ok := jsonString(v.elems[i], depth+1)
			if !ok {
				return "", false
			}
			parts = append(parts, strconv.Quote(k)+":"+s)
		}
		return "{" + strings.Join(parts, ",") + "}", true
	}
	return "", false
}
