package jvm

import (
	"bytes"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Function bodies and trailing lambdas are left out of the Kotlin parse.
//
// The Kotlin rules read declarations and their annotations (kotlinQuery)
// and, in a file with a Kotest spec, the DSL calls (kotestQuery). Inside a
// function's body or a lambda they read nothing else: a declaration in a
// function's body nests under a method and is opaque, one in a lambda is
// seen by its keyword (below), and a DSL call by its name. tree-sitter-
// kotlin's parse and the queries over its tree were nearly all of the front
// end's time (8–15 ms for flatbuffers' FlatBufferBuilderTest.kt, 22 KB),
// most of it in test bodies. So the file is lexed first (nested comments,
// strings with their ${…} templates, raw strings, character literals,
// backticked names) and tree-sitter reads it without the inside of each
// body of a `fun` declaration and of each trailing lambda (f(x) { … },
// f { … }, "name" { … }: a Kotest leaf's body), with included ranges
// (offsets and points stay the file's).
//
// A body stays in, with every body around it, when it holds what a rule
// reads at any depth (braces.Mark): an annotation (any @ but a label's in
// return@forEach, this@Outer and the like: annotations anywhere score
// frameworks), a class, interface or object keyword (a local Kotest spec
// counts), a fun keyword (a function in a lambda of a class body is that
// class's method), or what may be a Kotest DSL call: a DSL function's name
// (test, it, xdescribe, `when`, …; kotestNames) before ( or type arguments
// and (, or a string literal before {, (, <, - (not ->), .config or an
// infix should or when. A template hole ${…} holding a brace or an @ counts
// too. A body shorter than minKotlinBody stays in.
//
// The tree must confirm every gap, or the file is parsed whole: no syntax
// error (tree-sitter-kotlin leaves MISSING automatic semicolons in some
// valid code, a class closed on its last member's line: such a file is
// parsed whole, as before), and the node at each gap's { is a function_body
// of a function_declaration, or a lambda_literal of an annotated_lambda (a
// trailing lambda) or of an infix_expression ("x" should { … }), from that
// { to the } after the gap. The lexer's reading of declarations only picks
// the braces worth trying: where it is wrong (a getter taken for a
// function, a block for a lambda), the tree rejects the gap. What it must
// get right is what is code, string or comment, as tree-sitter-kotlin's
// scanner has it, and the marks.

// minKotlinBody is the smallest body worth leaving out.
const minKotlinBody = 48

// ktDecl is the declaration the lexer is reading at a brace's level.
type ktDecl uint8

const (
	ktNone     ktDecl = iota
	ktFun             // fun name(…): the { after the parameters is its body
	ktType            // class, interface, object: the next { is a class body
	ktProperty        // val, var: get and set may follow
	ktAccessor        // get(), set(v): a body of statements
	ktCtor            // constructor(…): a body of statements
	ktInit            // init: a body of statements
)

// ktTok is the kind of the last token read at a brace's level: what a {
// after it may be.
type ktTok uint8

const (
	tokOther    ktTok = iota // nothing a trailing lambda follows: ( , = -> and keywords
	tokName                  // an identifier: f { }
	tokString                // "name" { }
	tokClose                 // ) of a call or a grouping: f(x) { }
	tokCtlClose              // ) of if, while, for, when, catch: a block follows
	tokGt                    // > closing type arguments: f<T> { }
	tokCtl                   // if, while, for, when, catch: ( or a when's { follows
)

// ktLevel is what the lexer knows at one brace's level.
type ktLevel struct {
	members bool // a class body (or the file): members are declared here
	enum    bool // members: an enum body still in its entries (up to ;)
	enumMod bool // the declaration being read has the enum modifier
	decl    ktDecl
	depth   int  // the parenthesis depth decl was met at
	params  bool // decl's (…) closed
	init    bool // = or by: an initializer or an expression body
	parens  int
	ctl     uint64 // bit d: the ( at depth d is a control structure's
	last    ktTok
}

// reset forgets the declaration being read.
func (l *ktLevel) reset() {
	l.decl, l.depth, l.params, l.init, l.enumMod = ktNone, 0, false, false, false
}

// declare starts reading a declaration at the current depth (a class
// keeps the enum modifier met before it).
func (l *ktLevel) declare(d ktDecl) {
	l.decl, l.depth, l.params, l.init, l.enumMod = d, l.parens, false, false, l.enumMod && d == ktType
}

// kotlinBodyGaps returns the bodies a parse may leave out, in order; nil
// when the lexer cannot follow the file.
func kotlinBodyGaps(src []byte) []ts.Gap {
	braces := ts.NewBraces(ktLevel{members: true})
	i := 0
	if bytes.HasPrefix(src, []byte("#!")) {
		i = frontend.LineEnd(src, 0)
	}
	for ; i < len(src); i++ {
		l := &braces.Top().State
		if end := frontend.CommentEnd(src, i, true); end != 0 {
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		}
		switch c := src[i]; {
		case ktSpace(c):
		case c == '"':
			end, mark := kotlinStringEnd(src, i)
			if end < 0 {
				return nil
			}
			if mark || kotestAfterString(src, end) {
				braces.Mark()
			}
			i = end - 1
			l.last = tokString
		case c == '\'':
			end := frontend.QuotedEnd(src, i+1, '\'', false)
			if end < 0 {
				return nil
			}
			i = end - 1
			l.last = tokOther
		case c == '`':
			n := bytes.IndexAny(src[i+1:], "`\n")
			if n < 0 || src[i+1+n] != '`' {
				return nil
			}
			end := i + 2 + n
			if kotestCallAt(src, end) && kotestNames[string(src[i+1:end-1])] {
				braces.Mark()
			}
			i = end - 1
			l.last = tokName
		case c >= '0' && c <= '9':
			for i+1 < len(src) && ktNameByte[src[i+1]] {
				i++
			}
			l.last = tokOther
		case ktNameByte[c]:
			start := i
			for i < len(src) && ktNameByte[src[i]] {
				i++
			}
			kotlinWord(src, start, i, l, braces.Mark)
			i--
		case c == '@':
			if !labelAt(src, i) {
				braces.Mark()
			}
			l.last = tokOther
		case c == '(':
			if l.parens >= 64 {
				return nil
			}
			if l.last == tokCtl {
				l.ctl |= 1 << l.parens
			}
			l.parens++
			l.last = tokOther
		case c == ')':
			if l.parens == 0 {
				return nil
			}
			l.parens--
			l.last = tokClose
			if l.ctl&(1<<l.parens) != 0 {
				l.ctl &^= 1 << l.parens
				l.last = tokCtlClose
			}
			if l.parens == l.depth && (l.decl == ktFun || l.decl == ktCtor || l.decl == ktAccessor) {
				l.params = true
			}
		case c == '=':
			prev, next := neighbours(src, i)
			if next != '=' && !strings.ContainsRune("=!<>+-*/%", rune(prev)) && l.parens == l.depth {
				l.init = true
			}
			l.last = tokOther
		case c == ';':
			if l.parens == 0 {
				l.reset()
				l.enum = false
			}
			l.last = tokOther
		case c == '-' && i+1 < len(src) && src[i+1] == '>':
			i++
			l.last = tokOther
		case c == '>':
			l.last = tokGt
		case c == '{':
			inner, body := kotlinBrace(l)
			if l.parens == l.depth {
				l.reset()
			}
			l.last = tokOther
			braces.Push(i, body, inner)
		case c == '}':
			closed, leave, ok := braces.Pop(i, minKotlinBody)
			if !ok || closed.State.parens != 0 {
				return nil
			}
			if leave {
				braces.LeaveOut(closed, i)
			}
			braces.Top().State.last = tokOther
		default:
			l.last = tokOther
		}
	}
	if !braces.Balanced() || braces.Top().State.parens != 0 {
		return nil
	}
	return braces.Gaps
}

// kotlinBrace returns the level a { opens at l and whether it is a body to
// try leaving out.
func kotlinBrace(l *ktLevel) (inner ktLevel, body bool) {
	atDecl := l.parens == l.depth
	switch {
	case l.members && l.enum && l.parens == 0:
		return ktLevel{members: true}, false // an enum entry's class body
	case atDecl && l.decl == ktType:
		return ktLevel{members: true, enum: l.enumMod}, false
	case atDecl && l.decl == ktFun && l.params && !l.init:
		return ktLevel{}, true
	case l.members && l.parens == 0 && !l.init:
		return ktLevel{}, false // init, constructor, accessor: statements
	}
	// An expression: a trailing lambda after a name, a string, a call's )
	// or type arguments; a block after if (…), else, try, ->, …
	switch l.last {
	case tokName, tokString, tokClose, tokGt:
		return ktLevel{}, true
	}
	return ktLevel{}, false
}

// kotlinWord reads the word src[start:end] (not backticked) at level l and
// calls mark when it may be read by the rules inside a body.
func kotlinWord(src []byte, start, end int, l *ktLevel, mark func()) {
	w := src[start:end]
	l.last = tokName
	switch string(w) {
	case "class", "interface", "object":
		if start >= 2 && src[start-1] == ':' && src[start-2] == ':' {
			return // Foo::class
		}
		mark()
		l.declare(ktType)
		l.last = tokOther
		return
	case "fun":
		mark()
		if next := ktNext(src, end); next >= len(src) || src[next] != '(' { // not fun(x) { }
			l.declare(ktFun)
		}
		l.last = tokOther
		return
	case "if", "while", "for", "catch", "when":
		// `when` is a keyword here, a when-expression: Kotest's is
		// written `when`("…") or When("…").
		l.last = tokCtl
		return
	case "else", "try", "finally", "do", "return", "throw", "in", "is", "as", "where",
		"this", "super", "null", "true", "false", "companion":
		l.last = tokOther
		return
	case "import", "package", "typealias":
		l.last = tokOther
		if l.parens == 0 {
			l.reset()
		}
		return
	}
	if kotestCallAt(src, end) && kotestNames[string(w)] {
		mark()
	}
	switch string(w) {
	case "val", "var", "enum", "init", "constructor", "get", "set", "by":
		if l.parens != 0 || dotted(src, start) {
			return // an argument or a member: x.get(…), a.init
		}
	}
	switch string(w) {
	case "val", "var":
		l.declare(ktProperty)
		l.last = tokOther
	case "enum":
		l.enumMod = true
	case "init":
		if next := ktNext(src, end); l.members && next < len(src) && src[next] == '{' {
			l.declare(ktInit)
			l.last = tokOther
		}
	case "constructor":
		if next := ktNext(src, end); l.members && l.decl != ktType && next < len(src) && src[next] == '(' {
			l.declare(ktCtor) // a secondary constructor; a primary one is in its class header
		}
	case "get", "set":
		if l.members && l.decl == ktProperty && (!l.init || firstOnLine(src, start)) {
			l.declare(ktAccessor)
		}
	case "by":
		if l.decl == ktProperty {
			l.init = true
			l.last = tokOther
		}
	}
}

// kotestNames holds every name kotestFn takes, for one lookup a word: the
// DSL functions' names, with an x or f prefix, the name after it also
// capitalized (xDescribe): kotestFn lower-cases only that first letter.
var kotestNames = func() map[string]bool {
	names := map[string]bool{}
	for _, set := range []map[string]bool{kotestContainers, kotestTests} {
		for n := range set {
			capitalized := strings.ToUpper(n[:1]) + n[1:]
			for _, w := range []string{n, "x" + n, "f" + n, "x" + capitalized, "f" + capitalized} {
				if _, _, ok := kotestFn(w); ok {
					names[w] = true
				}
			}
		}
	}
	return names
}()

// ktSpace reports the grammar's white space: space, and \t to \r (\v and
// \f too). Other bytes, Unicode blanks among them, are no blank to it.
func ktSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// ktNameByte holds the bytes of a Kotlin name (not backticked): ASCII
// letters, digits and _, and any byte of a non-ASCII letter.
var ktNameByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c != '$' && isJavaNameByte(byte(c))
	}
	return t
}()

