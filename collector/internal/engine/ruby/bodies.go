package ruby

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Example, hook and method bodies are left out of the parse.
//
// tree-sitter's Ruby grammar reads about 2 MB/s here, and most of a spec
// file's bytes are the insides of its examples (`it "x" do … end`), hooks
// (`before do … end`, `let(:x) do … end`) and methods (`def test_x … end`).
// The reader needs none of them: an example, group or test method inside
// an example, a hook, any other opaque block or a method is not a test
// (reader.go), and of a body it reads only the first statement (skip,
// pending). So the file is lexed first (lexer below) and tree-sitter reads
// it without the lines of those bodies (included ranges: offsets and
// points stay the file's). A body is left out when:
//   - it is a do…end block of a receiverless example, hook, let or other
//     call whose block holds no example of the group (exampleMethods, test,
//     skip, pending, define_method, opaqueBlocks; not a group, with_them, it_behaves_like,
//     include_context or a helper that yields: examples in those are
//     tests), or a def…end;
//   - when it starts with skip or pending, that first statement stays in
//     and what follows it is left out;
//   - nothing in it is read from any depth: no class (a test class counts
//     wherever it is), require, require_relative or RSpec;
//   - its header (block parameters, a method's name and parameters) ends
//     with a newline and its end starts a line: what is left out is whole
//     lines, so what tree-sitter reads is `do |x|` + newline + `end`.
//
// The tree must confirm every gap, or the file is parsed whole: it has no
// syntax error, and the node around each gap's end is the do_block or
// method the lexer paired, from its do or def to its end. Where the lexer
// cannot follow the file (or Ruby would refuse it: `until end`, a do that
// follows no call), it is parsed whole too.
//
// The lexer also sees every word: a file where no identifier may declare a
// test (an example method, test, skip, pending, not after a dot) and no
// method is named test_… has no test, and is not parsed at all.

// maxInterpolation bounds strings in interpolations in strings (each level
// is a recursion of the lexer); a deeper file is parsed whole.
const maxInterpolation = 64

// minGap is the smallest body worth leaving out: each gap is an included
// range more for tree-sitter and a lookup to confirm it.
const minGap = 64

// leftOut reports whether the do…end block of the receiverless call head
// holds nothing the reader reads.
func leftOut(head string) bool {
	_, example := exampleMethods[head]
	return example || opaqueBlocks[head] || head == "test" || head == "skip" || head == "pending" || head == "define_method"
}

// bodyGap is a body left out: the lines from Start to End, inside the block
// or method that opens at opener and closes with the end at endAt.
type bodyGap struct {
	ts.Gap
	opener, endAt int
	def           bool
}

type frameKind uint8

const (
	fParen frameKind = iota
	fBracket
	fBrace
	fInterp  // #{…} in a string: its } goes back to the string
	fKeyword // class, module, if, unless, while, until, for, case, begin
	fDo
	fDef
)

// Where a frame's current statement is, for finding the call a do block
// belongs to: Ruby gives it to the statement's first command call.
const (
	hsStart     uint8 = iota // at a statement's start
	hsAfterHead              // just after its first identifier
	hsAfterArgs              // after head(…)
	hsArgs                   // in a command call's arguments
	hsNone                   // no receiverless head takes a do block here
)

type frame struct {
	kind   frameKind
	opener int

	// fDo and fDef.
	gappable   bool
	sensitives int // the lexer's count of sensitive tokens when it opened
	inHeader   bool
	bodyStart  int  // the first line of the body, or -1
	firstArmed bool // the body's first token is still to come
	afterFirst bool // the body starts with skip or pending: keep that statement

	loopHeader bool // fKeyword while/until/for: a do on its line is the loop's
	bare       bool // fKeyword if/unless/while/until/for/class/module: nothing after the keyword yet
	defParams  bool // fParen: a def's parameters (the def may be endless)

	head      string
	headState uint8
}

// Kinds of the previous token, for what a newline, /, %, ?, << and the
// modifier keywords mean after it.
const (
	pStart uint8 = iota // a statement starts
	pValue              // an operand ends
	pIdent              // an identifier: an operand, or a call that takes arguments
	pOp                 // an operator or comma: the expression goes on
	pDot                // . &. or :: : a method name follows
)

type heredoc struct {
	id     string
	indent bool // <<~ or <<-: the terminator may be indented
}

