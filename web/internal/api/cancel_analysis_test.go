package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// submitted creates an analysis through the API, so that it has a real
// River job, and returns it.
func submitted(t *testing.T, b *testBundle) api.Analysis {
	t.Helper()
	resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"https://github.com/testlens/example"}`)
	requireStatus(t, resp, raw, http.StatusAccepted)
	return decode[api.Analysis](t, raw)
}

func jobState(t *testing.T, pool *pgxpool.Pool, analysisID int64) (state string, cancelAttempted bool) {
	t.Helper()
	err := pool.QueryRow(context.Background(), `
		SELECT j.state, j.metadata ? 'cancel_attempted_at'
		FROM river_job j JOIN analyses a ON a.job_id = j.id WHERE a.id = $1`, analysisID).Scan(&state, &cancelAttempted)
	if err != nil {
		t.Fatal(err)
	}
	return state, cancelAttempted
}

func TestCancelAnalysis(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cancel := func(t *testing.T, id int64, want int) api.Analysis {
		t.Helper()
		resp, raw := b.do(t, http.MethodPost, fmt.Sprintf("/v1/analyses/%d/cancel", id), "")
		requireStatus(t, resp, raw, want)
		return decode[api.Analysis](t, raw)
	}

	t.Run("QueuedIsCancelledAtOnce", func(t *testing.T) {
		t.Parallel()
		q := submitted(t, b)
		a := cancel(t, q.ID, http.StatusOK)
		if a.Status != inventory.AnalysisCancelled || a.FinishedAt == nil || a.CancelRequestedAt == nil ||
			a.Revision != q.Revision+1 || a.FailureReason != "cancelled on request" {
			t.Errorf("after cancel: %+v (was revision %d)", a, q.Revision)
		}
		if state, _ := jobState(t, b.pool, q.ID); state != "cancelled" {
			t.Errorf("job state = %s, want cancelled", state)
		}
		// Cancelling again is a no-op.
		if again := cancel(t, q.ID, http.StatusOK); again.Revision != a.Revision || again.Status != inventory.AnalysisCancelled {
			t.Errorf("second cancel changed it: %+v", again)
		}
	})

	t.Run("RunningIsAskedToStop", func(t *testing.T) {
		t.Parallel()
		q := submitted(t, b)
		// A collector has taken the job.
		execSQL(t, b.pool, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = now() WHERE id = (SELECT job_id FROM analyses WHERE id = $1)`, q.ID)
		execSQL(t, b.pool, `UPDATE analyses SET status = 'running', started_at = now(), revision = revision + 1 WHERE id = $1`, q.ID)
		a := cancel(t, q.ID, http.StatusAccepted)
		if a.Status != inventory.AnalysisRunning || a.CancelRequestedAt == nil || a.FinishedAt != nil || a.Revision != q.Revision+2 {
			t.Errorf("after cancel: %+v (was revision %d)", a, q.Revision)
		}
		if state, attempted := jobState(t, b.pool, q.ID); state != "running" || !attempted {
			t.Errorf("job state = %s, cancel attempted %v; want running with a cancel attempt", state, attempted)
		}
		again := cancel(t, q.ID, http.StatusAccepted)
		if again.Revision != a.Revision || !again.CancelRequestedAt.Equal(*a.CancelRequestedAt) {
			t.Errorf("second cancel changed it: %+v", again)
		}
	})

	t.Run("RetryingIsCancelledAtOnce", func(t *testing.T) {
		t.Parallel()
		q := submitted(t, b)
		// An attempt failed; River waits before the next one.
		execSQL(t, b.pool, `UPDATE river_job SET state = 'retryable', attempt = 1, scheduled_at = now() + interval '1 minute' WHERE id = (SELECT job_id FROM analyses WHERE id = $1)`, q.ID)
		if a := cancel(t, q.ID, http.StatusOK); a.Status != inventory.AnalysisCancelled {
			t.Errorf("status = %s", a.Status)
		}
		if state, _ := jobState(t, b.pool, q.ID); state != "cancelled" {
			t.Errorf("job state = %s, want cancelled", state)
		}
	})

	t.Run("TerminalIsUnchanged", func(t *testing.T) {
		t.Parallel()
		for _, s := range []inventory.AnalysisStatus{inventory.AnalysisCompleted, inventory.AnalysisFailed, inventory.AnalysisCancelled} {
			id := insertAnalysis(t, b.pool, &analysisOpts{Status: &s})
			before, _ := get[api.Analysis](t, b, api.AnalysisPath(id), http.StatusOK)
			a := cancel(t, id, http.StatusOK)
			if a.Status != s || a.Revision != before.Revision || a.CancelRequestedAt != nil {
				t.Errorf("%s: after cancel %+v", s, a)
			}
		}
	})

	t.Run("QueuedWithoutJob", func(t *testing.T) {
		t.Parallel()
		id := insertAnalysis(t, b.pool, nil)
		if a := cancel(t, id, http.StatusOK); a.Status != inventory.AnalysisCancelled {
			t.Errorf("status = %s", a.Status)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses/987654/cancel", "")
		requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)
	})
}
