package python

import (
	"bytes"
	"strings"
)

// The reader below replaces a tree-sitter parse: what collect needs from a
// module is its definitions (with decorators, bases, a few class-level
// assignments and the first call of each function), its module-level
// assignments and its imports, and all of that is visible in Python's
// logical lines and their indentation. Reading them is one pass to blank
// strings and comments and one pass over lines — about ten times cheaper
// than building a syntax tree, which was 90 % of the front end's time on
// large test suites (numpy: 10.7 ms of CPU per test file).

// logicalLine is one Python logical line: physical lines joined by open
// brackets or a trailing backslash.
type logicalLine struct {
	start, end int // bytes of src: first token, end of the last token
	indent     int // column of the first token (tabs to multiples of 8)
	line       int // 1-based line of the first token
}

// blank returns a copy of src in which the inside of every string literal
// and every comment is spaces (newlines included, so a line break inside a
// triple-quoted string does not end a logical line), and the line of the
// first lexical error (an unterminated string), or 0. Quotes and string
// prefixes stay, so a docstring still starts with a quote.
func blank(src []byte) (code []byte, errLine int) {
	code = make([]byte, len(src))
	copy(code, src)
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				code[i] = ' '
				i++
			}
		case c == '\'' || c == '"':
			var lines int
			var ok bool
			i, lines, ok = blankString(src, code, i)
			if !ok && errLine == 0 {
				errLine = line
			}
			line += lines
		case isIdentStart(c) || c >= 0x80:
			// An identifier; a string prefix (r, b, f, u, rb, …) is one
			// whose next byte is a quote, and the loop then reads the string.
			for i < len(src) && (isIdentPart(src[i]) || src[i] >= 0x80) {
				i++
			}
		default:
			i++
		}
	}
	return code, errLine
}

// blankString blanks the string literal whose opening quote is at i and
// returns the offset after it, how many newlines it spans, and whether it
// was terminated.
func blankString(src, code []byte, i int) (next, lines int, ok bool) {
	q := src[i]
	triple := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	if triple {
		i += 3
	} else {
		i++
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			if src[i+1] == '\n' {
				lines++
			}
			code[i], code[i+1] = ' ', ' '
			i += 2
			continue
		case c == q && !triple:
			return i + 1, lines, true
		case c == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
			return i + 3, lines, true
		case c == '\n':
			if !triple {
				return i, lines, false // the newline ends the line as usual
			}
			lines++
		}
		code[i] = ' '
		i++
	}
	return i, lines, false
}

// logicalLines splits blanked code into logical lines. An unbalanced
// bracket is a syntax error; so that one typo does not swallow the rest of
// the file, a bracket left open ends at the next physical line that starts
// with def, class, async or @ no deeper than the line that opened it (what
// tree-sitter's error recovery also does, roughly). errLine is the line of
// the first such error, or 0.
func logicalLines(src, code []byte) (lines []logicalLine, errLine int) {
	lines = make([]logicalLine, 0, bytes.Count(src, []byte{'\n'})/2+1)
	n := len(code)
	lineNo := 1
	var opened []byte // open brackets of the current logical line
	fail := func(l int) {
		if errLine == 0 {
			errLine = l
		}
	}
	for i := 0; i < n; {
		// The start of a physical line: its indentation.
		col, j := indentAt(code, i)
		if j >= n {
			break
		}
		if code[j] == '\n' || code[j] == '\r' {
			i = j + 1
			if code[j] == '\n' {
				lineNo++
			}
			continue
		}
		if code[j] == '\\' && j+1 < n && code[j+1] == '\n' {
			i = j + 2
			lineNo++
			continue
		}
		ll := logicalLine{start: j, indent: col, line: lineNo}
		depth := 0
		open := opened[:0]
		end := j
		k := j
	scan:
		for k < n {
			c := code[k]
			switch c {
			case '(', '[', '{':
				depth++
				open = append(open, c)
			case ')', ']', '}':
				if depth == 0 {
					fail(lineNo)
				} else {
					if pair[open[len(open)-1]] != c {
						fail(lineNo)
					}
					depth--
					open = open[:len(open)-1]
				}
			case '\\':
				if k+1 < n && code[k+1] == '\n' {
					k += 2
					lineNo++
					continue
				}
			case '\n': // a real one: newlines inside strings are blanked
				lineNo++
				if depth == 0 {
					k++
					break scan
				}
				if ncol, nj := indentAt(code, k+1); nj < n && ncol <= ll.indent && startsBlock(code[nj:]) {
					fail(ll.line)
					k++
					break scan
				}
			}
			if src[k] == '\n' && c != '\n' {
				lineNo++ // a newline inside a triple-quoted string
			}
			if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\n' {
				end = k + 1
			}
			k++
		}
		if k >= n && depth > 0 {
			fail(ll.line)
		}
		ll.end = end
		lines = append(lines, ll)
		opened = open
		i = k
	}
	return lines, errLine
}