type lexer struct {
	src      string
	i        int
	frames   []frame
	heredocs []heredoc
	prev     uint8
	space    bool // whitespace before the current token
	interp   int
	bad      bool
	// testy: an identifier that may declare a test (an example method,
	// test, skip, pending, not after a dot) or a def test_ was seen.
	// Without one, the file has no test.
	testy      bool
	sensitives int  // tokens seen that the reader reads at any depth
	arrow      bool // the last operator was -> (a lambda's do may follow)
	// leadingDot's last answer, good for positions before dotScan.
	dotScan int
	dotNext bool
	gaps    []bodyGap
}

// bodyGaps returns the bodies a parse may leave out, in order; nil when the
// lexer cannot follow the file. mayHaveTests is false when the lexer
// followed the file and saw nothing that declares a test.
func bodyGaps(src string) (gaps []bodyGap, mayHaveTests bool) {
	l := &lexer{src: src, frames: make([]frame, 1, 16)}
	l.frames[0] = frame{kind: fKeyword, bodyStart: -1}
	l.code()
	if l.bad {
		return nil, true
	}
	return l.gaps, l.testy
}

func (l *lexer) top() *frame { return &l.frames[len(l.frames)-1] }

func (l *lexer) push(f frame) *frame {
	f.bodyStart = -1
	f.sensitives = l.sensitives
	l.frames = append(l.frames, f)
	l.prev, l.space = pStart, false
	return l.top()
}

// code reads code until the end of the source or, inside an interpolation,
// until its closing brace.
func (l *lexer) code() {
	src := l.src
	for l.i < len(src) && !l.bad {
		c := src[l.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.i++
			l.space = true
			continue
		case c == '\n':
			l.newline()
			l.space = true
			continue
		case c == '\\' && l.i+1 < len(src) && src[l.i+1] == '\n':
			l.i += 2
			l.space = true
			continue
		case c == '#':
			for l.i < len(src) && src[l.i] != '\n' {
				l.i++
			}
			continue
		case c == '=' && l.atLineStart() && strings.HasPrefix(src[l.i:], "=begin") && l.wordEnds(l.i+6):
			l.blockComment()
			continue
		case c == '_' && l.atLineStart() && strings.HasPrefix(src[l.i:], "__END__") && l.lineEnds(l.i+7):
			l.i = len(src)
			return
		}
		f := l.top()
		if f.bare {
			if l.word() == "end" {
				// if/while/class … without what must follow: Ruby says
				// syntax error, tree-sitter reads end as a name.
				l.bad = true
				return
			}
			f.bare = false
		}
		if f.firstArmed && !f.inHeader || f.firstArmed && f.kind == fDo {
			f.firstArmed = false
			if w := l.word(); (w == "skip" || w == "pending") && isIdentStart(c) {
				f.afterFirst = true
			}
		}
		switch {
		case isIdentStart(c):
			l.identifier()
		case c >= '0' && c <= '9':
			l.number()
		case c == '"' || c == '`':
			l.i++
			l.quoted(c, 0, true)
			l.value()
			l.label()
		case c == '\'':
			l.i++
			l.quoted(c, 0, false)
			l.value()
			l.label()
		case c == '@':
			l.i++
			for l.i < len(src) && (src[l.i] == '@' || isIdentChar(src[l.i])) {
				l.i++
			}
			l.value()
		case c == '$':
			l.global()
		case c == ':':
			l.colon()
		case c == '?':
			l.question()
		case c == '/' && l.literalHere():
			l.i++
			l.regexp('/', 0)
			l.value()
		case c == '%' && l.literalHere() && l.percent():
			l.value()
		case c == '<' && strings.HasPrefix(src[l.i:], "<<") && l.literalHere() && l.heredocStart():
			l.value()
		case c == '(' || c == '[' || c == '{':
			l.open(c)
		case c == ')' || c == ']':
			l.closeBracket(c)
		case c == '}':
			if l.closeBrace() {
				return
			}
		case c == ';':
			l.i++
			l.endStatement(false)
		default:
			l.operator()
		}
		l.space = false
	}
}

func (l *lexer) atLineStart() bool { return l.i == 0 || l.src[l.i-1] == '\n' }

// wordEnds reports whether the word before j ends there.
func (l *lexer) wordEnds(j int) bool { return j >= len(l.src) || !isIdentChar(l.src[j]) }

