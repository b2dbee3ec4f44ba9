package tools

import (
	"archive/zip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// releaseRepo makes a git repository holding this repository's contracts
// module, scripts and tools (the proxy publisher), as committed history for
// scripts/release.sh to work on.
func releaseRepo(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := newRepo(t)
	for _, sub := range []string{"contracts", "scripts", "tools"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	// A fresh history: no changelog of this repository's own releases.
	if err := os.Remove(filepath.Join(dir, "contracts", "CHANGELOG.md")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	commitAll(t, dir, "contracts: the shared types")
	return dir
}

// release runs the repository's own copy of scripts/release.sh.
func release(t *testing.T, repo string, args ...string) (string, error) {
	t.Helper()
	return run(t, repo, nil, filepath.Join(repo, "scripts", "release.sh"), args...)
}

func TestReleaseTagsAndWritesTheChangelog(t *testing.T) {
	t.Parallel()
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Fatal("the release tests the contracts module, whose tests need PostgreSQL: run `make test`, or set TEST_DATABASE_URL (e.g. TEST_DATABASE_URL=$(scripts/pg.sh url))")
	}
	repo := releaseRepo(t)

	refusals := []struct {
		args []string
		want string
	}{
		{[]string{"contracts"}, "usage"},
		{[]string{"engine", "v0.1.0"}, "unknown module"},
		{[]string{"contracts", "0.1.0"}, "not a semantic version"},
		{[]string{"contracts", "v2.0.0"}, "must end in /v2"},
	}
	for _, r := range refusals {
		if out, err := release(t, repo, r.args...); err == nil || !strings.Contains(out, r.want) {
			t.Errorf("release %v: want a refusal saying %q, got %v\n%s", r.args, r.want, err, out)
		}
	}
	writeFile(t, repo, "contracts/NOTES", []byte("uncommitted\n"))
	if out, err := release(t, repo, "contracts", "v0.1.0"); err == nil || !strings.Contains(out, "working tree has changes") {
		t.Fatalf("release from a dirty tree: %v\n%s", err, out)
	}
	commitAll(t, repo, "contracts: notes")

	out, err := release(t, repo, "contracts", "v0.1.0")
	if err != nil {
		t.Fatalf("release contracts v0.1.0: %v\n%s", err, out)
	}
	// Two commits: the changelog, tagged; then the tagged tree published
	// into the committed module proxy that web and collector build from.
	if got := must(t, repo, "git", "tag", "--points-at", "HEAD~1"); got != "contracts/v0.1.0\n" {
		t.Fatalf("tags on the release commit: %q", got)
	}
	if got := must(t, repo, "git", "log", "-2", "--format=%s"); got != "contracts: publish v0.1.0 into third_party/goproxy\ncontracts: release v0.1.0\n" {
		t.Errorf("release commit subjects: %q", got)
	}
	if got := must(t, repo, "git", "show", "--name-only", "--format=", "HEAD~1"); got != "contracts/CHANGELOG.md\n" {
		t.Errorf("the release commit changes %q, want the changelog alone", got)
	}
	const published = "third_party/goproxy/github.com/testlens/testlens/contracts/@v/"
	if got := must(t, repo, "git", "show", "--name-only", "--format=", "HEAD"); got != published+"list\n"+published+"v0.1.0.info\n"+published+"v0.1.0.mod\n"+published+"v0.1.0.zip\n" {
		t.Errorf("the publish commit changes %q, want the proxy files of v0.1.0", got)
	}
	// The published zip holds the tagged tree, changelog included.
	zr, err := zip.OpenReader(filepath.Join(repo, published, "v0.1.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zipped := map[string]bool{}
	for _, f := range zr.File {
		zipped[f.Name] = true
	}
	zr.Close()
	for _, name := range []string{"CHANGELOG.md", "go.mod", "NOTES"} {
		if !zipped["github.com/testlens/testlens/contracts@v0.1.0/"+name] {
			t.Errorf("the published zip lacks %s: %v", name, zipped)
		}
	}
	if got := must(t, repo, "git", "status", "--porcelain"); got != "" {
		t.Errorf("the release left changes behind:\n%s", got)
	}
	today := time.Now().UTC().Format("2006-01-02")
	changelog := func() string {
		raw, err := os.ReadFile(filepath.Join(repo, "contracts", "CHANGELOG.md"))
		if err != nil {
			t.Fatal(err)
		}
		// Commit hashes differ per run.
		return regexp.MustCompile(`\([0-9a-f]{7,}\)`).ReplaceAllString(string(raw), "(HASH)")
	}
	want := "# Changelog of contracts (github.com/testlens/testlens/contracts)\n\n" +
		"## v0.1.0 — " + today + "\n\n" +
		"- contracts: notes (HASH)\n" +
		"- contracts: the shared types (HASH)\n"
	if got := changelog(); got != want {
		t.Fatalf("CHANGELOG.md after v0.1.0:\n%s\nwant:\n%s", got, want)
	}

	// The next release lists only what touched contracts/ since v0.1.0.
	if out, err := release(t, repo, "contracts", "v0.1.1"); err == nil || !strings.Contains(out, "nothing to release") {
		t.Fatalf("release without changes: %v\n%s", err, out)
	}
	for v, want := range map[string]string{
		"v0.1.0":      "the tag contracts/v0.1.0 exists already",
		"v0.0.9":      "not greater than the latest release contracts/v0.1.0",
		"v0.1.0-rc.1": "not greater than the latest release contracts/v0.1.0",
	} {
		if out, err := release(t, repo, "contracts", v); err == nil || !strings.Contains(out, want) {
			t.Errorf("release %s after v0.1.0: want a refusal saying %q, got %v\n%s", v, want, err, out)
		}
	}
	writeFile(t, repo, "contracts/NOTES", []byte("changed\n"))
	commitAll(t, repo, "contracts: more notes")
	writeFile(t, repo, "scripts/NOTES", []byte("not contracts\n"))
	commitAll(t, repo, "scripts: notes")
	if out, err := release(t, repo, "contracts", "v0.2.0"); err != nil {
		t.Fatalf("release contracts v0.2.0: %v\n%s", err, out)
	}
	want = "# Changelog of contracts (github.com/testlens/testlens/contracts)\n\n" +
		"## v0.2.0 — " + today + "\n\n" +
		"- contracts: more notes (HASH)\n\n" +
		"## v0.1.0 — " + today + "\n\n" +
		"- contracts: notes (HASH)\n" +
		"- contracts: the shared types (HASH)\n"
	if got := changelog(); got != want {
		t.Fatalf("CHANGELOG.md after v0.2.0:\n%s\nwant:\n%s", got, want)
	}
	if got := must(t, repo, "git", "tag", "--list", "contracts/*"); got != "contracts/v0.1.0\ncontracts/v0.2.0\n" {
		t.Errorf("tags: %q", got)
	}
	if got := must(t, repo, "git", "cat-file", "-t", "contracts/v0.2.0"); got != "tag\n" {
		t.Errorf("contracts/v0.2.0 is a %q, want an annotated tag", got)
	}
	list, err := os.ReadFile(filepath.Join(repo, "third_party/goproxy/github.com/testlens/testlens/contracts/@v/list"))
	if err != nil || string(list) != "v0.1.0\nv0.2.0\n" {
		t.Errorf("the proxy's version list: %q, %v", list, err)
	}
}
