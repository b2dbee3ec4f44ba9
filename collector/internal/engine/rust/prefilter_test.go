package rust

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

// preFilterCases are sources and whether the pre-filter lets them through.
// Each is also checked against the parse: a source turned away has no test.
var preFilterCases = []struct {
	src  string
	want bool
}{
	{"#[test]\nfn a() {}\n", true},
	{"#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn adds() {}\n}\n", true},
	{"#[tokio::test]\nasync fn a() {}\n", true},
	{"#[tokio::test(flavor = \"multi_thread\")]\nasync fn a() {}\n", true},
	{"#[ async_std :: test ]\nasync fn a() {}\n", true},
	{"#[::test]\nfn a() {}\n", true},
	{"#[test_log::test(tokio::test)]\nasync fn a() {}\n", true},
	{"#[rstest]\n#[case(1)]\nfn a(#[case] x: u8) {}\n", true},
	{"#[test_case(1, 2 ; \"one\")]\nfn a(x: u8, y: u8) {}\n", true},
	{"#[test_case::test_case(1)]\nfn a(x: u8) {}\n", true},
	{"#[wasm_bindgen_test]\nfn a() {}\n", true},
	{"#[quickcheck]\nfn prop(x: u8) -> bool { x == x }\n", true},
	{"#[quickcheck_macros::quickcheck]\nfn prop(x: u8) -> bool { x == x }\n", true},
	{"quickcheck! {\n    fn prop(x: u8) -> bool { x == x }\n}\n", true},
	{"quickcheck::quickcheck /* why */ ! { fn prop(x: u8) -> bool { x == x } }\n", true},
	{"proptest! {\n    #[test]\n    fn p(x in 0..1u8) {}\n}\n", true},
	{"cfg_if::cfg_if! { if #[cfg(unix)] { #[test] fn a() {} } }\n", true},
	// macro-declared tests: the attribute is in the macro's body
	{"macro_rules! t {\n    ($n:ident) => { #[test] fn $n() {} };\n}\nt!(one);\n", true},
	{"macro_rules! t { ($n:ident) => { # /* a */ [ // b\n test ] fn $n() {} } }\nt!(one);\n", true},
	{"macro_rules! q { ($n:ident) => { quickcheck ! { fn $n(x: u8) -> bool { true } } } }\nq!(p);\n", true},
	// what attrPath reads as a test: spaces trimmed, the path stops at a
	// byte it does not take
	{"#\u00a0[test]\nfn a() {}\n", true},
	{"#[testé]\nfn a() {}\n", true},
	{"#[test foo]\nfn a() {}\n", true},
	{"#[test ::foo]\nfn a() {}\n", true},
	{"#[a:::test]\nfn a() {}\n", true},
	// tree-sitter's recovery may miss the `#` or the `[`
	{"mod m { [test] fn f() {} }\n", true},
	{"#test\nfn f() {}\n", true},
	// cfg_attr: no test to classify, let through all the same
	{"#[cfg_attr(not(target_arch = \"wasm32\"), test)]\n#[cfg_attr(target_arch = \"wasm32\", wasm_bindgen_test)]\nfn a() {}\n", true},
	// a comment the line does not prove, a string: false accepts
	{"/*\n#[test]\nfn old() {}\n*/\n", true},
	{"const S: &str = \"#[test]\";\n", true},
	{"// don't: #[test]\nfn a() {}\n", true},
	{"const S: &str = \"a\n// b\"; #[test] fn a() {}\n", true},
	{"/* a */ #[test] fn a() {}\n", true},
	{"let v = tests[test];\n", true},
	{"#[r#test]\nfn a() {}\n", true}, // the raw identifier's test
	{"#[test::test]\nfn a() {}\n", true},

	{"", false},
	{"pub fn add(a: i32, b: i32) -> i32 { a + b }\n", false},
	// generated code: #[derive] and identifiers holding test
	{`#[derive(Debug, Clone, PartialEq)]
pub struct MonsterT {
    pub test: AnyT,
    pub testarrayofstring: Option<Vec<String>>,
    pub test_type: u8,
}
impl<'a> Monster<'a> {
    pub const VT_TEST_TYPE: flatbuffers::VOffsetT = 18;
    #[inline]
    pub fn test(&self) -> Option<flatbuffers::Table<'a>> {
        self.test_as_monster()
    }
    #[inline]
    #[allow(non_snake_case)]
    pub fn test_as_monster(&self) -> Option<Monster<'a>> { None }
}
pub mod monster_test { use crate::monster_test::MyGame; }
#[cfg(test)]
const T: bool = cfg!(test);
`, false},
	{"#[cfg(test)]\nmod tests {\n    fn helper() {}\n}\n", false},
	{"#[cfg_attr(test, derive(PartialEq))]\npub struct S;\n", false},
	{"#[testing]\n#[my_test]\n#[test2]\n#[test::helper]\n#[test:]\nfn a() {}\n", false},
	// commented out, and documented
	{"// #[test]\nfn a() {}\n", false},
	{"/*#[test]\nfn a() {}*/\n", false},
	{"    /// #[tokio::test]\n    //! #[test]\nfn a() {}\n", false},
	{"/// [hypothesis test](https://example.com/test)\nfn a() {}\n", false},
	{"use quickcheck::{Arbitrary, Gen};\nfn q() { let quickcheck = 1; }\n", false},
	{"fn test() {}\nstruct S { test: u8 }\nimpl S { fn t(&self) -> u8 { self.test } }\n", false},
	{"let s = r#\"a\"#; test();\n", false},
	// A commented line is read back maxCommentLine bytes at most: past that
	// the attribute is taken for code.
	{"// " + strings.Repeat("x", maxCommentLine) + " #[test]\n", true},
	{"// " + strings.Repeat("x", maxCommentLine-20) + " #[test]\n", false},
}

