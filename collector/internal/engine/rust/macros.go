package rust

import (
	"bytes"
	"path"
	"strings"
)

// Tests that macros declare.
//
// Rust suites often write a test once, as a macro_rules! macro whose
// expansion holds `#[test] fn $name() { … }`, and declare each test with one
// invocation at item level (`mat!(ascii_literal, r"a", "a", Some((0, 1)));`,
// `test! { test_u64_0(0u64, "0") test_u64_max(…) }`). The test's name is in
// the source, so the invocation is read as a declared test: the invocation is
// matched against the macro's rules the way macro_rules does (first rule that
// matches; literal tokens, delimited groups, fragments and $(…)
// repetitions; an expr-like fragment runs to the next literal token of its
// rule), and the expansion's test functions are reported with the names bound
// to their metavariables, at the line of the invocation, inside the modules
// the expansion writes (`mod $name { #[test] fn it() }`). A rule that
// forwards to a test macro (`test_lit!($name, $which, $re,)`) is followed, a
// few levels deep.
//
// Macros are taken from the file itself and from the files of the modules
// above it and macros.rs files (see macroFiles): a crate's other files use
// the macros that its root, a parent module or a #[macro_use] module
// defines. Textual scoping is not modelled further: a definition anywhere in
// those files counts. Macros of a test crate's root (tests/all.rs with `mod
// api;`) are not found for its modules: nothing but the walk knows which
// files are roots.
//
// Two macros of test crates are known without a definition: every function
// of a quickcheck! { … } block is a property test, and for any other item
// macro (cfg_if!, serde_if_integer128!, …) the functions with a test
// attribute written directly in its braces are reported, since such macros
// pass their items through.

// macroFilesKey names the summaries of macros.rs files in a frontend.Tree.
const macroFilesKey = "rust.macros"

// maxExpandDepth bounds forwarding from one test macro to another.
const maxExpandDepth = 4

// maxExpandTokens bounds the tokens of rule bodies one invocation's
// expansion looks at (forwards included), against pathological macros.
const maxExpandTokens = 1 << 16

// tok is one token tree: an identifier, a literal, a punctuation character,
// or a delimited group with its tokens.
type tok struct {
	kind byte   // 'i' identifier, 'l' literal, 'p' punctuation, 'g' group
	text string // the token; a group's opening delimiter
	line int
	kids []tok
}