// kotestCallAt reports whether a DSL function's name ending at end may be
// called: ( follows, or what may be type arguments and then ( (it < 3 is a
// comparison).
func kotestCallAt(src []byte, end int) bool {
	j := ktNext(src, end)
	if j >= len(src) {
		return false
	}
	switch src[j] {
	case '(':
		return true
	case '<':
		return typeArgsCall(src, j)
	}
	return false
}

// typeArgsCall reports whether the < at src[j] may open type arguments
// followed by (: true unless a byte no type argument holds comes before
// the matching >, or the > is not followed by (. Unsure (a long or
// unclosed list) is true.
func typeArgsCall(src []byte, j int) bool {
	depth := 0
	for k := j; k < len(src) && k < j+512; k++ {
		switch c := src[k]; {
		case c == '<':
			depth++
		case c == '>':
			if depth--; depth == 0 {
				n := ktNext(src, k+1)
				return n < len(src) && src[n] == '('
			}
		case c == '-':
			if k+1 >= len(src) || src[k+1] != '>' {
				return false
			}
			k++ // -> of a function type
		case c == '/':
			n := ktNext(src, k)
			if n == k {
				return false // a division
			}
			k = n - 1
		case c == '`':
			n := bytes.IndexAny(src[k+1:], "`\n")
			if n < 0 {
				return true
			}
			k += 1 + n
		case isJavaNameByte(c), ktSpace(c), c == '.', c == ',', c == '?',
			c == '*', c == ':', c == '(', c == ')', c == '@', c == '[', c == ']', c == '&', c == '!':
		default:
			return false
		}
	}
	return true
}

