// Package ts is the engine's one tree-sitter runtime (smacker/go-tree-sitter:
// one C runtime for every grammar; two runtimes in one binary do not link).
// It pools parsers per language, compiles queries once, and gives front ends
// small helpers so that none of them walks whole trees node by node from Go
// (every node access crosses cgo): queries run in C and return only the
// nodes that matter.
//
// Memory rule: every Tree returned by Parse and every QueryCursor must be
// closed by the caller with defer right after creation; nothing relies on
// finalizers.
package ts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// Grammar is one language's parser pool and compiled queries. It is safe for
// concurrent use.
type Grammar struct {
	name string
	lang *sitter.Language
	pool sync.Pool
}

// NewGrammar returns a Grammar for lang. Create one per language, at package
// level, and share it.
func NewGrammar(name string, lang *sitter.Language) *Grammar {
	g := &Grammar{name: name, lang: lang}
	g.pool.New = func() any {
		p := sitter.NewParser()
		p.SetLanguage(lang)
		return p
	}
	return g
}

// ParseTimeout bounds one parse of n bytes. tree-sitter parses megabytes a
// second, but some grammars loop forever on rare inputs (the Swift grammar on
// a 39-byte file the fuzzer found), and a parse runs in C, where neither the
// analysis deadline nor a cancelled job can stop it: tree-sitter gives up at
// this bound instead, and the file is reported with the reason.
func ParseTimeout(n int) time.Duration { return 2*time.Second + time.Duration(n/(256<<10))*time.Second }

// Language returns the tree-sitter language.
func (g *Grammar) Language() *sitter.Language { return g.lang }

// Parse parses src with a pooled parser. The caller must Close the tree.
func (g *Grammar) Parse(src []byte) (*sitter.Tree, error) { return g.ParseRanges(src, nil) }

// wholeDocument is tree-sitter's default included range: everything.
var wholeDocument = []sitter.Range{{EndByte: ^uint32(0), EndPoint: sitter.Point{Row: ^uint32(0), Column: ^uint32(0)}}}

// ParseRanges parses only the included ranges of src (all of it when nil),
// which must be in order and not overlap; the tree keeps src's offsets. The
// caller must Close the tree.
func (g *Grammar) ParseRanges(src []byte, included []sitter.Range) (*sitter.Tree, error) {
	p := g.pool.Get().(*sitter.Parser)
	if included != nil {
		p.SetIncludedRanges(included)
	}
	limit := ParseTimeout(len(src))
	p.SetOperationLimit(int(limit.Microseconds()))
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		// A parser whose parse failed may hold state; drop it.
		p.Close()
		if errors.Is(err, sitter.ErrOperationLimit) {
			return nil, fmt.Errorf("%s parse did not finish within %v: the grammar gave up on this file", g.name, limit)
		}
		return nil, fmt.Errorf("%s parse: %w", g.name, err)
	}
	p.Reset()
	if included != nil {
		p.SetIncludedRanges(wholeDocument)
	}
	g.pool.Put(p)
	if tree == nil {
		return nil, fmt.Errorf("%s parse: no tree", g.name)
	}
	return tree, nil
}

// MustQuery compiles a query of this grammar; it panics on a malformed
// query, which is a programming error caught by any test of the front end
// (queries are constants, never user input).
func (g *Grammar) MustQuery(pattern string) *Query {
	q, err := sitter.NewQuery([]byte(pattern), g.lang)
	if err != nil {
		panic(fmt.Sprintf("ts: %s query does not compile: %v\n%s", g.name, err, pattern))
	}
	names := make([]string, q.CaptureCount())
	for i := range names {
		names[i] = q.CaptureNameForId(uint32(i))
	}
	predicates := make([]bool, q.PatternCount())
	for i := range predicates {
		predicates[i] = len(q.PredicatesForPattern(uint32(i))) > 0
	}
	return &Query{q: q, names: names, predicates: predicates}
}

// Query is a compiled query, safe for concurrent use (cursors are per call).
type Query struct {
	q          *sitter.Query
	names      []string
	predicates []bool // by pattern: whether it has predicates to apply
}