// tokenize splits Rust source into token trees (unbalanced closers are
// dropped, unclosed groups end at the end of the text).
func tokenize(src string, line int) []tok {
	s := scanner{src: src, line: line}
	var stack [][]tok
	var cur []tok
	for {
		text, ln, pos := s.next()
		switch text {
		case "":
			for len(stack) > 0 {
				g := &stack[len(stack)-1][len(stack[len(stack)-1])-1]
				g.kids = cur
				cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
			return cur
		case "(", "[", "{":
			cur = append(cur, tok{kind: 'g', text: text, line: ln})
			stack = append(stack, cur)
			cur = nil
		case ")", "]", "}":
			if len(stack) == 0 {
				continue
			}
			parent := stack[len(stack)-1]
			parent[len(parent)-1].kids = cur
			cur, stack = parent, stack[:len(stack)-1]
		case "lit":
			if src[pos:s.pos] != "lit" { // else the identifier lit
				cur = append(cur, tok{kind: 'l', text: src[pos:s.pos], line: ln})
				continue
			}
			fallthrough
		default:
			kind := byte('p')
			if isIdentByte(text[0]) {
				kind = 'i'
				if text[0] >= '0' && text[0] <= '9' {
					kind = 'l'
				}
			}
			cur = append(cur, tok{kind: kind, text: text, line: ln})
		}
	}
}

// mitem is one element of a rule's matcher.
type mitem struct {
	kind  byte   // 'l' literal token, 'g' group, 'v' fragment, 'r' repetition
	text  string // literal text, group delimiter, fragment's name
	frag  string // fragment specifier (ident, expr, tt, …)
	sep   string // repetition separator
	op    byte   // repetition operator: * + ?
	items []mitem
}

// rule is one macro_rules! rule.
type rule struct {
	matcher []mitem
	body    []tok
}

// testMacro is a macro_rules! macro whose rules may declare tests.
type testMacro struct {
	rules []rule
}

// macroDefs reads the macro_rules! definitions of a file whose expansions
// may declare tests: a body with a test attribute's word, or one invoking
// such a macro of the same file (a forward).
func macroDefs(src []byte) map[string]*testMacro {
	if !bytes.Contains(src, []byte("macro_rules")) {
		return nil
	}
	all := map[string][]tok{}
	var walk func(ts []tok)
	walk = func(ts []tok) {
		for i := 0; i < len(ts); i++ {
			t := ts[i]
			if t.kind == 'g' {
				walk(t.kids)
				continue
			}
			if t.text != "macro_rules" || i+3 >= len(ts) || ts[i+1].text != "!" || ts[i+2].kind != 'i' || ts[i+3].kind != 'g' {
				continue
			}
			name, body := ts[i+2].text, ts[i+3].kids
			i += 3
			if all[name] == nil {
				all[name] = body
			}
		}
	}
	// Only the definitions are tokenized: from each macro_rules! to the end
	// of its body.
	text := string(src)
	line := 1
	for off := 0; ; {
		k := strings.Index(text[off:], "macro_rules!")
		if k < 0 {
			break
		}
		start := off + k
		line += strings.Count(text[off:start], "\n")
		ts, end := tokenizeItem(text[start:], line)
		walk(ts)
		off = start + max(end, len("macro_rules!"))
		line += strings.Count(text[start:off], "\n")
	}
	// Kept: macros whose body has a test word, and those that invoke a kept
	// macro of the same file (aho-corasick's testcombo! → testconfig!).
	kept := map[string]bool{}
	for name, body := range all {
		kept[name] = mayDeclareTests(body)
	}
	// Forwards are followed maxExpandDepth levels deep, so are kept.
	for round, changed := 0, true; changed && round < maxExpandDepth; round++ {
		changed = false
		for name, body := range all {
			if !kept[name] && invokesAny(body, kept) {
				kept[name], changed = true, true
			}
		}
	}
	var out map[string]*testMacro
	for name, body := range all {
		if !kept[name] {
			continue
		}
		m := &testMacro{}
		for j := 0; j+3 < len(body); {
			// (matcher) => {transcriber} ;
			if body[j].kind != 'g' || body[j+1].text != "=" || body[j+2].text != ">" || body[j+3].kind != 'g' {
				break
			}
			m.rules = append(m.rules, rule{matcher: parseMatcher(body[j].kids), body: body[j+3].kids})
			j += 4
			if j < len(body) && body[j].text == ";" {
				j++
			}
		}
		if len(m.rules) > 0 {
			if out == nil {
				out = map[string]*testMacro{}
			}
			out[name] = m
		}
	}
	return out
}

// invokesAny reports whether body invokes (name!) one of the kept macros.
func invokesAny(body []tok, kept map[string]bool) bool {
	for i, t := range body {
		if t.kind == 'g' {
			if invokesAny(t.kids, kept) {
				return true
			}
			continue
		}
		if t.kind == 'i' && kept[t.text] && i+1 < len(body) && body[i+1].text == "!" {
			return true
		}
	}
	return false
}

// tokenizeItem tokenizes the start of src up to the end of its first
// delimited group (a macro_rules! definition) and returns the tokens and
// the bytes taken.
func tokenizeItem(src string, line int) ([]tok, int) {
	s := scanner{src: src, line: line}
	depth := 0
	for {
		text, _, _ := s.next()
		switch text {
		case "":
			return tokenize(src, line), len(src)
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth <= 0 {
				return tokenize(src[:s.pos], line), s.pos
			}
		}
	}
}

// mayDeclareTests reports whether a macro body holds a test attribute's
// word (test, tokio::test, …) or a quickcheck!/proptest! block, so that
// helper macros are not kept. (A macro that only forwards to a test macro
// defined elsewhere is therefore not followed.)
func mayDeclareTests(body []tok) bool {
	for _, t := range body {
		switch {
		case t.kind == 'g':
			if mayDeclareTests(t.kids) {
				return true
			}
		case t.kind == 'i' && (strings.HasSuffix(t.text, "test") || t.text == "quickcheck" || t.text == "proptest" || t.text == "test_case"):
			return true
		}
	}
	return false
}

func parseMatcher(ts []tok) []mitem {
	var out []mitem
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch {
		case t.text == "$" && i+1 < len(ts) && ts[i+1].kind == 'g' && ts[i+1].text == "(":
			r := mitem{kind: 'r', items: parseMatcher(ts[i+1].kids)}
			i++
			if i+1 < len(ts) && ts[i+1].kind != 'g' && !isRepOp(ts[i+1].text) {
				r.sep = ts[i+1].text
				i++
			}
			if i+1 < len(ts) && isRepOp(ts[i+1].text) {
				r.op = ts[i+1].text[0]
				i++
			}
			out = append(out, r)
		case t.text == "$" && i+3 < len(ts) && ts[i+1].kind == 'i' && ts[i+2].text == ":" && ts[i+3].kind == 'i':
			out = append(out, mitem{kind: 'v', text: ts[i+1].text, frag: ts[i+3].text})
			i += 3
		case t.kind == 'g':
			out = append(out, mitem{kind: 'g', text: t.text, items: parseMatcher(t.kids)})
		default:
			out = append(out, mitem{kind: 'l', text: t.text})
		}
	}
	return out
}

