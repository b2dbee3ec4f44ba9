package php

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Method bodies are left out of the parse.
//
// Of a method's body the rules read only a first markTestSkipped /
// markTestIncomplete, a data provider's returned or yielded arrays, and
// Pest calls (test(), it(), describe(), todo()) wherever they are.
// tree-sitter's PHP grammar and its query were two thirds of the front
// end's time on Thrift's lib/php, over whole test classes. So the file is
// lexed first (comments, strings with {$…} holes, heredocs and nowdocs)
// and tree-sitter reads it without the inside of each body of a method
// declared in a class, interface, trait or enum (included ranges: offsets
// and points stay the file's). A body stays in when it holds markTest, a
// Pest call, or when its method's name is written elsewhere in the file
// (a data provider named by @dataProvider or #[DataProvider], a helper the
// tests call), or is shorter than minBody; a file with ?> is parsed whole.
//
// The tree must confirm every gap, or the file is parsed whole: no syntax
// error, and the node at each gap's { is the compound_statement of a
// method_declaration, from that { to the } after the gap.

// minBody is the smallest body worth leaving out.
const minBody = 48

// phpDecl is what the lexer knows of the declaration being read at a
// brace's level.
type phpDecl struct {
	members  bool   // a class-like body (or the file)
	method   string // a method's body: its name
	parens   int
	pending  bool   // function: the next { is its body
	fnName   string // its name
	typeDecl bool   // class, interface, trait, enum: the next { is its body
}

// bodyGaps returns the method bodies and the array values a parse may leave
// out, in order; nil when the lexer cannot follow the file.
func bodyGaps(src []byte) []ts.Gap {
	braces := ts.NewBraces(phpDecl{members: true})
	names := map[int]string{} // the method of each gap, by its start
	prevWord := ""
	values := arrayValues{}
	for i := 0; i < len(src); i++ {
		f := &braces.Top().State
		switch c := src[i]; {
		case c == '?' && i+1 < len(src) && src[i+1] == '>':
			return nil // inline HTML follows
		case c == '/' && i+1 < len(src) && src[i+1] == '/' || c == '#' && (i+1 >= len(src) || src[i+1] != '['):
			start := i
			i = frontend.LineEnd(src, i)
			if bytes.Contains(src[start:i], []byte("?>")) {
				return nil // ?> ends PHP even in a line comment
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := frontend.BlockCommentEnd(src, i+2)
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		case c == '\'':
			end := frontend.QuotedEnd(src, i+1, '\'', true)
			if end < 0 {
				return nil
			}
			i = end - 1
		case c == '"' || c == '`':
			end := interpolatedEnd(src, i+1, c)
			if end < 0 {
				return nil
			}
			i = end - 1
		case c == '<' && bytes.HasPrefix(src[i:], []byte("<<<")):
			end := heredocEnd(src, i+3)
			if end < 0 {
				return nil
			}
			i = end - 1
			values.last = '"'
			continue
		case c == '$':
			for i+1 < len(src) && isWordByte(src[i+1]) {
				i++
			}
			prevWord = ""
			values.last = '$'
			continue
		case isWordByte(c) && (c < '0' || c > '9'):
			start := i
			for i < len(src) && isWordByte(src[i]) {
				i++
			}
			word := string(src[start:i])
			i--
			afterArrow := start >= 2 && (src[start-1] == '>' && src[start-2] == '-' || src[start-1] == ':' && src[start-2] == ':')
			switch {
			case afterArrow:
				if word == "markTestSkipped" || word == "markTestIncomplete" {
					braces.Mark()
				}
			case (word == "test" || word == "it" || word == "describe" || word == "todo") && nextIs(src, i+1, '('):
				braces.Mark()
				values.pest = true
			case f.members && f.parens == 0 && word == "function":
				f.pending, f.typeDecl = true, false
			case f.members && f.parens == 0 && f.pending && f.fnName == "" && prevWord == "function":
				f.fnName = word
			case f.members && f.parens == 0 && (word == "class" || word == "interface" || word == "trait" || word == "enum") && prevWord != "new":
				f.typeDecl = true
			case word == "yield":
				values.yield = true
			}
			prevWord = word
			values.last = 'w'
			continue
		case c == '[':
			values.open(src, i, prevWord)
		case c == ']':
			if !values.close(i) {
				return nil
			}
		case c == '(':
			f.parens++
			values.kinds = append(values.kinds, '(')
		case c == ')':
			f.parens--
			if !values.pop('(') {
				return nil
			}
		case c == ';':
			if f.members && f.parens == 0 {
				f.pending, f.fnName, f.typeDecl = false, "", false
			}
			values.yield = false
		case c == '{':
			var inner phpDecl
			if f.members && f.parens == 0 {
				switch {
				case f.pending:
					inner.method = f.fnName
				case f.typeDecl:
					inner.members = true
				}
				f.pending, f.fnName, f.typeDecl = false, "", false
			}
			braces.Push(i, inner.method != "", inner)
			if inner.method != "" {
				values.inMethod++
			}
			values.kinds = append(values.kinds, '{')
			values.yield = false
		case c == '}':
			closed, leave, ok := braces.Pop(i, minBody)
			if !ok || !values.pop('{') {
				return nil
			}
			if closed.State.method != "" {
				values.inMethod--
			}
			if leave {
				braces.LeaveOut(closed, i)
				names[closed.At+1] = closed.State.method
			}
			values.yield = false
		}
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\n' && src[i] != '\r' {
			prevWord = ""
			values.last = src[i]
		}
	}
	if !braces.Balanced() || len(values.kinds) != 0 {
		return nil
	}
	// A method named anywhere else (a data provider, a helper) keeps its
	// body: count the words of the whole file once.
	counts := make(map[string]int, len(names))
	for _, name := range names {
		counts[name] = 0
	}
	for i := 0; i < len(src); {
		if !isWordByte(src[i]) {
			i++
			continue
		}
		start := i
		for i < len(src) && isWordByte(src[i]) {
			i++
		}
		if n, ok := counts[string(src[start:i])]; ok {
			counts[string(src[start:i])] = n + 1
		}
	}
	var bodies []ts.Gap
	for _, g := range braces.Gaps {
		if counts[names[g.Start]] == 1 {
			bodies = append(bodies, g)
		}
	}
	if values.pest {
		return bodies // Pest reads datasets (->with([…])) wherever they are
	}
	return mergeGaps(bodies, values.gaps)
}