// lineEnds reports whether only a line break follows j on its line.
func (l *lexer) lineEnds(j int) bool {
	return j >= len(l.src) || l.src[j] == '\n' || l.src[j] == '\r' && (j+1 == len(l.src) || l.src[j+1] == '\n')
}

func (l *lexer) blockComment() {
	at := strings.Index(l.src[l.i:], "\n=end")
	for at >= 0 && !l.wordEnds(l.i+at+5) {
		next := strings.Index(l.src[l.i+at+5:], "\n=end")
		if next < 0 {
			at = -1
			break
		}
		at += 5 + next
	}
	if at < 0 {
		l.bad = true
		return
	}
	l.i += at + 5
	for l.i < len(l.src) && l.src[l.i] != '\n' {
		l.i++
	}
}

// word returns the identifier at the current position.
func (l *lexer) word() string {
	j := l.i
	for j < len(l.src) && isIdentChar(l.src[j]) {
		j++
	}
	return l.src[l.i:j]
}

func (l *lexer) value() { l.prev = pValue; l.argToken() }

// argToken moves the statement of the top frame past an operand.
func (l *lexer) argToken() {
	f := l.top()
	switch f.headState {
	case hsStart, hsAfterArgs:
		f.headState = hsNone
	case hsAfterHead:
		f.headState = hsArgs
	}
}

// label reads the colon of `"key": value`.
func (l *lexer) label() {
	if l.i < len(l.src) && l.src[l.i] == ':' && (l.i+1 == len(l.src) || l.src[l.i+1] != ':') {
		l.i++
		l.prev = pOp
	}
}

// newline ends a line: it reads the bodies of the heredocs the line
// started, and ends the statement unless the expression goes on.
func (l *lexer) newline() {
	l.i++
	for _, h := range l.heredocs {
		l.heredocBody(h)
	}
	l.heredocs = l.heredocs[:0]
	f := l.top()
	if f.kind == fParen || f.kind == fBracket || l.prev == pOp || l.prev == pDot || (l.prev == pValue || l.prev == pIdent) && l.leadingDot() {
		return
	}
	l.endStatement(true)
}

// endStatement ends the top frame's statement at a newline or semicolon.
func (l *lexer) endStatement(atNewline bool) {
	f := l.top()
	f.headState, f.head, f.loopHeader = hsStart, "", false
	l.prev = pStart
	if f.inHeader || f.afterFirst {
		f.inHeader, f.afterFirst = false, false
		if atNewline {
			f.bodyStart = l.i
		} else {
			f.gappable = false
		}
	}
}

// leadingDot reports whether the next line of code starts with . or &
// (a method chain going on: .x, &.x).
func (l *lexer) leadingDot() bool {
	if l.i < l.dotScan {
		return l.dotNext
	}
	j := l.i
	defer func() { l.dotScan = j }()
	for j < len(l.src) {
		c := l.src[j]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			j++
		case c == '#':
			for j < len(l.src) && l.src[j] != '\n' {
				j++
			}
		case c == '.':
			l.dotNext = j+1 < len(l.src) && l.src[j+1] != '.'
			return l.dotNext
		case c == '&':
			// &. goes on, and tree-sitter's scanner takes any & so.
			l.dotNext = true
			return true
		default:
			l.dotNext = false
			return false
		}
	}
	l.dotNext = false
	return false
}

func (l *lexer) heredocBody(h heredoc) {
	for l.i < len(l.src) {
		end := strings.IndexByte(l.src[l.i:], '\n')
		line := l.src[l.i:]
		if end >= 0 {
			line = line[:end]
		}
		line = strings.TrimSuffix(line, "\r")
		if h.indent {
			line = strings.TrimLeft(line, " \t")
		}
		if end < 0 {
			l.i = len(l.src)
		} else {
			l.i += end + 1
		}
		if line == h.id {
			return
		}
	}
	l.bad = true
}

// literalHere reports whether /, %, ? or << at the current position starts
// a literal rather than being an operator: after an operand it is an
// operator, except after an identifier and a space with no space following
// (`foo /x/`, a command call's argument).
func (l *lexer) literalHere() bool {
	switch l.prev {
	case pValue, pDot:
		return false
	case pIdent:
		if !l.space {
			return false
		}
		j := l.i + 1
		if l.src[l.i] == '<' {
			j++
		}
		return j < len(l.src) && l.src[j] != ' ' && l.src[j] != '\n' && l.src[j] != '\t' && l.src[j] != '='
	}
	return true
}

