package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/semver"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/e2e/harness"
)

// skewBaselineFile pins the commit whose web and collector the current ones
// must interoperate with until a module has release tags; from then on the
// latest `web/v*` and `collector/v*` tags are the baseline
// (docs/releasing.md).
const skewBaselineFile = "e2e/testdata/skew-baseline"

// TestVersionSkew is `make test-skew`: web and collector built from the
// baseline and from this commit, run both ways against one database that the
// newer collector migrated — an expand step over the baseline's schema.
//
//  1. The baseline collector migrates an empty database to its schema.
//  2. This commit's collector plans the step to the newer schema: it must
//     not be destructive; then it applies it.
//  3. On that database, each pair analyzes a repository: old web + old
//     collector (older releases keep working on the expanded schema), old
//     web + new collector, new web + old collector.
func TestVersionSkew(t *testing.T) {
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	webRef, collectorRef, err := skewBaseline(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("baseline: web %s, collector %s", webRef, collectorRef)
	old := harness.Binaries{
		Web:       buildModuleAt(ctx, t, root, webRef, "web"),
		Collector: buildModuleAt(ctx, t, root, collectorRef, "collector"),
	}

	dbURL := dbtest.NewEmpty(t)
	if out, err := runCollector(ctx, old.Collector, dbURL, "migrate"); err != nil {
		t.Fatalf("baseline collector migrate: %v\n%s", err, out)
	}
	plan, err := runCollector(ctx, bins.Collector, dbURL, "migrate", "--plan")
	if err != nil {
		// Exit status 3 is a destructive plan: a release must never need one
		// while the baseline is supported.
		t.Fatalf("the step from the baseline schema is not a plain expand: %v\n%s", err, plan)
	}
	t.Logf("expand plan from the baseline schema:\n%s", plan)
	if out, err := runCollector(ctx, bins.Collector, dbURL, "migrate"); err != nil {
		t.Fatalf("migrate to this commit's schema: %v\n%s", err, out)
	}

	for _, pair := range []struct {
		name string
		bins harness.Binaries
	}{
		{"old web + old collector on the expanded schema", old},
		{"old web + new collector", harness.Binaries{Web: old.Web, Collector: bins.Collector}},
		{"new web + old collector", harness.Binaries{Web: bins.Web, Collector: old.Collector}},
	} {
		t.Run(pair.name, func(t *testing.T) {
			analyzeWith(ctx, t, pair.bins, dbURL)
		})
	}
}

// analyzeWith runs web and collector from bins on dbURL, analyzes a fresh
// repository through the API and checks the result against what that
// collector's own `inventory` command finds in the same checkout.
func analyzeWith(ctx context.Context, t *testing.T, bins harness.Binaries, dbURL string) {
	t.Helper()
	client := startStack(ctx, t, bins, dbURL)
	repo := goRepo(t)

	submitted, _, err := client.Submit(ctx, repo, "")
	if err != nil {
		t.Fatal(err)
	}
	done, err := client.Wait(ctx, submitted.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != inventory.AnalysisCompleted || done.CommitSHA == "" {
		t.Fatalf("analysis ended %s (%s), want completed with a commit", done.Status, done.FailureReason)
	}

	out, err := exec.CommandContext(ctx, bins.Collector, "inventory", "--json", repo).Output()
	if err != nil {
		t.Fatalf("collector inventory: %v", err)
	}
	var local inventory.Document
	if err := json.Unmarshal(out, &local); err != nil {
		t.Fatal(err)
	}
	if done.Summary == nil || done.Summary.Tests != local.Summary.Tests || done.Summary.Files != local.Summary.Files {
		t.Fatalf("API summary %+v, the collector's own inventory %+v", done.Summary, local.Summary)
	}
	tests, _, err := client.Tests(ctx, submitted.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) != local.Summary.Tests {
		t.Fatalf("the API pages %d tests, the inventory has %d", len(tests), local.Summary.Tests)
	}
}

// startStack runs web and collector from bins on dbURL until the test ends.
func startStack(ctx context.Context, t *testing.T, bins harness.Binaries, dbURL string) *harness.Client {
	t.Helper()
	stack, err := harness.Start(ctx, harness.Options{
		Binaries:    bins,
		DatabaseURL: dbURL,
		Env:         []string{"TESTLENS_ALLOW_LOCAL_REPOS=1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stack.Stop(); err != nil {
			t.Errorf("services did not stop cleanly: %v", err)
		}
		if t.Failed() {
			t.Logf("service logs:\n%s", stack.Logs())
		}
	})
	return &harness.Client{BaseURL: stack.URL}
}

// skewBaseline names the refs of web and collector to test against: each
// module's latest release tag, else the pinned commit.
func skewBaseline(root string) (web, collector string, err error) {
	pinned, err := os.ReadFile(filepath.Join(root, skewBaselineFile))
	if err != nil {
		return "", "", err
	}
	var commit string
	for _, line := range strings.Split(string(pinned), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			commit = line
			break
		}
	}
	if commit == "" {
		return "", "", fmt.Errorf("%s names no commit", skewBaselineFile)
	}
	refs := [2]string{}
	for i, module := range []string{"web", "collector"} {
		refs[i] = commit
		if tag := latestTag(root, module); tag != "" {
			refs[i] = tag
		}
		if err := exec.Command("git", "-C", root, "cat-file", "-e", refs[i]+"^{commit}").Run(); err != nil {
			return "", "", fmt.Errorf("baseline %s of %s is not in this clone (a shallow clone? `git fetch --unshallow`)", refs[i], module)
		}
	}
	return refs[0], refs[1], nil
}

// latestTag is the highest `<module>/vX.Y.Z` tag, or "".
func latestTag(root, module string) string {
	out, err := exec.Command("git", "-C", root, "tag", "--list", module+"/v*").Output()
	if err != nil {
		return ""
	}
	var versions []string
	for _, tag := range strings.Fields(string(out)) {
		if v := strings.TrimPrefix(tag, module+"/"); semver.IsValid(v) {
			versions = append(versions, v)
		}
	}
	if len(versions) == 0 {
		return ""
	}
	sort.Slice(versions, func(i, j int) bool { return semver.Compare(versions[i], versions[j]) < 0 })
	return module + "/" + versions[len(versions)-1]
}

// buildModuleAt builds one module's binary as it was at ref, from a `git
// archive` of that commit (the module and contracts, which it replaces),
// outside any workspace — as that release was built.
func buildModuleAt(ctx context.Context, t *testing.T, root, ref, module string) string {
	t.Helper()
	src := t.TempDir()
	archive := exec.CommandContext(ctx, "git", "-C", root, "archive", "--format=tar", ref, "contracts", module)
	var tarball, stderr bytes.Buffer
	archive.Stdout, archive.Stderr = &tarball, &stderr
	if err := archive.Run(); err != nil {
		t.Fatalf("git archive %s: %v\n%s", ref, err, stderr.String())
	}
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", src)
	untar.Stdin = &tarball
	if out, err := untar.CombinedOutput(); err != nil {
		t.Fatalf("untar %s: %v\n%s", ref, err, out)
	}
	// src has no go.work: the module builds on its own, with its replace
	// of ../contracts, as it did at ref.
	bin := filepath.Join(t.TempDir(), module)
	if err := harness.BuildModule(ctx, src, module, bin); err != nil {
		t.Fatalf("at %s: %v", ref, err)
	}
	return bin
}

// runCollector runs a collector subcommand against dbURL.
func runCollector(ctx context.Context, bin, dbURL string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		err = fmt.Errorf("exit status %d", exit.ExitCode())
	}
	return string(out), err
}
