// Package frontendtest is the test plumbing every language front end shares:
// its samples under engine/testdata/<dir>/, the invariants every reported
// file keeps, a fuzz target seeded with the samples and a benchmark. Only the
// front ends' _test.go files import it.
//
// The samples' golden files are checked by the engine's TestGolden (through
// the registry, as Scan sees them); regenerate them with
// cd collector && go test ./internal/engine -run TestGolden -update.
package frontendtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// Sample is one file of engine/testdata/<dir>/.
type Sample struct {
	// Name is what the front end is offered: NAME.txt is offered as NAME, so
	// that samples gofmt must not touch (syntax errors) can exist.
	Name string
	// Path is the file on disk.
	Path    string
	Content []byte
}

// Samples returns the samples of engine/testdata/<dir>/ (dir is the folder
// name, e.g. "dart"), golden files left out. It fails tb when there are none.
func Samples(tb testing.TB, dir string) []Sample {
	tb.Helper()
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("frontendtest: cannot locate its own source file")
	}
	root := filepath.Join(filepath.Dir(self), "..", "testdata", dir)
	paths, err := filepath.Glob(filepath.Join(root, "*"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []Sample
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Sample{Name: strings.TrimSuffix(filepath.Base(p), ".txt"), Path: p, Content: src})
	}
	if len(out) == 0 {
		tb.Fatalf("no samples under %s", root)
	}
	return out
}

// Check is a front end's own invariant, on top of those of CheckSane.
type Check func(tb testing.TB, f *inventory.File)

// CheckSane asserts the invariants every reported file of every front end
// keeps, then the front end's own checks.
func CheckSane(tb testing.TB, f *inventory.File, checks ...Check) {
	tb.Helper()
	if f.Path == "" || f.Framework == "" || f.Language == "" || f.Tests == nil {
		tb.Fatalf("bad file header: %+v", f)
	}
	for _, check := range checks {
		check(tb, f)
	}
	if f.SkipReason != "" {
		if len(f.Tests) != 0 || len(f.Suites) != 0 {
			tb.Fatalf("skipped file (%s) has tests or suites", f.SkipReason)
		}
		return
	}
	if len(f.Tests) == 0 {
		tb.Fatal("reported file has no tests and no skip reason")
	}
	prev := 0
	for _, tc := range f.Tests {
		if tc.Name == "" || tc.Line < 1 || tc.Line < prev || tc.SuitePath == nil || slices.Contains(tc.SuitePath, "") {
			tb.Fatalf("bad or unsorted test %+v", tc)
		}
		if !slices.Contains(inventory.TestStatuses, tc.Status) || (tc.Kind != inventory.KindTest && tc.Kind != inventory.KindCase) {
			tb.Fatalf("bad status or kind %+v", tc)
		}
		if tc.Kind == inventory.KindCase && len(tc.SuitePath) == 0 {
			tb.Fatalf("case without its parent in the suite path: %+v", tc)
		}
		prev = tc.Line
	}
	for _, s := range f.Suites {
		if len(s.Path) == 0 || s.Line < 1 || slices.Contains(s.Path, "") {
			tb.Fatalf("bad suite %+v", s)
		}
	}
}

// Frameworks is a Check: the file's framework is one of allowed.
func Frameworks(allowed ...inventory.Framework) Check {
	return func(tb testing.TB, f *inventory.File) {
		tb.Helper()
		if !slices.Contains(allowed, f.Framework) {
			tb.Fatalf("framework %q is none of %q", f.Framework, allowed)
		}
	}
}

// ReasonWhenUnknown is a Check: a file has a framework reason exactly when
// its framework is unknown.
func ReasonWhenUnknown(tb testing.TB, f *inventory.File) {
	tb.Helper()
	if (f.Framework == inventory.FrameworkUnknown) != (f.FrameworkReason != "") {
		tb.Fatalf("framework %q with reason %q", f.Framework, f.FrameworkReason)
	}
}

