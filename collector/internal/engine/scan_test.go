package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/contracts/inventory"
)

const oneTest = "package p\n\nimport \"testing\"\n\nfunc TestOne(t *testing.T) {}\n"

// writeTree creates files (path → content) under a new temporary root.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// collect runs Scan and returns what it emitted.
func collect(t *testing.T, root string, cfg Config) ([]inventory.File, Stats) {
	t.Helper()
	var files []inventory.File
	st, err := Scan(context.Background(), root, cfg, func(f *inventory.File) error {
		files = append(files, *f)
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return files, st
}

func paths(files []inventory.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	return out
}

func TestScan(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"pkg/x_test.go":             oneTest,
		"pkg.x_test.go":             oneTest, // sorts before pkg/… though WalkDir visits it after
		"pkg/helpers_test.go":       "package p\n\nfunc helper() {}\n",
		"pkg/broken_test.go":        "package p\n\nfunc TestBroken(t *testing.T) {\n",
		"pkg/big_test.go":           oneTest + strings.Repeat("// padding\n", 20),
		"pkg/code.go":               "package p\n",
		"README.md":                 "# readme\n",
		"node_modules/m/m_test.go":  oneTest,
		"vendor/v/v_test.go":        oneTest,
		".git/g_test.go":            oneTest,
		"build/b_test.go":           oneTest,
		"testdata/t_test.go":        oneTest,
		"pkg/testdata/deep_test.go": oneTest,
		"_hidden/h_test.go":         oneTest,
		".hidden/d_test.go":         oneTest,
		"pkg/_under_test.go":        oneTest,
		// quilt's pre-patch copy (Debian source trees)
		".pc/01-fix.patch/tests/FooTest.php": "<?php\nclass FooTest extends PHPUnit\\Framework\\TestCase {\n    public function testA(): void {}\n}\n",
	})
	if err := os.Symlink(filepath.Join(root, "pkg", "x_test.go"), filepath.Join(root, "link_test.go")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "pkg"), filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}

	files, st := collect(t, root, Config{Workers: 3, MaxFileBytes: int64(len(oneTest) + 10)})

	wantPaths := []string{"pkg.x_test.go", "pkg/big_test.go", "pkg/broken_test.go", "pkg/x_test.go"}
	if got := paths(files); !reflect.DeepEqual(got, wantPaths) {
		t.Fatalf("emitted %q, want %q", got, wantPaths)
	}
	big, broken, x := files[1], files[2], files[3]
	wantBig := fmt.Sprintf("file is %d bytes, over the %d-byte limit", len(oneTest)+20*len("// padding\n"), len(oneTest)+10)
	if big.SkipReason != wantBig || len(big.Tests) != 0 || big.Framework != inventory.FrameworkGoTesting {
		t.Errorf("big file: %+v, want skip reason %q", big, wantBig)
	}
	if !strings.HasPrefix(broken.SkipReason, "parse error: line 3") || len(broken.Tests) != 0 {
		t.Errorf("broken file: %+v", broken)
	}
	if x.SkipReason != "" || len(x.Tests) != 1 || x.Tests[0].Name != "TestOne" || x.Tests[0].Line != 5 {
		t.Errorf("x_test.go: %+v", x)
	}
	// Walked: the regular files outside the folders every language skips;
	// testdata, _hidden and .hidden are refused by the Go front end, not by
	// the walk. The big file is not read at all.
	wantStats := Stats{
		FilesWalked:   12,
		Candidates:    5, // pkg.x, x, helpers, broken, big
		FilesReported: 4,
		Tests:         2,
		Bytes:         int64(2*len(oneTest) + len("package p\n\nfunc helper() {}\n") + len("package p\n\nfunc TestBroken(t *testing.T) {\n")),
	}
	if st != wantStats {
		t.Errorf("stats = %+v, want %+v", st, wantStats)
	}
}

func TestScanDeterministic(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("d%d/f%02d_test.go", i%7, i)] = fmt.Sprintf("package p\n\nimport \"testing\"\n\nfunc Test%d(t *testing.T) {}\n", i)
	}
	root := writeTree(t, files)
	one, _ := collect(t, root, Config{Workers: 1})
	many, _ := collect(t, root, Config{Workers: 16})
	if len(one) != 60 || !reflect.DeepEqual(one, many) {
		t.Fatalf("1 worker gave %d files, 16 workers %d, or a different order", len(one), len(many))
	}
	for i := 1; i < len(one); i++ {
		if one[i-1].Path >= one[i].Path {
			t.Fatalf("not sorted: %s before %s", one[i-1].Path, one[i].Path)
		}
	}
}

