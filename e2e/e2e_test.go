package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/e2e/harness"
)

var bins harness.Binaries

func TestMain(m *testing.M) {
	os.Exit(func() int {
		root, err := harness.RepoRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		dir, err := os.MkdirTemp("", "testlens-e2e-bin-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if bins, err = harness.Build(ctx, root, dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}())
}

type bundle struct {
	ctx    context.Context
	stack  *harness.Stack
	client *harness.Client
}

// setup starts web and collector as separate processes on a fresh database.
// Extra environment (collector settings) is added to both processes.
func setup(t *testing.T, env ...string) bundle {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	stack, err := harness.Start(ctx, harness.Options{
		Binaries:    bins,
		DatabaseURL: dbtest.New(t),
		Env:         append([]string{"TESTLENS_ALLOW_LOCAL_REPOS=1", "TESTLENS_LOG_LEVEL=debug"}, env...),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stack.Stop(); err != nil {
			t.Errorf("services did not stop cleanly: %v\n%s", err, stack.Logs())
		}
		if t.Failed() {
			t.Logf("service logs:\n%s", stack.Logs())
		}
	})
	return bundle{ctx: ctx, stack: stack, client: &harness.Client{BaseURL: stack.URL}}
}

// goRepo writes a small Go project and commits it: tests, a skipped test,
// subtests, a benchmark, an example, a file behind a build constraint, a
// helper-only test file, a non-test file and a vendored test that must not
// count.
func goRepo(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"go.mod": "module example.com/calc\n\ngo 1.22\n",
		"calc.go": `package calc

// Add is not a test, though TestAdd is mentioned here.
func Add(a, b int) int { return a + b }
`,
		"calc_test.go": `package calc

import (
	"fmt"
	"testing"
)

func TestAdd(t *testing.T) {
	if Add(1, 2) != 3 {
		t.Fatal("wrong")
	}
}

func TestSlow(t *testing.T) {
	t.Skip("too slow for CI")
}

func TestSigns(t *testing.T) {
	t.Run("positive", func(t *testing.T) {})
	t.Run("negative", func(t *testing.T) {
		t.Run("large", func(t *testing.T) {})
	})
}

func BenchmarkAdd(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Add(1, 2)
	}
}

func ExampleAdd() {
	fmt.Println(Add(1, 2))
	// Output: 3
}

func ExampleNoOutput() {
	fmt.Println("not run by go test")
}
`,
		"integration_test.go": `//go:build integration

package calc

import "testing"

func TestAgainstServer(t *testing.T) {}
`,
		"helpers_test.go": `package calc

import "testing"

func helper(t *testing.T) { t.Helper() }
`,
		"vendor/example.com/dep/dep_test.go": `package dep

import "testing"

func TestVendored(t *testing.T) {}
`,
	}
	return writeRepo(t, files)
}

// writeRepo writes files (path → content) into a new directory and commits
// them: a git repository whose main branch holds them.
func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commitAll(t, dir)
	return dir
}

// commitAll makes dir a git repository whose main branch holds everything
// in it.
func commitAll(t *testing.T, dir string) {
	t.Helper()
	if err := harness.CommitAll(dir); err != nil {
		t.Fatal(err)
	}
}

func TestAnalyzeGoRepositoryEndToEnd(t *testing.T) {
	t.Parallel()
	b := setup(t)
	repo := goRepo(t)

	submitted, hdr, err := b.client.Submit(b.ctx, repo, "main")
	if err != nil {
		t.Fatal(err)
	}
	if submitted.Status != inventory.AnalysisQueued || submitted.ID == 0 {
		t.Fatalf("submitted analysis: %+v", submitted)
	}
	if want := fmt.Sprintf("/v1/analyses/%d", submitted.ID); hdr.Get("Location") != want {
		t.Fatalf("Location %q, want %q", hdr.Get("Location"), want)
	}

	done, err := b.client.Wait(b.ctx, submitted.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != inventory.AnalysisCompleted {
		t.Fatalf("analysis ended %s: %s", done.Status, done.FailureReason)
	}
	if len(done.CommitSHA) != 40 || done.StartedAt == nil || done.FinishedAt == nil || done.EngineVersion == "" {
		t.Fatalf("completed analysis lacks commit, timestamps or engine version: %+v", done)
	}

	// calc_test.go: TestAdd, TestSlow (skipped), TestSigns + 3 subtests,
	// BenchmarkAdd, ExampleAdd = 8; integration_test.go: 1.
	wantSummary := inventory.Summary{Files: 2, Tests: 9, Cases: 3, Frameworks: []inventory.FrameworkSummary{
		{Framework: inventory.FrameworkGoTesting, Files: 2, Tests: 9, Cases: 3, Skipped: 1},
	}}
	if done.Summary == nil || !reflect.DeepEqual(*done.Summary, wantSummary) {
		t.Fatalf("summary %+v, want %+v", done.Summary, wantSummary)
	}

	// Pages of two force the cursor through five pages.
	tests, pages, err := b.client.Tests(b.ctx, submitted.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if pages != 5 {
		t.Errorf("read %d pages of 2 for 9 tests, want 5", pages)
	}
	var got []string
	for _, tc := range tests {
		got = append(got, fmt.Sprintf("%s:%d %s %s %s %s", tc.Path, tc.Line, strings.Join(append(tc.SuitePath, tc.Name), "/"), tc.Status, tc.Kind, tc.Framework))
	}
	want := []string{
		"calc_test.go:8 TestAdd active test go-testing",
		"calc_test.go:14 TestSlow skipped test go-testing",
		"calc_test.go:18 TestSigns active test go-testing",
		"calc_test.go:19 TestSigns/positive active case go-testing",
		"calc_test.go:20 TestSigns/negative active case go-testing",
		"calc_test.go:21 TestSigns/negative/large active case go-testing",
		"calc_test.go:25 BenchmarkAdd active test go-testing",
		"calc_test.go:31 ExampleAdd active test go-testing",
		"integration_test.go:7 TestAgainstServer active test go-testing",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tests through the API:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// The API's inventory document equals what `collector inventory --json`
	// prints for the same checkout.
	fromAPI, err := b.client.Inventory(b.ctx, submitted.ID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bins.Collector, "inventory", "--json", repo).Output()
	if err != nil {
		t.Fatalf("collector inventory: %v", err)
	}
	var fromCLI inventory.Document
	if err := json.Unmarshal(out, &fromCLI); err != nil {
		t.Fatal(err)
	}
	fromCLI.CommitSHA = done.CommitSHA // the CLI reads a working tree, not a commit
	if !reflect.DeepEqual(fromAPI, fromCLI) {
		a, _ := json.MarshalIndent(fromAPI, "", " ")
		c, _ := json.MarshalIndent(fromCLI, "", " ")
		t.Fatalf("API inventory differs from collector inventory --json:\nAPI %s\nCLI %s", a, c)
	}
	var constrained *inventory.File
	for i := range fromAPI.Files {
		if fromAPI.Files[i].Path == "integration_test.go" {
			constrained = &fromAPI.Files[i]
		}
	}
	if constrained == nil || constrained.BuildConstraint != "integration" {
		t.Fatalf("integration_test.go should carry its build constraint: %+v", constrained)
	}
}

func TestPermanentFailuresAreReportedWithoutRetry(t *testing.T) {
	t.Parallel()
	b := setup(t)
	repo := goRepo(t)

	for _, tc := range []struct{ url, ref, reason string }{
		{repo, "no-such-branch", `the ref "no-such-branch" does not exist`},
		{filepath.Join(t.TempDir(), "missing"), "", "does not exist or is not public"},
	} {
		a, _, err := b.client.Submit(b.ctx, tc.url, tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		done, err := b.client.Wait(b.ctx, a.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != inventory.AnalysisFailed || !strings.Contains(done.FailureReason, tc.reason) || done.Attempts != 1 {
			t.Errorf("%s@%s: status %s after %d attempt(s), reason %q; want failed after 1 attempt with %q",
				tc.url, tc.ref, done.Status, done.Attempts, done.FailureReason, tc.reason)
		}
	}
}

func TestInvalidInputIsProblemJSON(t *testing.T) {
	t.Parallel()
	b := setup(t)

	_, _, err := b.client.Submit(b.ctx, "http://github.com/owner/repo", "")
	he, ok := err.(*harness.HTTPError)
	if !ok || he.Status != http.StatusUnprocessableEntity {
		t.Fatalf("got %v, want a 422", err)
	}
	if !strings.HasPrefix(he.ContentType, "application/problem+json") {
		t.Errorf("content type %q, want application/problem+json", he.ContentType)
	}
	if len(he.Problem.Errors) == 0 || he.Problem.Errors[0].Location != "body.repository_url" || !strings.Contains(he.Problem.Errors[0].Message, "https://") {
		t.Errorf("problem does not name the field and the fix: %+v", he.Problem)
	}

	if _, err := b.client.Get(b.ctx, 999999); err == nil || err.(*harness.HTTPError).Status != http.StatusNotFound {
		t.Errorf("unknown analysis: got %v, want 404", err)
	}
}

// TestInventoryStatsWarmup: `collector inventory --stats` averages over the
// measured runs only and reports the warm-up runs' CPU apart; a negative
// --warmup is a usage error.
func TestInventoryStatsWarmup(t *testing.T) {
	t.Parallel()
	repo := goRepo(t)
	cmd := exec.Command(bins.Collector, "inventory", "--stats", "--warmup", "1", "--repeat", "2", "--workers", "1", repo)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("collector inventory --stats: %v\n%s", err, stderr.String())
	}
	stats := harness.ParseStats(stderr.String())
	if stats["runs"] != "2" || stats["warmup_runs"] != "1" || stats["candidates"] == "0" || stats["warmup_cpu_ms"] == "" || stats["cpu_ms_per_test_file"] == "" {
		t.Fatalf("stats line %v: want runs=2 warmup_runs=1, candidates, warmup_cpu_ms and cpu_ms_per_test_file", stats)
	}
	err := exec.Command(bins.Collector, "inventory", "--stats", "--warmup", "-1", repo).Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("--warmup -1: %v, want exit code 2 (usage)", err)
	}
}