// TestsOnly is a Check for front ends without parametrised cases: every test
// is of kind test.
func TestsOnly(tb testing.TB, f *inventory.File) {
	tb.Helper()
	for _, tc := range f.Tests {
		if tc.Kind != inventory.KindTest {
			tb.Fatalf("not a test: %+v", tc)
		}
	}
}

// fuzzTimeout bounds one Extract of a fuzz input: a front end must not hang.
// It is generous because fuzz workers share two cores with each other and
// with CI; a real hang never ends, so a high bound still catches it.
const fuzzTimeout = 10 * time.Second

// Fuzz runs f on ex: no panic, no error, no hang, and only sane files in
// ex's language. The seeds are the samples of engine/testdata/<dir>/ (their
// names must be candidates of ex) plus whatever f.Add(name, content) the
// caller added first. Each input is extracted under its name when ex
// accepts it as a candidate, else under fallback (a candidate path).
func Fuzz(f *testing.F, ex frontend.Extractor, dir, fallback string, checks ...Check) {
	f.Helper()
	if !ex.Candidate(fallback) {
		f.Fatalf("fallback %q is not a candidate of the front end", fallback)
	}
	for _, s := range Samples(f, dir) {
		if !ex.Candidate(s.Name) {
			f.Fatalf("sample %s is not a candidate of the front end", s.Path)
		}
		f.Add(s.Name, s.Content)
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		if !ex.Candidate(name) {
			name = fallback
		}
		start := time.Now()
		file, ok, err := ex.Extract(&frontend.Source{Path: name, Content: src, Project: project.New()})
		if err != nil {
			t.Fatalf("Extract returned an error: %v", err)
		}
		if d := time.Since(start); d > fuzzTimeout {
			t.Fatalf("Extract took %v on %d bytes", d, len(src))
		}
		if !ok {
			return
		}
		if want := languageOf(ex, name); file.Language != want {
			t.Fatalf("language %q, want %q", file.Language, want)
		}
		CheckSane(t, &file, checks...)
	})
}

func languageOf(ex frontend.Extractor, name string) inventory.Language {
	if pl, ok := ex.(frontend.PathLanguager); ok {
		return pl.LanguageOf(name)
	}
	return ex.Language()
}

// Bench extracts every sample of engine/testdata/<dir>/ under its name and
// reports ns/file (wall) and, where the platform measures it, cpu-ns/file:
// the process's CPU time per file, GC included, the figure that counts on a
// shared machine (target: under 1 ms).
func Bench(b *testing.B, ex frontend.Extractor, dir string) {
	ss := Samples(b, dir)
	proj := project.New()
	srcs := make([]*frontend.Source, len(ss))
	size := 0
	for i, s := range ss {
		srcs[i] = &frontend.Source{Path: s.Name, Content: s.Content, Project: proj}
		size += len(s.Content)
	}
	b.SetBytes(int64(size))
	files := 0
	cpu0 := cpuTime()
	for b.Loop() {
		for _, src := range srcs {
			if _, _, err := ex.Extract(src); err != nil {
				b.Fatal(err)
			}
			files++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(files), "ns/file")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(files), "cpu-ns/file")
	}
}

// MapTree is a frontend.Tree over files in memory, keyed by path. It lists
// no folders.
type MapTree map[string]string

// Summarize applies fn to the file's content; ok is false for a path not in
// the map.
func (t MapTree) Summarize(relPath, _ string, fn func([]byte) any) (any, bool) {
	src, ok := t[relPath]
	if !ok {
		return nil, false
	}
	return fn([]byte(src)), true
}

// Files lists nothing: ok is always false.
func (t MapTree) Files(string) ([]string, bool) { return nil, false }

// Folders lists nothing: ok is always false.
func (t MapTree) Folders(string) ([]string, bool) { return nil, false }

