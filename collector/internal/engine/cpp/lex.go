package cpp

import "strings"

// tokKind classifies a token.
type tokKind uint8

const (
	tIdent tokKind = iota
	tString
	tChar
	tNumber
	tPunct
)

// token is one C++ token; text is a slice of the source.
type token struct {
	kind tokKind
	// space is whitespace or a comment before the token, which a
	// stringized macro argument keeps as one space (macros.go).
	space bool
	text  string
	line  int
}

// lexed is a file split into tokens, with its includes.
type lexed struct {
	toks     []token
	includes []string
	defines  map[string][]macroDef // #define NAME…, every definition (outside #if 0)

	braces  int       // "{" minus "}" tokens so far
	top     *condNode // the innermost open #if branch (outside #if 0), nil when none
	skipAll bool      // skipping up to the #endif, not just to the next branch

	groups      []condGroup // every #if group, in order (cond.go)
	spans       []condSpan  // the innermost open branch from a token on
	srcLen      int         // the file's size, for condBudgetPerByte
	condWork    int         // the condition budget spent
	condOver    bool        // spent: the file's conditions are not reported
	guardNext   int         // 1 + the group whose #ifndef X was the last directive
	guardName   string      // its X
	guardEnd    int         // 1 + the guardish group whose #endif was the last directive
	guardEndTok int         // the number of tokens at that #endif
}

// lex splits src into tokens. Comments are dropped; preprocessor directives
// are dropped too (a TEST inside a #define is not a test), except that
// #include paths are kept, the lines of an `#if 0` block are skipped, and
// the #if groups open at each token are recorded (cond.go).
// When a branch of an #if group leaves its braces unbalanced, the group's
// later branches are skipped: they are alternatives of the same code, such
// as two headers of one test body (`#if X` TEST(A, B) { `#else`
// TEST(A, C) { `#endif` … }), and reading both would join everything up to
// the end of the file into one body.
// Every loop advances by at least one byte, so lex is linear in len(src).
func lex(src string) lexed {
	out := lexed{toks: make([]token, 0, len(src)/6), srcLen: len(src)}
	line := 1
	atLineStart := true // only whitespace since the last newline
	lastEnd := 0        // the end of the last token
	skipDepth := 0      // >0 inside an #if 0 block: the nesting depth of #if
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
			atLineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '\\' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
			i++ // a line splice outside a directive: ignore
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			} else {
				end += 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += 2 + end
			continue
		case c == '#' && atLineStart:
			start := i
			i = directiveEnd(src, i)
			dir := src[start:i]
			line += strings.Count(dir, "\n")
			skipDepth = out.directive(dir, skipDepth)
			continue
		}
		atLineStart = false
		if skipDepth > 0 {
			// Inside #if 0: skip to the next line.
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		}
		start, startLine := i, line
		kind := tPunct
		switch {
		case isIdentStart(c):
			for i < len(src) && isIdentByte(src[i]) {
				i++
			}
			// An encoding prefix or raw string: u8"…", L'x', R"d(…)d".
			if i < len(src) && (src[i] == '"' || src[i] == '\'') && isLiteralPrefix(src[start:i]) {
				kind = tString
				if src[i] == '\'' {
					kind = tChar
				}
				if src[i] == '"' && strings.HasSuffix(src[start:i], "R") {
					i = rawStringEnd(src, i)
				} else {
					i = quotedEnd(src, i)
				}
				line += strings.Count(src[start:i], "\n")
			} else {
				kind = tIdent
			}
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			// Digit separators (1'000) and exponents (1e+5) are part of the number.
			i++
			for i < len(src) {
				d := src[i]
				if isIdentByte(d) || d == '.' || d == '\'' && i+1 < len(src) && isIdentByte(src[i+1]) ||
					(d == '+' || d == '-') && (src[i-1] == 'e' || src[i-1] == 'E' || src[i-1] == 'p' || src[i-1] == 'P') {
					i++
					continue
				}
				break
			}
			kind = tNumber
		case c == '"':
			i = quotedEnd(src, i)
			line += strings.Count(src[start:i], "\n")
			kind = tString
		case c == '\'':
			i = quotedEnd(src, i)
			line += strings.Count(src[start:i], "\n")
			kind = tChar
		default:
			i++
		}
		if kind == tPunct {
			switch c {
			case '{':
				out.braces++
			case '}':
				out.braces--
			}
		}
		out.toks = append(out.toks, token{kind: kind, space: start != lastEnd, text: src[start:i], line: startLine})
		lastEnd = i
	}
	out.finishGuard()
	return out
}