// pair maps an opening bracket to its closing one.
var pair = [256]byte{'(': ')', '[': ']', '{': '}'}

// indentAt measures the indentation of the physical line starting at i: its
// column (tabs advance to the next multiple of 8, as Python counts them) and
// the offset of its first other byte.
func indentAt(code []byte, i int) (col, j int) {
	for j = i; j < len(code); j++ {
		switch code[j] {
		case ' ':
			col++
		case '\t':
			col = col/8*8 + 8
		case '\f':
			col = 0
		default:
			return col, j
		}
	}
	return col, j
}

// startsBlock reports whether a physical line beginning at b starts a
// definition or decorator: where an unclosed bracket is given up.
func startsBlock(b []byte) bool {
	return b[0] == '@' || hasKeyword(b, "def") || hasKeyword(b, "class") || hasKeyword(b, "async")
}

// hasKeyword reports whether b starts with the keyword kw as a whole word.
func hasKeyword(b []byte, kw string) bool {
	return len(b) > len(kw) && string(b[:len(kw)]) == kw && !isIdentPart(b[len(kw)]) && b[len(kw)] < 0x80
}

// block is a definition or `if __name__ == "__main__":` whose body is open.
type block struct {
	indent int // of the header line
	def    int // index in module.defs, or -1 for the main block
	body   int // indentation of the body's first line, -1 until seen
}

