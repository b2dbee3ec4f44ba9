// Command bench is `make bench`: it measures the analysis engine and the
// collector service with the real binaries and prints a Markdown report.
//
//  1. Engine throughput (`collector inventory --stats`, after a warm-up
//     analysis) on the fixture corpus,
//     on the Go standard library of the local toolchain (a large real
//     checkout that is always here), and on BENCH_REPO when set — with one
//     parse worker and with all cores.
//  2. Peak RSS of the collector service analysing a generated repository of
//     2,000 test files end to end (clone, parse, store), against DATABASE_URL.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/e2e/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := harness.RepoRoot()
	if err != nil {
		return err
	}
	binDir := os.Getenv("TESTLENS_BIN")
	if binDir == "" {
		binDir = filepath.Join(root, "bin")
	}
	bins := harness.Binaries{Web: filepath.Join(binDir, "web"), Collector: filepath.Join(binDir, "collector")}

	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	corpora := []struct{ name, path string }{
		{"fixture corpus (collector/internal/engine/testdata)", filepath.Join(root, "collector", "internal", "engine", "testdata")},
		{"Go standard library (GOROOT/src)", filepath.Join(strings.TrimSpace(string(goroot)), "src")},
	}
	if repo := os.Getenv("BENCH_REPO"); repo != "" {
		corpora = append(corpora, struct{ name, path string }{"BENCH_REPO " + repo, repo})
	}

	fmt.Printf("# Benchmark run %s\n\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Printf("Machine: %d CPUs, %s/%s, %s. Command: `make bench` (BENCH_REPO=%q).\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), os.Getenv("BENCH_REPO"))
	fmt.Println("## Engine throughput (`collector inventory --stats --warmup 1 --repeat 5`)")
	fmt.Println()
	fmt.Printf("Each row is the median, by CPU ms per test file, of %d runs: other tenants of a shared host move one run's CPU time by a third. ", statsRuns)
	fmt.Println("The averages leave out a first, warm-up analysis: a collector compiles its queries once per process, not per analysis. The warm-up column is that first analysis's CPU, queries included.")
	fmt.Println()
	fmt.Println("| corpus | workers | files walked | test files | tests | MB | wall ms | files/s | MB/s | CPU ms / test file | warm-up CPU ms | peak RSS MB |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, c := range corpora {
		for _, workers := range []int{1, runtime.NumCPU()} {
			st, err := engineStats(bins.Collector, c.path, workers)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			fmt.Printf("| %s | %d | %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s |\n", c.name, workers,
				st["files_walked"], st["candidates"], st["tests"], atof(st["bytes"])/1e6, st["wall_ms"],
				st["files_per_s"], st["mb_per_s"], st["cpu_ms_per_test_file"], st["warmup_cpu_ms"], st["peak_rss_mb"])
		}
	}

	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		return fmt.Errorf("DATABASE_URL is not set: run `make bench`")
	}
	const files = 2000
	rss, tests, took, err := servicePeakRSS(bins, dbURL, files)
	if err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("## Collector service memory")
	fmt.Println()
	fmt.Printf("A generated repository of %d test files (half Go, a quarter Vitest TypeScript, a quarter pytest), analysed end to end by the collector binary (clone, walk, parse, stream to PostgreSQL): %d tests stored in %.1f s; **peak RSS of the collector process %.1f MB** (target < 200 MB).\n",
		files, tests, took.Seconds(), float64(rss)/(1<<20))
	return nil
}

// statsRuns is how many times each corpus is measured.
const statsRuns = 3

// engineStats runs collector inventory --stats statsRuns times and returns
// the stats of the run with the median CPU ms per test file.
func engineStats(collector, path string, workers int) (map[string]string, error) {
	runs := make([]map[string]string, 0, statsRuns)
	for range statsRuns {
		st, err := engineRun(collector, path, workers)
		if err != nil {
			return nil, err
		}
		runs = append(runs, st)
	}
	sort.Slice(runs, func(i, j int) bool {
		return atof(runs[i]["cpu_ms_per_test_file"]) < atof(runs[j]["cpu_ms_per_test_file"])
	})
	return runs[len(runs)/2], nil
}