func (l *lexer) identifier() {
	src := l.src
	start := l.i
	for l.i < len(src) && isIdentChar(src[l.i]) {
		l.i++
	}
	if l.i < len(src) && (src[l.i] == '?' || src[l.i] == '!') && (l.i+1 == len(src) || src[l.i+1] != '=' || strings.HasPrefix(src[l.i+1:], "==")) {
		l.i++
	}
	w := src[start:l.i]
	if l.i < len(src) && src[l.i] == ':' && (l.i+1 == len(src) || src[l.i+1] != ':') && l.prev != pDot {
		// A label: key: value.
		l.i++
		l.argToken()
		l.prev = pOp
		return
	}
	if l.prev == pDot {
		l.prev = pIdent
		return
	}
	switch w {
	case "require", "require_relative", "RSpec":
		l.sensitive()
	}
	if !l.testy {
		l.testy = declaresTests(w)
	}
	f := l.top()
	switch w {
	case "end":
		if l.prev == pOp {
			// An operand is missing: Ruby says syntax error,
			// tree-sitter may read end as a name.
			l.bad = true
			return
		}
		l.end(start)
		return
	case "def":
		l.def(start)
		return
	case "class":
		l.sensitive()
		l.keywordFrame(start, true)
		if j := l.skipSpaces(l.i); strings.HasPrefix(src[j:], "<<") {
			l.i = j + 2
			l.prev = pOp
		}
		return
	case "module", "case", "begin", "for":
		l.keywordFrame(start, w == "module" || w == "for").loopHeader = w == "for"
		return
	case "if", "unless", "while", "until":
		if l.prev == pValue || l.prev == pIdent {
			// A modifier.
			f.headState = hsNone
			l.prev = pOp
			return
		}
		l.keywordFrame(start, true).loopHeader = w == "while" || w == "until"
		return
	case "do":
		if f.kind == fKeyword && f.loopHeader {
			f.loopHeader = false
			f.headState = hsStart
			l.prev = pStart
			return
		}
		if l.prev != pValue && l.prev != pIdent && !l.arrow {
			// A do that follows no call: Ruby says syntax error,
			// tree-sitter may read a call named do.
			l.bad = true
			return
		}
		head := f.head
		ok := (f.headState == hsAfterHead || f.headState == hsAfterArgs || f.headState == hsArgs) && l.interp == 0 && leftOut(head)
		f.headState = hsNone
		d := l.push(frame{kind: fDo, opener: start, gappable: ok, inHeader: true, firstArmed: true})
		l.params()
		d.headState = hsStart
		return
	case "then", "else", "elsif", "when", "in", "ensure", "rescue":
		if w == "rescue" && (l.prev == pValue || l.prev == pIdent) {
			f.headState = hsNone
			l.prev = pOp
			return
		}
		f.headState, f.head = hsStart, ""
		l.prev = pStart
		return
	case "and", "or", "not":
		f.headState = hsNone
		l.prev = pOp
		return
	case "self", "nil", "true", "false", "__FILE__", "__LINE__", "__ENCODING__":
		l.value()
		return
	}
	switch f.headState {
	case hsStart:
		if c := w[0]; c >= 'A' && c <= 'Z' || notCall(w) {
			f.headState = hsNone
		} else {
			f.head, f.headState = w, hsAfterHead
		}
	case hsAfterHead:
		f.headState = hsArgs
	case hsAfterArgs:
		f.headState = hsNone
	}
	l.prev = pIdent
}

// notCall reports the keywords read as identifiers that never take a do
// block as a call.
func notCall(w string) bool {
	switch w {
	case "super", "yield", "return", "break", "next", "redo", "retry", "defined?", "alias", "undef":
		return true
	}
	return false
}

// declaresTests reports whether a call of w may declare a test: an example
// method, test, skip, pending, define_method (of a test_ method).
func declaresTests(w string) bool {
	switch w {
	case "test", "skip", "pending", "define_method":
		return true
	}
	_, example := exampleMethods[w]
	return example
}

// sensitive marks every open body: something in it is read. (Each frame
// compares the count at its end with the count at its start.)
func (l *lexer) sensitive() { l.sensitives++ }

func (l *lexer) keywordFrame(start int, bare bool) *frame {
	l.top().headState = hsNone
	return l.push(frame{kind: fKeyword, opener: start, bare: bare})
}

