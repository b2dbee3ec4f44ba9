package cpp

import "strings"

// Test names are sometimes built by a macro of the same file:
//
//	#define PREFIX_WITH_MACRO(test_name) Macro##test_name
//	TEST_P(PREFIX_WITH_MACRO(NamingTest), Foo) { … }  // MacroNamingTest.Foo
//	#define MAYBE_Reads Reads
//	TEST(File, MAYBE_Reads) { … }                      // File.Reads
//
// A suite or test name that is such a macro is expanded when the file
// defines it once (several definitions under #if are platform choices the
// inventory cannot make: the name stays as written) and the expansion is a
// plain identifier: parameters substituted, ## pasted.

// macroDef is one #define: parameters (nil for an object-like macro) and
// replacement text.
type macroDef struct {
	params []string
	body   string
}

// maxDefinitions bounds the definitions kept per name.
const maxDefinitions = 4

// parseDefine reads "NAME(a, b) body" or "NAME body" (the text after
// #define); a definition spread over lines by splices is read as one line.
func parseDefine(rest string) (string, macroDef, bool) {
	rest = strings.ReplaceAll(strings.ReplaceAll(rest, "\\\r\n", " "), "\\\n", " ")
	i := 0
	for i < len(rest) && isIdentByte(rest[i]) {
		i++
	}
	if i == 0 || !isIdentStart(rest[0]) {
		return "", macroDef{}, false
	}
	name, def := rest[:i], macroDef{}
	if i < len(rest) && rest[i] == '(' {
		end := strings.IndexByte(rest[i:], ')')
		if end < 0 {
			return "", macroDef{}, false
		}
		def.params = []string{}
		for p := range strings.SplitSeq(rest[i+1:i+end], ",") {
			def.params = append(def.params, strings.TrimSpace(p))
		}
		i += end + 1
	}
	def.body = strings.TrimSpace(rest[i:])
	return name, def, true
}

// expandName returns the identifier a suite or test name argument names
// after the file's macros, or the argument's text.
func expandName(arg []token, defines map[string][]macroDef) string {
	text := joinText(arg)
	if len(arg) == 0 || arg[0].kind != tIdent || len(defines[arg[0].text]) != 1 {
		return text
	}
	def := defines[arg[0].text][0]
	var out string
	switch {
	case def.params == nil && len(arg) == 1:
		out = def.body
	case def.params != nil && len(arg) >= 3 && arg[1].text == "(" && arg[len(arg)-1].text == ")":
		args, next := readArgs(arg, 1)
		if next != len(arg) || len(args) != len(def.params) {
			return text
		}
		out = substitute(def, args)
	default:
		return text
	}
	if !isIdentifier(out) {
		return text
	}
	return out
}

// substitute replaces a function-like macro's parameters in its body by the
// arguments' texts and pastes ##.
func substitute(def macroDef, args [][]token) string {
	values := map[string]string{}
	for i, p := range def.params {
		values[p] = joinText(args[i])
	}
	var b strings.Builder
	body := def.body
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case isIdentStart(c):
			j := i
			for j < len(body) && isIdentByte(body[j]) {
				j++
			}
			if v, ok := values[body[i:j]]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(body[i:j])
			}
			i = j
		case c == '#' && i+1 < len(body) && body[i+1] == '#':
			trimmed := strings.TrimRight(b.String(), " \t")
			b.Reset()
			b.WriteString(trimmed)
			i += 2
			for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
				i++
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}

func isIdentifier(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}
