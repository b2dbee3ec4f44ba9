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
	// at is the number of tokens before the #define, until the number
	// before the #undef that ends it (-1: none); cond is the #if branch
	// it is in (nil: none).
	at, until int
	cond      *condNode
}

// maxDefinitions bounds the definitions kept per name (a generator may be
// defined, used and #undef'd several times, once per #if branch each).
const maxDefinitions = 16

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

// nameAlt is one name a suite or test argument expands to, with the #if
// branch of the definition that gives it (nil: whatever the
// configuration).
type nameAlt struct {
	name string
	cond *condNode
}

// expandNames returns the identifiers a suite or test name argument names
// after the file's macros in force at token at: one, or one per #if branch
// when the branches define the macro differently (rapidjson's
// `#if defined(RAPIDJSON_SSE42) #define SIMD_SUFFIX(name) name##_SSE42 …`),
// each with its branch. An argument no definition turns into an identifier
// stays as written.
func expandNames(arg []token, defines map[string][]macroDef, at int) []nameAlt {
	text := joinText(arg)
	asWritten := []nameAlt{{name: text}}
	if len(arg) == 0 || arg[0].kind != tIdent || len(defines[arg[0].text]) == 0 {
		return asWritten
	}
	call := len(arg) >= 3 && arg[1].text == "(" && arg[len(arg)-1].text == ")"
	if !call && len(arg) != 1 {
		return asWritten
	}
	all := defines[arg[0].text]
	defs := liveDefinitions(all, at, call)
	if len(defs) == 0 && len(all) == 1 && (all[0].params != nil) == call {
		defs = all // the one definition, wherever it is (a name macro defined after its use in a generator)
	}
	var out []nameAlt
	for _, def := range defs {
		name := def.body
		if call {
			args, next := readArgs(arg, 1)
			if next != len(arg) || len(args) != len(def.params) {
				return asWritten
			}
			name = substitute(def, args)
		}
		if !isIdentifier(name) {
			return asWritten
		}
		cond := def.cond
		if len(defs) == 1 {
			cond = nil // one definition: its name, as before conditions were read
		}
		out = append(out, nameAlt{name: name, cond: cond})
	}
	if len(out) == 0 {
		return asWritten
	}
	return out
}

// liveDefinitions returns the definitions of defs in force at token at
// (at < 0: the end of the file) that are function-like when call is set,
// object-like otherwise: defined before it and not #undef'd since, one per
// #if branch (a later definition in the same branch replaces an earlier
// one).
func liveDefinitions(defs []macroDef, at int, call bool) []macroDef {
	var out []macroDef
	for _, def := range defs {
		if (def.params != nil) != call || at >= 0 && (def.at > at || def.until >= 0 && def.until <= at) {
			continue
		}
		replaced := false
		for k := range out {
			if out[k].cond == def.cond {
				out[k], replaced = def, true
			}
		}
		if !replaced {
			out = append(out, def)
		}
	}
	return out
}

// substitute replaces a function-like macro's parameters in its body by the
// arguments' texts and pastes ##.
func substitute(def macroDef, args [][]token) string {
	return substituteExpanding(def, args, nil)
}

// substituteExpanding is substitute where a parameter that is neither
// pasted (##) nor stringized (#) takes its argument macro-expanded, as the
// preprocessor does, by expandArg when given (an argument naming an
// object-like macro: libyuv's TESTEND(AB64ToAR64, …) with #define
// AB64ToAR64 AR64ToAB64 names AR64ToAB64_Endswap_Any).
func substituteExpanding(def macroDef, args [][]token, expandArg func([]token) string) string {
	values := map[string]string{}
	var expanded map[string]string
	argIndex := make(map[string]int, len(def.params))
	for i, p := range def.params {
		argIndex[p] = i
		values[p] = joinText(args[i])
		if expandArg != nil {
			if e := expandArg(args[i]); e != values[p] {
				if expanded == nil {
					expanded = map[string]string{}
				}
				expanded[p] = e
			}
		}
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
				if e, ok := expanded[body[i:j]]; ok && !nextToPaste(body, i, j) {
					v = e
				}
				b.WriteString(v)
			} else {
				b.WriteString(body[i:j])
			}
			i = j
		case c == '#' && (i+1 >= len(body) || body[i+1] != '#'):
			// #param: the argument's spelling as a string literal
			// (Catch2's `#define T(HEX, CMD) TEST_CASE(#CMD)`).
			j := i + 1
			for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
				j++
			}
			k := j
			for k < len(body) && isIdentByte(body[k]) {
				k++
			}
			if n, ok := argIndex[body[j:k]]; ok && k > j && isIdentStart(body[j]) {
				b.WriteString(stringize(args[n]))
				i = k
				continue
			}
			b.WriteByte(c)
			i++
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

