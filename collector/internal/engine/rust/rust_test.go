package rust

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"src/lib.rs", true},
		{"tests/integration.rs", true},
		{"crates/a/src/deep/mod.rs", true},
		{"build.rs", true},
		{"target/debug/build/out.rs", false},
		{"crates/a/target/x.rs", false},
		{"src/lib.rs.bak", false},
		{"src/lib.rsx", false},
		{"mytarget/a.rs", true},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestPrefilterSkipsPlainSource(t *testing.T) {
	t.Parallel()
	src := []byte("pub fn add(a: i32, b: i32) -> i32 { a + b }\n#[derive(Debug)]\npub struct S;\n")
	if _, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "src/lib.rs", Content: src, Project: project.New()}); ok || err != nil {
		t.Fatalf("ok=%v err=%v, want a file without tests dropped", ok, err)
	}
}

func TestTestCaseName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ rest, want string }{
		{`(-2, -4 ; "when both operands are negative")`, "when_both_operands_are_negative"},
		{`(4, 2)`, "_4_2"},
		{`(4, 2 => 8)`, "[3]"},
		{`("a")`, "[3]"},
		{`(1 ; "")`, "_empty"},
		{`(1 ; "Ünïcode OK!")`, "_ünïcode_ok_"}, // not ASCII: prefixed, as test_case does,
	} {
		if got := testCaseName(tc.rest, 3); got != tc.want {
			t.Errorf("testCaseName(%s) = %q, want %q", tc.rest, got, tc.want)
		}
	}
}

// FuzzRustExtractor feeds arbitrary sources to the front end: no panic, no
// error, and only sane tests.
func FuzzRustExtractor(f *testing.F) {
	f.Add("src/lib.rs", []byte("proptest! { #[test] fn"))
	f.Add("src/lib.rs", []byte("proptest! { #[test] fn a() { r##\"x\"# }"))
	f.Add("src/lib.rs", []byte("#[rstest]\n#[case::]\nfn x() {}"))
	f.Add("src/lib.rs", []byte("macro_rules! m { ($($n:ident($e:expr))*) => { $( #[test] fn $n() {} )* }; (@x $n:ident) => { m!($n(1)); } }\nm!{a(1) b(2)}\nm!(@x c);"))
	f.Add("tests/a.rs", []byte("macro_rules! t { ($m:ident, $($x:tt),+) => { mod $m { quickcheck! { fn q() -> bool { true } } } } }\nt!(m, 1, 2);\nquickcheck! { fn"))
	frontendtest.Fuzz(f, Extractor{}, "rust", "src/lib.rs", frontendtest.Frameworks(inventory.FrameworkCargoTest))
}

// BenchmarkRustExtract measures the samples (test files) and a plain source
// file that the pre-filter drops.
func BenchmarkRustExtract(b *testing.B) {
	b.Run("tests", func(b *testing.B) { frontendtest.Bench(b, Extractor{}, "rust") })
	proj := project.New()
	plain := []byte(strings.Repeat("/// Adds.\npub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n", 200) + "#[derive(Debug)]\npub struct S;\n")
	b.Run("plain", func(b *testing.B) {
		files := 0
		for b.Loop() {
			if _, ok, _ := (Extractor{}).Extract(&frontend.Source{Path: "src/lib.rs", Content: plain, Project: proj}); ok {
				b.Fatal("plain file reported")
			}
			files++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(files), "ns/file")
	})
}
