// Package worker holds the collector's River workers.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/testlens/testlens/collector/internal/engine"
	"github.com/testlens/testlens/collector/internal/gitclone"
	"github.com/testlens/testlens/collector/internal/store"
	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/contracts/repourl"
)

// AnalyzeConfig configures AnalyzeWorker.
type AnalyzeConfig struct {
	// Policy is re-applied to every job's URL before cloning, so that a job
	// inserted by anything but the API cannot reach further. Defaults to
	// remote https repositories only.
	Policy repourl.Policy
	// Clone limits each clone (time, size).
	Clone gitclone.Options
	// Engine configures parsing (workers, per-file limit).
	Engine engine.Config
	// Timeout bounds one attempt: clone, parse and store. Defaults to
	// jobs.AnalyzeRepositoryTimeout.
	Timeout time.Duration
	// BatchFiles is how many files are written to the database at once.
	// Defaults to 200.
	BatchFiles int
	// ProgressInterval is the longest time between two progress updates
	// of a running analysis. Defaults to one second.
	ProgressInterval time.Duration
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// WithDefaults returns c with every zero field set to its default.
func (c AnalyzeConfig) WithDefaults() AnalyzeConfig {
	if c.Timeout <= 0 {
		c.Timeout = jobs.AnalyzeRepositoryTimeout
	}
	if c.BatchFiles <= 0 {
		c.BatchFiles = 200
	}
	if c.ProgressInterval <= 0 {
		c.ProgressInterval = time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	c.Clone = c.Clone.WithDefaults()
	c.Engine = c.Engine.WithDefaults()
	return c
}

// AnalyzeWorker works analyze_repository jobs: clone, scan, store, and
// complete the job in the transaction of the final write.
type AnalyzeWorker struct {
	river.WorkerDefaults[jobs.AnalyzeRepositoryArgs]

	pool  *pgxpool.Pool
	store *store.Store
	cfg   AnalyzeConfig
}

// NewAnalyzeWorker returns a worker writing to pool.
func NewAnalyzeWorker(pool *pgxpool.Pool, cfg AnalyzeConfig) *AnalyzeWorker {
	return &AnalyzeWorker{pool: pool, store: store.New(pool), cfg: cfg.WithDefaults()}
}

// Timeout is finite on purpose: River's default is one minute (too short
// for a clone), and a job without a timeout is never rescued.
func (w *AnalyzeWorker) Timeout(*river.Job[jobs.AnalyzeRepositoryArgs]) time.Duration {
	return w.cfg.Timeout
}

// permanent is a failure to report to the client without retrying.
type permanent struct{ reason string }

func (p *permanent) Error() string { return p.reason }

// refusedData reports whether PostgreSQL refused what the analysis tried to
// store (SQLSTATE class 22, data exception: a value its type cannot hold):
// the same inventory would be refused again, so retrying cannot help.
func refusedData(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && len(pg.Code) == 5 && pg.Code[:2] == "22"
}

// Work runs one attempt.
func (w *AnalyzeWorker) Work(ctx context.Context, job *river.Job[jobs.AnalyzeRepositoryArgs]) error {
	args := job.Args
	log := w.cfg.Logger.With("analysis_id", args.AnalysisID, "job_id", job.ID, "attempt", job.Attempt)

	if err := w.store.Start(ctx, args.AnalysisID, job.Attempt, engine.Version); err != nil {
		if errors.Is(err, store.ErrGone) {
			log.Info("nothing to do", "reason", err)
			return river.JobCancel(err)
		}
		return err
	}
	started := time.Now()
	summary, commit, err := w.analyze(ctx, job)
	if err == nil {
		log.Info("analysis completed", "commit", commit, "files", summary.Files, "tests", summary.Tests, "duration", time.Since(started))
		return nil
	}
	return w.fail(ctx, job, log, err)
}

func (w *AnalyzeWorker) analyze(ctx context.Context, job *river.Job[jobs.AnalyzeRepositoryArgs]) (inventory.Summary, string, error) {
	args := job.Args
	canonical, err := w.cfg.Policy.Check(args.RepositoryURL)
	if err != nil {
		return inventory.Summary{}, "", &permanent{reason: "repository URL refused: " + err.Error()}
	}
	checkout, err := gitclone.Clone(ctx, canonical, args.Ref, w.cfg.Clone)
	if err != nil {
		return inventory.Summary{}, "", err
	}
	defer checkout.Close()
	if err := w.store.SetCommit(ctx, args.AnalysisID, checkout.Commit); err != nil {
		return inventory.Summary{}, "", err
	}

	var (
		summarizer inventory.Summarizer
		batch      []inventory.File
		progress   store.Progress
		flushed    = time.Now()
	)
	flush := func() error {
		err := w.store.WriteBatch(ctx, args.AnalysisID, batch, progress)
		batch, flushed = batch[:0], time.Now()
		return err
	}
	cfg := w.cfg.Engine
	// Progress reaches clients at least every ProgressInterval even while
	// a batch fills slowly (large files, few tests).
	cfg.Progress = func(done, total int) error {
		if done == 0 {
			return w.store.SetTotal(ctx, args.AnalysisID, total)
		}
		progress.FilesDone = done
		if time.Since(flushed) >= w.cfg.ProgressInterval {
			return flush()
		}
		return nil
	}
	_, err = engine.Scan(ctx, checkout.Dir, cfg, func(f *inventory.File) error {
		summarizer.Add(f)
		progress.TestsFound += len(f.Tests)
		batch = append(batch, *f)
		if len(batch) >= w.cfg.BatchFiles {
			return flush()
		}
		return nil
	})
	if err != nil {
		return inventory.Summary{}, "", err
	}
	if err := flush(); err != nil {
		return inventory.Summary{}, "", err
	}

	summary := summarizer.Summary()
	err = pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		if err := store.Complete(ctx, tx, args.AnalysisID, checkout.Commit, summary); err != nil {
			return err
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
	return summary, checkout.Commit, err
}

// fail decides what an error means for the analysis and for River.
func (w *AnalyzeWorker) fail(ctx context.Context, job *river.Job[jobs.AnalyzeRepositoryArgs], log *slog.Logger, err error) error {
	id := job.Args.AnalysisID
	// The job's context may be done; the bookkeeping must still happen.
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()

	var perm *permanent
	cause := context.Cause(ctx)
	switch {
	case errors.As(err, &perm) || gitclone.IsPermanent(err) || refusedData(err):
		log.Warn("analysis failed permanently", "reason", err)
		if ferr := w.store.Finish(bg, id, inventory.AnalysisFailed, err.Error()); ferr != nil {
			return ferr
		}
		return river.JobCancel(err)

	case errors.Is(cause, river.ErrJobCancelledRemotely):
		log.Info("analysis cancelled")
		if ferr := w.store.Finish(bg, id, inventory.AnalysisCancelled, "cancelled on request"); ferr != nil {
			return ferr
		}
		return river.JobCancel(err)

	case ctx.Err() != nil && errors.Is(cause, context.DeadlineExceeded):
		reason := fmt.Sprintf("the analysis took longer than the %s limit", w.cfg.Timeout)
		log.Warn("analysis timed out", "limit", w.cfg.Timeout)
		if ferr := w.store.Finish(bg, id, inventory.AnalysisFailed, reason); ferr != nil {
			return ferr
		}
		return river.JobCancel(errors.New(reason))

	case ctx.Err() != nil:
		// Collector shutting down: River puts the job back for another
		// collector, so the analysis is queued again.
		log.Info("analysis interrupted by shutdown; it will run again")
		if ferr := w.store.Retrying(bg, id, "interrupted by a collector shutdown; queued again"); ferr != nil {
			return ferr
		}
		return err

	case job.Attempt >= job.MaxAttempts:
		reason := fmt.Sprintf("gave up after %d attempts: %v", job.Attempt, err)
		log.Error("analysis failed", "reason", reason)
		if ferr := w.store.Finish(bg, id, inventory.AnalysisFailed, reason); ferr != nil {
			return ferr
		}
		return err

	default:
		log.Warn("analysis attempt failed; will retry", "error", err)
		if ferr := w.store.Retrying(bg, id, fmt.Sprintf("attempt %d failed, retrying: %v", job.Attempt, err)); ferr != nil {
			return ferr
		}
		return err
	}
}
