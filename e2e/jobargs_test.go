package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/e2e/harness"
)

// rawJob inserts job arguments exactly as a golden fixture spells them, the
// way an older web release would have enqueued them.
type rawJob struct {
	kind string
	args json.RawMessage
}

func (r rawJob) Kind() string                 { return r.kind }
func (r rawJob) MarshalJSON() ([]byte, error) { return r.args, nil }

// TestEveryJobArgsVersionIsWorked: every job-args version ever released
// (contracts/jobs/testdata/<kind>.v<N>.json, kept forever) is worked to
// completion by this commit's collector. Only the analysis id and the
// repository are swapped for ones this test owns; every other field stays
// as the fixture has it.
func TestEveryJobArgsVersionIsWorked(t *testing.T) {
	t.Parallel()
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Glob(filepath.Join(root, "contracts", "jobs", "testdata", "*.v*.json"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no job-args fixtures found: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	pool, dbURL := dbtest.NewPool(t)
	client := startStack(ctx, t, bins, dbURL)
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	repo := goRepo(t)
	branch, err := exec.Command("git", "-C", repo, "branch", "--show-current").Output()
	if err != nil {
		t.Fatal(err)
	}

	for _, fixture := range fixtures {
		name := filepath.Base(fixture)
		t.Run(name, func(t *testing.T) {
			golden, err := os.ReadFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			var args map[string]any
			if err := json.Unmarshal(golden, &args); err != nil {
				t.Fatal(err)
			}
			id := insertAnalysis(ctx, t, pool, repo)
			args["analysis_id"] = id
			args["repository_url"] = repo
			if _, ok := args["ref"]; ok {
				args["ref"] = strings.TrimSpace(string(branch))
			}
			raw, err := json.Marshal(args)
			if err != nil {
				t.Fatal(err)
			}
			kind := strings.SplitN(name, ".", 2)[0]
			if _, err := inserter.Insert(ctx, rawJob{kind: kind, args: raw}, &river.InsertOpts{Queue: jobs.QueueAnalysis}); err != nil {
				t.Fatal(err)
			}
			done, err := client.Wait(ctx, id, nil)
			if err != nil {
				t.Fatal(err)
			}
			if done.Status != inventory.AnalysisCompleted || done.Summary == nil || done.Summary.Tests == 0 {
				t.Fatalf("%s: analysis ended %s (%s) with %+v", name, done.Status, done.FailureReason, done.Summary)
			}
		})
	}
}

// insertAnalysis records a queued analysis of repo the way web does.
func insertAnalysis(ctx context.Context, t *testing.T, pool *pgxpool.Pool, repo string) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(ctx, `
		WITH r AS (
			INSERT INTO repositories (url) VALUES ($1)
			ON CONFLICT (tenant_id, url) DO UPDATE SET url = excluded.url RETURNING id)
		INSERT INTO analyses (repository_id) SELECT id FROM r RETURNING id`, repo).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