// stringize returns the string literal the preprocessor makes of an
// argument: its tokens as written, each run of whitespace between them one
// space, with the quotes and backslashes of its literals escaped.
func stringize(arg []token) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, t := range arg {
		if i > 0 && t.space {
			b.WriteByte(' ')
		}
		if t.kind == tString || t.kind == tChar {
			for k := 0; k < len(t.text); k++ {
				if t.text[k] == '"' || t.text[k] == '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(t.text[k])
			}
			continue
		}
		b.WriteString(t.text)
	}
	b.WriteByte('"')
	return b.String()
}

// nextToPaste reports whether body[i:j] is an operand of ## or #.
func nextToPaste(body string, i, j int) bool {
	k := i - 1
	for k >= 0 && (body[k] == ' ' || body[k] == '\t') {
		k--
	}
	if k >= 0 && body[k] == '#' {
		return true
	}
	for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
		j++
	}
	return j+1 < len(body) && body[j] == '#' && body[j+1] == '#'
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

// Tests are also generated by a macro of the same file whose replacement
// declares them, often through further macros (libyuv's unit tests):
//
//	#define TESTPLANARTOBI(FMT, FMT_B, N) TEST_F(ConvertTest, FMT##To##FMT_B##N) { … }
//	#define TESTPLANARTOB(FMT, FMT_B) TESTPLANARTOBI(FMT, FMT_B, _Any) TESTPLANARTOBI(FMT, FMT_B, _Opt)
//	TESTPLANARTOB(I420, ARGB)   // ConvertTest.I420ToARGB_Any and ConvertTest.I420ToARGB_Opt
//
// An invocation of such a generator (a function-like macro the file
// defines) is expanded as the preprocessor would — parameters substituted,
// ## pasted, the result scanned again for further generators — and the
// tests its expansion declares are reported at the invocation's line, where
// the compiler places them (__LINE__ is the invocation's). The definitions
// are those in force at the invocation (#define and #undef are followed in
// order); where #if branches define it differently (`#if
// defined(ENABLE_FULL_TESTS)` five variants `#else` one), each branch's
// tests are reported with that branch's condition, as a test written inside
// the branch would be. Arguments are not expanded before substitution but
// where the preprocessor would (objectMacro), and # stringizes.

// maxExpansionDepth bounds generators expanding generators.
const maxExpansionDepth = 8

// expansionBudget bounds the text one file's generators expand to, on top
// of expansionBudgetPerByte per byte of the file (libyuv's 251 kB
// convert_test.cc expands to 472 kB, bodies left out, for 2,836 tests); a
// file past it is reported with a SkipReason, as one over the condition
// budget is.
const (
	expansionBudget        = 1 << 20
	expansionBudgetPerByte = 16
)

// expander expands one file's generator macros.
type expander struct {
	defines map[string][]macroDef
	budget  int
	over    bool // the budget is spent: the file's tests are not reported
	// generates memoizes generator: 1 yes, 2 no, 3 being decided (a
	// macro naming itself generates nothing through that name).
	generates map[string]uint8
	// shells memoizes shell by replacement text.
	shells map[string]string
}

// shell returns a replacement with the inside of its outermost braces left
// out (`TEST_F(A, B) { … }` → `TEST_F(A, B) {}`): nothing in a body
// declares a test, and libyuv's bodies are 2 kB each, thousands of times.
func (x *expander) shell(body string) string {
	if out, ok := x.shells[body]; ok {
		return out
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case (c == '"' || c == '\'') && depth > 0:
			for i++; i < len(body) && body[i] != c; i++ {
				if body[i] == '\\' {
					i++
				}
			}
			continue
		case c == '{':
			depth++
			if depth == 1 {
				b.WriteByte(c)
			}
			continue
		case c == '}' && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(c)
			}
			continue
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	if x.shells == nil {
		x.shells = map[string]string{}
	}
	x.shells[body] = b.String()
	return x.shells[body]
}

