package rust

import "strings"

// proptestFns returns the tests of one proptest! { … } block (block is its
// token tree, braces included): every function written at the block's top
// level with a test attribute (proptest requires #[test] on each). The block
// is token soup to tree-sitter, so it is scanned here: strings, raw strings,
// character literals and comments are skipped, nested bodies are not looked
// into.
func proptestFns(block span) []found {
	s := scanner{src: block.text, line: block.line}
	var out []found
	var attrs []string
	depth := 0
	for {
		tok, line, pos := s.next()
		switch tok {
		case "":
			return out
		case "{", "(", "[":
			depth++
		case "}", ")", "]":
			depth--
		case "#":
			if depth != 1 {
				continue
			}
			start := pos
			inner := false
			t2, _, _ := s.next()
			if t2 == "!" {
				inner = true
				t2, _, _ = s.next()
			}
			if t2 != "[" {
				switch t2 {
				case "{", "(":
					depth++
				case "}", ")", "]":
					depth--
				}
				continue
			}
			// Read to the matching bracket.
			d := 1
			for d > 0 {
				t3, _, _ := s.next()
				switch t3 {
				case "":
					return out
				case "[", "(", "{":
					d++
				case "]", ")", "}":
					d--
				}
			}
			if !inner {
				attrs = append(attrs, block.text[start:s.pos])
			}
		case "fn":
			if depth != 1 {
				continue
			}
			name, _, _ := s.next()
			name = strings.TrimPrefix(name, "r#")
			if isIdent(name) {
				if t, ok := classify(attrs); ok {
					out = append(out, found{name: name, line: line, pos: block.start + uint32(pos), attrs: t})
				}
			}
			attrs = nil
		case ";":
			if depth == 1 {
				attrs = nil
			}
		}
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			return false
		}
	}
	return !(s[0] >= '0' && s[0] <= '9')
}

// scanner splits Rust source into rough tokens: identifiers, single
// punctuation characters, and literals (returned as "lit"). Comments and
// whitespace are dropped.
type scanner struct {
	src  string
	pos  int
	line int
	// comments, when not nil, receives the start and end of each comment
	// skipped (a line comment ends before its newline).
	comments *[][2]int
}

// next returns the next token, the line it starts on and its offset; "" at
// the end.
func (s *scanner) next() (string, int, int) {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\n':
			s.line++
			s.pos++
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '/' && s.peek(1) == '/':
			start := s.pos
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			if s.comments != nil {
				*s.comments = append(*s.comments, [2]int{start, s.pos})
			}
		case c == '/' && s.peek(1) == '*':
			start := s.pos
			s.blockComment()
			if s.comments != nil {
				*s.comments = append(*s.comments, [2]int{start, s.pos})
			}
		default:
			start, line := s.pos, s.line
			switch {
			case c == '"':
				s.quoted('"')
				return "lit", line, start
			case (c == 'r' || c == 'b' || c == 'c') && s.rawStart():
				s.raw()
				return "lit", line, start
			case (c == 'b' || c == 'c') && s.peek(1) == '"':
				s.pos++
				s.quoted('"')
				return "lit", line, start
			case c == 'b' && s.peek(1) == '\'':
				s.pos++
				s.quoted('\'')
				return "lit", line, start
			case c == '\'':
				// A character literal ('a', '\n', '\u{1F600}', 'é') or a
				// lifetime ('a).
				if s.peek(1) == '\\' || s.peek(2) == '\'' || s.peek(1) >= 0x80 && s.peek(1+utf8Len(s.peek(1))) == '\'' {
					s.quoted('\'')
					return "lit", line, start
				}
				s.pos++
				return "'", line, start
			case isIdentByte(c):
				if c == 'r' && s.peek(1) == '#' && isIdentByte(s.peek(2)) {
					s.pos += 2 // a raw identifier, r#match
				}
				for s.pos < len(s.src) && isIdentByte(s.src[s.pos]) {
					s.pos++
				}
				return s.src[start:s.pos], line, start
			default:
				s.pos++
				return s.src[start:s.pos], line, start
			}
		}
	}
	return "", s.line, s.pos
}

// utf8Len is the length of the UTF-8 sequence that lead starts.
func utf8Len(lead byte) int {
	switch {
	case lead >= 0xF0:
		return 4
	case lead >= 0xE0:
		return 3
	case lead >= 0xC0:
		return 2
	}
	return 1
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (s *scanner) peek(k int) byte {
	if s.pos+k < len(s.src) {
		return s.src[s.pos+k]
	}
	return 0
}

func (s *scanner) blockComment() {
	depth := 0
	for s.pos < len(s.src) {
		switch {
		case s.src[s.pos] == '/' && s.peek(1) == '*':
			depth++
			s.pos += 2
		case s.src[s.pos] == '*' && s.peek(1) == '/':
			depth--
			s.pos += 2
			if depth == 0 {
				return
			}
		default:
			if s.src[s.pos] == '\n' {
				s.line++
			}
			s.pos++
		}
	}
}

// quoted skips a literal opened by q at s.pos, escapes included.
func (s *scanner) quoted(q byte) {
	s.pos++
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\':
			s.pos += 2
			continue
		case c == '\n':
			s.line++
		case c == q:
			s.pos++
			return
		}
		s.pos++
	}
	s.pos = len(s.src)
}

// rawStart reports whether a raw string (r"…", r#"…"#, br"…", cr"…") starts
// at s.pos.
func (s *scanner) rawStart() bool {
	i := s.pos
	if s.src[i] == 'b' || s.src[i] == 'c' {
		i++
	}
	if i >= len(s.src) || s.src[i] != 'r' {
		return false
	}
	i++
	for i < len(s.src) && s.src[i] == '#' {
		i++
	}
	return i < len(s.src) && s.src[i] == '"'
}

func (s *scanner) raw() {
	for s.src[s.pos] != 'r' {
		s.pos++
	}
	s.pos++
	hashes := 0
	for s.src[s.pos] == '#' {
		hashes++
		s.pos++
	}
	s.pos++ // the opening quote
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c == '\n' {
			s.line++
		}
		if c == '"' {
			j := s.pos + 1
			n := 0
			for j < len(s.src) && s.src[j] == '#' && n < hashes {
				j++
				n++
			}
			if n == hashes {
				s.pos = j
				return
			}
		}
		s.pos++
	}
}
