package dart

import (
	"sort"

	"github.com/testlens/testlens/contracts/inventory"
)

// scanner finds the test, testWidgets and group calls among the tokens.
type scanner struct {
	src    []byte
	toks   []token
	lines  []int
	budget int

	// match[i] is the index of the bracket closing the one at i (or
	// len(toks) when it is never closed); -1 for other tokens.
	match []int32
	// prefixes are the import prefixes of test libraries (`as t`).
	prefixes map[string]bool
	imports  []string

	tests  []inventory.Test
	suites []inventory.Suite
}

// callRole is what a call declares.
type callRole int

const (
	roleNone callRole = iota
	roleTest
	roleGroup
)

var roles = map[string]callRole{
	"test":        roleTest,
	"testWidgets": roleTest,
	"group":       roleGroup,
}

func (s *scanner) text(t token) string { return string(s.src[t.start:t.end]) }

func (s *scanner) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].punct == c
}

func (s *scanner) isIdent(i int, name string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tIdent && s.text(s.toks[i]) == name
}

func (s *scanner) line(offset int) int {
	return sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset })
}

// matchBrackets fills s.match. A closer that does not match the innermost
// opener closes the openers up to the one it matches (if any), so one stray
// bracket cannot shift the extent of everything after it.
func (s *scanner) matchBrackets() {
	s.match = make([]int32, len(s.toks))
	var stack []int32
	for i := range s.toks {
		s.match[i] = -1
		t := s.toks[i]
		if t.kind != tPunct {
			continue
		}
		switch t.punct {
		case '(', '[', '{':
			stack = append(stack, int32(i))
		case ')', ']', '}':
			open := opener(t.punct)
			k := len(stack) - 1
			for k >= 0 && s.toks[stack[k]].punct != open {
				k--
			}
			if k < 0 {
				continue // stray closer
			}
			for j := len(stack) - 1; j > k; j-- {
				s.match[stack[j]] = int32(i) // unclosed inside: ends here
			}
			s.match[stack[k]] = int32(i)
			stack = stack[:k]
		}
	}
	for _, j := range stack {
		s.match[j] = int32(len(s.toks))
	}
}

