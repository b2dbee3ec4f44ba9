package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/testlens/testlens/collector/internal/engine"
	"github.com/testlens/testlens/collector/internal/gitclone"
	"github.com/testlens/testlens/collector/internal/store"
	"github.com/testlens/testlens/collector/internal/worker"
	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/contracts/repourl"
)

// Workers registers every job kind the collector works. A test asserts that
// every kind contracts defines is here: River refuses unregistered kinds.
func Workers(pool *pgxpool.Pool, cfg Config, logger *slog.Logger) *river.Workers {
	workers := river.NewWorkers()
	river.AddWorker(workers, worker.NewAnalyzeWorker(pool, worker.AnalyzeConfig{
		Policy:  repourl.Policy{AllowLocal: cfg.AllowLocalRepos},
		Clone:   gitclone.Options{Timeout: cfg.CloneTimeout, MaxBytes: cfg.MaxRepoBytes},
		Engine:  engine.Config{Workers: cfg.ParseWorkers, MaxFileBytes: cfg.MaxFileBytes, TimeLimit: cfg.ParseTimeLimit},
		Timeout: cfg.AnalysisTimeout,
		Logger:  logger,
	}))
	return workers
}

// NewClient builds the collector's River client on pool.
func NewClient(pool *pgxpool.Pool, cfg Config, logger *slog.Logger) (*river.Client[pgx.Tx], error) {
	return river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:     map[string]river.QueueConfig{jobs.QueueAnalysis: {MaxWorkers: cfg.Concurrency}},
		Workers:    Workers(pool, cfg, logger),
		Logger:     logger,
		JobTimeout: cfg.AnalysisTimeout,
		// A job of a crashed collector is rescued once it has been running
		// longer than this; it must exceed the job timeout.
		RescueStuckJobsAfter: cfg.AnalysisTimeout + 2*time.Minute,
		SoftStopTimeout:      cfg.SoftStopTimeout,
	})
}

// Run works the analysis queue until ctx is done, then stops softly: no new
// jobs, running ones get SoftStopTimeout to finish before they are cancelled
// and handed back to the queue.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	pool, err := pgxpool.New(context.WithoutCancel(ctx), cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	defer pool.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		if ctx.Err() != nil {
			// Told to stop while starting: nothing was taken, a clean exit.
			logger.Info("collector stopped before it started")
			return nil
		}
		return fmt.Errorf("database unreachable: %w", err)
	}

	client, err := NewClient(pool, cfg, logger)
	if err != nil {
		return err
	}
	// Start with a context that outlives ctx: cancelling the start context
	// would hard-stop at once; the soft stop below gives jobs time.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start river client: %w", err)
	}
	heartbeatDone := make(chan struct{})
	go func() {
		defer close(heartbeatDone)
		announceEngine(ctx, store.New(pool), logger)
	}()
	logger.Info("collector started", "queue", jobs.QueueAnalysis, "concurrency", cfg.Concurrency,
		"engine", engine.Version, "allow_local_repos", cfg.AllowLocalRepos)

	<-ctx.Done()
	<-heartbeatDone
	logger.Info("stopping: finishing running analyses", "soft_stop_timeout", cfg.SoftStopTimeout)
	stopCtx, cancelStop := context.WithTimeout(context.Background(), cfg.SoftStopTimeout+15*time.Second)
	defer cancelStop()
	if err := client.Stop(stopCtx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("stop: %w", err)
	}
	logger.Info("collector stopped")
	return nil
}

// engineHeartbeat is how often a collector re-announces its engine version.
const engineHeartbeat = time.Minute

// announceEngine records engine.Version as seen now and every
// engineHeartbeat until ctx is done, so that web dedups against the engine
// that collectors run (the most recently seen one during a rollout). A
// failure only costs dedup, never an analysis: it is logged, not fatal.
func announceEngine(ctx context.Context, st *store.Store, logger *slog.Logger) {
	tick := time.NewTicker(engineHeartbeat)
	defer tick.Stop()
	for {
		if err := st.SeenEngine(ctx, engine.Version); err != nil && ctx.Err() == nil {
			logger.Warn("could not record the engine version", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