// objectMacro returns the text of an argument that is one identifier
// naming an object-like macro with one definition in force at token at
// whose replacement is an identifier, replaced by it; else the argument's
// text.
func (x *expander) objectMacro(arg []token, at int) string {
	text := joinText(arg)
	if len(arg) != 1 || arg[0].kind != tIdent {
		return text
	}
	if defs := liveDefinitions(x.defines[arg[0].text], at, false); len(defs) == 1 && isIdentifier(defs[0].body) {
		return defs[0].body
	}
	return text
}

// expansion is one definition's replacement for an invocation, and the #if
// branches of the definitions it went through.
type expansion struct {
	text  string
	conds []*condNode
}

func newExpander(defines map[string][]macroDef, srcLen int) *expander {
	return &expander{defines: defines, budget: expansionBudget + expansionBudgetPerByte*srcLen}
}

// generator reports whether name is a function-like macro of the file one
// of whose replacements invokes a test macro (GoogleTest's or Catch2's) or
// another generator.
func (x *expander) generator(name string) bool {
	if x == nil || len(x.defines[name]) == 0 {
		return false
	}
	switch x.generates[name] {
	case 1:
		return true
	case 2, 3:
		return false
	}
	if x.generates == nil {
		x.generates = map[string]uint8{}
	}
	x.generates[name] = 3
	found := false
	for _, def := range x.defines[name] {
		if def.params != nil && x.invokesTests(name, def.body) {
			found = true
			break
		}
	}
	x.generates[name] = 2
	if found {
		x.generates[name] = 1
	}
	return found
}

// invokesTests reports whether a replacement names a test macro or another
// generator.
func (x *expander) invokesTests(name, body string) bool {
	for i := 0; i < len(body); {
		if !isIdentStart(body[i]) {
			i++
			continue
		}
		j := i
		for j < len(body) && isIdentByte(body[j]) {
			j++
		}
		id := body[i:j]
		if testMacro(id) || id != name && x.generator(id) {
			return true
		}
		i = j
	}
	return false
}

// testMacro reports whether id declares a GoogleTest or Catch2 test.
func testMacro(id string) bool {
	_, gtest := gtestMacros[id]
	_, catch := catchMacros[strings.TrimPrefix(id, "CATCH_")]
	return gtest || catch || catchRegistrations[strings.TrimPrefix(id, "CATCH_")]
}

// expand returns the replacements of the generator name for the arguments
// args at token at, one per definition in force; none when the arguments
// fit no definition or the budget is spent.
func (x *expander) expand(name string, args [][]token, at int) []expansion {
	var out []expansion
	for _, def := range liveDefinitions(x.defines[name], at, true) {
		def.body = x.shell(def.body)
		text, ok := substituteArgs(def, args, func(arg []token) string { return x.objectMacro(arg, at) })
		if !ok {
			continue
		}
		if x.budget -= len(text); x.budget < 0 {
			x.over = true
			return nil
		}
		var conds []*condNode
		if def.cond != nil {
			conds = []*condNode{def.cond}
		}
		out = append(out, expansion{text: text, conds: conds})
	}
	return out
}

// substituteArgs is substitute for an invocation's arguments, with a
// variadic last parameter (...) bound to __VA_ARGS__; ok is false when they
// do not fit the parameters.
func substituteArgs(def macroDef, args [][]token, expandArg func([]token) string) (string, bool) {
	params := def.params
	if n := len(params); n > 0 && params[n-1] == "..." {
		if len(args) < n-1 {
			return "", false
		}
		// The variable arguments are one argument, their commas kept.
		var rest []token
		for k, a := range args[n-1:] {
			if k > 0 {
				rest = append(rest, token{kind: tPunct, text: ","})
			}
			rest = append(rest, a...)
		}
		def = macroDef{params: append(append([]string{}, params[:n-1]...), "__VA_ARGS__"), body: def.body}
		args = append(args[:n-1:n-1], rest)
	} else if len(params) == 0 {
		if len(args) > 1 || len(args) == 1 && len(args[0]) > 0 {
			return "", false
		}
		args = nil
	} else if len(args) != len(params) {
		return "", false
	}
	return substituteExpanding(def, args, expandArg), true
}