func (l *lexer) skipSpaces(j int) int {
	for j < len(l.src) && (l.src[j] == ' ' || l.src[j] == '\t') {
		j++
	}
	return j
}

// params skips the |…| parameters after do or {.
func (l *lexer) params() {
	j := l.skipSpaces(l.i)
	if j >= len(l.src) || l.src[j] != '|' {
		return
	}
	depth := 0
	for j++; j < len(l.src); j++ {
		switch l.src[j] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '|':
			if depth == 0 {
				l.i = j + 1
				l.prev = pStart
				return
			}
		case '"', '\'', '#', '{', '}', '/', '%', '<':
			// Defaults that need the lexer: leave the parameters to it
			// and this body in.
			l.top().gappable = false
			return
		}
	}
	l.bad = true
}

// end closes the innermost keyword, do or def, and records its body.
func (l *lexer) end(at int) {
	f := l.top()
	if len(l.frames) == 1 || f.kind != fKeyword && f.kind != fDo && f.kind != fDef {
		l.bad = true
		return
	}
	closed := *f
	l.frames = l.frames[:len(l.frames)-1]
	l.value()
	if (closed.kind != fDo && closed.kind != fDef) || !closed.gappable || l.sensitives > closed.sensitives || closed.bodyStart < 0 || closed.inHeader || closed.afterFirst {
		return
	}
	// Only indentation before the end on its line (scanning back over no
	// more than that keeps the lexer linear on long lines).
	lineStart := at
	for lineStart > 0 && (l.src[lineStart-1] == ' ' || l.src[lineStart-1] == '\t') {
		lineStart--
	}
	if lineStart > 0 && l.src[lineStart-1] != '\n' || lineStart-closed.bodyStart < minGap {
		return
	}
	// Bodies inside this one are left out with it.
	k := len(l.gaps)
	for k > 0 && l.gaps[k-1].Start >= closed.bodyStart {
		k--
	}
	l.gaps = append(l.gaps[:k], bodyGap{Gap: ts.Gap{Start: closed.bodyStart, End: lineStart}, opener: closed.opener, endAt: at, def: closed.kind == fDef})
}

// def reads a method's name and, unless it is endless (def x = …),
// opens it.
func (l *lexer) def(start int) {
	src := l.src
	l.top().headState = hsNone
	j := l.skipSpaces(l.i)
	name := j
	j = l.methodName(j)
	singleton := false
	if j < len(src) && src[j] == '.' {
		j = l.methodName(j + 1)
		singleton = true
	} else if strings.HasPrefix(src[name:j], "test_") {
		l.testy = true
	}
	l.i = j
	j = l.skipSpaces(j)
	if endless(src, j) {
		l.i = j + 1
		l.prev = pOp
		return
	}
	// A module's included hook declares the tests of the classes that
	// include it (base.class_eval do test "x" … end): the reader reads it.
	hook := singleton && src[name:j] == "self.included"
	d := l.push(frame{kind: fDef, opener: start, gappable: l.interp == 0 && !hook, inHeader: true, firstArmed: true})
	d.headState = hsNone
	if j < len(src) && src[j] == '(' {
		l.i = j
		l.open('(')
		l.top().defParams = true
	}
}

// endless reports whether src[j:] is the = of an endless method.
func endless(src string, j int) bool {
	return j < len(src) && src[j] == '=' && (j+1 == len(src) || !strings.ContainsRune("=~>", rune(src[j+1])))
}

var operatorNames = []string{"[]=", "[]", "<=>", "===", "==", "=~", "!=", "!~", "**", "+@", "-@", "<<", ">>", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "`"}

// methodName returns the end of the method name (or singleton) at j.
func (l *lexer) methodName(j int) int {
	src := l.src
	if j < len(src) && (src[j] == '@' || src[j] == '$') {
		// A singleton's receiver: def @x.y, def $g.y.
		for j < len(src) && (src[j] == '@' || src[j] == '$') {
			j++
		}
	}
	if j < len(src) && isIdentStart(src[j]) {
		for j < len(src) && isIdentChar(src[j]) {
			j++
		}
		if j < len(src) && (src[j] == '?' || src[j] == '!') {
			j++
		} else if j < len(src) && src[j] == '=' && !endless(src, j+1) && (j+1 == len(src) || !strings.ContainsRune("=~>", rune(src[j+1]))) {
			j++ // a setter: def x=(v), def x= v
		}
		return j
	}
	for _, op := range operatorNames {
		if strings.HasPrefix(src[j:], op) {
			return j + len(op)
		}
	}
	l.bad = true
	return j
}

