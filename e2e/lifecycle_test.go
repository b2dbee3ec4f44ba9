package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

const (
	bigRepoFiles        = 3000
	bigRepoTestsPerFile = 25
)

// bigRepo commits a repository large enough that its analysis runs for a
// noticeable time, so that a signal can arrive while it runs.
func bigRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range bigRepoFiles {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\nimport \"testing\"\n", i%50)
		for j := range bigRepoTestsPerFile {
			fmt.Fprintf(&b, "\nfunc TestCase%d_%d(t *testing.T) {\n\tif %d > %d {\n\t\tt.Fatal(\"unreachable\")\n\t}\n}\n", i, j, j, j+1)
		}
		path := filepath.Join(dir, fmt.Sprintf("p%d", i%50), fmt.Sprintf("f%04d_test.go", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commitAll(t, dir)
	return dir
}

// startLifecycle starts the stack with extra collector settings and submits
// the big repository, returning once the analysis is running.
func startLifecycle(t *testing.T, env ...string) (bundle, int64) {
	t.Helper()
	repo := bigRepo(t)
	// One parse worker keeps the analysis running long enough to be
	// interrupted on any machine.
	b := setup(t, append([]string{"TESTLENS_PARSE_WORKERS=1"}, env...)...)
	ctx := b.ctx
	a, _, err := b.client.Submit(ctx, repo, "")
	if err != nil {
		t.Fatal(err)
	}
	for {
		got, err := b.client.Get(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status == inventory.AnalysisRunning {
			return b, a.ID
		}
		if got.Status.Terminal() {
			t.Fatalf("analysis ended %s before it could be interrupted; make bigRepo bigger", got.Status)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSIGTERMLetsRunningAnalysesFinish: a collector told to stop takes no new
// work but finishes what it runs, then exits cleanly.
func TestSIGTERMLetsRunningAnalysesFinish(t *testing.T) {
	t.Parallel()
	b, id := startLifecycle(t)

	if err := b.stack.StopCollector(60 * time.Second); err != nil {
		t.Fatalf("collector did not exit cleanly: %v", err)
	}
	a, err := b.client.Get(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != inventory.AnalysisCompleted || a.Summary == nil || a.Summary.Tests != bigRepoFiles*bigRepoTestsPerFile || a.Attempts != 1 {
		t.Fatalf("after a soft stop: status %s, attempts %d, summary %+v; want completed with %d tests in 1 attempt",
			a.Status, a.Attempts, a.Summary, bigRepoFiles*bigRepoTestsPerFile)
	}
}

// TestInterruptedAnalysisIsHandedBackAndStoredOnce: past the soft-stop
// timeout the running analysis is cancelled and queued again; the next
// collector completes it, and the partial batches of the interrupted attempt
// do not remain.
func TestInterruptedAnalysisIsHandedBackAndStoredOnce(t *testing.T) {
	t.Parallel()
	b, id := startLifecycle(t, "TESTLENS_SOFT_STOP_TIMEOUT=1ms")

	if err := b.stack.StopCollector(60 * time.Second); err != nil {
		t.Fatalf("collector did not exit cleanly: %v", err)
	}
	a, err := b.client.Get(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != inventory.AnalysisQueued || !strings.Contains(a.FailureReason, "interrupted") {
		t.Fatalf("after a hard stop: status %s (%q); want queued again", a.Status, a.FailureReason)
	}

	if err := b.stack.StartCollector(); err != nil {
		t.Fatal(err)
	}
	done, err := b.client.Wait(b.ctx, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := bigRepoFiles * bigRepoTestsPerFile
	if done.Status != inventory.AnalysisCompleted || done.Summary == nil || done.Summary.Tests != want {
		t.Fatalf("second collector: status %s (%s), summary %+v; want completed with %d tests", done.Status, done.FailureReason, done.Summary, want)
	}
	// Count what is actually stored, not what the summary says.
	tests, _, err := b.client.Tests(b.ctx, id, 500)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool, len(tests))
	for _, tc := range tests {
		key := tc.Path + "/" + tc.Name
		if seen[key] {
			t.Fatalf("test %s stored twice", key)
		}
		seen[key] = true
	}
	if len(tests) != want {
		t.Fatalf("%d tests stored, want %d", len(tests), want)
	}
}