func isRepOp(s string) bool { return s == "*" || s == "+" || s == "?" }

// bindings are the token trees each metavariable matched, one entry per
// repetition.
type bindings map[string][][]tok

// matchItems matches items against a prefix of ts and returns how many
// token trees it took. follow is the literal expected after the items (an
// expr-like fragment stops there).
func matchItems(items []mitem, ts []tok, follow string, b bindings) (int, bool) {
	j := 0
	for i, it := range items {
		next := follow
		if i+1 < len(items) {
			if n := items[i+1]; n.kind == 'l' {
				next = n.text
			} else {
				next = "\x00"
			}
		}
		switch it.kind {
		case 'l':
			if j >= len(ts) || ts[j].kind == 'g' || ts[j].text != it.text {
				return 0, false
			}
			j++
		case 'g':
			if j >= len(ts) || ts[j].kind != 'g' || ts[j].text != it.text {
				return 0, false
			}
			if n, ok := matchItems(it.items, ts[j].kids, "", b); !ok || n != len(ts[j].kids) {
				return 0, false
			}
			j++
		case 'v':
			n := fragLen(it.frag, ts[j:], next)
			if n < 0 {
				return 0, false
			}
			b[it.text] = append(b[it.text], ts[j:j+n])
			j += n
		case 'r':
			stop := it.sep
			if stop == "" {
				stop = next
			}
			reps := 0
			for j < len(ts) {
				n, ok := matchItems(it.items, ts[j:], stop, b)
				if !ok || n == 0 {
					break
				}
				j += n
				reps++
				if it.op == '?' {
					break
				}
				if it.sep != "" {
					if j < len(ts) && ts[j].kind != 'g' && ts[j].text == it.sep {
						j++
						continue
					}
					break
				}
			}
			if it.op == '+' && reps == 0 {
				return 0, false
			}
		}
	}
	return j, true
}