func (l *lexer) number() {
	src := l.src
	for l.i < len(src) && (isIdentChar(src[l.i]) || src[l.i] == '.' && l.i+1 < len(src) && src[l.i+1] >= '0' && src[l.i+1] <= '9') {
		l.i++
	}
	l.value()
}

func (l *lexer) global() {
	src := l.src
	l.i++
	switch {
	case l.i < len(src) && isIdentChar(src[l.i]):
		for l.i < len(src) && isIdentChar(src[l.i]) {
			l.i++
		}
	case l.i+1 < len(src) && src[l.i] == '-':
		l.i += 2
	case l.i < len(src):
		l.i++
	}
	l.value()
}

// colon reads ::, a symbol (:x, :"x", :+) or the : of a ternary.
func (l *lexer) colon() {
	src := l.src
	j := l.i + 1
	switch {
	case j < len(src) && src[j] == ':':
		l.i += 2
		if l.prev == pStart || l.prev == pOp {
			l.argToken()
			l.prev = pOp
			return
		}
		l.prev = pDot
		return
	case j < len(src) && (src[j] == '"' || src[j] == '\''):
		l.i = j + 1
		l.quoted(src[j], 0, src[j] == '"')
	case j < len(src) && src[j] == '$':
		l.i = j
		l.global()
		return
	case j < len(src) && (isIdentStart(src[j]) || src[j] == '@'):
		l.i = j + 1
		for l.i < len(src) && (isIdentChar(src[l.i]) || src[l.i] == '@') {
			l.i++
		}
		if l.i < len(src) && (src[l.i] == '?' || src[l.i] == '!' || src[l.i] == '=') && (l.i+1 == len(src) || !strings.ContainsRune("=~>", rune(src[l.i+1]))) {
			l.i++
		}
	case j < len(src) && strings.IndexByte("+-*/%<>=!~^&|[`", src[j]) >= 0 && (l.prev != pValue && l.prev != pIdent || l.space):
		l.i = j
		for _, op := range operatorNames {
			if strings.HasPrefix(src[j:], op) {
				l.i = j + len(op)
				break
			}
		}
		if l.i == j {
			l.i++
		}
	default:
		l.i++
		l.top().headState = hsNone
		l.prev = pOp
		return
	}
	l.value()
}

// question reads a character literal (?a, ?\n) or the ? of a ternary.
func (l *lexer) question() {
	src := l.src
	j := l.i + 1
	if (l.prev == pValue || l.prev == pIdent && !l.space) || j >= len(src) || src[j] == ' ' || src[j] == '\n' || src[j] == '\t' || src[j] == '\r' ||
		isIdentChar(src[j]) && j+1 < len(src) && isIdentChar(src[j+1]) {
		l.i++
		l.top().headState = hsNone
		l.prev = pOp
		return
	}
	if src[j] == '\\' {
		j += 2
		for j < len(src) && (isIdentChar(src[j]) || src[j] == '-' || src[j] == '{' || src[j] == '}') && j-l.i < 12 {
			j++
		}
	} else {
		j++
		for j < len(src) && src[j] >= 0x80 && src[j] < 0xC0 {
			j++
		}
	}
	l.i = j
	l.value()
}

// closerOf returns the delimiter that closes c: its pair for a bracket
// (they nest), else c itself.
func closerOf(c byte) byte {
	switch c {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	case '<':
		return '>'
	}
	return c
}

// percent reads a % literal (%w[…], %q(…), %r{…}, %(…)); false when the %
// is an operator.
func (l *lexer) percent() bool {
	src := l.src
	j := l.i + 1
	if j >= len(src) {
		return false
	}
	kind := byte('Q')
	if strings.IndexByte("qQwWiIrsx", src[j]) >= 0 && j+1 < len(src) && !isIdentChar(src[j+1]) && src[j+1] != ' ' && src[j+1] != '\n' {
		kind = src[j]
		j++
	} else if isIdentChar(src[j]) || src[j] == ' ' || src[j] == '\n' || src[j] == '\t' || src[j] == '=' {
		return false
	}
	open := src[j]
	l.i = j + 1
	interp := strings.IndexByte("QWIrx", kind) >= 0
	if kind == 'r' {
		l.regexp(closerOf(open), openerIfNested(open))
	} else {
		l.quoted(closerOf(open), openerIfNested(open), interp)
	}
	return true
}

