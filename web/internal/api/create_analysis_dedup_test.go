package api_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// gitRepo commits a repository with two commits on main and a branch
// "feature" one commit ahead, and returns its path and both heads.
func gitRepo(t *testing.T) (dir, main, feature string) {
	t.Helper()
	dir = t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com",
			"-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(content string) string {
		if err := os.WriteFile(filepath.Join(dir, "a_test.go"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		git("add", ".")
		git("commit", "-q", "-m", content)
		return git("rev-parse", "HEAD")
	}
	git("init", "-q")
	commit("package a // 1")
	main = commit("package a // 2")
	git("checkout", "-q", "-b", "feature")
	feature = commit("package a // 3")
	git("checkout", "-q", "main")
	return dir, main, feature
}

func TestCreateAnalysisDedup(t *testing.T) {
	t.Parallel()
	b := setupWith(t, &setupOpts{AllowLocal: ptr(true)})
	dir, mainSHA, featureSHA := gitRepo(t)
	url := "file://" + dir
	execSQL(t, b.pool, `INSERT INTO engines (version, seen_at) VALUES ('0.1.0', now() - interval '1 day'), ('0.2.0', now())`)
	done := insertAnalysis(t, b.pool, &analysisOpts{URL: &url, Status: ptr(inventory.AnalysisCompleted), CommitSHA: &mainSHA, EngineVersion: ptr("0.2.0")})
	// Neither an older engine's analysis of the feature commit nor a failed
	// one counts.
	insertAnalysis(t, b.pool, &analysisOpts{URL: &url, Status: ptr(inventory.AnalysisCompleted), CommitSHA: &featureSHA, EngineVersion: ptr("0.1.0")})
	insertAnalysis(t, b.pool, &analysisOpts{URL: &url, Status: ptr(inventory.AnalysisFailed), CommitSHA: &featureSHA, EngineVersion: ptr("0.2.0")})

	submit := func(t *testing.T, body string, want int) api.Analysis {
		t.Helper()
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", body)
		requireStatus(t, resp, raw, want)
		a := decode[api.Analysis](t, raw)
		if loc := resp.Header.Get("Location"); loc != api.AnalysisPath(a.ID) {
			t.Errorf("Location = %q for analysis %d", loc, a.ID)
		}
		return a
	}

	for _, ref := range []string{"", "main", "refs/heads/main", mainSHA, strings.ToUpper(mainSHA)} {
		t.Run("SameCommit/"+ref, func(t *testing.T) {
			if a := submit(t, `{"repository_url":"`+dir+`","ref":"`+ref+`"}`, http.StatusOK); a.ID != done || a.Status != inventory.AnalysisCompleted {
				t.Errorf("got analysis %d (%s), want the completed %d", a.ID, a.Status, done)
			}
		})
	}
	t.Run("Force", func(t *testing.T) {
		if a := submit(t, `{"repository_url":"`+dir+`","force":true}`, http.StatusAccepted); a.ID == done || a.Status != inventory.AnalysisQueued {
			t.Errorf("force: got %+v", a)
		}
	})
	t.Run("OtherCommit", func(t *testing.T) {
		submit(t, `{"repository_url":"`+dir+`","ref":"feature"}`, http.StatusAccepted)
	})
	t.Run("UnknownRef", func(t *testing.T) {
		// Not resolvable: no dedup; the collector reports the missing ref.
		submit(t, `{"repository_url":"`+dir+`","ref":"nope"}`, http.StatusAccepted)
	})
	t.Run("OtherRepository", func(t *testing.T) {
		other, _, _ := gitRepo(t)
		submit(t, `{"repository_url":"`+other+`","ref":"`+mainSHA+`"}`, http.StatusAccepted)
	})
	t.Run("NewEngine", func(t *testing.T) {
		b := setupWith(t, &setupOpts{AllowLocal: ptr(true)})
		insertAnalysis(t, b.pool, &analysisOpts{URL: &url, Status: ptr(inventory.AnalysisCompleted), CommitSHA: &mainSHA, EngineVersion: ptr("0.2.0")})
		// No engine seen yet: no dedup.
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"`+dir+`"}`)
		requireStatus(t, resp, raw, http.StatusAccepted)
		// Collectors now run 0.3.0: 0.2.0's inventory is not reused.
		execSQL(t, b.pool, `INSERT INTO engines (version, seen_at) VALUES ('0.2.0', now() - interval '1 minute'), ('0.3.0', now())`)
		resp, raw = b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"`+dir+`"}`)
		requireStatus(t, resp, raw, http.StatusAccepted)
	})
	if n := count(t, b.pool, "river_job"); n != 4 {
		t.Errorf("%d jobs, want 4 (force, feature, nope, other repository)", n)
	}
}