func TestMayHoldTests(t *testing.T) {
	t.Parallel()
	for _, c := range preFilterCases {
		if got := mayHoldTests([]byte(c.src)); got != c.want {
			t.Errorf("mayHoldTests(%q) = %v, want %v", c.src, got, c.want)
		}
		preFilter.Check(t, "case.rs", []byte(c.src))
	}
	// Each word is a test to classify.
	for _, w := range testWords {
		if _, ok := classify([]string{"#[" + w + "]"}); !ok {
			t.Errorf("#[%s] is no test to classify", w)
		}
	}
}

// TestRemoteMacroKeepsFiles: a file that invokes a test macro of another
// file passes, written as the parse reads it (spaces and comments before
// the `!`), and so does one whose own macro forwards to it.
func TestRemoteMacroKeepsFiles(t *testing.T) {
	t.Parallel()
	tree := frontendtest.MapTree{
		"tests/macros.rs": "macro_rules! mat {\n    ($name:ident, $re:expr) => {\n        #[test]\n        fn $name() { let _ = $re; }\n    };\n}\n" +
			"macro_rules! str_test {\n    ($name:ident) => {\n        #[test]\n        fn $name() {}\n    };\n}\n",
	}
	for _, c := range []struct {
		src  string
		want int // tests of the file
	}{
		{"mat!(ascii, \"a\");\n", 1},
		{"mat /* why */ !(ascii, \"a\");\nmat\n!(digit, \"0\");\n", 2},
		// a macro of the file kept for its test word, that forwards
		{"macro_rules! fwd { ($n:ident) => { str_test !($n); } }\nfwd!(one);\n", 1},
		{"fn f() { format!(\"{}\", 1); }\n", 0},
		{"const MAT: u8 = 1; // mat\n", 0},
	} {
		source := &frontend.Source{Path: "tests/api.rs", Content: []byte(c.src), Project: project.New(), Tree: tree}
		f, ok, _ := extract(source, true)
		if got := len(f.Tests); got != c.want || ok != (c.want > 0) {
			t.Errorf("%q: ok=%v, %d tests, want %d", c.src, ok, got, c.want)
		}
		if parsed, _, _ := extractParsed(source, true); len(parsed.Tests) != c.want {
			t.Errorf("%q: the parse reports %d tests, want %d", c.src, len(parsed.Tests), c.want)
		}
	}
}

// preFilter is mayHoldTests and the tests of the parse without it. Without
// a Tree there are no macros of other files: mayHoldTests is then the whole
// pre-filter of extract.
var preFilter = frontendtest.PreFilter{Pass: mayHoldTests, Tests: func(path string, src []byte) int {
	f, _, _ := extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	return len(f.Tests)
}}