// readSource reads a module: its definitions in source order with their
// nesting, decorators, bases, first calls and class-level marks, its
// module-level assignments and its imports. errLine is the line of the
// first syntax error noticed (0: none); what could be read is returned
// either way.
func readSource(src []byte) (m *module, errLine int) {
	m = &module{assigns: map[string]string{}, imp: imports{fromUT: map[string]string{}}}
	code, errLine := blank(src)
	lines, lerr := logicalLines(src, code)
	if errLine == 0 || lerr != 0 && lerr < errLine {
		errLine = lerr
	}
	var stack []block
	var decorators []string
	inMain := 0       // open main blocks
	loadTestsAt := -1 // offset of a module-level def load_tests whose end is not yet seen

	for li := range lines {
		l := &lines[li]
		if loadTestsAt >= 0 && l.indent == 0 {
			m.loadTests = string(code[loadTestsAt:l.start])
			loadTestsAt = -1
		}
		for len(stack) > 0 && l.indent <= stack[len(stack)-1].indent {
			if stack[len(stack)-1].def < 0 {
				inMain--
			}
			stack = stack[:len(stack)-1]
		}
		// The first line of a body fixes its indentation; a function's
		// first statement may be a call that skips the test.
		var owner *block
		if len(stack) > 0 {
			owner = &stack[len(stack)-1]
			if owner.body < 0 {
				owner.body = l.indent
				if owner.def >= 0 && !m.defs[owner.def].class {
					m.defs[owner.def].firstCall = firstCall(src, code, lines, li, l.indent)
				}
			}
		}
		text := code[l.start:l.end]
		switch {
		case text[0] == '@':
			decorators = append(decorators, strings.TrimSpace(string(src[l.start+1:l.end])))
			continue
		case hasKeyword(text, "def") || hasKeyword(text, "class") || hasKeyword(text, "async") && isAsyncDef(text):
			i, inline, ok := m.addDef(src, code, l, parentOf(stack), decorators, inMain > 0)
			decorators = nil
			if !ok {
				if errLine == 0 || l.line < errLine {
					errLine = l.line
				}
				if i < 0 {
					continue
				}
			}
			if inline >= 0 {
				// def f(): body — on the header's line.
				body := statements(code, inline, l.end)
				if !m.defs[i].class {
					first := body
					if len(first) > 1 && isStringStatement(code, first[0][0], first[0][1]) {
						first = first[1:]
					}
					if len(first) > 0 {
						m.defs[i].firstCall = callee(src, code, first[0][0], first[0][1])
					}
				} else {
					m.classStatements(i, src, code, inline, l.end)
				}
				for _, s := range body {
					if hasKeyword(code[s[0]:s[1]], "import") || hasKeyword(code[s[0]:s[1]], "from") {
						m.imp.add(string(src[s[0]:s[1]]))
					}
					if !m.defs[i].class {
						m.addReturn(i, code, s[0], s[1])
					}
				}
				continue
			}
			if len(stack) == 0 && l.indent == 0 && !m.defs[i].class && m.defs[i].name == "load_tests" {
				loadTestsAt = l.start
			}
			stack = append(stack, block{indent: l.indent, def: i, body: -1})
			continue
		case hasKeyword(text, "if"):
			if colon := topLevelColon(code, l.start+2, l.end); colon > 0 {
				cond := code[l.start+2 : colon]
				if bytes.Contains(cond, []byte("__name__")) && bytes.Contains(src[l.start+2:colon], []byte("__main__")) &&
					(bytes.Contains(cond, []byte("==")) || bytes.Contains(cond, []byte("!="))) && isBlank(code[colon+1:l.end]) {
					stack = append(stack, block{indent: l.indent, def: -1, body: -1})
					inMain++
				}
			}
		}
		decorators = nil
		if inlineBody(code, l) {
			// `if x: import y`, `else: z = 1`: a compound statement with its
			// body on the line; imports there still count.
			for _, s := range statements(code, l.start, l.end) {
				if colon := topLevelColon(code, s[0], s[1]); colon > 0 {
					b := skipSpace(code, colon+1, s[1])
					if hasKeyword(code[b:s[1]], "import") || hasKeyword(code[b:s[1]], "from") {
						m.imp.add(string(src[b:s[1]]))
					}
					if owner != nil && owner.def >= 0 && !m.defs[owner.def].class {
						m.addReturn(owner.def, code, b, s[1])
					}
				} else if owner != nil && owner.def >= 0 && !m.defs[owner.def].class {
					m.addReturn(owner.def, code, s[0], s[1]) // if x: pass; return f
				}
			}
			continue
		}
		m.simpleStatements(src, code, l, owner, len(stack) == 0 && l.indent == 0)
	}
	if loadTestsAt >= 0 {
		m.loadTests = string(code[loadTestsAt:])
	}
	return m, errLine
}

// compoundKeywords start statements with a header and a body.
var compoundKeywords = []string{"if", "elif", "else", "for", "while", "try", "except", "finally", "with", "match", "case"}

// inlineBody reports whether l is a compound statement's header (if, for,
// with, …; not def or class).
func inlineBody(code []byte, l *logicalLine) bool {
	text := code[l.start:l.end]
	for _, kw := range compoundKeywords {
		if hasKeyword(text, kw) || len(text) == len(kw) && string(text) == kw {
			if kw == "match" || kw == "case" {
				// Soft keywords: match = 1 is an assignment.
				colon := topLevelColon(code, l.start, l.end)
				return colon > 0 && !bytes.Contains(code[l.start:colon], []byte("="))
			}
			return true
		}
	}
	return hasKeyword(text, "async") && !isAsyncDef(text)
}

