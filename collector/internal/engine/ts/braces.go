package ts

import sitter "github.com/smacker/go-tree-sitter"

// Braces is the brace stack of a front end's body lexer (Java, C#, Swift,
// PHP): each open brace with the lexer's own state S for it, and the
// bodies left out so far. A body may be left out when it closes, unless
// Mark was called while it was open (something a rule reads at any depth
// is in it).
type Braces[S any] struct {
	open  []Brace[S]
	marks int
	Gaps  []Gap
}

// Brace is one open brace.
type Brace[S any] struct {
	At    int  // offset of the {
	Body  bool // its inside may be left out
	State S
	marks int // the stack's marks when it opened
}

// NewBraces returns a stack at the file's level, whose state is file.
func NewBraces[S any](file S) *Braces[S] {
	return &Braces[S]{open: []Brace[S]{{At: -1, State: file}}}
}

// Top is the innermost open brace, or the file's level.
func (b *Braces[S]) Top() *Brace[S] { return &b.open[len(b.open)-1] }

// Depth is the number of braces open.
func (b *Braces[S]) Depth() int { return len(b.open) - 1 }

// Push opens a brace at at.
func (b *Braces[S]) Push(at int, body bool, state S) {
	b.open = append(b.open, Brace[S]{At: at, Body: body, State: state, marks: b.marks})
}

// Mark says that something a rule reads at any depth was met: no body
// open now is left out.
func (b *Braces[S]) Mark() { b.marks++ }

// Pop closes the innermost brace with the } at at. It returns that brace
// and whether its inside may be left out: a body, not marked, at least min
// bytes long. ok is false when no brace is open.
func (b *Braces[S]) Pop(at, min int) (closed Brace[S], leave, ok bool) {
	if len(b.open) == 1 {
		return closed, false, false
	}
	closed = b.open[len(b.open)-1]
	b.open = b.open[:len(b.open)-1]
	return closed, closed.Body && closed.marks == b.marks && at-closed.At-1 >= min, true
}

// Close pops the innermost brace with the } at at and leaves its inside
// out when it may be (see Pop); false when no brace is open.
func (b *Braces[S]) Close(at, min int) bool {
	closed, leave, ok := b.Pop(at, min)
	if leave {
		b.LeaveOut(closed, at)
	}
	return ok
}

// LeaveOut records the inside of closed, whose } is at at, as a gap.
func (b *Braces[S]) LeaveOut(closed Brace[S], at int) {
	b.Gaps = AppendGap(b.Gaps, closed.At+1, at)
}

// Balanced reports whether every brace opened was closed.
func (b *Braces[S]) Balanced() bool { return len(b.open) == 1 }

// ParseBraceBodies parses src without the insides of the braced bodies
// find returns (when skip is set) if the tree confirms them
// (ConfirmBraceGaps with accept), and reports gapped; otherwise whole.
func (g *Grammar) ParseBraceBodies(src []byte, skip bool, find func([]byte) []Gap, accept func(body, parent string) bool) (tree *sitter.Tree, gapped bool, err error) {
	var gaps []Gap
	if skip {
		gaps = find(src)
	}
	return g.ParseGapped(src, gaps, func(root *sitter.Node) bool { return ConfirmBraceGaps(root, gaps, accept) })
}