// TestPreFilterDropsNoTest: on the fixtures and, with
// RUST_PREFILTER_DIFF_DIRS=dir:dir, every .rs file under those folders (a
// by-hand check on real crates), a file the pre-filter turns away has no
// test in its parse.
//
// Each file is extracted as a scan of the folder gives it: its path in the
// folder and a Tree of the folder, from which the front end reads the test
// macros of other files (remoteMacros). The pre-filter is then extract's:
// mayHoldTests, or else an invocation of one of those macros. And a file
// mayHoldTests turns away must have no test of its own either: its parse
// without a Tree must report none.
func TestPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	fixtures := []string{"../testdata/rust", "../testdata/projects"}
	roots := fixtures
	if extra := os.Getenv("RUST_PREFILTER_DIFF_DIRS"); extra != "" {
		roots = append(roots[:len(roots):len(roots)], filepath.SplitList(extra)...)
	}
	// cur is the file CheckPreFilter is at: Tests is called with its path
	// and content before Pass is called with its content.
	var cur *frontend.Source
	trees := map[string]*dirTree{}
	bytesOnly := map[string]int{}
	pf := frontendtest.PreFilter{
		Tests: func(name string, src []byte) int {
			root, rel := splitRoot(roots, name)
			if trees[root] == nil {
				trees[root] = &dirTree{root: root, sums: map[[2]string]summary{}}
			}
			cur = &frontend.Source{Path: rel, Content: src, Project: project.New(), Tree: trees[root]}
			f, _, _ := extractParsed(cur, true)
			if !mayHoldTests(src) {
				if own, _, _ := extractParsed(&frontend.Source{Path: rel, Content: src, Project: project.New()}, true); len(own.Tests) > 0 {
					t.Errorf("%s: mayHoldTests turns away a file that declares %d tests by itself", name, len(own.Tests))
				}
				if len(f.Tests) > 0 {
					bytesOnly[root]++
				}
			}
			return len(f.Tests)
		},
		Pass: func(src []byte) bool {
			if cur == nil || len(src) != len(cur.Content) || len(src) > 0 && &src[0] != &cur.Content[0] {
				t.Fatal("CheckPreFilter did not call Tests on the file before Pass")
			}
			return mayHoldTests(src) || usesRemoteMacro(src, remoteMacros(cur))
		},
	}
	frontendtest.CheckPreFilter(t, "RUST_PREFILTER_DIFF_DIRS", fixtures,
		func(p string) bool { return strings.HasSuffix(strings.TrimSuffix(p, ".txt"), ".rs") },
		func(p string) string { return strings.TrimSuffix(p, ".txt") }, pf)
	for _, root := range roots {
		if n := bytesOnly[root]; n > 0 {
			t.Logf("%s: %d files with tests pass for a macro of another file only", root, n)
		}
	}
}

// splitRoot returns the folder of roots that p is in (the deepest one) and
// p relative to it, slash-separated.
func splitRoot(roots []string, p string) (root, rel string) {
	for _, r := range roots {
		c := filepath.Clean(r)
		if strings.HasPrefix(p, c+string(filepath.Separator)) && len(c) > len(root) {
			root = c
		}
	}
	if root == "" {
		return filepath.Dir(p), filepath.Base(p)
	}
	return root, filepath.ToSlash(p[len(root)+1:])
}

// dirTree is the frontend.Tree of a folder on disk, as a scan of it gives
// the front end (it does not leave out the folders a scan skips, as the
// walk of CheckPreFilter does not either). Summaries are kept, as a scan
// keeps them.
type dirTree struct {
	root string
	sums map[[2]string]summary // by path and key
}

type summary struct {
	v  any
	ok bool
}

// Summarize implements frontend.Tree.
func (d *dirTree) Summarize(relPath, key string, fn func([]byte) any) (any, bool) {
	k := [2]string{relPath, key}
	s, seen := d.sums[k]
	if !seen {
		s = d.summarize(relPath, fn)
		d.sums[k] = s
	}
	return s.v, s.ok
}

func (d *dirTree) summarize(relPath string, fn func([]byte) any) summary {
	if !fs.ValidPath(relPath) {
		return summary{}
	}
	p := filepath.Join(d.root, filepath.FromSlash(relPath))
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 2<<20 {
		return summary{}
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return summary{}
	}
	return summary{fn(src), true}
}

// Files implements frontend.Tree.
func (d *dirTree) Files(relDir string) ([]string, bool) {
	return d.list(relDir, func(e os.DirEntry) bool { return e.Type().IsRegular() })
}

// Folders implements frontend.Tree.
func (d *dirTree) Folders(relDir string) ([]string, bool) {
	return d.list(relDir, os.DirEntry.IsDir)
}

func (d *dirTree) list(relDir string, keep func(os.DirEntry) bool) ([]string, bool) {
	if !fs.ValidPath(relDir) {
		return nil, false
	}
	entries, err := os.ReadDir(filepath.Join(d.root, filepath.FromSlash(relDir)))
	if err != nil {
		return nil, false
	}
	names := []string{}
	for _, e := range entries {
		if keep(e) {
			names = append(names, e.Name())
		}
	}
	return names, true
}

// FuzzPreFilterDropsNoTest: on any source tree-sitter parses without an
// error, a source the pre-filter turns away has no test in its parse.
func FuzzPreFilterDropsNoTest(f *testing.F) {
	seeds := make([]string, 0, len(preFilterCases))
	for _, c := range preFilterCases {
		seeds = append(seeds, c.src)
	}
	frontendtest.FuzzClean(f, grammar, seeds, nil, func(t *testing.T, src []byte) { preFilter.Check(t, "fuzz_test.rs", src) })
}