// parentOf is the index of the innermost open definition, or -1.
func parentOf(stack []block) int {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].def >= 0 {
			return stack[i].def
		}
	}
	return -1
}

func isAsyncDef(text []byte) bool {
	rest := bytes.TrimLeft(text[len("async"):], " \t\\\n\r")
	return hasKeyword(rest, "def")
}

// addDef records the def or class whose header is l. inline is the offset
// of a body written on the header's line, or -1; ok is false for a header
// Python would reject (no name, no colon).
func (m *module) addDef(src, code []byte, l *logicalLine, parent int, decorators []string, excluded bool) (i, inline int, ok bool) {
	p := l.start
	if hasKeyword(code[p:l.end], "async") {
		p += len("async")
		p = skipSpace(code, p, l.end)
	}
	class := hasKeyword(code[p:l.end], "class")
	if class {
		p += len("class")
	} else {
		p += len("def")
	}
	p = skipSpace(code, p, l.end)
	nameStart := p
	for p < l.end && (isIdentPart(code[p]) || code[p] >= 0x80) {
		p++
	}
	if p == nameStart {
		return -1, -1, false
	}
	d := def{
		class:      class,
		name:       string(src[nameStart:p]),
		line:       l.line + bytes.Count(src[l.start:nameStart], []byte{'\n'}),
		parent:     parent,
		decorators: decorators,
		excluded:   excluded,
	}
	colon := topLevelColon(code, p, l.end)
	if colon < 0 {
		// def test_broken(: — Python rejects it; the definition is still
		// recorded, as a header whose body follows.
		m.defs = append(m.defs, d)
		return len(m.defs) - 1, -1, false
	}
	if class {
		if b := skipSpace(code, p, colon); b < colon && code[b] == '(' {
			d.bases = splitBases(strings.TrimSpace(string(src[b:colon])))
		}
	}
	m.defs = append(m.defs, d)
	inline = -1
	if body := skipSpace(code, colon+1, l.end); body < l.end {
		inline = body
	}
	return len(m.defs) - 1, inline, true
}

// simpleStatements reads the statements of a logical line that is not a
// definition header: imports anywhere; assignments of the module and
// directly in a class body.
func (m *module) simpleStatements(src, code []byte, l *logicalLine, owner *block, moduleLevel bool) {
	classBody := owner != nil && owner.def >= 0 && m.defs[owner.def].class && l.indent == owner.body
	for _, s := range statements(code, l.start, l.end) {
		text := code[s[0]:s[1]]
		if moduleLevel && bytes.Contains(text, importOrSkip) {
			if call := importSkipCall(src, code, s[0], s[1]); call != "" {
				m.importSkips = append(m.importSkips, call)
			}
		}
		switch {
		case hasKeyword(text, "return") && owner != nil && owner.def >= 0 && !m.defs[owner.def].class:
			m.addReturn(owner.def, code, s[0], s[1])
		case hasKeyword(text, "import") || hasKeyword(text, "from"):
			if s[1]-s[0] < 4096 && !bytes.HasPrefix(text, []byte("from __future__")) {
				m.imp.add(string(src[s[0]:s[1]]))
			}
		case moduleLevel || classBody:
			name, rhs := assignment(code, s[0], s[1])
			if name == "" || s[1]-rhs > maxMarkText {
				continue
			}
			value := string(src[rhs:s[1]])
			if moduleLevel {
				m.assigns[name] = value
				line := l.line + bytes.Count(src[l.start:s[0]], []byte{'\n'})
				if caseAlias(name, value) {
					m.caseAliases = append(m.caseAliases, def{class: true, name: name, line: line})
				}
				if callee := calleeName(code, rhs, s[1]); callee != "" && strings.HasPrefix(name, "test") {
					m.madeTests = append(m.madeTests, madeTest{name: name, line: line, callee: callee})
				}
			} else {
				// pytestmark, __test__, and constants a method's
				// parametrize may name (CASES = [...]).
				d := &m.defs[owner.def]
				if d.assigns == nil {
					d.assigns = map[string]string{}
				}
				d.assigns[name] = value
			}
		}
	}
}

