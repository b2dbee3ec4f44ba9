package python

import (
	"slices"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"test_a.py", true},
		{"pkg/a_test.py", true},
		{"tests/helpers.py", true},
		{"src/test/util.py", true},
		{"polls/tests.py", true},   // a Django app's tests
		{"odf/testchart.py", true}, // unittest's test*.py
		{"pkg/latest.py", false},
		{"tests/conftest.py", false},
		{"conftest.py", false},
		{"tests/__init__.py", false},
		{"pkg/a.py", false},
		{"pkg/test_a.pyc", false},
		{"pkg/testing/a.py", false},
		{"test_a.txt", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestIDs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ lit, want string }{
		{"1", "1"}, {"-1", "-1"}, {"1_000", "1000"}, {"0x10", "16"}, {"1.50", "1.5"}, {"1e3", "1000.0"},
		{"1e16", "1e+16"}, {"1e-5", "1e-05"}, {"0.0001", "0.0001"}, {"2.0", "2.0"}, {"-0", "0"},
	} {
		v := parseExpr(tc.lit)
		if v.kind != vNum || v.s != tc.want {
			t.Errorf("parseExpr(%s) = %+v, want number %s", tc.lit, v, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"}, {"é", `\xe9`}, {"a\nb", `a\nb`}, {`a\b`, `a\\b`}, {"☃", `\u2603`},
	} {
		if got := asciiEscaped(tc.in); got != tc.want {
			t.Errorf("asciiEscaped(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	rows := []pcase{{id: "a", known: true}, {id: "a", known: true}, {id: "1", known: true}, {id: "1", known: true}, {id: "b", known: true}}
	uniquify(rows)
	var got []string
	for _, r := range rows {
		got = append(got, r.id)
	}
	if want := []string{"a0", "a1", "1_0", "1_1", "b"}; !slices.Equal(got, want) {
		t.Errorf("uniquify = %v, want %v", got, want)
	}
}

func TestLiteral(t *testing.T) {
	t.Parallel()
	v := parseExpr(`pytest.mark.parametrize("a, b", [(1, "x"), pytest.param(2, 'y', id="two", marks=[pytest.mark.skip]), rb'\d'], ids=None)`)
	if v.kind != vCall || v.s != "pytest.mark.parametrize" || len(v.items) != 2 || v.items[1].kind != vSeq || len(v.items[1].items) != 3 {
		t.Fatalf("parse: %+v", v)
	}
	if p := v.items[1].items[1]; p.kind != vCall || p.kw["id"].s != "two" || p.kw["marks"].kind != vSeq {
		t.Errorf("pytest.param: %+v", p)
	}
	if r := v.items[1].items[2]; r.kind != vStr || r.s != `\d` {
		t.Errorf("raw bytes: %+v", r)
	}
	// A comprehension is computed, not a list of one element; a generator
	// inside a literal list leaves the list's other items readable.
	if v := parseExpr(`[(x for x in "ab"), 1]`); v.kind != vSeq || len(v.items) != 2 || v.items[1].s != "1" {
		t.Errorf("generator inside a list: %+v", v)
	}
	// A lambda is a value whose id is <lambda>, its body skipped to the next
	// comma or closing bracket of its level.
	if v := parseExpr(`[lambda x: f(x, [1, 2]), abs, lambda: {}, lambda a, b=(1, 2): a]`); v.kind != vSeq || len(v.items) != 4 || v.items[0].kind != vLambda || v.items[2].kind != vLambda || v.items[3].kind != vLambda {
		t.Errorf("lambdas in a list: %+v", v)
	}
	// Escapes as Python decodes them; a bytes literal says it is one.
	if v := parseExpr(`["\N{FORM FEED}\a\f\v", "\00", "\101", b"\A"]`); v.kind != vSeq || v.items[0].s != "\x0c\a\x0c\v" || v.items[1].s != "\x00" || v.items[2].s != "A" || !v.items[3].bytes || v.items[3].s != `\A` {
		t.Errorf("escapes: %+v", v)
	}
	for _, src := range []string{`x + 1`, `f"{x}"`, `a[1]`, `not x`, `sys.platform == "win32"`, `(`, `[1, *rest]`,
		`[d.upper() for d in "abc"]`, `(x for x in y)`, `[x for x in y if x]`, `list(x for x in y)`, `{k: v for k, v in d}`} {
		if v := parseExpr(src); v.kind != vOther {
			t.Errorf("parseExpr(%q) = %+v, want other", src, v)
		}
	}
}

// FuzzPythonExtractor feeds arbitrary sources to the front end: it must
// never panic and must only report sane tests.
func FuzzPythonExtractor(f *testing.F) {
	frontendtest.Fuzz(f, Extractor{}, "python", "tests/test_fuzz.py", frontendtest.ReasonWhenUnknown)
}

// BenchmarkPythonExtract extracts every sample; cpu-ns/file is the CPU cost of
// one file (target: under 1 ms).
func BenchmarkPythonExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "python") }
