package api

import (
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/testlens/testlens/contracts/repourl"
	"github.com/testlens/testlens/web/internal/gitref"
)

// DefaultTenant owns every row until API keys bring real tenants. Every
// write sets it and every read filters on it, so that adding tenants later
// changes where the value comes from, not the queries.
const DefaultTenant = "default"

// Deps are what the operations need at request time.
type Deps struct {
	// Pool is the database of the Testlens tables and River's queue.
	Pool *pgxpool.Pool
	// Jobs is an insert-only River client (no queues, no workers): web only
	// enqueues; collectors work the jobs.
	Jobs *river.Client[pgx.Tx]
	// Policy decides which repository URLs are accepted.
	Policy repourl.Policy
	// Log receives handler errors; lines logged with a request's context
	// carry its request id when the logger's handler adds it.
	Log *slog.Logger
	// Refs resolves a submitted ref to a commit (git ls-remote) for
	// deduplication. NewDeps makes one that honours Policy.AllowLocal.
	Refs gitref.Resolver
	// Done, when closed, ends the long-lived event streams
	// (getAnalysisEvents), so that a graceful shutdown need not wait for
	// them; clients reconnect with Last-Event-ID. nil never closes.
	Done <-chan struct{}
}

// NewDeps wires the operations' dependencies around pool. It does not
// connect: a database that is down at startup makes requests answer 503
// until it is back.
func NewDeps(pool *pgxpool.Pool, policy repourl.Policy, log *slog.Logger) (Deps, error) {
	jobs, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: log})
	if err != nil {
		return Deps{}, fmt.Errorf("river client: %w", err)
	}
	return Deps{Pool: pool, Jobs: jobs, Policy: policy, Log: log, Refs: gitref.Resolver{AllowLocal: policy.AllowLocal}}, nil
}