func TestScanCancel(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("f%03d_test.go", i)] = oneTest
	}
	root := writeTree(t, files)

	t.Run("during emit", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		emitted := 0
		start := time.Now()
		st, err := Scan(ctx, root, Config{Workers: 2}, func(*inventory.File) error {
			emitted++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if emitted != 1 || st.FilesReported != 1 {
			t.Errorf("emitted %d (stats %d) after cancelling in the first emit, want 1", emitted, st.FilesReported)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v to stop", d)
		}
	})
	t.Run("before start", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Scan(ctx, root, Config{}, func(*inventory.File) error {
			t.Error("emit called with a cancelled context")
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("emit error", func(t *testing.T) {
		t.Parallel()
		stop := errors.New("stop")
		emitted := 0
		_, err := Scan(context.Background(), root, Config{Workers: 4}, func(*inventory.File) error {
			emitted++
			if emitted == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || emitted != 3 {
			t.Fatalf("err = %v after %d emits, want %v after 3", err, emitted, stop)
		}
	})
}

func TestScanMissingRoot(t *testing.T) {
	t.Parallel()
	_, err := Scan(context.Background(), filepath.Join(t.TempDir(), "missing"), Config{}, func(*inventory.File) error { return nil })
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
}

// failingFS fails to open one file and to list one folder.
type failingFS struct {
	fstest.MapFS
	fail, failDir string
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.failDir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.fail {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

// fakeExtractor misbehaves on demand.
type fakeExtractor struct{}

func (fakeExtractor) Language() inventory.Language { return "fake" }
func (fakeExtractor) Candidate(p string) bool      { return strings.HasSuffix(p, ".fake") }
func (fakeExtractor) Extract(s *frontend.Source) (inventory.File, bool, error) {
	switch string(s.Content) {
	case "panic":
		var m map[string]int
		m["boom"]++ // a real runtime panic, not a deliberate one
	case "error":
		return inventory.File{}, false, errors.New("front end broke")
	}
	return inventory.File{Path: "ignored", Framework: "fake", Language: "fake", Tests: nil}, true, nil
}

func TestScanFailuresAreReported(t *testing.T) {
	t.Parallel()
	fsys := failingFS{fail: "b/unreadable_test.go", failDir: "c", MapFS: fstest.MapFS{
		"c/hidden_test.go":       {Data: []byte(oneTest)},
		"a/ok.fake":              {Data: []byte("fine")},
		"a/panic.fake":           {Data: []byte("panic")},
		"a/error.fake":           {Data: []byte("error")},
		"b/unreadable_test.go":   {Data: []byte(oneTest)},
		"b/x_test.go":            {Data: []byte(oneTest)},
		"node_modules/skip.fake": {Data: []byte("panic")},
	}}
	var got []inventory.File
	st, err := scanFS(context.Background(), fsys, append(Extractors(), fakeExtractor{}), Config{Workers: 2}, func(f *inventory.File) error {
		got = append(got, *f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a/error.fake":         "extract error: front end broke",
		"a/ok.fake":            "",
		"a/panic.fake":         "internal error: assignment to entry in nil map",
		"b/unreadable_test.go": "read error: open b/unreadable_test.go: permission denied",
		"b/x_test.go":          "",
	}
	if len(got) != len(want) || st.FilesReported != len(want) || st.UnreadableDirs != 1 {
		t.Fatalf("emitted %q (stats %+v), want %d files and 1 unreadable folder", paths(got), st, len(want))
	}
	for _, f := range got {
		if f.SkipReason != want[f.Path] {
			t.Errorf("%s: skip reason %q, want %q", f.Path, f.SkipReason, want[f.Path])
		}
		if f.Tests == nil {
			t.Errorf("%s: Tests is nil, want an empty list", f.Path)
		}
	}
	if fw := got[0].Framework; fw != inventory.FrameworkUnknown { // a/error.fake
		t.Errorf("a front end without a default framework: got %q, want unknown", fw)
	}
	if fw := got[3].Framework; fw != inventory.FrameworkGoTesting { // b/unreadable_test.go
		t.Errorf("an unreadable Go file: got framework %q, want go-testing", fw)
	}
}

func TestInventory(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"a_test.go": oneTest,
		"b_test.go": "package p\n\nimport \"testing\"\n\nfunc TestT(t *testing.T) {\n\tt.Skip()\n\tt.Run(\"sub\", nil)\n}\n",
		"c_test.go": "package p\n\nfunc TestBroken(",
	})
	doc, err := Inventory(context.Background(), root, Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := inventory.Summary{Files: 3, Tests: 3, Cases: 1, SkippedFiles: 1, Frameworks: []inventory.FrameworkSummary{
		{Framework: inventory.FrameworkGoTesting, Files: 3, Tests: 3, Cases: 1, Skipped: 2},
	}}
	if !reflect.DeepEqual(doc.Summary, want) {
		t.Errorf("summary = %+v, want %+v", doc.Summary, want)
	}
	if got := paths(doc.Files); !reflect.DeepEqual(got, []string{"a_test.go", "b_test.go", "c_test.go"}) {
		t.Errorf("files = %q", got)
	}
}

func TestConfigWithDefaults(t *testing.T) {
	t.Parallel()
	c := Config{Workers: -1}.WithDefaults()
	if c.Workers < 1 || c.MaxFileBytes != 2<<20 {
		t.Errorf("defaults = %+v", c)
	}
	c = Config{Workers: 3, MaxFileBytes: 10}.WithDefaults()
	if c.Workers != 3 || c.MaxFileBytes != 10 {
		t.Errorf("explicit values changed: %+v", c)
	}
}

// TestScanWalksGoPackagesNamedLikeOutputFolders: go/build and cmd/dist are Go
// packages, and a build/ folder inside a test folder holds tests of the build
// (fastify's test/build/version.test.js); a build/ folder elsewhere outside
// any Go module is build output.
func TestScanWalksGoPackagesNamedLikeOutputFolders(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"gomod/go.mod":                   "module example.com/m\n",
		"gomod/go/build/build_test.go":   oneTest,
		"gomod/cmd/dist/dist_test.go":    oneTest,
		"gomod/node_modules/x/x_test.go": oneTest,
		"other/build/gen_test.go":        oneTest,
		"other/target/gen_test.go":       oneTest,
		"js/test/build/version.test.js":  "test('version', () => {})\n",
		"js/build/test/out.test.js":      "test('compiled', () => {})\n",
		"js/test/dist/bundle.test.js":    "test('bundled', () => {})\n",
	})
	var got []string
	if _, err := Scan(context.Background(), root, Config{}, func(f *inventory.File) error {
		got = append(got, f.Path)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"gomod/cmd/dist/dist_test.go", "gomod/go/build/build_test.go", "js/test/build/version.test.js"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("reported %v, want %v", got, want)
	}
}

// TestScanTimeLimitReportsTheRest: past the limit nothing more is parsed,
// but every remaining candidate is still reported, with the reason.
func TestScanTimeLimitReportsTheRest(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("p/f%02d_test.go", i)] = oneTest
	}
	root := writeTree(t, files)
	var reported, skipped int
	if _, err := Scan(context.Background(), root, Config{Workers: 1, TimeLimit: time.Nanosecond}, func(f *inventory.File) error {
		reported++
		if strings.Contains(f.SkipReason, "time limit") {
			skipped++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if reported != 50 || skipped < 49 {
		t.Fatalf("reported %d files, %d skipped for the time limit; want all 50 reported and (nearly) all skipped", reported, skipped)
	}
}

// TestScanProgress: progress starts at 0 of every candidate right after the
// walk, counts candidates that are not reported too, and ends at total.
func TestScanProgress(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"a/x_test.go":       oneTest,
		"b/helpers_test.go": "package p\n\nfunc helper() {}\n", // a candidate, not reported
		"c/y_test.go":       oneTest,
	})
	type call struct{ done, total, emitted int }
	var calls []call
	emitted := 0
	cfg := Config{Workers: 2, Progress: func(done, total int) error {
		calls = append(calls, call{done, total, emitted})
		return nil
	}}
	if _, err := Scan(context.Background(), root, cfg, func(*inventory.File) error { emitted++; return nil }); err != nil {
		t.Fatal(err)
	}
	want := []call{{0, 3, 0}, {1, 3, 1}, {2, 3, 1}, {3, 3, 2}}
	if !reflect.DeepEqual(calls, want) {
		t.Fatalf("progress calls %+v, want %+v", calls, want)
	}

	stop := errors.New("stop")
	cfg.Progress = func(done, _ int) error {
		if done == 1 {
			return stop
		}
		return nil
	}
	if _, err := Scan(context.Background(), root, cfg, func(*inventory.File) error { return nil }); !errors.Is(err, stop) {
		t.Fatalf("a progress error must stop the scan, got %v", err)
	}
}

// TestReadAll: the sized read returns what the reader holds whether the
// file kept its size, grew or shrank since its Stat.
func TestReadAll(t *testing.T) {
	text := strings.Repeat("it('reads', () => {})\n", 100)
	for _, size := range []int64{0, 10, int64(len(text)) - 1, int64(len(text)), int64(len(text)) + 100} {
		got, err := readAll(iotest.OneByteReader(strings.NewReader(text)), size)
		if err != nil || string(got) != text {
			t.Errorf("size %d: got %d bytes, %v; want %d bytes", size, len(got), err, len(text))
		}
		got, err = readAll(strings.NewReader(text), size)
		if err != nil || string(got) != text {
			t.Errorf("size %d, whole reads: got %d bytes, %v; want %d bytes", size, len(got), err, len(text))
		}
	}
	if _, err := readAll(iotest.ErrReader(errors.New("disk gone")), 10); err == nil {
		t.Error("a read error was lost")
	}
}