// kotestAfterString reports whether the string literal ending at end may
// name a Kotest test or container: "…" { }, "…"(…) { }, "…" - { },
// "…".config(…) { }, "…" should { }.
func kotestAfterString(src []byte, end int) bool {
	j := ktNext(src, end)
	if j >= len(src) {
		return false
	}
	switch c := src[j]; {
	case c == '{' || c == '(' || c == '<':
		return true
	case c == '-':
		return j+1 >= len(src) || src[j+1] != '>'
	case c == '.' || c == '?' || c == ':':
		j++
		if j < len(src) && (src[j] == '.' || src[j] == ':') {
			j++
		}
		word, _ := ktWordAt(src, ktNext(src, j))
		return word == "config"
	case isJavaNameByte(c) || c == '`':
		word, _ := ktWordAt(src, j)
		return kotestInfix[word]
	}
	return false
}

// ktWordAt returns the name at src[j] (backticks trimmed) and its end.
func ktWordAt(src []byte, j int) (string, int) {
	if j < len(src) && src[j] == '`' {
		n := bytes.IndexAny(src[j+1:], "`\n")
		if n < 0 {
			return "", len(src)
		}
		return string(src[j+1 : j+1+n]), j + 2 + n
	}
	k := j
	for k < len(src) && ktNameByte[src[k]] {
		k++
	}
	return string(src[j:k]), k
}

