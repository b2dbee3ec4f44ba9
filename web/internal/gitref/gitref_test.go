package gitref_test

import (
	"context"
	"errors"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/web/internal/gitref"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com",
		"-c", "init.defaultBranch=main", "-c", "tag.gpgSign=false", "-c", "commit.gpgSign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// repo is a real repository: main with two commits, an annotated tag v1 and
// a lightweight tag light on the first, a branch "feature", and a tag named
// like a branch ("both") pointing elsewhere than the branch.
type repo struct {
	url, first, second, feature string
}

func setup(t *testing.T) repo {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	commit := func(name, body string) string {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		git(t, dir, "add", ".")
		git(t, dir, "commit", "-q", "-m", name+body)
		return git(t, dir, "rev-parse", "HEAD")
	}
	first := commit("a.txt", "one")
	git(t, dir, "tag", "-a", "-m", "version one", "v1")
	git(t, dir, "tag", "light")
	git(t, dir, "tag", "both")
	second := commit("a.txt", "two")
	git(t, dir, "checkout", "-q", "-b", "feature")
	feature := commit("b.txt", "feature")
	git(t, dir, "branch", "both")
	git(t, dir, "checkout", "-q", "main")
	return repo{url: "file://" + dir, first: first, second: second, feature: feature}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	r := setup(t)
	res := gitref.Resolver{AllowLocal: true}

	for _, tc := range []struct{ ref, want string }{
		{"", r.second},
		{"HEAD", r.second},
		{"main", r.second},
		{"refs/heads/main", r.second},
		{"feature", r.feature},
		{"v1", r.first},    // annotated: the commit, not the tag object
		{"light", r.first}, // lightweight
		{"both", r.first},  // a tag wins over a branch, as in git fetch
		{"heads/both", r.feature},
		{strings.ToUpper(r.feature), r.feature}, // a full SHA is taken as is
		{"0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567"},
	} {
		got, err := res.Resolve(t.Context(), r.url, tc.ref)
		if err != nil || got != tc.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tc.ref, got, err, tc.want)
		}
	}

	if _, err := res.Resolve(t.Context(), r.url, "nope"); !errors.Is(err, gitref.ErrNotFound) {
		t.Errorf("missing ref: err = %v, want ErrNotFound", err)
	}
	if _, err := res.Resolve(t.Context(), r.url, "--upload-pack=touch /tmp/x"); err == nil {
		t.Error("a ref starting with '-' was run")
	}
	if _, err := (gitref.Resolver{}).Resolve(t.Context(), r.url, "main"); err == nil {
		t.Error("a local repository was resolved without AllowLocal")
	}
	if _, err := res.Resolve(t.Context(), "file://"+t.TempDir(), "main"); err == nil {
		t.Error("a folder that is no repository resolved")
	}
	if _, err := res.Resolve(t.Context(), "http://example.com/a/b", "main"); err == nil {
		t.Error("plain http was resolved")
	}
}

func TestResolveRefusesPrivateAddresses(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"127.0.0.1", "10.0.0.7", "::1", "fd00::1", "169.254.169.254"} {
		res := gitref.Resolver{LookupNetIP: func(context.Context, string, string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr("140.82.121.4"), netip.MustParseAddr(addr)}, nil
		}}
		if _, err := res.Resolve(t.Context(), "https://git.example.com/a/b", "main"); !errors.Is(err, gitref.ErrRefused) {
			t.Errorf("%s: err = %v, want ErrRefused", addr, err)
		}
	}
}

func TestResolveTimeout(t *testing.T) {
	t.Parallel()
	// A lookup that never answers: the resolver gives up after Timeout.
	res := gitref.Resolver{Timeout: 50 * time.Millisecond, LookupNetIP: func(ctx context.Context, _, _ string) ([]netip.Addr, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	if _, err := res.Resolve(t.Context(), "https://git.example.com/a/b", "main"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline", err)
	}
}
