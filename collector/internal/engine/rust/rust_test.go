package rust

import (
	"slices"
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

// TestConditions checks each test's Condition: the #[cfg(…)] predicates
// around it, outermost first, and nothing that only looks like one.
func TestConditions(t *testing.T) {
	t.Parallel()
	src := `#![cfg(feature = "std")]
#![cfg(test)]

#[cfg(feature = "a")]
use std::fmt;

#[test]
fn after_cfg_use() {}

// #[cfg(feature = "b")]
#[test]
fn after_comment() {}

#[cfg_attr(miri, ignore)]
#[cfg(all(test, unix))]
#[test]
fn own() {}

#[cfg(any(
    windows, // a comment
    target_os = "macos",
))]
#[test]
fn lines() {}

#[cfg(test)]
mod tests {
    #[cfg(feature="x")]
    mod x {
        #![cfg(not(miri))]
        #[test]
        #[cfg(test)]
        fn deep() {}
        #[rstest]
        #[case(1)]
        fn cases(#[case] n: u8) {}
    }
    #[cfg(unix)]
    proptest! {
        #[test]
        fn prop(x in 0..1) {}
    }
    #[test]
    fn back_out() {}
}
`
	want := map[string]string{
		"after_cfg_use": "feature = \"std\"",
		"after_comment": "feature = \"std\"",
		"own":           "all(feature = \"std\", unix)",
		"lines":         "all(feature = \"std\", any(windows, target_os = \"macos\"))",
		"deep":          "all(feature = \"std\", feature = \"x\", not(miri))",
		"cases":         "all(feature = \"std\", feature = \"x\", not(miri))",
		"case_1":        "all(feature = \"std\", feature = \"x\", not(miri))",
		"prop":          "all(feature = \"std\", unix)",
		"back_out":      "feature = \"std\"",
	}
	f, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "tests/a.rs", Content: []byte(src), Project: project.New()})
	if !ok || err != nil {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
	if len(f.Tests) != len(want) {
		t.Errorf("%d tests, want %d: %+v", len(f.Tests), len(want), f.Tests)
	}
	for _, tc := range f.Tests {
		if w, ok := want[tc.Name]; !ok || tc.Condition != w {
			t.Errorf("%s: condition %q, want %q", tc.Name, tc.Condition, w)
		}
	}
}

// TestModFileConditions checks the conditions of the `mod` declarations
// that load a file, read from the module files above it.
func TestModFileConditions(t *testing.T) {
	t.Parallel()
	tree := frontendtest.MapTree{
		"src/lib.rs": `#![cfg_attr(docsrs, feature(doc_cfg))]
#[cfg(feature = "rayon")] // a comment
pub(crate) mod rayon;
#[cfg(test)]
mod tests;
#[cfg(feature = "x")]
#[path = "other.rs"]
mod moved;
#[cfg(unix)]
mod r#type;
#[cfg(windows)] mod inline { #![cfg(not(miri))] mod deep; }
const S: &str = "#[cfg(nope)] mod plain;";
fn f() { mod in_fn; }
mod plain;
// Loaded twice: as raw, and as raw::inner with the feature.
#[cfg(feature = "raw")]
pub mod raw {
    #[path = "mod.rs"]
    mod inner;
}
#[cfg(not(feature = "raw"))]
mod raw;
`,
		"src/rayon/mod.rs":    "#![cfg(not(miri))]\n#[cfg(target_pointer_width = \"64\")]\nmod map;\nmod set;\n",
		"src/rayon/map.rs":    "",
		"src/rayon/set.rs":    "",
		"src/tests.rs":        "",
		"src/moved.rs":        "",
		"src/other.rs":        "",
		"src/type.rs":         "",
		"src/plain.rs":        "#[cfg(unix)] mod unix;\n#[cfg(windows)] #[path = \"sys/win.rs\"] mod win;\nmod m { #[cfg(feature = \"m\")] #[path = \"p.rs\"] mod p; }\n",
		"src/plain/unix.rs":   "",
		"src/sys/win.rs":      "",
		"src/plain/m/p.rs":    "",
		"src/in_fn.rs":        "",
		"src/inline/deep.rs":  "",
		"src/raw/mod.rs":      "",
		"tests/common/mod.rs": "",
		"tests/it.rs":         "#[cfg(unix)] mod common;",
	}
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"src/rayon/map.rs", []string{`feature = "rayon"`, "not(miri)", `target_pointer_width = "64"`}},
		{"src/rayon/set.rs", []string{`feature = "rayon"`, "not(miri)"}},
		{"src/rayon/mod.rs", []string{`feature = "rayon"`}},
		{"src/tests.rs", nil},
		{"src/moved.rs", nil},
		{"src/other.rs", []string{`feature = "x"`}},
		{"src/type.rs", []string{"unix"}},
		{"src/plain.rs", nil},
		{"src/plain/unix.rs", []string{"unix"}},
		{"src/sys/win.rs", nil}, // #[path] of a file that is not a mod.rs, lib.rs, main.rs or x.rs of a folder above: not found
		{"src/plain/m/p.rs", []string{`feature = "m"`}},
		{"src/in_fn.rs", nil},
		{"src/inline/deep.rs", []string{"windows", "not(miri)"}},
		{"src/raw/mod.rs", nil},
		{"src/lib.rs", nil},
		{"tests/common/mod.rs", nil},
	} {
		if got := modFileConds(tree, tc.file); !slices.Equal(got, tc.want) {
			t.Errorf("modFileConds(%s) = %q, want %q", tc.file, got, tc.want)
		}
	}
	if got := modFileConds(nil, "src/rayon/map.rs"); got != nil {
		t.Errorf("without a tree: %q, want none", got)
	}
}