// fragLen is how many token trees a fragment takes from ts, or -1.
func fragLen(frag string, ts []tok, next string) int {
	switch frag {
	case "ident":
		if len(ts) > 0 && ts[0].kind == 'i' {
			return 1
		}
		return -1
	case "lifetime":
		if len(ts) > 1 && ts[0].text == "'" && ts[1].kind == 'i' {
			return 2
		}
		return -1
	case "literal":
		if len(ts) > 1 && ts[0].text == "-" && ts[1].kind == 'l' {
			return 2
		}
		if len(ts) > 0 && (ts[0].kind == 'l' || ts[0].text == "true" || ts[0].text == "false") {
			return 1
		}
		return -1
	case "tt":
		if len(ts) > 0 {
			return 1
		}
		return -1
	case "block":
		if len(ts) > 0 && ts[0].kind == 'g' && ts[0].text == "{" {
			return 1
		}
		return -1
	}
	// expr, ty, path, pat, pat_param, stmt, item, meta, vis: up to the next
	// literal token of the rule, and never over a `,`, `;` or `=>` outside
	// generic arguments (none of these fragments holds one at its top
	// level).
	n, angle := 0, 0
	for n < len(ts) {
		t := ts[n]
		if frag == "expr" && angle == 0 && n > 0 && isOperand(t) && (isOperand(ts[n-1]) || ts[n-1].kind == 'g') {
			// Two operands in a row end an expression: rustc's parser
			// stops there (searcher!'s `vec vec![…]` is `vec`, then
			// the rule's literal vec).
			return checkLen(frag, n)
		}
		if t.kind != 'g' {
			switch {
			case t.text == "<" && (frag == "ty" || frag == "path" || n > 0 && ts[n-1].text == ":"):
				angle++
			case t.text == ">" && angle > 0 && !(n > 0 && ts[n-1].text == "-"):
				angle--
			case angle == 0 && (t.text == next || t.text == "," || t.text == ";" || t.text == "=" && n+1 < len(ts) && ts[n+1].text == ">"):
				return checkLen(frag, n)
			}
		}
		n++
	}
	return checkLen(frag, n)
}

// operandKeywords are the keywords that stand in an expression where a
// value may: the others (as, else, move, return, mut, …) join operands.
var operandKeywords = map[string]bool{"self": true, "Self": true, "crate": true, "super": true, "true": true, "false": true}

// keywords are Rust's strict and reserved keywords.
var keywords = map[string]bool{
	"as": true, "async": true, "await": true, "box": true, "break": true, "const": true, "continue": true, "dyn": true,
	"else": true, "enum": true, "extern": true, "fn": true, "for": true, "if": true, "impl": true, "in": true, "let": true,
	"loop": true, "match": true, "mod": true, "move": true, "mut": true, "pub": true, "ref": true, "return": true,
	"static": true, "struct": true, "trait": true, "type": true, "unsafe": true, "use": true, "where": true,
	"while": true, "yield": true,
}

// isOperand reports whether t is a literal or a name that is a value: two in
// a row cannot be one expression.
func isOperand(t tok) bool {
	return t.kind == 'l' || t.kind == 'i' && (!keywords[t.text] || operandKeywords[t.text])
}

// checkLen is -1 for an empty fragment, which only vis may be.
func checkLen(frag string, n int) int {
	if n == 0 && frag != "vis" {
		return -1
	}
	return n
}

// macroTest is one test an invocation declares.
type macroTest struct {
	suite []string // modules the expansion writes
	conds []string // the predicates of #[cfg(…)] on those modules
	name  string
	attrs testAttrs
}

// expander expands the invocations of one file.
type expander struct {
	macros func(name string) *testMacro
	budget int // token trees left to look at for the current invocation
}

// expand returns the tests of one invocation of m with the given arguments.
func (e *expander) expand(m *testMacro, args []tok, depth int) []macroTest {
	for _, r := range m.rules {
		b := bindings{}
		if n, ok := matchItems(r.matcher, args, "", b); ok && n == len(args) {
			var out []macroTest
			e.transcribe(r.body, b, nil, nil, depth, &out)
			return out
		}
	}
	return nil
}

