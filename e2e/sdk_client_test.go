package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/testlens/testlens/sdk"
)

// The SDK against the real web and collector binaries and PostgreSQL: what
// a third party gets from `go get github.com/testlens/testlens/sdk`.

// sdkClient is an SDK client of the bundle's stack.
func sdkClient(t *testing.T, b bundle) *testlens.Client {
	t.Helper()
	c, err := testlens.NewClient(b.stack.URL, testlens.WithUserAgent("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// analyzeAndWait submits repo through the SDK and waits for the analysis to
// complete.
func analyzeAndWait(t *testing.T, b bundle, c *testlens.Client, repo string) *testlens.Analysis {
	t.Helper()
	a, err := c.Analyze(b.ctx, testlens.AnalyzeRequest{RepositoryURL: repo})
	if err != nil {
		t.Fatal(err)
	}
	done, err := c.Wait(b.ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != testlens.StatusCompleted {
		t.Fatalf("analysis %d ended %s: %s", done.ID, done.Status, done.FailureReason)
	}
	return done
}

// gitCommit commits every change in the repository dir.
func gitCommit(t *testing.T, dir, message string) {
	t.Helper()
	for _, args := range [][]string{
		{"add", "-A"},
		{"-c", "user.name=testlens", "-c", "user.email=testlens@example.com", "commit", "-q", "-m", message},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
	}
}

// testKey is how the tests below compare tests: path, line, suite path and
// name, status and kind.
func testKey(path string, line int, suites []string, name string, status testlens.TestStatus, kind testlens.TestKind) string {
	return fmt.Sprintf("%s:%d %s %s %s", path, line, strings.Join(append(append([]string{}, suites...), name), "/"), status, kind)
}

func TestSDKAnalyzeWaitAndIterateTests(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := sdkClient(t, b)
	repo := goRepo(t)

	submitted, err := c.Analyze(b.ctx, testlens.AnalyzeRequest{RepositoryURL: repo, Ref: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if submitted.Status != testlens.StatusQueued || submitted.RepositoryURL == "" {
		t.Fatalf("submitted: %+v", submitted)
	}

	// Watch sees the analysis through to its end, each state newer than the
	// one before.
	var states []*testlens.Analysis
	for a, err := range c.Watch(b.ctx, submitted.ID) {
		if err != nil {
			t.Fatal(err)
		}
		if n := len(states); n > 0 && a.Revision < states[n-1].Revision {
			t.Fatalf("revision went back from %d to %d", states[n-1].Revision, a.Revision)
		}
		states = append(states, a)
	}
	done := states[len(states)-1]
	if done.Status != testlens.StatusCompleted || len(done.CommitSHA) != 40 || done.Summary == nil || done.Summary.Tests != 9 {
		t.Fatalf("last state: %+v", done)
	}

	// Tests over pages of 2 yields exactly the inventory's tests, in its
	// order.
	var got []string
	for test, err := range c.Tests(b.ctx, done.ID, testlens.ListTestsOptions{ListOptions: testlens.ListOptions{Limit: 2}}) {
		if err != nil {
			t.Fatal(err)
		}
		if test.Framework != "go-testing" || test.Language != "go" || test.ID == 0 {
			t.Errorf("test %+v", test)
		}
		got = append(got, testKey(test.Path, test.Line, test.SuitePath, test.Name, test.Status, test.Kind))
	}
	inv, err := c.Inventory(b.ctx, done.ID)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range inv.Files {
		for _, test := range f.Tests {
			want = append(want, testKey(f.Path, test.Line, test.SuitePath, test.Name, test.Status, test.Kind))
		}
	}
	if len(want) != done.Summary.Tests || !reflect.DeepEqual(got, want) {
		t.Fatalf("Tests yielded\n  %s\nthe inventory holds (summary: %d tests)\n  %s",
			strings.Join(got, "\n  "), done.Summary.Tests, strings.Join(want, "\n  "))
	}

	// Filters reach the server.
	page, err := c.ListTests(b.ctx, done.ID, testlens.ListTestsOptions{Status: testlens.TestSkipped})
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != "TestSlow" || page.NextCursor != "" {
		t.Fatalf("skipped tests: %+v, %v", page, err)
	}
	var files []string
	for f, err := range c.Files(b.ctx, done.ID, testlens.ListFilesOptions{ListOptions: testlens.ListOptions{Limit: 1}}) {
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fmt.Sprintf("%s %d", f.Path, f.Tests))
	}
	if strings.Join(files, ", ") != "calc_test.go 8, integration_test.go 1" {
		t.Errorf("files: %v", files)
	}

	// The analysis is listed, and its repository knows it.
	var listed []int64
	for a, err := range c.Analyses(b.ctx, testlens.ListAnalysesOptions{RepositoryURL: repo}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, a.ID)
	}
	if !reflect.DeepEqual(listed, []int64{done.ID}) {
		t.Errorf("analyses of the repository: %v, want [%d]", listed, done.ID)
	}
	r, err := c.GetRepository(b.ctx, done.RepositoryID)
	if err != nil || r.LatestAnalysis == nil || r.LatestAnalysis.ID != done.ID || len(r.History) != 1 {
		t.Fatalf("repository: %+v, %v", r, err)
	}

	// Submitting the same commit again is a dedup hit: the completed
	// analysis comes back.
	again, err := c.Analyze(b.ctx, testlens.AnalyzeRequest{RepositoryURL: repo, Ref: done.CommitSHA})
	if err != nil || again.ID != done.ID || again.Status != testlens.StatusCompleted {
		t.Errorf("second submission of commit %s: %+v, %v; want analysis %d back", done.CommitSHA, again, err, done.ID)
	}
}

func TestSDKDiff(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := sdkClient(t, b)
	repo := goRepo(t)
	base := analyzeAndWait(t, b, c, repo)

	// A second commit: TestSlow runs again, TestMul is new, TestSigns'
	// subtests are gone.
	calc := filepath.Join(repo, "calc_test.go")
	src, err := os.ReadFile(calc)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "\tt.Skip(\"too slow for CI\")\n", "", 1)
	s = strings.Replace(s, `	t.Run("positive", func(t *testing.T) {})
	t.Run("negative", func(t *testing.T) {
		t.Run("large", func(t *testing.T) {})
	})
`, "", 1)
	s += "\nfunc TestMul(t *testing.T) {}\n"
	if err := os.WriteFile(calc, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCommit(t, repo, "second")
	head := analyzeAndWait(t, b, c, repo)
	if head.ID == base.ID || head.CommitSHA == base.CommitSHA {
		t.Fatalf("the second commit was not analysed anew: %+v", head)
	}

	d, err := c.Diff(b.ctx, head.ID, base.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, t := range d.Added {
		got = append(got, "+ "+testKey(t.Path, t.Line, t.SuitePath, t.Name, t.Status, t.Kind))
	}
	for _, t := range d.Removed {
		got = append(got, "- "+testKey(t.Path, t.Line, t.SuitePath, t.Name, t.Status, t.Kind))
	}
	for _, t := range d.Changed {
		got = append(got, fmt.Sprintf("~ %s (was %s)", testKey(t.Path, t.Line, t.SuitePath, t.Name, t.Status, t.Kind), t.BaseStatus))
	}
	want := []string{
		"+ calc_test.go:35 TestMul active test",
		"- calc_test.go:19 TestSigns/positive active case",
		"- calc_test.go:20 TestSigns/negative active case",
		"- calc_test.go:21 TestSigns/negative/large active case",
		"~ calc_test.go:14 TestSlow active test (was skipped)",
	}
	if !reflect.DeepEqual(got, want) || d.Totals != (testlens.DiffTotals{Added: 1, Removed: 3, Changed: 1}) ||
		d.Truncated || d.Base.ID != base.ID || d.Head.ID != head.ID {
		t.Fatalf("diff:\n  %s\ntotals %+v truncated %v; want\n  %s", strings.Join(got, "\n  "), d.Totals, d.Truncated, strings.Join(want, "\n  "))
	}
}

func TestSDKCancel(t *testing.T) {
	t.Parallel()
	b, id := startLifecycle(t)
	c := sdkClient(t, b)

	requested, err := c.Cancel(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if requested.Status != testlens.StatusRunning || requested.CancelRequestedAt.IsZero() {
		t.Fatalf("cancel of a running analysis: %+v", requested)
	}
	done, err := c.Wait(b.ctx, id)
	if err != nil || done.Status != testlens.StatusCancelled || done.Summary != nil {
		t.Fatalf("after the cancel: %+v, %v", done, err)
	}
	again, err := c.Cancel(b.ctx, id)
	if err != nil || again.Status != testlens.StatusCancelled || again.Revision != done.Revision {
		t.Fatalf("a second cancel changed something: %+v, %v", again, err)
	}
	if _, err := c.Inventory(b.ctx, id); !testlens.IsConflict(err) {
		t.Errorf("inventory of a cancelled analysis: %v, want a 409", err)
	}
}

func TestSDKErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := sdkClient(t, b)

	_, err := c.GetAnalysis(b.ctx, 999999)
	var apiErr *testlens.APIError
	if !testlens.IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Type != testlens.ProblemNotFound || apiErr.RequestID == "" {
		t.Fatalf("unknown analysis: %#v", err)
	}
	if !strings.Contains(err.Error(), "analysis 999999 not found (request "+apiErr.RequestID+")") {
		t.Errorf("message %q", err)
	}

	_, err = c.Analyze(b.ctx, testlens.AnalyzeRequest{RepositoryURL: "http://github.com/owner/repo", Ref: "-x"})
	if !errors.As(err, &apiErr) || apiErr.Status != 422 || apiErr.Type != testlens.ProblemValidation || len(apiErr.Errors) != 2 {
		t.Fatalf("invalid submission: %#v", err)
	}
	locations := []string{apiErr.Errors[0].Location, apiErr.Errors[1].Location}
	if !reflect.DeepEqual(locations, []string{"body.repository_url", "body.ref"}) || !strings.Contains(apiErr.Errors[0].Message, "https://") {
		t.Errorf("errors %+v", apiErr.Errors)
	}

	// The same Idempotency-Key with another request.
	repo := goRepo(t)
	req := testlens.AnalyzeRequest{RepositoryURL: repo, IdempotencyKey: "e2e-key"}
	first, err := c.Analyze(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if replay, err := c.Analyze(b.ctx, req); err != nil || replay.ID != first.ID {
		t.Errorf("replay with the key: %+v, %v; want analysis %d", replay, err, first.ID)
	}
	req.Ref = "other"
	if _, err := c.Analyze(b.ctx, req); !errors.As(err, &apiErr) || apiErr.Type != testlens.ProblemIdempotencyKeyReused {
		t.Errorf("the key with another body: %v, want %s", err, testlens.ProblemIdempotencyKeyReused)
	}

	if _, err := c.Diff(b.ctx, first.ID, 999999); !testlens.IsNotFound(err) {
		t.Errorf("diff with an unknown base: %v", err)
	}
	if _, err := c.ListTests(b.ctx, first.ID, testlens.ListTestsOptions{ListOptions: testlens.ListOptions{Cursor: "garbage"}}); !errors.As(err, &apiErr) || apiErr.Status != 422 {
		t.Errorf("a malformed cursor: %v, want a 422", err)
	}
}