func opener(c byte) byte {
	switch c {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

// imports collects the URIs of import directives and the prefixes under
// which test libraries are imported, and reports whether a @Skip annotation
// stands before the library's first declaration (a library annotation).
func (s *scanner) directives() (skipped bool) {
	s.prefixes = map[string]bool{}
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		switch {
		case t.kind == tPunct && t.punct == '@':
			if s.isIdent(i+1, "Skip") {
				skipped = true
			}
			// Skip the annotation's name and arguments.
			if s.isPunct(i+2, '(') {
				i = int(s.match[i+2])
			} else {
				i++
			}
		case s.isIdent(i, "import") || s.isIdent(i, "export") || s.isIdent(i, "part"):
			if i+1 < len(s.toks) && s.toks[i+1].kind == tString {
				uri := s.toks[i+1].value
				if s.isIdent(i, "import") {
					s.imports = append(s.imports, uri)
				}
				// ... as prefix;
				j := i + 2
				for j < len(s.toks) && j < i+32 && !s.isPunct(j, ';') {
					if s.isIdent(j, "as") && j+1 < len(s.toks) && s.toks[j+1].kind == tIdent && isTestLibrary(uri) {
						s.prefixes[s.text(s.toks[j+1])] = true
					}
					j++
				}
				i = j
			}
		case s.isIdent(i, "library"):
			// `library name;` or `library;`: directives continue.
			for i < len(s.toks) && !s.isPunct(i, ';') {
				i++
			}
		case t.kind == tIdent:
			// The first declaration ends the directives.
			return skipped
		}
	}
	return skipped
}

func isTestLibrary(uri string) bool {
	for _, t := range testImports {
		if len(uri) >= len(t) && uri[:len(t)] == string(t) {
			return true
		}
	}
	return false
}

// group is an open group: its path and where it ends.
type group struct {
	path   []string
	end    int
	status inventory.TestStatus
}

func (s *scanner) scan() {
	s.matchBrackets()
	fileStatus := inventory.TestActive
	if s.directives() {
		fileStatus = inventory.TestSkipped
	}
	stack := []group{{path: []string{}, end: len(s.toks) + 1, status: fileStatus}}
	for i := 0; i < len(s.toks) && s.budget >= 0; i++ {
		for len(stack) > 1 && i > stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		t := s.toks[i]
		if t.kind != tIdent {
			continue
		}
		role := roles[s.text(t)]
		if role == roleNone || !s.isPunct(i+1, '(') || !s.callable(i) {
			continue
		}
		name, ok := s.firstArg(i + 1)
		if !ok {
			continue
		}
		top := stack[len(stack)-1]
		open, close := i+1, int(s.match[i+1])
		st := inherit(top.status, s.namedArgs(open, close))
		line := s.line(t.start)
		if role == roleTest {
			s.budget -= 1 + len(top.path)
			if s.budget >= 0 {
				s.tests = append(s.tests, inventory.Test{SuitePath: top.path, Name: name, Line: line, Status: st, Kind: inventory.KindTest})
			}
			continue
		}
		p := make([]string, len(top.path)+1)
		copy(p, top.path)
		p[len(top.path)] = name
		s.budget -= len(p)
		if s.budget >= 0 {
			s.suites = append(s.suites, inventory.Suite{Path: p, Line: line})
		}
		stack = append(stack, group{path: p, end: close, status: st})
	}
}

// callable reports whether the identifier at i is called as a function of
// the test library: not a method of some other object (x.test(…)), unless
// x is the prefix the library is imported under, and not a declaration
// (void test(…)).
func (s *scanner) callable(i int) bool {
	if s.isPunct(i-1, '.') {
		return i >= 2 && s.toks[i-2].kind == tIdent && s.prefixes[s.text(s.toks[i-2])] && !s.isPunct(i-3, '.')
	}
	if i > 0 && s.toks[i-1].kind == tIdent {
		switch s.text(s.toks[i-1]) {
		case "return", "await", "yield", "else":
			return true
		}
		return false // a declaration: `void test(`, `Future<void> group(`
	}
	return true
}

// firstArg returns the name given by the first argument of the call whose
// '(' is at open: one string literal or adjacent ones ('a' 'b'), followed
// by ',' or ')'.
func (s *scanner) firstArg(open int) (string, bool) {
	j := open + 1
	var name string
	n := 0
	for j < len(s.toks) && s.toks[j].kind == tString {
		name += s.toks[j].value
		if len(name) > maxNameLen {
			name = name[:maxNameLen]
		}
		j++
		n++
	}
	if n == 0 || !(s.isPunct(j, ',') || s.isPunct(j, ')')) || name == "" {
		return "", false
	}
	return name, true
}

const maxNameLen = 500

// namedArgs reads skip: and solo: among the top-level arguments of the call
// whose brackets are at open and close.
func (s *scanner) namedArgs(open, close int) inventory.TestStatus {
	st := inventory.TestActive
	for j := open + 1; j < close && j < len(s.toks); j++ {
		t := s.toks[j]
		if t.kind == tPunct && (t.punct == '(' || t.punct == '[' || t.punct == '{') {
			if m := int(s.match[j]); m > j {
				j = m
			}
			continue
		}
		if t.kind != tIdent || !s.isPunct(j+1, ':') || !s.isPunct(j-1, ',') || j+2 >= len(s.toks) {
			continue
		}
		v := s.toks[j+2]
		switch s.text(t) {
		case "skip":
			// skip: true or skip: 'reason'; false, null or an expression
			// decided at run time leave the test active.
			if v.kind == tString || v.kind == tIdent && s.text(v) == "true" && s.argEnds(j+3) {
				return inventory.TestSkipped
			}
		case "solo":
			if v.kind == tIdent && s.text(v) == "true" && s.argEnds(j+3) {
				st = inventory.TestFocused
			}
		}
	}
	return st
}

func (s *scanner) argEnds(j int) bool { return s.isPunct(j, ',') || s.isPunct(j, ')') }

// inherit combines a group's status with a test's own: skipped from outside
// wins, then the test's own, then focus.
func inherit(outer, own inventory.TestStatus) inventory.TestStatus {
	if outer == inventory.TestSkipped || outer == inventory.TestTodo {
		return outer
	}
	if own != inventory.TestActive {
		return own
	}
	return outer
}