func TestCfgPredicate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ attr, want string }{
		{`#[cfg(unix)]`, "unix"},
		{`#[cfg(test)]`, ""},
		{`#![cfg( test )]`, ""},
		{`#[cfg(all(test))]`, ""},
		{`#[cfg(all(test, feature = "x"))]`, `feature = "x"`},
		{`#[cfg(all(feature = "x", test, unix,))]`, `all(feature = "x", unix)`},
		{`#[cfg(not(test))]`, "not(test)"},
		{`#[cfg(any(test, unix))]`, "any(test, unix)"},
		{`#[cfg(testing)]`, "testing"},
		{`#[cfg(feature="serde")]`, `feature = "serde"`},
		{`#[cfg(all(feature = "a" /* why */, not(target_os="windows")))]`, `all(feature = "a", not(target_os = "windows"))`},
		{`#[cfg(feature = "a b")]`, `feature = "a b"`},
		{`#[cfg(feature = $f)]`, ""},
		{`#[cfg()]`, ""},
		{`#[cfg_attr(unix, ignore)]`, ""},
		{`#[cfg_attr(feature = "x", cfg(unix))]`, ""},
		{`#[config(unix)]`, ""},
	} {
		if got := cfgPredicate(tc.attr); got != tc.want {
			t.Errorf("cfgPredicate(%s) = %q, want %q", tc.attr, got, tc.want)
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

// FuzzRustModDeclarations feeds arbitrary module files to the reader of
// `mod` declarations (a scan's Tree, which FuzzRustExtractor has not): no
// panic, no hang.
func FuzzRustModDeclarations(f *testing.F) {
	f.Add([]byte("#![cfg(unix)]\n#[cfg(feature = \"a\")] pub(crate) mod a;\nmod b { #![cfg(x)] #[path = \"c.rs\"] mod c; }\n"))
	f.Add([]byte("#[cfg(x)] mod"))
	f.Add([]byte("mod r#type; #[path = \"../x.rs\"] mod y; #[ mod z { ) ] } mod w;"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, base := range []string{"lib.rs", "x.rs"} {
			d := modDeclarations(src, base)
			for file := range d.decls {
				if file == "" || strings.HasPrefix(file, "/") || strings.HasPrefix(file, "../") {
					t.Fatalf("declared file %q", file)
				}
			}
		}
	})
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