// Of the kept bodies (data providers, helpers), the values of array
// elements are left out too: a provider's data set names are the keys of
// the array it returns or of what it yields (providerKeys), and the values
// only need to stay an array. An array literal is left out when it is the
// value of an element of another array literal (key => [ … ] or [ … ] in
// a list), or what a yield yields (yield 'k' => [ … ], yield [ … ]), in a
// method body, and at least minBody bytes long. The tree confirms each
// gap: an array_creation_expression under an array_element_initializer or
// a yield_expression. No array is left out of a file with a Pest call.

// arrayValues is the lexer's state for array values.
type arrayValues struct {
	kinds    []byte // open brackets: ( {, L an array literal's [, I an index's [
	starts   []int  // the offset of each open [ left out when it closes, else -1
	last     byte   // the last significant byte: '$' a variable, 'w' a word
	yield    bool   // a yield was read in this statement
	inMethod int    // method bodies open
	pest     bool   // a Pest call was read
	gaps     []ts.Gap
}

// open reads the [ at i; prevWord is the word just before it, if any.
func (v *arrayValues) open(src []byte, i int, prevWord string) {
	literal := false
	switch v.last {
	case '$', ']', ')', '}', '\'', '"':
		// an index: $a[…], f()[…], 'abc'[…]
	case 'w':
		literal = prevWord == "return" || prevWord == "yield"
	default:
		literal = true
	}
	container := byte(0)
	if n := len(v.kinds); n > 0 {
		container = v.kinds[n-1]
	}
	arrow := v.last == '>' && arrowBefore(src, i)
	value := container == 'L' && (v.last == '[' || v.last == ',' || arrow) ||
		container != 'L' && v.yield && (arrow || prevWord == "yield")
	kind, start := byte('I'), -1
	if literal {
		kind = 'L'
		if value && v.inMethod > 0 {
			start = i + 1
		}
	}
	v.kinds = append(v.kinds, kind)
	v.starts = append(v.starts, start)
}

// arrowBefore reports whether => comes just before i, after blanks.
func arrowBefore(src []byte, i int) bool {
	j := i - 1
	for j >= 0 && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
		j--
	}
	return j >= 1 && src[j] == '>' && src[j-1] == '='
}

// close reads the ] at i; false when no [ is open.
func (v *arrayValues) close(i int) bool {
	n := len(v.kinds)
	if n == 0 || v.kinds[n-1] == '(' || v.kinds[n-1] == '{' {
		return false
	}
	if start := v.starts[len(v.starts)-1]; start >= 0 && i-start >= minBody {
		v.gaps = ts.AppendGap(v.gaps, start, i)
	}
	v.kinds = v.kinds[:n-1]
	v.starts = v.starts[:len(v.starts)-1]
	return true
}

// pop closes the innermost ( or {; false when it is not what is open.
func (v *arrayValues) pop(kind byte) bool {
	n := len(v.kinds)
	if n == 0 || v.kinds[n-1] != kind {
		return false
	}
	v.kinds = v.kinds[:n-1]
	return true
}

// nextIs reports whether c follows i, after spaces.
func nextIs(src []byte, i int, c byte) bool {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i < len(src) && src[i] == c
}

// interpolatedEnd returns the offset after the closing quote q of a
// double-quoted (or backtick) string whose content starts at i; a {$…}
// hole may hold quotes of its own.
func interpolatedEnd(src []byte, i int, q byte) int {
	for ; i < len(src); i++ {
		switch {
		case src[i] == '\\':
			i++
		case src[i] == q:
			return i + 1
		case src[i] == '{' && i+1 < len(src) && src[i+1] == '$':
			end := frontend.ClosingEnd(src, i+1, '{', '}', func(k int) int {
				if c := src[k]; c == '\'' || c == '"' {
					return frontend.QuotedEnd(src, k+1, c, true)
				}
				return 0
			})
			if end < 0 {
				return -1
			}
			i = end - 1
		}
	}
	return -1
}

// heredocEnd returns the offset after the closing identifier of a heredoc
// or nowdoc whose <<< is just before i (PHP 7.3: the closing identifier may
// be indented and followed by anything that is not part of a name).
func heredocEnd(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	quote := byte(0)
	if i < len(src) && (src[i] == '\'' || src[i] == '"') {
		quote = src[i]
		i++
	}
	start := i
	for i < len(src) && isWordByte(src[i]) {
		i++
	}
	id := src[start:i]
	if len(id) == 0 || quote != 0 && (i >= len(src) || src[i] != quote) {
		return -1
	}
	line := bytes.IndexByte(src[i:], '\n')
	if line < 0 {
		return -1
	}
	for at := i + line + 1; at < len(src); {
		j := at
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if bytes.HasPrefix(src[j:], id) && (j+len(id) == len(src) || !isWordByte(src[j+len(id)])) {
			return j + len(id)
		}
		next := bytes.IndexByte(src[at:], '\n')
		if next < 0 {
			return -1
		}
		at += next + 1
	}
	return -1
}

// parse parses src with the method bodies left out when skipBodies is set
// and the tree confirms them (gapped is then true), else whole.
func parse(src []byte, skipBodies bool) (tree *sitter.Tree, gapped bool, err error) {
	return grammar.ParseBraceBodies(src, skipBodies, bodyGaps, func(body, parent string) bool {
		return body == "compound_statement" && parent == "method_declaration" ||
			body == "array_creation_expression" && (parent == "array_element_initializer" || parent == "yield_expression")
	})
}

// mergeGaps returns bodies and the array values not inside one of them, in
// order (both are in order).
func mergeGaps(bodies, arrays []ts.Gap) []ts.Gap {
	out := make([]ts.Gap, 0, len(bodies)+len(arrays))
	b := 0
	for _, a := range arrays {
		for b < len(bodies) && bodies[b].End <= a.Start {
			out = append(out, bodies[b])
			b++
		}
		if b < len(bodies) && bodies[b].Start <= a.Start {
			continue // inside a body left out
		}
		out = append(out, a)
	}
	return append(out, bodies[b:]...)
}