// SameAsWhole extracts src with a front end's fast path (fast=true) and
// with its whole parse, fails the test when the inventories differ, and
// reports whether the file has tests and whether the fast path was taken.
func SameAsWhole(t *testing.T, path string, src []byte, extract Extract) (hasTests, took bool) {
	t.Helper()
	fast, okFast, took := extract(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	whole, okWhole, _ := extract(&frontend.Source{Path: path, Content: src, Project: project.New()}, false)
	if okFast != okWhole || !reflect.DeepEqual(fast, whole) {
		t.Errorf("%s: the fast path changes the inventory (taken %v):\nfast:  %v %+v\nwhole: %v %+v", path, took, okFast, fast, okWhole, whole)
	}
	return okWhole, took
}

// BodyTrap is a source whose bodies hold what a careless lexer would take
// for the end of a body, or what the rules read; Fast says whether the fast
// path must take it.
type BodyTrap struct {
	Name, Src string
	Fast      bool
}

// Extract is a front end's extraction with its fast path on or off.
type Extract func(src *frontend.Source, fast bool) (f inventory.File, ok, took bool)

// CheckFastPath is the differential test of a fast path that leaves bodies
// out of the parse: on each trap (named Name+suffix) and on every file with
// extension ext under the fixture folders and the folders the environment
// variable env lists, the inventory is the same with and without it, and
// each trap takes it as its Fast says.
func CheckFastPath(t *testing.T, traps []BodyTrap, suffix, env string, fixtures []string, ext string, extract Extract) {
	t.Helper()
	for _, tc := range traps {
		if _, took := SameAsWhole(t, tc.Name+suffix, []byte(tc.Src), extract); took != tc.Fast {
			t.Errorf("%s: fast path taken = %v, want %v", tc.Name, took, tc.Fast)
		}
	}
	FastPathDirs(t, env, fixtures, func(p string) bool { return strings.HasSuffix(p, ext) },
		func(p string, src []byte) (bool, bool) { return SameAsWhole(t, filepath.Base(p), src, extract) })
}

// FuzzFastPath is the fuzz target of such a fast path: seeded with the
// traps, on every source g parses cleanly (see FuzzClean), the inventory
// is the same with and without it.
func FuzzFastPath(f *testing.F, g *ts.Grammar, traps []BodyTrap, keep func(root *sitter.Node, src string) bool, path string, extract Extract) {
	seeds := make([]string, len(traps))
	for i, c := range traps {
		seeds[i] = c.Src
	}
	FuzzClean(f, g, seeds, keep, func(t *testing.T, src []byte) { SameAsWhole(t, path, src, extract) })
}

// FuzzClean fuzzes from seeds and runs check on every source (up to 4 KiB)
// that g parses without a syntax error and that keep, when not nil, also
// accepts: the fuzz target of a fast path that must change nothing on
// sources the grammar reads cleanly.
func FuzzClean(f *testing.F, g *ts.Grammar, seeds []string, keep func(root *sitter.Node, src string) bool, check func(t *testing.T, src []byte)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		tree, err := g.Parse([]byte(src))
		if err != nil {
			return
		}
		clean := !tree.RootNode().HasError() && (keep == nil || keep(tree.RootNode(), src))
		tree.Close()
		if clean {
			check(t, []byte(src))
		}
	})
}

// FastPathDirs runs FastPathCount on each fixture folder and on each folder
// the environment variable env lists (dir:dir, a by-hand check on real
// code), and returns the counts of the first fixture folder.
func FastPathDirs(t *testing.T, env string, fixtures []string, keep func(path string) bool, check func(path string, src []byte) (hasTests, fast bool)) (withTests, fast int) {
	t.Helper()
	dirs := fixtures
	if extra := os.Getenv(env); extra != "" {
		dirs = append(dirs[:len(dirs):len(dirs)], filepath.SplitList(extra)...)
	}
	for i, dir := range dirs {
		_, w, f := FastPathCount(t, dir, keep, check)
		if i == 0 {
			withTests, fast = w, f
		}
	}
	return withTests, fast
}

