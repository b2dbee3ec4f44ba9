package service

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/collector/internal/engine"
	"github.com/testlens/testlens/collector/internal/store"
	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/jobs"
)

// TestEveryJobKindHasAWorker: a River client with workers refuses to insert
// a kind it has no worker for, so inserting one job of every kind contracts
// defines proves the collector can work all of them.
func TestEveryJobKindHasAWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, dbURL := dbtest.NewPool(t)

	cfg, err := FromEnv(func(k string) string {
		if k == "DATABASE_URL" {
			return dbURL
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	client, err := NewClient(pool, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range jobs.All() {
		if _, err := client.Insert(ctx, args, nil); err != nil {
			t.Errorf("kind %s: %v", args.Kind(), err)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()

	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	cfg, err := FromEnv(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Concurrency != 2 || cfg.AnalysisTimeout != jobs.AnalyzeRepositoryTimeout || cfg.CloneTimeout != 5*time.Minute ||
		cfg.SoftStopTimeout != 30*time.Second || cfg.MaxFileBytes != 2<<20 || cfg.AllowLocalRepos {
		t.Fatalf("defaults not applied: %+v", cfg)
	}

	_, err = FromEnv(env(map[string]string{
		"TESTLENS_COLLECTOR_CONCURRENCY": "zero",
		"TESTLENS_ANALYSIS_TIMEOUT":      "1m",
		"TESTLENS_CLONE_TIMEOUT":         "5m",
		"TESTLENS_ALLOW_LOCAL_REPOS":     "maybe",
		"TESTLENS_LOG_LEVEL":             "loud",
	}))
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, name := range []string{"DATABASE_URL", "TESTLENS_COLLECTOR_CONCURRENCY", "TESTLENS_CLONE_TIMEOUT", "TESTLENS_ALLOW_LOCAL_REPOS", "TESTLENS_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

// TestAnnounceEngine: a running collector records its engine version at
// once, and the announcer stops with its context.
func TestAnnounceEngine(t *testing.T) {
	t.Parallel()
	pool, _ := dbtest.NewPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		announceEngine(ctx, store.New(pool), slog.New(slog.DiscardHandler))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var version string
		err := pool.QueryRow(context.Background(), `SELECT version FROM engines`).Scan(&version)
		if err == nil {
			if version != engine.Version {
				t.Fatalf("engines has %q, want %q", version, engine.Version)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("engine version not recorded: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("announceEngine did not stop with its context")
	}
}
