package elixir

import (
	"bytes"
	"slices"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Bodies left out of the parse.
//
// tree-sitter's Elixir grammar reads about 3 MB/s here, and most of a test
// file is test bodies, most of a library file function bodies, where no rule
// reads anything: a test's body is no test of the suite (see build), and a
// doc is written outside a function. So a lexer finds the do … end blocks
// of the calls whose bodies the rules never read (testBodies, docBodies),
// and tree-sitter reads the file without the lines between `do` and `end`.
// The tree confirms each gap: a do_block from that `do` to that `end`, of a
// call to such a name, and no syntax error anywhere; else the file is parsed
// whole. The lexer only has to be right where it finds a block; where it is
// unsure (an unbalanced end, a literal it cannot close), it finds none.

// testBodies and docBodies are the calls whose do-block bodies are left
// out in a test file and in a file whose docs are read.
var (
	testBodies = map[string]bool{"test": true, "property": true, "setup": true, "setup_all": true, "def": true, "defp": true}
	docBodies  = map[string]bool{"def": true, "defp": true, "defmacro": true, "defmacrop": true, "defguard": true, "defguardp": true}
)

// bodyBlock is a do … end block whose inside is left out, or a heredoc
// whose text is.
type bodyBlock struct {
	do, end int // offsets of the do and end keywords; of a heredoc, its literal's start and end
	elseAt  int // the offset of the block's else keyword, 0 without one
	head    string
	heredoc bool
}

// lexBlocks runs the lexer over src; ok is false (and the lexer nil) when it
// could not pair every block.
func lexBlocks(src []byte) (*blockLexer, bool) {
	l := &blockLexer{src: src}
	if !l.run() {
		return nil, false
	}
	return l, true
}

// gapsOf finds the do … end blocks, first on their line's statement
// (`  test "x" do`) with the do last on its line and the end first on its
// own, of calls leaveOut names, and returns the lines between as gaps
// (outermost blocks only, in order). With texts, the text lines of the
// heredocs outside those blocks are gaps too: a doc's text is read from the
// source, never from the tree, which only has to say where the doc is.
// Without a lexer (it could not pair the blocks) there is none.
func gapsOf(l *blockLexer, src []byte, leaveOut map[string]bool, texts bool) ([]ts.Gap, []bodyBlock) {
	if l == nil {
		return nil, nil
	}
	type candidate struct {
		gap   ts.Gap
		block bodyBlock
	}
	var cands []candidate
	for _, b := range l.blocks {
		if !leaveOut[b.head] {
			continue
		}
		start := lineAfter(src, b.do+2)
		end := bytes.LastIndexByte(src[:b.end], '\n') + 1
		if start < 0 || end <= start || !blankBefore(src, end, b.end) {
			continue
		}
		cands = append(cands, candidate{ts.Gap{Start: start, End: end}, b})
	}
	if texts {
		for _, h := range l.heredocs {
			if h.textStart < h.closerLine {
				cands = append(cands, candidate{ts.Gap{Start: h.textStart, End: h.closerLine}, bodyBlock{do: h.start, end: h.end, heredoc: true}})
			}
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int { return a.gap.Start - b.gap.Start })
	var gaps []ts.Gap
	var blocks []bodyBlock
	for _, c := range cands {
		if n := len(gaps); n > 0 && c.gap.Start < gaps[n-1].End {
			continue // inside a block left out already
		}
		gaps = append(gaps, c.gap)
		blocks = append(blocks, c.block)
	}
	return gaps, blocks
}

// lineAfter is the offset after the line break that ends the line at i when
// only blanks or a comment follow i on it, else -1.
func lineAfter(src []byte, i int) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r':
		case '\n':
			return i + 1
		case '#':
			if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
				return i + nl + 1
			}
			return -1
		default:
			return -1
		}
	}
	return -1
}

