package ts

import "testing"

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