// engineRun runs collector inventory --stats once and parses its stats line.
func engineRun(collector, path string, workers int) (map[string]string, error) {
	cmd := exec.Command(collector, "inventory", "--stats", "--warmup", "1", "--repeat", "5", "--workers", strconv.Itoa(workers), path)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	out := harness.ParseStats(stderr.String())
	if len(out) == 0 {
		return nil, fmt.Errorf("no stats line in: %s", stderr.String())
	}
	return out, nil
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// servicePeakRSS analyses a generated repository through web and collector
// and returns the collector's peak RSS, the tests stored and the time taken.
func servicePeakRSS(bins harness.Binaries, dbURL string, files int) (int64, int, time.Duration, error) {
	dir, err := os.MkdirTemp("", "testlens-bench-repo-*")
	if err != nil {
		return 0, 0, 0, err
	}
	defer os.RemoveAll(dir)
	if err := generateRepo(dir, files); err != nil {
		return 0, 0, 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	stack, err := harness.Start(ctx, harness.Options{Binaries: bins, DatabaseURL: dbURL, Env: []string{"TESTLENS_ALLOW_LOCAL_REPOS=1"}})
	if err != nil {
		return 0, 0, 0, err
	}
	defer stack.Stop()
	client := &harness.Client{BaseURL: stack.URL}
	start := time.Now()
	a, _, err := client.Submit(ctx, dir, "")
	if err != nil {
		return 0, 0, 0, err
	}
	a, err = client.Wait(ctx, a.ID, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	took := time.Since(start)
	if a.Status != "completed" || a.Summary == nil {
		return 0, 0, 0, fmt.Errorf("analysis ended %s: %s", a.Status, a.FailureReason)
	}
	if err := stack.StopCollector(time.Minute); err != nil {
		return 0, 0, 0, err
	}
	return stack.LastCollectorPeakRSS(), a.Summary.Tests, took, nil
}

// generateRepo writes files test files of realistic size and commits them.
func generateRepo(dir string, files int) error {
	for i := range files {
		var path string
		var b strings.Builder
		switch i % 4 {
		case 0, 1:
			path = fmt.Sprintf("pkg%d/f%04d_test.go", i%40, i)
			fmt.Fprintf(&b, "package pkg%d\n\nimport \"testing\"\n", i%40)
			for j := range 12 {
				fmt.Fprintf(&b, "\nfunc TestCase%d_%d(t *testing.T) {\n\tfor _, tc := range []struct{ name string }{{\"a\"}, {\"b\"}} {\n\t\tt.Run(tc.name, func(t *testing.T) {\n\t\t\tif len(tc.name) != 1 {\n\t\t\t\tt.Fatal(\"bad\")\n\t\t\t}\n\t\t})\n\t}\n}\n", i, j)
			}
		case 2:
			path = fmt.Sprintf("web/src/m%d/f%04d.test.ts", i%40, i)
			b.WriteString("import { describe, it, expect } from 'vitest'\n\n")
			for j := range 6 {
				fmt.Fprintf(&b, "describe('unit %d', () => {\n  it('works %d', () => {\n    expect(%d + 1).toBe(%d)\n  })\n  it.skip('later %d', () => {})\n})\n\n", j, j, j, j+1, j)
			}
		case 3:
			path = fmt.Sprintf("py/tests/test_m%04d.py", i)
			b.WriteString("import pytest\n\n")
			for j := range 8 {
				fmt.Fprintf(&b, "@pytest.mark.parametrize('x', [1, 2, 3])\ndef test_case_%d(x):\n    assert x + %d > 0\n\n", j, j)
			}
		}
		full := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return harness.CommitAll(dir)
}