func blankBefore(src []byte, from, to int) bool {
	for _, c := range src[from:to] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// confirmBodies reports whether the tree read with the gaps left out has
// each block where the lexer found it, as the do_block of a call to its
// head, and no syntax error.
func confirmBodies(src []byte, blocks []bodyBlock) func(root *sitter.Node) bool {
	return func(root *sitter.Node) bool {
		if root.HasError() {
			return false
		}
		points := pointsOf(src, blocks)
		for i, b := range blocks {
			n := root.NamedDescendantForPointRange(points[i], points[i])
			if b.heredoc {
				if n == nil || int(n.StartByte()) != b.do || int(n.EndByte()) != b.end || n.Type() != "string" && n.Type() != "sigil" && n.Type() != "charlist" {
					return false
				}
				continue
			}
			if n == nil || n.Type() != "do_block" || int(n.StartByte()) != b.do || int(n.EndByte()) != b.end+3 {
				return false
			}
			p := n.Parent()
			if p == nil || p.Type() != "call" || callName(p, src) != b.head {
				return false
			}
		}
		return true
	}
}

// pointsOf is the row and column of each block's do, in one pass.
func pointsOf(src []byte, blocks []bodyBlock) []sitter.Point {
	out := make([]sitter.Point, len(blocks))
	at, row, lineStart := 0, 0, 0
	for i, b := range blocks {
		if n := bytes.Count(src[at:b.do], newline); n > 0 {
			row += n
			lineStart = at + bytes.LastIndexByte(src[at:b.do], '\n') + 1
		}
		at = b.do
		out[i] = sitter.Point{Row: uint32(row), Column: uint32(b.do - lineStart)}
	}
	return out
}

var newline = []byte{'\n'}

// blockLexer pairs the do and fn keywords with their ends, past comments,
// strings, charlists, sigils (heredocs and interpolations too), character
// literals (?" ?#) and atoms (:end), and keyword keys (do:, end:).
type blockLexer struct {
	src      []byte
	i        int
	open     []bodyBlock // do (head set) or fn (do = -1)
	blocks   []bodyBlock // closed do blocks, in order of their end
	heredocs []heredocAt // in order
}

// heredocAt is a heredoc: from its literal's start (the quotes, or the ~ of
// a sigil) to its end (after the closing quotes and modifiers); the lines
// between the opening and the closing one are its text.
type heredocAt struct {
	start, end            int
	textStart, closerLine int
}

func (l *blockLexer) run() bool {
	return l.code(0) && len(l.open) == 0
}

// code lexes until the } that closes an interpolation (depth > 0) or the
// end of the source.
func (l *blockLexer) code(depth int) bool {
	src := l.src
	braces := 0
	for l.i < len(src) {
		c := src[l.i]
		switch {
		case c == '#':
			nl := bytes.IndexByte(src[l.i:], '\n')
			if nl < 0 {
				l.i = len(src)
				return depth == 0
			}
			l.i += nl
		case c == '"' || c == '\'':
			if !l.quoted(c, true) {
				return false
			}
			continue
		case c == '~' && l.i+1 < len(src) && isLetter(src[l.i+1]):
			if !l.sigil() {
				return false
			}
			continue
		case c == '?' && (l.i == 0 || !isIdentByte(src[l.i-1])):
			l.i++
			if l.i < len(src) && src[l.i] == '\\' {
				l.i++
			}
			l.i++ // the character (a multi-byte one's other bytes are no syntax)
			continue
		case c == ':' && l.i+1 < len(src) && (src[l.i+1] == '"' || src[l.i+1] == '\''):
			l.i++
			if !l.quoted(src[l.i], true) {
				return false
			}
			continue
		case c == ':' && l.i+1 < len(src) && isIdentStart(src[l.i+1]) && (l.i == 0 || src[l.i-1] != ':'):
			l.i++
			l.word()
			continue
		case c == '{':
			braces++
		case c == '}':
			if braces == 0 && depth > 0 {
				l.i++
				return true
			}
			braces--
		case isIdentStart(c):
			start := l.i
			w := l.word()
			if start > 0 && src[start-1] == '.' || l.i < len(src) && src[l.i] == ':' && (l.i+1 >= len(src) || src[l.i+1] != ':') {
				continue // a field, a remote call's name, a keyword key
			}
			switch w {
			case "do":
				if firstOnLine(src, start) {
					return false // no call to give it to: leave the file to the grammar
				}
				l.open = append(l.open, bodyBlock{do: start, head: headOf(src, start)})
			case "fn":
				l.open = append(l.open, bodyBlock{do: -1})
			case "else":
				if n := len(l.open); n > 0 && l.open[n-1].do >= 0 && l.open[n-1].elseAt == 0 {
					l.open[n-1].elseAt = start
				}
			case "end":
				if len(l.open) == 0 {
					return false
				}
				b := l.open[len(l.open)-1]
				l.open = l.open[:len(l.open)-1]
				if b.do >= 0 {
					b.end = start
					l.blocks = append(l.blocks, b)
				}
			}
			continue
		case c >= '0' && c <= '9':
			for l.i < len(src) && (isIdentByte(src[l.i])) {
				l.i++
			}
			continue
		}
		l.i++
	}
	return depth == 0
}

// word reads an identifier (with a trailing ? or !).
func (l *blockLexer) word() string {
	start := l.i
	for l.i < len(l.src) && isIdentByte(l.src[l.i]) {
		l.i++
	}
	if l.i < len(l.src) && (l.src[l.i] == '?' || l.src[l.i] == '!') {
		l.i++
	}
	return string(l.src[start:l.i])
}

// quoted skips a string or charlist at l.i (or a heredoc of it), with
// escapes and, when interp, #{…} interpolations.
func (l *blockLexer) quoted(q byte, interp bool) bool {
	src := l.src
	if l.i+2 < len(src) && src[l.i+1] == q && src[l.i+2] == q {
		return l.heredoc(l.i, q, interp)
	}
	return l.delimited(q, interp)
}

// delimited skips from the opening delimiter at l.i to the closing one.
func (l *blockLexer) delimited(closer byte, interp bool) bool {
	src := l.src
	l.i++
	for l.i < len(src) {
		if handled, ok := l.escapeOrCode(interp); handled {
			if !ok {
				return false
			}
			continue
		}
		if src[l.i] == closer {
			l.i++
			return true
		}
		l.i++
	}
	return false
}

// escapeOrCode skips an escape, or with interp a #{…} interpolation, at
// l.i; handled says whether one was there, ok whether its code was read.
func (l *blockLexer) escapeOrCode(interp bool) (handled, ok bool) {
	src := l.src
	switch {
	case src[l.i] == '\\':
		l.i += 2
		return true, true
	case interp && src[l.i] == '#' && l.i+1 < len(src) && src[l.i+1] == '{':
		l.i += 2
		return true, l.code(1)
	}
	return false, true
}

// heredoc skips a """ or ”' heredoc at l.i: it ends at a line whose first
// non-blank characters are the three quotes.
func (l *blockLexer) heredoc(start int, q byte, interp bool) bool {
	src := l.src
	l.i += 3
	h := heredocAt{start: start, textStart: lineAfter(src, l.i)}
	for l.i < len(src) {
		c := src[l.i]
		switch {
		case c == '\\' && l.i+1 < len(src) && src[l.i+1] == '\n':
			l.i++ // a continued line: the next one may still close the heredoc
			continue
		case c == '\\' || c == '#':
			if handled, ok := l.escapeOrCode(interp); handled {
				if !ok {
					return false
				}
				continue
			}
		case c == '\n':
			j := l.i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j+2 < len(src) && src[j] == q && src[j+1] == q && src[j+2] == q {
				l.i = j + 3
				h.end = l.i
				h.closerLine = bytes.LastIndexByte(src[:j], '\n') + 1
				if h.textStart > 0 && h.textStart <= h.closerLine {
					l.heredocs = append(l.heredocs, h)
				}
				return true
			}
		}
		l.i++
	}
	return false
}

// sigil skips ~x…x with its modifiers: a lowercase sigil interpolates, an
// uppercase one (its name may be several letters) does not.
func (l *blockLexer) sigil() bool {
	src := l.src
	start := l.i
	l.i++
	interp := src[l.i] >= 'a' && src[l.i] <= 'z'
	for l.i < len(src) && isLetter(src[l.i]) {
		l.i++
	}
	if l.i >= len(src) {
		return false
	}
	var ok bool
	switch d := src[l.i]; d {
	case '"', '\'':
		if l.i+2 < len(src) && src[l.i+1] == d && src[l.i+2] == d {
			ok = l.heredoc(start, d, interp)
		} else {
			ok = l.delimited(d, interp)
		}
	// A sigil's delimiters do not nest: ~r((a\)) escapes the ) it holds.
	case '(':
		ok = l.delimited(')', interp)
	case '[':
		ok = l.delimited(']', interp)
	case '{':
		ok = l.delimited('}', interp)
	case '<':
		ok = l.delimited('>', interp)
	case '/', '|':
		ok = l.delimited(d, interp)
	default:
		return false
	}
	for ok && l.i < len(src) && isLetter(src[l.i]) {
		l.i++
	}
	if n := len(l.heredocs); ok && n > 0 && l.heredocs[n-1].start == start {
		l.heredocs[n-1].end = l.i // with the modifiers
	}
	return ok
}

// headOf is the identifier that starts the line of the do at i: the call the
// block is given to when the statement starts on that line (the tree checks
// it).
func headOf(src []byte, i int) string {
	j := bytes.LastIndexByte(src[:i], '\n') + 1
	for j < i && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	k := j
	for k < i && isIdentByte(src[k]) {
		k++
	}
	if k < i && (src[k] == '?' || src[k] == '!') {
		k++ // def! is another name
	}
	return string(src[j:k])
}

// firstOnLine reports whether only blanks precede i on its line.
func firstOnLine(src []byte, i int) bool {
	return blankBefore(src, bytes.LastIndexByte(src[:i], '\n')+1, i)
}

func isLetter(c byte) bool     { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' }
func isIdentByte(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }
