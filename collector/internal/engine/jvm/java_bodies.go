package jvm

import (
	"bytes"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Method and constructor bodies are left out of the Java parse.
//
// The Java rules read declarations and their annotations; nothing inside a
// method body is a test (anonymous and local classes are opaque), and
// tree-sitter's parse was 60 % of the front end's time on Thrift's
// lib/java (the query, over the bodies' nodes, another 27 %). So the file
// is lexed first (comments, strings, text blocks, character literals) and
// tree-sitter reads it without the inside of each body of a method or
// constructor declared in a class body (included ranges: offsets and
// points stay the file's). A body stays in when it holds an annotation
// that scores a framework (scoresAnnotation: @Override in an anonymous
// class does not) or a class, interface, enum or record keyword (a local
// class's methods are read), or is shorter than minBody.
//
// The tree must confirm every gap, or the file is parsed whole: no syntax
// error, and the node at each gap's { is a method's block or a
// constructor's body, from that { to the } after the gap.

// minBody is the smallest body worth leaving out.
const minBody = 48

// javaMember is what the lexer knows of the declaration being read at a
// brace's level.
type javaMember struct {
	members   bool // a class body (or the file): members are declared here
	enum      bool // members: an enum body still in its constants
	parens    int
	sawParens bool // a (…) closed: parameters (or an annotation's arguments)
	init      bool // = or new: a field initializer
	typeDecl  bool // class, interface, enum, record: the next { is a class body
}

// javaLiteralEnd returns the offset after the comment, string, character or
// text block that starts at i; i when none starts there, -1 when it is not
// terminated.
func javaLiteralEnd(src []byte, i int) int {
	if end := frontend.CommentEnd(src, i, false); end != 0 {
		return max(end, -1)
	}
	switch c := src[i]; {
	case c == '"' && bytes.HasPrefix(src[i:], []byte(`"""`)):
		return textBlockEnd(src, i+3)
	case c == '"' || c == '\'':
		return frontend.QuotedEnd(src, i+1, c, false)
	}
	return i
}

// javaBodyGaps returns the method bodies a parse may leave out, in order;
// nil when the lexer cannot follow the file.
func javaBodyGaps(src []byte) []ts.Gap {
	braces := ts.NewBraces(javaMember{members: true})
	for i := 0; i < len(src); i++ {
		f := &braces.Top().State
		if end := javaLiteralEnd(src, i); end != i {
			if end < 0 {
				return nil
			}
			i = end - 1
			continue
		}
		switch c := src[i]; {
		case c == '@':
			if scoresAnnotation(src, i+1) {
				braces.Mark()
			}
		case isJavaNameByte(c) && (c < '0' || c > '9'):
			start := i
			for i < len(src) && isJavaNameByte(src[i]) {
				i++
			}
			word := string(src[start:i])
			i--
			dotted := start > 0 && bytes.HasSuffix(bytes.TrimRight(src[:start], " \t\r\n"), []byte("."))
			switch word {
			case "class", "interface", "enum", "record":
				if dotted || word == "record" && !followedByName(src, i+1) {
					break
				}
				braces.Mark()
				if f.members && f.parens == 0 {
					f.typeDecl = true
				}
			case "new":
				if f.members && f.parens == 0 {
					f.init = true
				}
			}
		case c == '(':
			f.parens++
		case c == ')':
			f.parens--
			if f.parens == 0 {
				f.sawParens = true
			}
		case c == '=':
			prev, next := neighbours(src, i)
			if f.members && f.parens == 0 && next != '=' && prev != '=' && prev != '!' && prev != '<' && prev != '>' {
				f.init = true
			}
		case c == ';':
			if f.members && f.parens == 0 {
				f.enum = false
				f.sawParens, f.init, f.typeDecl = false, false, false
			}
		case c == '{':
			var inner javaMember
			method := false
			switch {
			case !f.members || f.parens > 0 || f.enum:
			case f.typeDecl:
				inner = javaMember{members: true, enum: enumDecl(src, i)}
			case f.sawParens && !f.init:
				method = true
			}
			if f.members && f.parens == 0 {
				f.sawParens, f.init, f.typeDecl = false, false, false
			}
			braces.Push(i, method, inner)
		case c == '}':
			if !braces.Close(i, minBody) {
				return nil
			}
		}
	}
	if !braces.Balanced() {
		return nil
	}
	return braces.Gaps
}

// enumDecl reports whether the class body opening at i is an enum's (its
// constants come first, up to the first ;): the enum keyword is in the
// member's text, back to the previous ; { or }.
func enumDecl(src []byte, i int) bool {
	start := bytes.LastIndexAny(src[:i], ";{}") + 1
	member := src[start:i]
	for at := 0; ; {
		k := bytes.Index(member[at:], []byte("enum"))
		if k < 0 {
			return false
		}
		at += k
		before := at == 0 || !isJavaNameByte(member[at-1])
		after := at+4 >= len(member) || !isJavaNameByte(member[at+4])
		if before && after {
			return true
		}
		at += 4
	}
}

// followedByName reports whether a name follows i (after spaces): record
// is a keyword only in `record Name(`.
func followedByName(src []byte, i int) bool {
	i = skipJavaSpace(src, i)
	return i < len(src) && isJavaNameByte(src[i]) && (src[i] < '0' || src[i] > '9')
}

// textBlockEnd returns the offset after the """ closing a text block whose
// content starts at i, or -1.
func textBlockEnd(src []byte, i int) int {
	for ; i < len(src); i++ {
		switch {
		case src[i] == '\\':
			i++
		case bytes.HasPrefix(src[i:], []byte(`"""`)):
			return i + 3
		}
	}
	return -1
}

// parseJava parses src with the method bodies left out when skipBodies is
// set and the tree confirms them (gapped is then true), else whole: each
// gap exactly the inside of a method's block or a constructor's body.
func parseJava(src []byte, skipBodies bool) (tree *sitter.Tree, gapped bool, err error) {
	return javaGrammar.ParseBraceBodies(src, skipBodies, javaBodyGaps, func(body, parent string) bool {
		return body == "block" && parent == "method_declaration" || body == "constructor_body" && parent == "constructor_declaration"
	})
}

// neighbours returns the bytes before and after i (0 past either end): an
// = is told from ==, !=, <=, >= and the like by them.
func neighbours(src []byte, i int) (prev, next byte) {
	if i > 0 {
		prev = src[i-1]
	}
	if i+1 < len(src) {
		next = src[i+1]
	}
	return prev, next
}

// scoresAnnotation reports whether the annotation whose name starts at i
// (after its @) may change the file's framework scores, the only thing an
// annotation in a method body changes (attach gives it to no declaration
// outside the body): a qualified name (importScores) or a name only one
// framework has (syntaxScores).
func scoresAnnotation(src []byte, i int) bool {
	qualified := false
	for {
		i = skipJavaSpace(src, i)
		start := i
		for i < len(src) && isJavaNameByte(src[i]) {
			i++
		}
		if i == start {
			return true // not a name the lexer follows: keep the body
		}
		if dot := skipJavaSpace(src, i); dot < len(src) && src[dot] == '.' {
			qualified, i = true, dot+1
			continue
		}
		name := string(src[start:i])
		return qualified || junit5Only[name] || junit4Only[name] || testngOnly[name]
	}
}
