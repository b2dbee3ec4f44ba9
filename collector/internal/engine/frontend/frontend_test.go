package frontend

import (
	"strings"
	"testing"
)

func TestAnyDir(t *testing.T) {
	t.Parallel()
	isTests := func(d string) bool { return d == "tests" }
	for path, want := range map[string]bool{
		"tests/a.py":         true,
		"pkg/tests/sub/a.py": true,
		"a.py":               false,
		"tests.py":           false,
		"pkg/mytests/a.py":   false,
	} {
		if got := AnyDir(path, isTests); got != want {
			t.Errorf("AnyDir(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestNestedCommentEnd(t *testing.T) {
	for src, want := range map[string]int{
		"/* a */ b":             7,
		"/* a /* b */ c */ d":   17,
		"/* a /* b */ c":        -1,
		"/*/ a */":              8,
		"/**/":                  4,
		"/* ends at the end */": 21,
	} {
		if got := NestedCommentEnd([]byte(src), 2); got != want {
			t.Errorf("NestedCommentEnd(%q) = %d, want %d", src, got, want)
		}
	}
}

func TestSkipTrivia(t *testing.T) {
	space := func(c byte) bool { return c == ' ' || c == '\n' }
	for _, c := range []struct {
		src    string
		nested bool
		want   int
	}{
		{"  x", false, 2},
		{" // c\n x", false, 7},
		{"/* a */x", false, 7},
		{"/* a /* b */ c */x", false, 13},
		{"/* a /* b */ c */x", true, 17},
		{"/* open", false, 7},
		{"   ", false, 3},
	} {
		if got := SkipTrivia([]byte(c.src), 0, space, c.nested); got != c.want {
			t.Errorf("SkipTrivia(%q, nested=%v) = %d, want %d", c.src, c.nested, got, c.want)
		}
	}
}

func TestCommentEnd(t *testing.T) {
	for _, c := range []struct {
		src    string
		nested bool
		want   int
	}{
		{"// a\nb", false, 5},
		{"// a", false, 4},
		{"/* a */b", false, 7},
		{"/* /* */ */b", false, 8},
		{"/* /* */ */b", true, 11},
		{"/* a", false, -1},
		{"a / b", false, 0},
		{"/", false, 0},
	} {
		if got := CommentEnd([]byte(c.src), 0, c.nested); got != c.want {
			t.Errorf("CommentEnd(%q, nested=%v) = %d, want %d", c.src, c.nested, got, c.want)
		}
	}
}

func TestJoinAnd(t *testing.T) {
	t.Parallel()
	paren := func(c string) string {
		if strings.Contains(c, " ") {
			return "(" + c + ")"
		}
		return c
	}
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{"a || b"}, "a || b"},
		{[]string{"a || b", "c", "!(d)"}, "(a || b) && c && !(d)"},
	} {
		if got := JoinAnd(tc.parts, paren); got != tc.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", tc.parts, got, tc.want)
		}
	}
}