// transcribe walks a rule body for test functions (with their attributes),
// modules around them (and their conditions) and forwarding invocations.
func (e *expander) transcribe(body []tok, b bindings, mods, conds []string, depth int, out *[]macroTest) {
	var attrs []string
	for i := 0; i < len(body); i++ {
		e.budget--
		if e.budget < 0 {
			return
		}
		t := body[i]
		switch {
		case t.text == "#" && i+1 < len(body) && body[i+1].kind == 'g' && body[i+1].text == "[":
			kids := body[i+1].kids
			if len(kids) > 0 && kids[0].text == "cfg" {
				// #[cfg(feature = $f)]: the value bound to $f.
				kids = substitute(kids, b)
			}
			attrs = append(attrs, "#["+joinToks(kids)+"]")
			i++
		case t.text == "$" && i+1 < len(body) && body[i+1].kind == 'g' && body[i+1].text == "(":
			// A repetition: its body, once (names bound in it are lists).
			e.transcribe(body[i+1].kids, b, mods, conds, depth, out)
			i++
			for i+1 < len(body) && body[i+1].kind != 'g' && (isRepOp(body[i+1].text) || body[i+1].text == "," || body[i+1].text == ";") {
				i++
			}
		case t.text == "fn" && i+1 < len(body):
			names, n := e.names(body[i+1:], b)
			if len(attrs) > 0 {
				if ta, ok := classify(attrs); ok {
					for _, name := range names {
						*out = append(*out, macroTest{suite: mods, conds: conds, name: name, attrs: ta})
					}
				}
			}
			attrs = nil
			i += n
		case t.text == "mod" && i+1 < len(body):
			names, n := e.names(body[i+1:], b)
			if len(names) == 1 && i+n+1 < len(body) && body[i+n+1].kind == 'g' && body[i+n+1].text == "{" {
				inner := withConds(conds, attrs)
				e.transcribe(body[i+n+1].kids, b, append(append([]string(nil), mods...), names[0]), inner, depth, out)
				i += n + 1
			}
			attrs = nil
		case (t.text == "quickcheck" || t.text == "proptest") && i+2 < len(body) && body[i+1].text == "!" && body[i+2].kind == 'g':
			inner := withConds(conds, attrs)
			for _, f := range fnsIn(body[i+2].kids, t.text == "quickcheck") {
				*out = append(*out, macroTest{suite: mods, conds: inner, name: f.name, attrs: f.attrs})
			}
			attrs = nil
			i += 2
		case t.kind == 'i' && i+2 < len(body) && body[i+1].text == "!" && body[i+2].kind == 'g' && depth < maxExpandDepth:
			if m := e.macros(t.text); m != nil {
				inner := withConds(conds, attrs)
				for _, mt := range e.expand(m, substitute(body[i+2].kids, b), depth+1) {
					mt.suite = append(append([]string(nil), mods...), mt.suite...)
					if len(inner) > 0 {
						mt.conds = append(append([]string(nil), inner...), mt.conds...)
					}
					*out = append(*out, mt)
				}
			}
			attrs = nil
			i += 2
		case t.kind == 'g' && t.text == "{":
			e.transcribe(t.kids, b, mods, conds, depth, out)
			attrs = nil
		case t.text == "pub" || t.text == "async" || t.text == "unsafe" || t.text == "const" || t.kind == 'g' && t.text == "(" && i > 0 && body[i-1].text == "pub":
		default:
			attrs = nil
		}
	}
}

// withConds returns conds followed by the conditions of attrs (a new slice
// when there are any).
func withConds(conds, attrs []string) []string {
	if c := attrConds(attrs); len(c) > 0 {
		return append(append([]string(nil), conds...), c...)
	}
	return conds
}

// names reads the name after fn or mod: an identifier, or a metavariable
// with every value it was bound to. n is the tokens taken.
func (e *expander) names(ts []tok, b bindings) ([]string, int) {
	if ts[0].kind == 'i' {
		return []string{strings.TrimPrefix(ts[0].text, "r#")}, 1
	}
	if ts[0].text == "$" && len(ts) > 1 && ts[1].kind == 'i' {
		var out []string
		for _, v := range b[ts[1].text] {
			if len(v) == 1 && v[0].kind == 'i' {
				out = append(out, strings.TrimPrefix(v[0].text, "r#"))
			}
		}
		return out, 2
	}
	return nil, 0
}

// substitute replaces metavariables bound once by their tokens.
func substitute(ts []tok, b bindings) []tok {
	var out []tok
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if t.text == "$" && i+1 < len(ts) && ts[i+1].kind == 'i' {
			if v := b[ts[i+1].text]; len(v) == 1 {
				out = append(out, v[0]...)
				i++
				continue
			}
		}
		if t.kind == 'g' {
			t.kids = substitute(t.kids, b)
		}
		out = append(out, t)
	}
	return out
}

func joinToks(ts []tok) string {
	var sb strings.Builder
	word := false
	for _, t := range ts {
		if t.kind == 'g' {
			sb.WriteString(t.text)
			sb.WriteString(joinToks(t.kids))
			sb.WriteString(map[string]string{"(": ")", "[": "]", "{": "}"}[t.text])
			word = false
			continue
		}
		isWord := t.kind == 'i' || t.kind == 'l'
		if word && isWord {
			sb.WriteByte(' ')
		}
		sb.WriteString(t.text)
		word = isWord
	}
	return sb.String()
}

// blockFns returns the test functions written directly in an item macro's
// braces (block is its token tree text): those with a test attribute, or
// every function for quickcheck! (each is a property test).
func blockFns(block span, all bool) []found {
	ts := tokenize(block.text, block.line)
	if len(ts) != 1 || ts[0].kind != 'g' {
		return nil
	}
	var out []found
	for _, f := range fnsIn(ts[0].kids, all) {
		out = append(out, found{name: f.name, line: f.line, pos: block.start + lineOffset(block, f.line), attrs: f.attrs})
	}
	return out
}

// blockFn is one test function of a macro's braces.
type blockFn struct {
	name  string
	line  int
	attrs testAttrs
}

// fnsIn returns the functions at the top of body that carry a test
// attribute (all: every function, as quickcheck! makes each a test).
func fnsIn(body []tok, all bool) []blockFn {
	var out []blockFn
	var attrs []string
	for i := 0; i < len(body); i++ {
		t := body[i]
		switch {
		case t.text == "#" && i+1 < len(body) && body[i+1].kind == 'g' && body[i+1].text == "[":
			attrs = append(attrs, "#["+joinToks(body[i+1].kids)+"]")
			i++
		case t.text == "#" && i+2 < len(body) && body[i+1].text == "!" && body[i+2].kind == 'g':
			i += 2 // an inner attribute
		case t.text == "fn" && i+1 < len(body) && body[i+1].kind == 'i':
			ta, ok := classify(attrs)
			if !ok && all {
				ta, ok = classify(append(attrs, "#[test]"))
			}
			if ok {
				out = append(out, blockFn{name: strings.TrimPrefix(body[i+1].text, "r#"), line: t.line, attrs: ta})
			}
			attrs = nil
			i++
		case t.text == "pub" || t.text == "async" || t.text == "unsafe":
		default:
			attrs = nil
		}
	}
	return out
}

// lineOffset is a position inside block on the given line, for ordering
// tests among modules (modules never start inside a macro's braces).
func lineOffset(block span, line int) uint32 {
	off, l := 0, block.line
	for off < len(block.text) && l < line {
		k := strings.IndexByte(block.text[off:], '\n')
		if k < 0 {
			break
		}
		off += k + 1
		l++
	}
	return uint32(off)
}

// macroFiles are the files besides the file itself whose macros a file may
// use. A macro_rules! macro is in scope in the modules declared after it, so
// the files of the modules above the file are read: mod.rs, lib.rs and
// main.rs of its folder and of each folder above it, and the D.rs beside a
// folder D (the newer layout of module files), with macros.rs and
// macros/mod.rs, where #[macro_use] modules keep shared macros.
func macroFiles(file string) []string {
	var out []string
	dir := path.Dir(file)
	for {
		for _, name := range []string{"macros.rs", "macros/mod.rs", "mod.rs", "lib.rs", "main.rs"} {
			if p := path.Join(dir, name); p != file {
				out = append(out, p)
			}
		}
		if dir == "." || dir == "/" || dir == "" {
			return out
		}
		if p := dir + ".rs"; p != file {
			out = append(out, p)
		}
		dir = path.Dir(dir)
	}
}