func openerIfNested(open byte) byte {
	if closerOf(open) != open {
		return open
	}
	return 0
}

// quoted reads a string's text up to its closing quote (nesting open when
// it is a bracket), with #{…} interpolation when interp.
func (l *lexer) quoted(close, open byte, interp bool) {
	src := l.src
	depth := 0
	for l.i < len(src) && !l.bad {
		c := src[l.i]
		switch {
		case c == '\\':
			l.i += 2
			continue
		case c == '\n' && len(l.heredocs) > 0:
			l.bad = true
			return
		case c == open && open != 0:
			depth++
		case c == close:
			if depth == 0 {
				l.i++
				return
			}
			depth--
		case c == '#' && interp && l.i+1 < len(src) && src[l.i+1] == '{':
			l.interpolation()
			continue
		}
		l.i++
	}
	l.bad = true
}

// interpolation reads #{…} as code.
func (l *lexer) interpolation() {
	if l.interp >= maxInterpolation {
		l.bad = true
		return
	}
	l.i += 2
	prev := l.prev
	l.interp++
	l.push(frame{kind: fInterp})
	base := len(l.frames)
	l.code()
	if !l.bad && len(l.frames) != base-1 {
		l.bad = true // the source ended inside it
	}
	l.interp--
	l.prev = prev
}

// regexp reads a regular expression up to its closing delimiter. Ruby
// ends it at the first unescaped one, in a character class too.
func (l *lexer) regexp(close, open byte) {
	l.quoted(close, open, true)
	for l.i < len(l.src) && isIdentChar(l.src[l.i]) {
		l.i++
	}
}

// heredocStart reads <<~ID, <<-ID, <<ID, <<~'ID' … and queues its body for
// the end of the line; false when << is an operator.
func (l *lexer) heredocStart() bool {
	src := l.src
	j := l.i + 2
	indent := false
	if j < len(src) && (src[j] == '~' || src[j] == '-') {
		indent = true
		j++
	}
	if j >= len(src) {
		return false
	}
	var id string
	switch q := src[j]; {
	case q == '\'' || q == '"' || q == '`':
		end := strings.IndexByte(src[j+1:], q)
		if end < 0 || strings.IndexByte(src[j+1:j+1+end], '\n') >= 0 {
			return false
		}
		id = src[j+1 : j+1+end]
		j += end + 2
	case isIdentStart(q) && (indent || q == '_' || q >= 'A' && q <= 'Z' || l.prev != pIdent):
		k := j
		for k < len(src) && isIdentChar(src[k]) {
			k++
		}
		id = src[j:k]
		j = k
	default:
		return false
	}
	l.heredocs = append(l.heredocs, heredoc{id: id, indent: indent})
	l.i = j
	return true
}

// open pushes a bracket.
func (l *lexer) open(c byte) {
	f := l.top()
	attached := !l.space && l.prev == pIdent && f.headState == hsAfterHead
	switch c {
	case '(':
		if attached {
			f.headState = hsAfterArgs
		} else {
			l.argToken()
		}
		l.i++
		l.push(frame{kind: fParen})
	case '[':
		if attached || f.headState != hsAfterHead {
			f.headState = hsNone
		} else {
			f.headState = hsArgs
		}
		l.i++
		l.push(frame{kind: fBracket})
	case '{':
		if f.headState != hsArgs || l.prev != pOp {
			// A block, or a hash that is not an argument: a do after it
			// is not the head's.
			f.headState = hsNone
		}
		l.i++
		l.push(frame{kind: fBrace})
		l.params()
	}
}

func (l *lexer) closeBracket(c byte) {
	f := l.top()
	want := fParen
	if c == ']' {
		want = fBracket
	}
	if f.kind != want {
		l.bad = true
		return
	}
	defParams := f.defParams
	l.frames = l.frames[:len(l.frames)-1]
	l.i++
	l.prev = pValue
	if defParams {
		// def x(…) = expr is endless: it has no end.
		if j := l.skipSpaces(l.i); endless(l.src, j) {
			l.frames = l.frames[:len(l.frames)-1]
			l.i = j + 1
			l.prev = pOp
		}
	}
}

