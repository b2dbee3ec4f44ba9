package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/testlens/testlens/contracts/inventory"
)

// cancelReason is the failure_reason of an analysis cancelled on request;
// the collector writes the same words when it stops a running one.
const cancelReason = "cancelled on request"

// CancelAnalysisOutput is the answer of cancelAnalysis: 200 with a queued
// analysis now cancelled or a finished one unchanged, 202 with a running one
// asked to stop.
type CancelAnalysisOutput struct {
	Status int
	Body   *Analysis
}

// cancelAnalysis cancels the River job and records the request in one
// transaction, holding the analysis row so that the collector's own status
// writes wait for it. River's answer says who holds the job: a job that no
// collector runs is cancelled at once (and so is the analysis); a running
// job's collector has its context cancelled (LISTEN/NOTIFY) and stores
// `cancelled` itself.
func (d Deps) cancelAnalysis(ctx context.Context, in *AnalysisIDInput) (*CancelAnalysisOutput, error) {
	tx, err := d.Pool.Begin(ctx)
	if err != nil {
		return nil, dbError(ctx, d.Log, "begin", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()

	var (
		status string
		jobID  *int64
	)
	err = tx.QueryRow(ctx, `SELECT status, job_id FROM analyses WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
		in.ID, DefaultTenant).Scan(&status, &jobID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(in.ID)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "cancel: lock analysis", err)
	}
	out := &CancelAnalysisOutput{Status: http.StatusOK}
	if inventory.AnalysisStatus(status).Terminal() {
		out.Body, err = d.findAnalysis(ctx, tx, in.ID, "cancel: read analysis")
		return out, err
	}

	var job *rivertype.JobRow
	if jobID != nil {
		job, err = d.Jobs.JobCancelTx(ctx, tx, *jobID)
		if errors.Is(err, river.ErrNotFound) {
			job, err = nil, nil
		}
		if err != nil {
			return nil, dbError(ctx, d.Log, "cancel: job", err)
		}
	}
	switch {
	case job == nil || job.State == rivertype.JobStateCancelled:
		// No collector holds it, and none will.
		_, err = tx.Exec(ctx, `
			UPDATE analyses SET status = 'cancelled', failure_reason = $2, finished_at = now(),
			       cancel_requested_at = coalesce(cancel_requested_at, now()), revision = revision + 1
			WHERE id = $1`, in.ID, cancelReason)
	case job.State == rivertype.JobStateRunning:
		out.Status = http.StatusAccepted
		_, err = tx.Exec(ctx, `
			UPDATE analyses SET cancel_requested_at = now(), revision = revision + 1
			WHERE id = $1 AND cancel_requested_at IS NULL`, in.ID)
	default:
		// The job already finished (completed or discarded) but the row
		// did not follow; leave the row to whoever owns it.
		d.Log.WarnContext(ctx, "cancel: job finished but analysis is not", "analysis_id", in.ID, "job_state", job.State)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "cancel: update analysis", err)
	}
	if out.Body, err = d.findAnalysis(ctx, tx, in.ID, "cancel: read analysis"); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, dbError(ctx, d.Log, "commit", err)
	}
	d.Log.InfoContext(ctx, "analysis cancel", "analysis_id", in.ID, "status", out.Body.Status, "answer", out.Status)
	return out, nil
}