// FastPathCount walks dir and calls check on every file keep accepts (up to
// 1 MiB), for the tests that compare a front end's fast path with its whole
// parse; check reports whether the file has tests and whether it took the
// fast path. It logs and returns the counts.
func FastPathCount(t *testing.T, dir string, keep func(path string) bool, check func(path string, src []byte) (hasTests, fast bool)) (files, withTests, fast int) {
	t.Helper()
	files = walkSources(t, dir, keep, func(p string, src []byte) {
		hasTests, took := check(p, src)
		if hasTests {
			withTests++
			if took {
				fast++
			}
		}
	})
	t.Logf("%s: %d files, %d with tests, %d of them on the fast path", dir, files, withTests, fast)
	return files, withTests, fast
}

// walkSources calls fn on every file under dir that keep accepts (up to
// 1 MiB) and returns how many.
func walkSources(t *testing.T, dir string, keep func(path string) bool, fn func(path string, src []byte)) (files int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !keep(p) {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil || len(src) > 1<<20 {
			return err
		}
		files++
		fn(p, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// PreFilter is a front end's pre-filter (Pass: false when the source cannot
// declare a test, so that it is not parsed) and the number of tests its
// extraction without the pre-filter reports for a file.
type PreFilter struct {
	Pass  func(src []byte) bool
	Tests func(path string, src []byte) int
}

// Expect checks the pre-filter's answer on each source (whether it must
// let it through).
func (pf PreFilter) Expect(t *testing.T, cases map[string]bool) {
	t.Helper()
	for src, want := range cases {
		if got := pf.Pass([]byte(src)); got != want {
			t.Errorf("pre-filter(%q) = %v, want %v", src, got, want)
		}
	}
}

// Check fails t when the pre-filter turns away src although its parse
// reports tests (the check of a fuzz target).
func (pf PreFilter) Check(t *testing.T, path string, src []byte) {
	t.Helper()
	if pf.Pass(src) {
		return
	}
	if n := pf.Tests(path, src); n > 0 {
		t.Fatalf("%s: the pre-filter turns away a source whose parse reports %d tests", path, n)
	}
}

// FuzzPreFilter is the fuzz target of a pre-filter: seeded with seeds and
// the traps' sources, on every source g parses without a syntax error, a
// source the pre-filter turns away (offered as path) has no test in its
// parse.
func FuzzPreFilter(f *testing.F, g *ts.Grammar, seeds []string, traps []BodyTrap, path string, pf PreFilter) {
	for _, c := range traps {
		seeds = append(seeds, c.Src)
	}
	FuzzClean(f, g, seeds, nil, func(t *testing.T, src []byte) { pf.Check(t, path, src) })
}

// CheckPreFilter is the differential test of a pre-filter: on every file
// keep accepts under the fixture folders and the folders the environment
// variable env lists (dir:dir, a by-hand check on real code), a file the
// pre-filter turns away has no test in its parse. name gives the path the
// front end is offered (fixtures named NAME.txt are offered as NAME).
func CheckPreFilter(t *testing.T, env string, fixtures []string, keep func(path string) bool, name func(path string) string, pf PreFilter) {
	t.Helper()
	dirs := fixtures
	if extra := os.Getenv(env); extra != "" {
		dirs = append(dirs[:len(dirs):len(dirs)], filepath.SplitList(extra)...)
	}
	for _, dir := range dirs {
		withTests, turnedAway := 0, 0
		files := walkSources(t, dir, keep, func(p string, src []byte) {
			n := pf.Tests(name(p), src)
			if n > 0 {
				withTests++
			}
			if !pf.Pass(src) {
				turnedAway++
				if n > 0 {
					t.Errorf("%s: the pre-filter turns away a file whose parse reports %d tests", p, n)
				}
			}
		})
		t.Logf("%s: %d files, %d with tests, %d turned away by the pre-filter", dir, files, withTests, turnedAway)
	}
}