// closeBrace pops a brace, and reports whether it closed the interpolation
// code is reading.
func (l *lexer) closeBrace() bool {
	f := l.top()
	if len(l.frames) == 1 || f.kind != fBrace && f.kind != fInterp {
		l.bad = true
		return false
	}
	kind := f.kind
	l.frames = l.frames[:len(l.frames)-1]
	l.i++
	l.prev = pValue
	return kind == fInterp
}

// assignments are the operators after which a statement's head is what
// follows (x = foo do … end).
func assignment(op string) bool {
	switch op {
	case "=", "+=", "-=", "*=", "/=", "%=", "**=", "||=", "&&=", "|=", "&=", "^=", "<<=", ">>=":
		return true
	}
	return false
}

// opLen returns the length of the operator at the start of s (one byte
// for any byte that starts none longer).
func opLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	c, d := s[0], s[1]
	three := len(s) > 2 && s[2] == '='
	switch c {
	case '*', '<', '>', '&', '|':
		if d == c {
			if three {
				return 3 // **= <<= >>= &&= ||=
			}
			return 2 // ** << >> && ||
		}
		if c == '<' && d == '=' && len(s) > 2 && s[2] == '>' {
			return 3 // <=>
		}
		if d == '=' || c == '&' && d == '.' {
			return 2 // *= <= >= &= |= &.
		}
	case '=':
		if d == '=' && three {
			return 3 // ===
		}
		if d == '=' || d == '~' || d == '>' {
			return 2
		}
	case '.':
		if d == '.' {
			if len(s) > 2 && s[2] == '.' {
				return 3
			}
			return 2
		}
	case '!':
		if d == '=' || d == '~' {
			return 2
		}
	case '-':
		if d == '>' || d == '=' {
			return 2
		}
	case '+', '/', '%', '^':
		if d == '=' {
			return 2
		}
	}
	return 1
}

func (l *lexer) operator() {
	n := opLen(l.src[l.i:])
	op := l.src[l.i : l.i+n]
	l.i += n
	l.arrow = op == "->"
	f := l.top()
	switch {
	case op == "." || op == "&.":
		if f.headState == hsAfterHead || f.headState == hsAfterArgs || f.headState == hsStart {
			f.headState = hsNone
		}
		l.prev = pDot
		return
	case assignment(op):
		if f.headState == hsAfterHead {
			f.headState, f.head = hsStart, ""
			l.prev = pStart
			return
		}
		f.headState = hsNone
	case op == "&&" || op == "||" || op == "->" || op == "?":
		f.headState = hsNone
	case op == ",":
		if f.headState != hsArgs {
			f.headState = hsNone
		}
	default:
		if f.headState != hsArgs {
			f.headState = hsNone
		}
	}
	l.prev = pOp
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// parseWithoutBodies parses src with the bodies left out when the tree
// confirms them (gapped is then true), else whole. It returns no tree and
// no error when the lexer saw that src declares no test.
func parseWithoutBodies(src []byte) (tree *sitter.Tree, gapped bool, err error) {
	gaps, mayHaveTests := bodyGaps(string(src))
	if !mayHaveTests {
		return nil, false, nil
	}
	plain := make([]ts.Gap, len(gaps))
	for k := range gaps {
		plain[k] = gaps[k].Gap
	}
	return grammar.ParseGapped(src, plain, func(root *sitter.Node) bool {
		for k := range gaps {
			gaps[k].Gap = plain[k]
		}
		return confirmGaps(root, gaps)
	})
}

// confirmGaps reports whether the tree confirms every gap: no syntax error,
// and the named node around each gap's end keyword the do_block or method
// the lexer paired.
func confirmGaps(root *sitter.Node, gaps []bodyGap) bool {
	if root.HasError() {
		return false
	}
	for _, g := range gaps {
		// The end is on the gap's last line, after its indentation.
		at := sitter.Point{Row: g.EndPoint.Row, Column: g.EndPoint.Column + uint32(g.endAt-g.End)}
		n := root.NamedDescendantForPointRange(at, sitter.Point{Row: at.Row, Column: at.Column + 3})
		if n == nil || n.StartByte() != uint32(g.opener) || n.EndByte() != uint32(g.endAt+3) {
			return false
		}
		switch n.Type() {
		case "do_block":
			if g.def {
				return false
			}
		case "method", "singleton_method":
			if !g.def {
				return false
			}
		default:
			return false
		}
	}
	return true
}
