package engine

import (
	"context"
	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/golang"
	"github.com/testlens/testlens/contracts/inventory"
)

// FuzzGoExtractor feeds arbitrary sources to the Go front end: it must never
// panic and must only report sane tests. Seeds are the golden samples, so a
// plain `go test` runs them in milliseconds.
func FuzzGoExtractor(f *testing.F) {
	for _, s := range samples(f) {
		f.Add(s.content)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, ok, err := golang.Extractor{}.Extract(&frontend.Source{Path: "fuzz_test.go", Content: src, Project: project.New()})
		if err != nil {
			t.Fatalf("Extract returned an error: %v", err)
		}
		if !ok {
			return
		}
		checkSane(t, &file)
	})
}

// checkSane asserts the invariants every reported file keeps.
func checkSane(t *testing.T, f *inventory.File) {
	t.Helper()
	if f.Path == "" || f.Framework != inventory.FrameworkGoTesting || f.Language != inventory.LanguageGo || f.Tests == nil {
		t.Fatalf("bad file header: %+v", f)
	}
	if f.SkipReason != "" {
		if len(f.Tests) != 0 || len(f.Suites) != 0 {
			t.Fatalf("skipped file (%s) has tests or suites", f.SkipReason)
		}
		return
	}
	if len(f.Tests) == 0 {
		t.Fatal("reported file has no tests and no skip reason")
	}
	prev := 0
	for _, tc := range f.Tests {
		if tc.Name == "" || tc.Line < 1 || tc.Line < prev || tc.SuitePath == nil {
			t.Fatalf("bad or unsorted test %+v", tc)
		}
		if !slices.Contains(inventory.TestStatuses, tc.Status) {
			t.Fatalf("bad status %+v", tc)
		}
		if (tc.Kind == inventory.KindTest) != (len(tc.SuitePath) == 0) || (tc.Kind != inventory.KindTest && tc.Kind != inventory.KindCase) {
			t.Fatalf("kind does not match suite path: %+v", tc)
		}
		prev = tc.Line
	}
	for _, s := range f.Suites {
		if len(s.Path) == 0 || s.Line < 1 || slices.Contains(s.Path, "") {
			t.Fatalf("bad suite %+v", s)
		}
	}
}

// BenchmarkScan scans the golden samples; BenchmarkScanGOROOT scans the Go
// standard library when its sources are installed, a realistic large tree.
func BenchmarkScan(b *testing.B) {
	benchScan(b, filepath.Join("testdata", "golang"))
}

func BenchmarkScanGOROOT(b *testing.B) {
	root := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(root); err != nil {
		b.Skipf("no Go sources: %v", err)
	}
	benchScan(b, root)
}

func benchScan(b *testing.B, root string) {
	var st Stats
	for b.Loop() {
		var err error
		st, err = Scan(context.Background(), root, Config{}, func(*inventory.File) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.FilesReported)*float64(b.N)/sec, "files/s")
	b.ReportMetric(float64(st.Bytes)*float64(b.N)/sec/(1<<20), "MiB/s")
	b.ReportMetric(float64(st.Tests), "tests")
}
