package gitclone

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitRepo is a real repository made by the test: two commits on main, a tag
// on the first, a branch "feature" with a third commit.
type gitRepo struct {
	url, first, second, feature string
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func setup(t *testing.T) gitRepo {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "one")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")
	first := git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "tag", "v1")
	write("a.txt", "two")
	git(t, dir, "commit", "-q", "-am", "second")
	second := git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "checkout", "-q", "-b", "feature")
	write("b.txt", "feature")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "feature")
	feature := git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "checkout", "-q", "main")
	return gitRepo{url: "file://" + dir, first: first, second: second, feature: feature}
}

func TestCloneRefs(t *testing.T) {
	t.Parallel()
	repo := setup(t)

	for _, tc := range []struct{ ref, want, file string }{
		{"", repo.second, "a.txt"},
		{"main", repo.second, "a.txt"},
		{"v1", repo.first, "a.txt"},
		{"feature", repo.feature, "b.txt"},
		{repo.first, repo.first, "a.txt"},
	} {
		co, err := Clone(context.Background(), repo.url, tc.ref, Options{TempDir: t.TempDir()})
		if err != nil {
			t.Fatalf("ref %q: %v", tc.ref, err)
		}
		if co.Commit != tc.want {
			t.Errorf("ref %q: commit %s, want %s", tc.ref, co.Commit, tc.want)
		}
		if _, err := os.Stat(filepath.Join(co.Dir, tc.file)); err != nil {
			t.Errorf("ref %q: %s not checked out: %v", tc.ref, tc.file, err)
		}
		if err := co.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(co.Dir); !os.IsNotExist(err) {
			t.Errorf("Close left %s behind", co.Dir)
		}
	}
}

func TestClonePermanentErrors(t *testing.T) {
	t.Parallel()
	repo := setup(t)
	tmp := t.TempDir()

	for _, tc := range []struct {
		name, url, ref string
		opts           Options
		want           string
	}{
		{"missing ref", repo.url, "no-such-branch", Options{}, `the ref "no-such-branch" does not exist`},
		{"missing sha", repo.url, strings.Repeat("ab", 20), Options{}, "does not exist"},
		{"missing repository", "file://" + filepath.Join(tmp, "nothing"), "", Options{}, "does not exist or is not public"},
		{"too large", repo.url, "", Options{MaxBytes: 1}, "over the 1-byte limit"},
		{"option injection", repo.url, "--upload-pack=touch /tmp/x", Options{}, "invalid ref"},
		{"time limit", repo.url, "", Options{Timeout: time.Nanosecond}, "longer than the 1ns limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := tc.opts
			opts.TempDir = tmp
			co, err := Clone(context.Background(), tc.url, tc.ref, opts)
			if err == nil {
				co.Close()
				t.Fatal("clone succeeded")
			}
			if !IsPermanent(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v (permanent=%v), want a permanent error containing %q", err, IsPermanent(err), tc.want)
			}
		})
	}
	// Failed clones leave nothing behind.
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "testlens-clone-") {
			t.Errorf("leftover checkout %s", e.Name())
		}
	}
}

func TestCloneRefusesFileTransportForRemoteURLs(t *testing.T) {
	t.Parallel()
	repo := setup(t)
	// A canonical https URL never reaches the file transport; the runner's
	// protocol allow-list is what blocks it if something else slipped through.
	r := runner{git: "git", dir: t.TempDir(), local: false}
	if _, err := r.run(context.Background(), "init", "-q"); err != nil {
		t.Fatal(err)
	}
	_, err := r.run(context.Background(), "fetch", "--depth=1", "--", repo.url, "HEAD")
	if err == nil || !IsPermanent(classifyFetch(err, "")) {
		t.Fatalf("file transport not refused for a non-local clone: %v", err)
	}
}
