package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var firstProgressLine = regexp.MustCompile(`(?m)^\s+\d+\.\ds\s+(queued|running)\s+files \d+/\d+, tests \d+$`)

// TestSDKCLIAgainstTheStack runs the testlens command, built from sdk/, as a
// process against the real web and collector: the exit codes and output a
// user (and `make demo`) relies on.
func TestSDKCLIAgainstTheStack(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cli := filepath.Join(t.TempDir(), "testlens")
	build := exec.Command("go", "build", "-o", cli, "./cmd/testlens")
	build.Dir = filepath.Join(root, "sdk")
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the CLI: %v\n%s", err, out)
	}
	b := setup(t)
	repo := goRepo(t)

	run := func(wantCode int, args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(b.ctx, cli, args...)
		cmd.Env = append(os.Environ(), "TESTLENS_URL="+b.stack.URL)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		if code := cmd.ProcessState.ExitCode(); code != wantCode {
			t.Fatalf("testlens %v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, &stdout, &stderr)
		}
		return stdout.String() + stderr.String()
	}

	out := run(0, "analyze", repo, "--wait")
	for _, want := range []string{"status      completed", "go-testing  2      9      3      1", "tests 9\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("analyze --wait output lacks %q:\n%s", want, out)
		}
	}
	// The first progress line is queued or running: the collector may take
	// the job before the CLI's first event arrives.
	if !firstProgressLine.MatchString(out) {
		t.Errorf("analyze --wait output lacks a progress line before completion:\n%s", out)
	}
	id := ""
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "analysis" {
			id = f[1]
		}
	}
	if out := run(0, "tests", id, "--status", "skipped"); !strings.Contains(out, "calc_test.go:14\tTestSlow\tskipped\tgo-testing") {
		t.Errorf("tests --status skipped:\n%s", out)
	}
	if out := run(0, "cancel", id); !strings.Contains(out, "had already ended: completed") {
		t.Errorf("cancel of a completed analysis:\n%s", out)
	}
	if out := run(3, "status", "999999"); !strings.Contains(out, "404 Not Found: analysis 999999 not found") {
		t.Errorf("status of an unknown analysis:\n%s", out)
	}
	run(3, "analyze", "http://example.com/repo")
	if out := run(1, "analyze", repo, "--ref", "no-such-branch", "--wait"); !strings.Contains(out, "failed") {
		t.Errorf("a failing analysis:\n%s", out)
	}
}