// Match is one match of a query: its captures by name (the first node when
// a name captures several).
type Match struct {
	Pattern  int
	Captures map[string]*sitter.Node
}

// Matches runs the query over node and returns every match, with predicates
// (#eq?, #match?) applied.
func (q *Query) Matches(node *sitter.Node, src []byte) []Match {
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	qc.Exec(q.q, node)
	var out []Match
	for {
		m, ok := qc.NextMatch()
		if !ok {
			break
		}
		if q.predicates[m.PatternIndex] {
			m = qc.FilterPredicates(m, src)
		}
		if len(m.Captures) == 0 {
			continue
		}
		caps := make(map[string]*sitter.Node, len(m.Captures))
		for _, c := range m.Captures {
			name := q.names[c.Index]
			if _, seen := caps[name]; !seen {
				caps[name] = c.Node
			}
		}
		out = append(out, Match{Pattern: int(m.PatternIndex), Captures: caps})
	}
	return out
}

// Text returns the source text of n.
func Text(n *sitter.Node, src []byte) string {
	if n == nil {
		return ""
	}
	return string(src[n.StartByte():n.EndByte()])
}

// Line returns the 1-based line where n starts.
func Line(n *sitter.Node) int { return int(n.StartPoint().Row) + 1 }

// Unquote returns the value of a simple string literal as written in most
// C-family languages ('x', "x", `x` without interpolation), and false for
// anything else (interpolated template strings, concatenations).
func Unquote(lit string) (string, bool) {
	if len(lit) < 2 {
		return "", false
	}
	q := lit[0]
	if (q != '"' && q != '\'' && q != '`') || lit[len(lit)-1] != q {
		return "", false
	}
	body := lit[1 : len(lit)-1]
	if q == '`' && strings.Contains(body, "${") {
		return "", false
	}
	return Unescape(body, &CEscapes), true
}

// Escapes describes a language's backslash escapes in string literals.
type Escapes struct {
	// Table maps the character after a backslash to what the pair stands
	// for ("" drops both, as a JavaScript line continuation).
	Table map[byte]string
	// Unicode decodes \uXXXX, \UXXXXXXXX and \x followed by up to four hex
	// digits (C#).
	Unicode bool
	// KeepUnknown keeps an escape missing from Table as written, backslash
	// included (C++ octal and the like); otherwise the backslash is dropped
	// and the character stands for itself.
	KeepUnknown bool
}

// CEscapes are the escapes nearly every C-family language shares.
var CEscapes = Escapes{Table: map[byte]string{'n': "\n", 't': "\t", 'r': "\r", '0': "\x00"}}

// With returns a copy of e whose table also holds extra.
func (e Escapes) With(extra map[byte]string) Escapes {
	t := make(map[byte]string, len(e.Table)+len(extra))
	for k, v := range e.Table {
		t[k] = v
	}
	for k, v := range extra {
		t[k] = v
	}
	e.Table = t
	return e
}