var importOrSkip = []byte("importorskip(")

// madeTest is a module-level name test… bound to the result of a call.
type madeTest struct {
	name, callee string
	line         int
}

// calleeName returns f when code[from:to] is a call f(…) of a plain name,
// else "".
func calleeName(code []byte, from, to int) string {
	p := from
	for p < to && (isIdentPart(code[p]) || code[p] >= 0x80) {
		p++
	}
	if p == from || !isIdentStart(code[from]) && code[from] < 0x80 {
		return ""
	}
	for to > p && (code[to-1] == ' ' || code[to-1] == '\t' || code[to-1] == '\n' || code[to-1] == '\r' || code[to-1] == '\\') {
		to--
	}
	if q := skipSpace(code, p, to); q >= to || code[q] != '(' || code[to-1] != ')' {
		return ""
	}
	return string(code[from:p])
}

// addReturn records on the function def what the statement code[from:to]
// returns, when it is a return statement that can return a function.
func (m *module) addReturn(def int, code []byte, from, to int) {
	if !hasKeyword(code[from:to], "return") {
		return
	}
	if r := returned(code, from+len("return"), to); r != "" {
		m.defs[def].returns = append(m.defs[def].returns, r)
	}
}

// returned is what a return statement whose value is code[from:to] returns
// that can make a function: a plain name, or "lambda".
func returned(code []byte, from, to int) string {
	v := bytes.TrimSpace(code[from:to])
	if hasKeyword(v, "lambda") {
		return "lambda"
	}
	if len(v) == 0 || !isIdentStart(v[0]) && v[0] < 0x80 {
		return ""
	}
	for _, c := range v {
		if !isIdentPart(c) && c < 0x80 {
			return ""
		}
	}
	switch string(v) {
	case "None", "True", "False":
		return ""
	}
	return string(v)
}

// caseAlias reports whether a module-level assignment binds a test case
// class that another class makes: TestCache = CacheRules.TestCase
// (Hypothesis' stateful tests, whose machine class builds a TestCase with
// one runTest). unittest and pytest collect it under the bound name. An
// alias of unittest's own TestCase (TestCase = unittest.TestCase) runs
// nothing.
func caseAlias(name, value string) bool {
	owner, ok := strings.CutSuffix(strings.TrimSpace(value), ".TestCase")
	if !ok || owner == "" || name == "TestCase" || owner == "unittest" || strings.HasSuffix(owner, ".unittest") {
		return false
	}
	for _, c := range []byte(owner) {
		if !isIdentPart(c) && c != '.' {
			return false
		}
	}
	return true
}

// loadTestsClasses returns the names a module-level load_tests(loader,
// tests, pattern) gives unittest, when that function replaces what unittest
// would load from the module: it never reads its tests argument, or its
// first statement that names it rebinds it (CPython's test_io: tests =
// (CIOTest, PyIOTest, …)), and it does not load the module or a package
// again. Only TestCase classes it names run
// (with what they inherit). nil means unittest loads every TestCase class:
// there is no such load_tests, or it adds to the default suite.
func (m *module) loadTestsClasses() map[string]bool {
	body := m.loadTests
	if body == "" || m.imp.pytest {
		return nil
	}
	for _, defers := range []string{"loadTestsFromModule", "load_package_tests", "discover(", "loadTestsFromName"} {
		if strings.Contains(body, defers) {
			return nil
		}
	}
	open := strings.IndexByte(body, '(')
	end := strings.IndexByte(body, ')')
	if open < 0 || end < open {
		return nil
	}
	params := strings.Split(body[open+1:end], ",")
	if len(params) < 2 {
		return nil
	}
	tests := strings.TrimSpace(strings.SplitN(params[1], "=", 2)[0])
	names := map[string]bool{}
	rebound := false
	for _, w := range identifiers(body[end:]) {
		if w.text == tests && !rebound {
			if !w.assigned || !w.statement {
				return nil // the default suite is used
			}
			rebound = true
			continue
		}
		names[w.text] = true
		// A module-level collection of classes (TESTS = [A, B]) named
		// here names its elements too.
		if v, ok := m.assigns[w.text]; ok {
			for _, e := range identifiers(v) {
				names[e.text] = true
			}
		}
	}
	return names
}

// word is an identifier of a text, whether it is the target of a plain
// assignment (name = …), and whether it starts a statement of the body's
// first level (indented as the body's first line).
type word struct {
	text                string
	assigned, statement bool
}

// identifiers returns the identifiers of a piece of Python, strings and
// comments included (a name in them only widens what load_tests names).
func identifiers(text string) []word {
	var out []word
	bodyIndent := -1
	for i := 0; i < len(text); {
		c := text[i]
		if !isIdentStart(c) || i > 0 && (isIdentPart(text[i-1]) || text[i-1] == '.') {
			i++
			continue
		}
		j := i
		for j < len(text) && isIdentPart(text[j]) {
			j++
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		assigned := k < len(text) && text[k] == '=' && (k+1 == len(text) || text[k+1] != '=')
		lineStart := strings.LastIndexByte(text[:i], '\n') + 1
		indent := len(text[lineStart:i]) - len(strings.TrimLeft(text[lineStart:i], " \t"))
		first := indent == i-lineStart && lineStart > 0
		if first && bodyIndent < 0 {
			bodyIndent = indent
		}
		out = append(out, word{text: text[i:j], assigned: assigned, statement: first && indent == bodyIndent})
		i = j
	}
	return out
}

// importSkipCall returns the text of the statement code[from:to] when it is
// a module-level pytest.importorskip(…) call, alone or assigned
// (pa = pytest.importorskip("pyarrow")), with its whitespace collapsed; else
// "". pytest runs it while importing the module, so the module's tests are
// collected only where it returns.
func importSkipCall(src, code []byte, from, to int) string {
	if _, rhs := assignment(code, from, to); rhs > 0 {
		from = rhs
	}
	name := callee(src, code, from, to)
	if name != "importorskip" && !strings.HasSuffix(name, ".importorskip") {
		return ""
	}
	text := src[from:to]
	if bytes.IndexByte(text, '\n') >= 0 && bytes.IndexByte(text, '#') >= 0 {
		// Possibly a comment between the lines of the call, which would
		// not be the call's text; a trailing comment is already outside.
		return ""
	}
	return strings.Join(strings.Fields(string(text)), " ")
}

// classStatements reads a class body written on its header's line.
func (m *module) classStatements(i int, src, code []byte, from, to int) {
	for _, s := range statements(code, from, to) {
		name, rhs := assignment(code, s[0], s[1])
		if name != "" && s[1]-rhs <= maxMarkText {
			d := &m.defs[i]
			if d.assigns == nil {
				d.assigns = map[string]string{}
			}
			d.assigns[name] = string(src[rhs:s[1]])
		}
	}
}

// statements splits code[from:to] at semicolons outside brackets, trimmed.
func statements(code []byte, from, to int) [][2]int {
	var out [][2]int
	depth, start := 0, from
	for i := from; i <= to; i++ {
		if i < to {
			switch code[i] {
			case '(', '[', '{':
				depth++
				continue
			case ')', ']', '}':
				depth--
				continue
			case ';':
				if depth != 0 {
					continue
				}
			default:
				continue
			}
		}
		s, e := skipSpace(code, start, i), i
		for e > s && isSpace(code[e-1]) {
			e--
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
		start = i + 1
	}
	return out
}

// assignment recognizes `name = value` (one target, a plain name; `name:
// annotation = value` too) and returns the name and where value starts.
func assignment(code []byte, from, to int) (name string, rhs int) {
	p := from
	for p < to && (isIdentPart(code[p]) || code[p] >= 0x80) {
		p++
	}
	if p == from || !isIdentStart(code[from]) && code[from] < 0x80 {
		return "", 0
	}
	q := skipSpace(code, p, to)
	if q < to && code[q] == ':' {
		// An annotation: the value follows the first top-level "=".
		depth := 0
		for q++; q < to; q++ {
			switch code[q] {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			case '=':
				if depth == 0 {
					goto eq
				}
			}
		}
		return "", 0
	}
eq:
	if q >= to || code[q] != '=' || q+1 < to && code[q+1] == '=' {
		return "", 0
	}
	v := skipSpace(code, q+1, to)
	if v >= to {
		return "", 0
	}
	// Chained (a = b = 1) values are taken whole, as the tree reader did.
	return string(code[from:p]), v
}

// firstCall returns the callee of the first statement of the body whose
// first line is lines[li] (after a docstring), when that statement is a
// bare call of a dotted name.
func firstCall(src, code []byte, lines []logicalLine, li, indent int) string {
	l := lines[li]
	ss := statements(code, l.start, l.end)
	if len(ss) == 0 {
		return ""
	}
	first := ss[0]
	if isStringStatement(code, first[0], first[1]) {
		if len(ss) > 1 {
			first = ss[1]
		} else if li+1 < len(lines) && lines[li+1].indent == indent {
			next := statements(code, lines[li+1].start, lines[li+1].end)
			if len(next) == 0 {
				return ""
			}
			first = next[0]
		} else {
			return ""
		}
	}
	return callee(src, code, first[0], first[1])
}

// callee returns the function expression of the statement code[from:to]
// when the statement is exactly one call (pytest.skip(…),
// super().setUp(…)), else "".
func callee(src, code []byte, from, to int) string {
	if ss := statements(code, from, to); len(ss) > 0 {
		from, to = ss[0][0], ss[0][1]
	}
	if to-from < 3 || code[to-1] != ')' {
		return ""
	}
	// The callee is a primary expression: names, dots and bracketed groups
	// (calls, subscripts) with nothing between them at depth 0.
	depth, open := 0, -1
	for p := from; p < to; p++ {
		c := code[p]
		switch {
		case c == '(' || c == '[' || c == '{':
			if depth == 0 {
				open = p
			}
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case depth > 0:
		case isIdentPart(c) || c >= 0x80 || c == '.':
		case isSpace(c) || c == '\\':
			// Only around a dot or before the call's parenthesis
			// (`Base.__init__ (self)`); `not f()` or `await f()` is not a call.
			next := skipSpace(code, p, to)
			if next < to && (code[next] == '(' || code[next] == '.') || p > from && code[p-1] == '.' {
				p = next - 1
				continue
			}
			return ""
		default:
			return "" // an operator at depth 0: not a bare call
		}
	}
	if depth != 0 || open <= from || code[open] != '(' {
		return ""
	}
	return strings.TrimRight(string(src[from:open]), " \t\\\n\r")
}

// isStringStatement reports whether code[from:to] is a string literal alone
// (a docstring), possibly prefixed and implicitly concatenated.
func isStringStatement(code []byte, from, to int) bool {
	p := from
	for p < to && p-from < 2 && strings.IndexByte("rRbBuUfF", code[p]) >= 0 {
		p++
	}
	if p >= to || code[p] != '"' && code[p] != '\'' {
		return false
	}
	// Blanked, a string is its quotes around spaces: nothing else may be
	// outside them.
	for i := p; i < to; i++ {
		if c := code[i]; c != '"' && c != '\'' && !isSpace(c) && c != '\\' && strings.IndexByte("rRbBuUfF", c) < 0 {
			return false
		}
	}
	return true
}

// topLevelColon returns the offset of the first colon outside brackets in
// code[from:to] — a compound statement's header end — or -1. Lambdas and
// slices are inside brackets or after it.
func topLevelColon(code []byte, from, to int) int {
	depth := 0
	for i := from; i < to; i++ {
		switch code[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ':':
			if depth == 0 && !(i+1 < to && code[i+1] == '=') {
				return i
			}
		}
	}
	return -1
}

func skipSpace(code []byte, p, to int) int {
	for p < to && (isSpace(code[p]) || code[p] == '\\') {
		p++
	}
	return p
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
