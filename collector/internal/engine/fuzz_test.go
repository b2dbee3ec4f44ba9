package engine

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/golang"
	"github.com/testlens/testlens/contracts/inventory"
)

// FuzzGoExtractor feeds arbitrary sources to the Go front end: it must never
// panic and must only report sane tests. Seeds are the golden samples, so a
// plain `go test` runs them in milliseconds; those of the other front ends are
// offered as Go files too.
func FuzzGoExtractor(f *testing.F) {
	for _, s := range samples(f) {
		if filepath.Base(filepath.Dir(s.path)) != "golang" {
			f.Add("fuzz_test.go", s.content)
		}
	}
	frontendtest.Fuzz(f, golang.Extractor{}, "golang", "fuzz_test.go",
		frontendtest.Frameworks(inventory.FrameworkGoTesting, inventory.FrameworkTestify, inventory.FrameworkGinkgo), checkGo)
}

// checkGo asserts what Go files add to frontendtest.CheckSane: plain Go
// tests are top-level functions; only Ginkgo specs and testify methods are
// tests inside suites.
func checkGo(tb testing.TB, f *inventory.File) {
	tb.Helper()
	for _, tc := range f.Tests {
		if f.Framework == inventory.FrameworkGoTesting && (tc.Kind == inventory.KindTest) != (len(tc.SuitePath) == 0) {
			tb.Fatalf("kind does not match suite path: %+v", tc)
		}
	}
}

// BenchmarkScan scans the golden samples; BenchmarkScanGOROOT scans the Go
// standard library, a realistic large tree (make bench measures the same
// with the real binary).
func BenchmarkScan(b *testing.B) {
	benchScan(b, filepath.Join("testdata", "golang"))
}

func BenchmarkScanGOROOT(b *testing.B) {
	// Every Go installation ships its sources: a missing folder fails in
	// Scan, it is never skipped.
	benchScan(b, filepath.Join(runtime.GOROOT(), "src"))
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
