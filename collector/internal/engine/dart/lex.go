package dart

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// tokKind is the kind of one token. The lexer only tells apart what the
// scanner needs: identifiers, string literals and brackets; everything else
// is punctuation kept as one byte, or skipped.
type tokKind uint8

const (
	tIdent  tokKind = iota
	tString         // one string literal (adjacent literals are separate tokens)
	tPunct          // ( ) [ ] { } , : ; @ . and other operators, one byte each
	tNumber
)

type token struct {
	kind  tokKind
	punct byte // for tPunct
	start int  // byte offset
	end   int
	// For tString: the value when the literal has no interpolation; raw is
	// the text between the quotes, used as the name of an interpolated one.
	value  string
	interp bool
}

// maxInterpDepth bounds nested interpolations ("${'${"..."}'}"); a deeper
// file is reported as unparseable rather than recursed into.
const maxInterpDepth = 64

var errTooDeep = errors.New("string interpolations nested too deeply")

// lexer turns Dart source into tokens. It understands every construct that
// can hide a bracket or a quote: line comments (// and ///), nested block
// comments, single/double and triple-quoted strings, raw strings (r'...'),
// escapes and interpolation ($name, ${expression} with strings and comments
// inside). An unterminated construct runs to the end of the file.
type lexer struct {
	src  []byte
	toks []token
}

func lex(src []byte) ([]token, error) {
	l := &lexer{src: src, toks: make([]token, 0, len(src)/6+16)}
	if _, err := l.run(0, false, 0); err != nil {
		return nil, err
	}
	return l.toks, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// run lexes from i. Inside an interpolation (inInterp), it stops after the
// '}' that closes it and returns the offset after it; tokens found inside an
// interpolation are dropped (emit=false below) since they belong to a string.
func (l *lexer) run(i int, inInterp bool, depth int) (int, error) {
	src := l.src
	braces := 0
	emit := !inInterp
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			if i = frontend.NestedCommentEnd(src, i+2); i < 0 {
				i = len(src) // not closed
			}
		case (c == 'r' || c == 'R') && i+1 < len(src) && (src[i+1] == '\'' || src[i+1] == '"'):
			end, err := l.str(i+1, true, depth, emit, i)
			if err != nil {
				return 0, err
			}
			i = end
		case c == '\'' || c == '"':
			end, err := l.str(i, false, depth, emit, i)
			if err != nil {
				return 0, err
			}
			i = end
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			if emit {
				l.toks = append(l.toks, token{kind: tIdent, start: i, end: j})
			}
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(src) && (isIdentPart(src[j]) || src[j] == '.' && j+1 < len(src) && src[j+1] >= '0' && src[j+1] <= '9') {
				j++
			}
			if emit {
				l.toks = append(l.toks, token{kind: tNumber, start: i, end: j})
			}
			i = j
		default:
			if inInterp {
				switch c {
				case '{':
					braces++
				case '}':
					if braces == 0 {
						return i + 1, nil
					}
					braces--
				}
			}
			if emit {
				l.toks = append(l.toks, token{kind: tPunct, punct: c, start: i, end: i + 1})
			}
			i++
		}
	}
	return i, nil
}

// str lexes the string literal whose opening quote is at q (start is where
// the token starts, before an r prefix) and returns the offset after it.
func (l *lexer) str(q int, raw bool, depth int, emit bool, start int) (int, error) {
	src := l.src
	quote := src[q]
	triple := q+2 < len(src) && src[q+1] == quote && src[q+2] == quote
	i := q + 1
	if triple {
		i = q + 3
	}
	bodyStart := i
	var b strings.Builder
	interp := false
	closed := func(i int) bool {
		if src[i] != quote {
			return false
		}
		return !triple || i+2 < len(src) && src[i+1] == quote && src[i+2] == quote
	}
	for i < len(src) {
		c := src[i]
		if closed(i) {
			end := i + 1
			if triple {
				end = i + 3
			}
			if emit {
				l.toks = append(l.toks, token{kind: tString, start: start, end: end, value: l.value(&b, bodyStart, i, interp), interp: interp})
			}
			return end, nil
		}
		if !triple && c == '\n' {
			break // an unterminated single-line string ends at the line
		}
		switch {
		case c == '\\' && !raw:
			if i+1 >= len(src) {
				i++
				continue
			}
			n := escapeLen(src, i+1)
			if emit && !interp {
				writeEscape(&b, src[i+1:i+1+n])
			}
			i += 1 + n
		case c == '$' && !raw && i+1 < len(src) && src[i+1] == '{':
			if depth >= maxInterpDepth {
				return 0, errTooDeep
			}
			interp = true
			end, err := l.run(i+2, true, depth+1)
			if err != nil {
				return 0, err
			}
			i = end
		case c == '$' && !raw && i+1 < len(src) && isIdentStart(src[i+1]) && src[i+1] != '$':
			interp = true
			i++
			for i < len(src) && isIdentPart(src[i]) && src[i] != '$' {
				i++
			}
		default:
			if emit && !interp {
				b.WriteByte(c)
			}
			i++
		}
	}
	// Unterminated: the literal runs to the end of the line or file.
	if emit {
		l.toks = append(l.toks, token{kind: tString, start: start, end: i, value: l.value(&b, bodyStart, i, interp), interp: interp})
	}
	return i, nil
}

// value is a literal's name: its decoded value, or its text as written when
// it interpolates.
func (l *lexer) value(b *strings.Builder, from, to int, interp bool) string {
	if interp {
		if to > len(l.src) {
			to = len(l.src)
		}
		return string(l.src[from:to])
	}
	return b.String()
}

// escapeLen is the length of the escape whose first character is at
// src[i] (after the backslash): \xHH, \uHHHH, \u{H...} or one character.
func escapeLen(src []byte, i int) int {
	n := 1
	switch src[i] {
	case 'x':
		n += hexRun(src, i+1, 2)
	case 'u':
		if i+1 < len(src) && src[i+1] == '{' {
			h := hexRun(src, i+2, 6)
			n += 1 + h
			if i+2+h < len(src) && src[i+2+h] == '}' {
				n++
			}
		} else {
			n += hexRun(src, i+1, 4)
		}
	default:
		if c := src[i]; c >= utf8.RuneSelf {
			_, n = utf8.DecodeRune(src[i:])
		}
	}
	return n
}

func hexRun(src []byte, i, max int) int {
	n := 0
	for n < max && i+n < len(src) && isHex(src[i+n]) {
		n++
	}
	return n
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// writeEscape decodes one escape (the bytes after the backslash).
func writeEscape(b *strings.Builder, esc []byte) {
	switch c := esc[0]; c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case 'x', 'u':
		digits := strings.Trim(string(esc[1:]), "{}")
		v, err := strconv.ParseUint(digits, 16, 32)
		if err != nil || v > utf8.MaxRune {
			b.Write(esc)
			return
		}
		b.WriteRune(rune(v))
	default:
		b.Write(esc)
	}
}