// ktNext returns the offset of the first byte at or after at that is
// neither white space nor in a comment (len(src) at the end or in an
// unclosed comment).
func ktNext(src []byte, at int) int {
	return frontend.SkipTrivia(src, at, ktSpace, true)
}

// dotted reports whether the name at start follows a . (a member, not a
// keyword: x.get(…), a.init).
func dotted(src []byte, start int) bool {
	j := start
	for j > 0 && ktSpace(src[j-1]) {
		j--
	}
	return j > 0 && src[j-1] == '.'
}

// firstOnLine reports whether only blanks come before start on its line.
func firstOnLine(src []byte, start int) bool {
	for j := start - 1; j >= 0; j-- {
		switch c := src[j]; {
		case c == '\n':
			return true
		case !ktSpace(c):
			return false
		}
	}
	return true
}

// labelAt reports whether the @ at src[i] ends a label's reference
// (return@forEach, break@outer, continue@outer, this@Outer, super@Base):
// the grammar reads no annotation there. Any other @ may be an annotation.
func labelAt(src []byte, i int) bool {
	j := i
	for j > 0 && ktNameByte[src[j-1]] {
		j--
	}
	switch string(src[j:i]) {
	case "return", "break", "continue", "this", "super":
		return j == 0 || src[j-1] != '`'
	}
	return false
}