// Unescape resolves the backslash escapes of a string literal's body.
func Unescape(body string, e *Escapes) string {
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		esc := body[i]
		if v, ok := e.Table[esc]; ok {
			b.WriteString(v)
			continue
		}
		if e.Unicode && (esc == 'u' || esc == 'U' || esc == 'x') {
			n := 4
			if esc == 'U' {
				n = 8
			}
			j := i + 1
			for j < len(body) && j < i+1+n && isHex(body[j]) {
				j++
			}
			if r, err := strconv.ParseUint(body[i+1:j], 16, 32); err == nil && j > i+1 {
				b.WriteRune(rune(r))
				i = j - 1
				continue
			}
		}
		if e.KeepUnknown {
			b.WriteByte('\\')
		}
		b.WriteByte(esc)
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// LazyQuery returns a function that compiles the query on first use. Some
// grammars (Swift) take seconds to compile patterns that constrain children;
// compiled at package level, they would stall every binary and test that
// imports the engine, whether or not it ever meets such a file.
func (g *Grammar) LazyQuery(pattern string) func() *Query {
	return sync.OnceValue(func() *Query { return g.MustQuery(pattern) })
}

// Gap is a part of a source that a parse leaves out: the bytes from Start
// to End, which start at StartPoint and end at EndPoint.
type Gap struct {
	Start, End           int
	StartPoint, EndPoint sitter.Point
}

// PointGaps sets the points of gaps, which must be in order and not
// overlap, from their offsets in src.
func PointGaps(src []byte, gaps []Gap) {
	at, row, lineStart := 0, 0, 0
	point := func(p int) sitter.Point {
		if n := bytes.Count(src[at:p], newline); n > 0 {
			row += n
			lineStart = bytes.LastIndexByte(src[at:p], '\n') + at + 1
		}
		at = p
		return sitter.Point{Row: uint32(row), Column: uint32(p - lineStart)}
	}
	for i := range gaps {
		gaps[i].StartPoint = point(gaps[i].Start)
		gaps[i].EndPoint = point(gaps[i].End)
	}
}

var newline = []byte{'\n'}

// ParseGapped parses src without its gaps (in order, not overlapping; their
// points are set here) when confirm accepts that tree, and reports gapped;
// otherwise, or without gaps, it parses src whole. confirm must check that
// the tree has no syntax error and that each gap is what the front end's
// lexer took it for. The caller must Close the tree.
func (g *Grammar) ParseGapped(src []byte, gaps []Gap, confirm func(root *sitter.Node) bool) (tree *sitter.Tree, gapped bool, err error) {
	if len(gaps) > 0 {
		PointGaps(src, gaps)
		tree, err = g.ParseRanges(src, IncludedRanges(src, gaps))
		if err == nil && confirm(tree.RootNode()) {
			return tree, true, nil
		}
		if tree != nil {
			tree.Close()
		}
	}
	tree, err = g.Parse(src)
	return tree, false, err
}

// AppendGap adds the gap from start to end after gaps (in order), dropping
// those inside it: a body left out takes the bodies inside it along.
func AppendGap(gaps []Gap, start, end int) []Gap {
	k := len(gaps)
	for k > 0 && gaps[k-1].Start >= start {
		k--
	}
	return append(gaps[:k], Gap{Start: start, End: end})
}

// ConfirmBraceGaps reports whether the tree confirms gaps that are the
// insides of braced bodies: no syntax error, and for each gap the named
// node at its { spans from that { to the } after the gap and is a body
// accept takes (by its type and its parent's).
func ConfirmBraceGaps(root *sitter.Node, gaps []Gap, accept func(body, parent string) bool) bool {
	if root.HasError() {
		return false
	}
	for _, g := range gaps {
		at := sitter.Point{Row: g.StartPoint.Row, Column: g.StartPoint.Column - 1}
		n := root.NamedDescendantForPointRange(at, at)
		if n == nil || n.StartByte() != uint32(g.Start-1) || n.EndByte() != uint32(g.End+1) {
			return false
		}
		p := n.Parent()
		if p == nil || !accept(n.Type(), p.Type()) {
			return false
		}
	}
	return true
}

// IncludedRanges returns what tree-sitter is to read of src for
// ParseRanges: everything but the gaps, which must be in order and not
// overlap. tree-sitter skips what lies between two included ranges without
// reading it. (A copy with the gaps blanked costs more: a generated lexer
// tests each blank byte against every token's first character, ~100 ns a
// byte here.)
func IncludedRanges(src []byte, gaps []Gap) []sitter.Range {
	out := make([]sitter.Range, 0, len(gaps)+1)
	at, atPoint := 0, sitter.Point{}
	for _, g := range gaps {
		out = append(out, sitter.Range{StartByte: uint32(at), EndByte: uint32(g.Start), StartPoint: atPoint, EndPoint: g.StartPoint})
		at, atPoint = g.End, g.EndPoint
	}
	end := sitter.Point{Row: uint32(bytes.Count(src, newline)), Column: uint32(len(src) - (bytes.LastIndexByte(src, '\n') + 1))}
	return append(out, sitter.Range{StartByte: uint32(at), EndByte: uint32(len(src)), StartPoint: atPoint, EndPoint: end})
}
