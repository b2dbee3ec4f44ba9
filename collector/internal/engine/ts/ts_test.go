package ts

import (
	"bytes"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
)

func TestUnescape(t *testing.T) {
	t.Parallel()
	unicode := CEscapes.With(map[byte]string{'a': "\a"})
	unicode.Unicode = true
	keep := Escapes{Table: map[byte]string{'n': "\n"}, KeepUnknown: true}
	for _, tc := range []struct {
		name, in string
		e        *Escapes
		want     string
	}{
		{"plain", `adds two`, &CEscapes, "adds two"},
		{"common", `a\nb\tc\\d\'e`, &CEscapes, "a\nb\tc\\d'e"},
		{"trailing backslash", `a\`, &CEscapes, `a\`},
		{"unicode", `\u00e9\x41\a`, &unicode, "éA\a"},
		{"bad unicode drops the backslash", `\uZZ`, &unicode, "uZZ"},
		{"unknown kept", `\101\n`, &keep, "\\101\n"},
	} {
		if got := Unescape(tc.in, tc.e); got != tc.want {
			t.Errorf("%s: Unescape(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{`"a\tb"`: "a\tb", `'x'`: "x", "`plain`": "plain"} {
		if got, ok := Unquote(in); !ok || got != want {
			t.Errorf("Unquote(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"`a ${b}`", `"unterminated`, `x`} {
		if _, ok := Unquote(in); ok {
			t.Errorf("Unquote(%s) accepted", in)
		}
	}
}

// TestParseRanges: a parse of included ranges keeps the source's offsets and
// skips what lies between them, and the pooled parser reads whole sources
// again afterwards.
func TestParseRanges(t *testing.T) {
	g := NewGrammar("javascript", javascript.GetLanguage())
	src := []byte("f(1)\ng(() => { not javascript at all ]] })\nh(2)\n")
	open := bytes.IndexByte(src, '{') + 1
	close := bytes.LastIndexByte(src, '}')
	tree, err := g.ParseRanges(src, []sitter.Range{
		{StartByte: 0, EndByte: uint32(open), EndPoint: sitter.Point{Row: 1, Column: uint32(open - 5)}},
		{StartByte: uint32(close), EndByte: uint32(len(src)), StartPoint: sitter.Point{Row: 1, Column: uint32(close - 5)}, EndPoint: sitter.Point{Row: 3}},
	})
	if err != nil {
		t.Fatal(err)
	}
	root := tree.RootNode()
	if root.HasError() {
		t.Fatalf("the left-out text was read: %s", root)
	}
	calls := g.MustQuery(`(call_expression function: (identifier) @fn)`).Matches(root, src)
	var names []string
	for _, m := range calls {
		names = append(names, Text(m.Captures["fn"], src))
	}
	if strings.Join(names, " ") != "f g h" || Line(calls[2].Captures["fn"]) != 3 {
		t.Errorf("calls %v, h on line %d: want f g h, h on line 3", names, Line(calls[2].Captures["fn"]))
	}
	tree.Close()
	for range 4 { // every pooled parser reads the whole source again
		whole, err := g.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if !whole.RootNode().HasError() {
			t.Error("a parse after ParseRanges left text out")
		}
		whole.Close()
	}
}