// kotlinStringEnd returns the offset after the string literal starting with
// the " at src[i] ("…" or """…"""), or -1; mark is set when a template
// hole ${…} holds a brace or an @ (it may hold a lambda, a DSL call or an
// annotation). It follows tree-sitter-kotlin's scanner, not Kotlin: a \
// takes the byte after it in raw strings too, \$" ends a raw string too,
// and a raw string ends at the last " of a run of three or more.
func kotlinStringEnd(src []byte, i int) (end int, mark bool) {
	raw := bytes.HasPrefix(src[i:], []byte(`"""`))
	if raw {
		i += 3
	} else {
		i++
	}
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			if bytes.HasPrefix(src[i+1:], []byte(`$"`)) {
				return i + 3, mark // \$" ends even a raw string there
			}
			i++
		case c == '\n' && !raw:
			return -1, false
		case c == '"':
			if !raw {
				return i + 1, mark
			}
			if bytes.HasPrefix(src[i:], []byte(`"""`)) {
				for i < len(src) && src[i] == '"' {
					i++
				}
				return i, mark
			}
		case c == '$' && i+1 < len(src) && src[i+1] == '{':
			holeEnd, holeMark := kotlinHoleEnd(src, i+2)
			if holeEnd < 0 {
				return -1, false
			}
			mark = mark || holeMark
			i = holeEnd - 1
		}
	}
	return -1, false
}

// kotlinHoleEnd returns the offset after the } closing the template hole
// whose code starts at i, or -1; mark is set when it holds a brace or an @.
func kotlinHoleEnd(src []byte, i int) (end int, mark bool) {
	depth := 0
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			return -1, false // a line comment in a hole: not followed
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			e := frontend.NestedCommentEnd(src, i+2)
			if e < 0 {
				return -1, false
			}
			i = e - 1
		case c == '"':
			e, m := kotlinStringEnd(src, i)
			if e < 0 {
				return -1, false
			}
			mark = mark || m
			i = e - 1
		case c == '\'':
			e := frontend.QuotedEnd(src, i+1, '\'', false)
			if e < 0 {
				return -1, false
			}
			i = e - 1
		case c == '`':
			n := bytes.IndexAny(src[i+1:], "`\n")
			if n < 0 || src[i+1+n] != '`' {
				return -1, false
			}
			i += 1 + n
		case c == '@':
			mark = true
		case c == '{':
			mark = true
			depth++
		case c == '}':
			if depth == 0 {
				return i + 1, mark
			}
			depth--
		}
	}
	return -1, false
}

// parseKotlin parses src with bodies left out when skipBodies is set and
// the tree confirms them (gapped is then true), else whole.
func parseKotlin(src []byte, skipBodies bool) (tree *sitter.Tree, gapped bool, err error) {
	return kotlinGrammar.ParseBraceBodies(src, skipBodies, kotlinBodyGaps, func(body, parent string) bool {
		return body == "function_body" && parent == "function_declaration" ||
			body == "lambda_literal" && (parent == "annotated_lambda" || parent == "infix_expression")
	})
}