// directive reads one preprocessor line and returns the new #if 0 depth.
func (l *lexed) directive(dir string, skipDepth int) int {
	body := strings.TrimSpace(strings.TrimPrefix(dir, "#"))
	word := body
	if j := strings.IndexAny(body, " \t<\"("); j >= 0 {
		word = body[:j]
	}
	rest := strings.TrimSpace(body[len(word):])
	l.guardEnd = 0
	if l.guardNext > 0 {
		if word == "define" && skipDepth == 0 {
			if name, def, ok := parseDefine(rest); ok && name == l.guardName {
				g := &l.groups[l.guardNext-1]
				g.guardish = true
				g.bare = def.params == nil && condText(def.body) == ""
			}
		}
		l.guardNext = 0
	}
	switch word {
	case "if", "ifdef", "ifndef":
		if skipDepth > 0 {
			return skipDepth + 1
		}
		var cond string
		switch word {
		case "if":
			cond = condText(rest)
		case "ifdef":
			cond = definedCond(rest, false)
		default:
			cond = definedCond(rest, true)
		}
		l.pushGroup(cond)
		if guard, ok := strings.CutPrefix(cond, "!defined"); ok && l.top.parent == nil {
			// #ifndef X, #if !defined(X), #if !defined X: an include guard when #define X follows.
			guard = strings.TrimSpace(guard)
			if strings.HasPrefix(guard, "(") && strings.HasSuffix(guard, ")") {
				guard = strings.TrimSpace(guard[1 : len(guard)-1])
			}
			if isIdentifier(guard) {
				l.guardNext, l.guardName = len(l.groups), guard
			}
		}
		if word == "if" && (rest == "0" || strings.HasPrefix(rest, "0 ") || strings.HasPrefix(rest, "0/")) {
			return 1
		}
	case "else", "elif", "elifdef", "elifndef":
		if skipDepth > 1 || skipDepth == 1 && l.skipAll {
			return skipDepth
		}
		switch word {
		case "else":
			l.nextBranch("", true)
		case "elif":
			l.nextBranch(condText(rest), false)
		case "elifdef":
			l.nextBranch(definedCond(rest, false), false)
		default:
			l.nextBranch(definedCond(rest, true), false)
		}
		if skipDepth == 1 {
			return 0
		}
		if l.top != nil && l.braces != l.top.braces {
			l.skipAll = true
			return 1
		}
	case "endif":
		if skipDepth > 1 {
			return skipDepth - 1
		}
		l.popGroup()
		l.skipAll = false
		return 0
	case "define":
		if skipDepth == 0 {
			if name, def, ok := parseDefine(rest); ok && len(l.defines[name]) < maxDefinitions {
				if l.defines == nil {
					l.defines = map[string][]macroDef{}
				}
				def.at, def.until, def.cond = len(l.toks), -1, l.top
				l.defines[name] = append(l.defines[name], def)
			}
		}
	case "undef":
		if skipDepth == 0 {
			name := rest
			if i := strings.IndexFunc(rest, func(r rune) bool { return r > 0x7f || !isIdentByte(byte(r)) }); i >= 0 {
				name = rest[:i]
			}
			for k := range l.defines[name] {
				if d := &l.defines[name][k]; d.until < 0 {
					d.until = len(l.toks)
				}
			}
		}
	case "include", "import":
		if skipDepth == 0 && len(rest) > 2 {
			if end := strings.IndexAny(rest[1:], ">\""); end >= 0 {
				l.includes = append(l.includes, rest[1:1+end])
			}
		}
	}
	return skipDepth
}

// directiveEnd returns the end of the directive starting at i: the end of
// its line, line splices and block comments included.
func directiveEnd(src string, i int) int {
	for i < len(src) {
		switch {
		case src[i] == '\n':
			return i
		case src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
		case src[i] == '\\' && i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n':
			i += 3
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return len(src)
			}
			i += end + 4
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			return i
		default:
			i++
		}
	}
	return i
}

func isLiteralPrefix(p string) bool {
	switch p {
	case "u8", "u", "U", "L", "R", "u8R", "uR", "UR", "LR":
		return true
	}
	return false
}

// quotedEnd returns the end of the literal opened at i (a quote), escapes
// included; an unterminated literal ends at the end of its line.
func quotedEnd(src string, i int) int {
	q := src[i]
	i++
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case q:
			return i + 1
		case '\n':
			return i
		}
		i++
	}
	return len(src)
}

// rawStringEnd returns the end of the raw string whose quote is at i:
// R"delim( … )delim".
func rawStringEnd(src string, i int) int {
	open := strings.IndexByte(src[i+1:], '(')
	if open < 0 || open > 16 {
		return quotedEnd(src, i)
	}
	delim := src[i+1 : i+1+open]
	if strings.ContainsAny(delim, " \\)\n\t\"") {
		return quotedEnd(src, i)
	}
	body := i + 1 + open + 1
	end := strings.Index(src[body:], ")"+delim+"\"")
	if end < 0 {
		return len(src)
	}
	return body + end + len(delim) + 2
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}
