package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/sdk"
	"github.com/testlens/testlens/sdk/internal/fakeapi"
)

// binary is the testlens command built once for all tests, which run it as
// a process, as users do.
var binary string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "testlens-cli-*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "testlens")
		if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build testlens: %v\n%s", err, out)
			return 1
		}
		return m.Run()
	}())
}

// result is one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// run runs testlens with args against the server at url (none when empty),
// in dir (the test's working directory when empty).
func run(t *testing.T, url, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TESTLENS_URL="+url, "TESTLENS_API_KEY=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run testlens %v: %v", args, err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// expect fails the test unless r has the exit code and every want appears
// in its output.
func (r result) expect(t *testing.T, code int, wants ...string) {
	t.Helper()
	out := r.stdout + r.stderr
	if r.code != code {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", want, r.stdout, r.stderr)
		}
	}
}

func server(t *testing.T) string {
	t.Helper()
	s := fakeapi.New()
	t.Cleanup(s.Close)
	return s.URL
}

func TestUsage(t *testing.T) {
	t.Parallel()
	url := server(t)
	run(t, url, "").expect(t, 2, "usage:", "exit codes:")
	run(t, url, "", "help").expect(t, 0, "testlens analyze <url|path>")
	run(t, url, "", "frobnicate").expect(t, 2, `unknown command "frobnicate"`)
	run(t, url, "", "status").expect(t, 2, "status takes <id>, got 0 argument(s)")
	run(t, url, "", "status", "x1").expect(t, 2, `"x1" is not an analysis id`)
	run(t, url, "", "diff", "1").expect(t, 2, "diff takes <id> <base>")
	run(t, url, "", "tests", "1", "--bogus").expect(t, 2, "flag provided but not defined: -bogus")
	run(t, url, "", "analyze", "./does-not-exist").expect(t, 2, "neither a URL nor an existing local path")
	run(t, "localhost:8080", "", "status", "1").expect(t, 2, "TESTLENS_URL")
	run(t, url, "", "version").expect(t, 0, "testlens "+testlens.Version())
}

func TestAnalyzeAndWait(t *testing.T) {
	t.Parallel()
	r := run(t, server(t), "", "analyze", "https://github.com/acme/calc", "--ref", "main", "--wait")
	// Not a terminal: one progress line per change, then the summary.
	r.expect(t, 0,
		"analysis 1 of https://github.com/acme/calc",
		"queued    files 0/0, tests 0", "running   files 2/2, tests 3", "completed files 2/2, tests 3",
		"status      completed", "FRAMEWORK", "go-testing  2      3      1      1")
	if strings.Contains(r.stderr, "\r") || strings.Contains(r.stdout, "FRAMEWORK") == strings.Contains(r.stderr, "FRAMEWORK") {
		t.Errorf("progress belongs on stderr without carriage returns, the summary on stdout:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

func TestAnalyzeSendsAnAbsolutePath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := run(t, server(t), dir, "analyze", ".", "--json")
	r.expect(t, 0)
	var a testlens.Analysis
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatalf("--json output: %v\n%s", err, r.stdout)
	}
	if a.RepositoryURL != dir || a.Status != testlens.StatusQueued {
		t.Fatalf("submitted %q (%s), want the absolute path %q", a.RepositoryURL, a.Status, dir)
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	url := server(t)
	run(t, url, "", "status", "1").expect(t, 0, "status      completed")
	run(t, url, "", "status", "4").expect(t, 1, "analysis 4 failed: repository not found")
	run(t, url, "", "status", "99").expect(t, 3, "404 Not Found: analysis 99 not found (request req-v1-analyses-99)")
	run(t, url, "", "status", "500").expect(t, 4, "500 Internal Server Error")
	run(t, url, "", "analyze", "ftp://example.com/r").expect(t, 3, "422", "body.repository_url: must be an https:// URL")
	run(t, url, "", "analyze", "https://github.com/acme/calc", "--ref", fakeapi.RefNeverEnds, "--wait", "--timeout", "300ms").
		expect(t, 5, "analysis 3 still running after 300ms: timed out waiting for the analysis")
}

func TestUnreachableServer(t *testing.T) {
	t.Parallel()
	s := fakeapi.New()
	s.Close() // nothing listens there any more
	run(t, s.URL, "", "status", "1").expect(t, 4, "connection refused")
}

func TestTests(t *testing.T) {
	t.Parallel()
	url := server(t)
	r := run(t, url, "", "tests", "1")
	r.expect(t, 0, "calc_test.go:5\tTestAdd\tactive\tgo-testing\n", "sign_test.go:6\tTestSigns › positive\tactive", "3 tests")
	run(t, url, "", "tests", "1", "--status", "skipped", "--path", "calc", "--q", "SLOW", "--framework", "go-testing").
		expect(t, 0, "calc_test.go:11\tTestSlow\tskipped\tgo-testing\tif slow\n", "1 test\n")
	r = run(t, url, "", "tests", "--json", "1")
	r.expect(t, 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("--json printed %d lines, want 3:\n%s", len(lines), r.stdout)
	}
	var test testlens.Test
	if err := json.Unmarshal([]byte(lines[2]), &test); err != nil || test.Name != "positive" || test.SuitePath[0] != "TestSigns" {
		t.Fatalf("third line %q: %v", lines[2], err)
	}
	run(t, url, "", "tests", "99").expect(t, 3, "404")
}

func TestDiff(t *testing.T) {
	t.Parallel()
	url := server(t)
	run(t, url, "", "diff", "2", "1").expect(t, 0,
		"+ calc_test.go:15\tTestMul\tactive", "- sign_test.go:6\tTestSigns › positive\tactive",
		"~ calc_test.go:11\tTestSlow\tskipped → active", "analysis 2 against 1: 1 added, 1 removed, 1 changed")
	r := run(t, url, "", "diff", "2", "1", "--json")
	var d testlens.Diff
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || d.Totals.Added != 1 || d.Head.ID != 2 {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	run(t, url, "", "diff", "1", "2").expect(t, 3, "409")
}

func TestCancel(t *testing.T) {
	t.Parallel()
	url := server(t)
	run(t, url, "", "cancel", "3").expect(t, 0, "analysis 3 running: cancel requested")
	run(t, url, "", "cancel", "1").expect(t, 0, "analysis 1 had already ended: completed")
	run(t, url, "", "cancel", "99").expect(t, 3, "404")
}
