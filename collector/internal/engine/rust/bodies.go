package rust

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Function bodies, macro token trees and comments are left out of the
// parse.
//
// Nothing the front end reads lies inside a function body: rustc's harness
// never collects a #[test] function declared in a body (the
// unnameable_test_items lint), and the query reads items at file level and
// in inline modules only. It reads the token trees of macro invocations and
// macro_rules! definitions from their text (macros.go, proptest.go), and
// no comment. Yet these are most of a crate's bytes, and tree-sitter's
// parse was half of the front end's time on the Debian crates (the query
// another quarter, over their nodes). So the file is lexed first (the
// scanner of proptest.go: comments, strings, raw strings, character
// literals and lifetimes), and tree-sitter reads it without the insides of
// these (included ranges: offsets and points stay the file's):
//   - the body of each function declared where items are (the file,
//     inline modules, impl, trait and extern blocks);
//   - the token tree of each macro invocation and macro_rules! definition
//     there (not an attribute's);
//   - each run of comments there, as one comment.
//
// The tree must confirm every gap, or the file is parsed whole: it has no
// syntax error, and each gap is exactly the inside of what it was taken
// for (a function_item's block, a macro's token_tree or macro_definition, a
// comment).

// minGap is the smallest part worth leaving out: each gap is an included
// range more for tree-sitter and a lookup to confirm it.
const minGap = 48

// Kinds of gaps.
const (
	gapBody    = 'b' // the inside of a function's body
	gapMacro   = 'm' // the inside of a macro invocation's token tree
	gapRules   = 'r' // the inside of a macro_rules! definition's braces
	gapComment = 'c' // comments after the first one's // or /*
)

// bodyGaps returns what of src a parse may leave out, in order, with the
// kind of each.
func bodyGaps(src string) ([]ts.Gap, []byte) {
	var comments [][2]int
	s := scanner{src: src, comments: &comments}
	var gaps []ts.Gap
	var kinds []byte
	add := func(start, end int, kind byte) {
		if end-start >= minGap {
			gaps = append(gaps, ts.Gap{Start: start, End: end})
			kinds = append(kinds, kind)
		}
	}
	// Comments are taken in runs, up to where the scan is, outside any
	// group other than a block of items.
	flushComments := func() {
		for i := 0; i < len(comments); {
			c := comments[i]
			j := i + 1
			if src[c[0]+1] == '/' {
				for j < len(comments) && src[comments[j][0]+1] == '/' && strings.TrimLeft(src[comments[j-1][1]:comments[j][0]], " \t\r\n") == "" {
					j++
				}
				add(c[0]+2, comments[j-1][1], gapComment)
			} else {
				add(c[0]+2, c[1]-2, gapComment)
			}
			i = j
		}
		comments = comments[:0]
	}
	// skip reads a group the front end reads as text: comments inside it
	// are its own.
	skip := func() {
		s.comments = nil
		skipGroup(&s)
		s.comments = &comments
	}
	// open holds the delimiters of the groups around the scanner: '{' for
	// a block of items, '(' or '[' for other groups (where `fn` is a type).
	var open []byte
	var prev1, prev2 string
	for {
		items := len(open) == 0 || open[len(open)-1] == '{'
		text, _, pos := s.next()
		if items {
			// Comments read while finding this token lie before it.
			flushComments()
		} else {
			comments = comments[:0]
		}
		switch text {
		case "":
			return gaps, kinds
		case "{", "(", "[":
			switch {
			case prev1 == "!" && prev2 == "#":
				skip() // #![…]: an inner attribute, read as text
			case prev1 == "!":
				skip() // name!{…}
				if items {
					add(pos+1, s.pos-1, gapMacro)
				}
			case prev2 == "!" && isIdentByte(prev1[0]):
				skip() // macro_rules! name {…}
				if items && text == "{" {
					add(pos+1, s.pos-1, gapRules)
				}
			default:
				open = append(open, text[0])
			}
		case "}", ")", "]":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case "fn":
			if !items {
				break
			}
			s.comments = nil
			start, end, ok := fnBody(&s)
			s.comments = &comments
			if ok {
				add(start, end, gapBody)
			}
			// What follows a function follows a closed block: no `!` before
			// it makes a macro of the next group.
			prev1, prev2 = "}", ""
			continue
		}
		if text == "lit" && src[pos:s.pos] != "lit" {
			text = "\"" // a literal, not an identifier
		}
		prev1, prev2 = text, prev1
	}
}

// fnBody reads, after the keyword fn, a function's name, signature and
// body, and returns the inside of the body. ok is false for a function
// without a body (a trait's or an extern block's declaration) and for `fn`
// that is not an item (a function pointer type, fn(u8) -> u8).
func fnBody(s *scanner) (start, end int, ok bool) {
	name, _, _ := s.next()
	if name == "" || !isIdentByte(name[0]) || name == "lit" {
		return 0, 0, false
	}
	depth := 0
	for {
		text, _, pos := s.next()
		switch text {
		case "":
			return 0, 0, false
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case ";", "}":
			if depth == 0 {
				return 0, 0, false
			}
		case "{":
			if depth > 0 {
				// A const generic's block in a signature: not a body.
				break
			}
			skipGroup(s)
			return pos + 1, s.pos - 1, s.src[s.pos-1] == '}'
		}
	}
}

// skipGroup moves s past the group whose opening delimiter it just read,
// to just after its closing one (or to the end of the text).
func skipGroup(s *scanner) {
	depth := 1
	for depth > 0 {
		text, _, _ := s.next()
		switch text {
		case "":
			return
		case "{", "(", "[":
			depth++
		case "}", ")", "]":
			depth--
		}
	}
}

// parseWithoutBodies parses src with the gaps left out when the tree
// confirms them (gapped is then true), else whole.
func parseWithoutBodies(src []byte) (tree *sitter.Tree, gapped bool, err error) {
	gaps, kinds := bodyGaps(string(src))
	return grammar.ParseGapped(src, gaps, func(root *sitter.Node) bool { return confirmGaps(root, gaps, kinds) })
}

// confirmGaps reports whether the tree confirms every gap: no syntax error,
// and each gap exactly the inside of what its kind says.
func confirmGaps(root *sitter.Node, gaps []ts.Gap, kinds []byte) bool {
	if root.HasError() {
		return false
	}
	for i, g := range gaps {
		// The gap's opening delimiter, // or /* is just before it, on its
		// line.
		at := sitter.Point{Row: g.StartPoint.Row, Column: g.StartPoint.Column - 1}
		if kinds[i] == gapComment {
			at.Column--
		}
		n := root.NamedDescendantForPointRange(at, at)
		if n == nil {
			return false
		}
		start, end := n.StartByte(), n.EndByte()
		var ok bool
		switch kinds[i] {
		case gapBody:
			p := n.Parent()
			ok = n.Type() == "block" && p != nil && p.Type() == "function_item" && start == uint32(g.Start-1) && end == uint32(g.End+1)
		case gapMacro:
			p := n.Parent()
			ok = n.Type() == "token_tree" && p != nil && p.Type() == "macro_invocation" && start == uint32(g.Start-1) && end == uint32(g.End+1)
		case gapRules:
			ok = n.Type() == "macro_definition" && end == uint32(g.End+1)
		case gapComment:
			// A line comment's token ends where its included range does
			// (just after //); a block comment's closes after the gap.
			switch n.Type() {
			case "line_comment":
				ok = start == uint32(g.Start-2) && (end == uint32(g.Start) || end == uint32(g.End))
			case "block_comment":
				ok = start == uint32(g.Start-2) && end == uint32(g.End+2)
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
