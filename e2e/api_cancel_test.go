package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/e2e/harness"
)

// cancelStopLimit is how soon after POST /cancel a running analysis must be
// cancelled (docs/api.md).
const cancelStopLimit = 2 * time.Second

// TestCancelRunningAnalysis: a client cancels an analysis while a collector
// works on it; the API answers 202 at once, the collector stops within
// cancelStopLimit, the analysis ends cancelled without an inventory, and
// the collector goes on to take new work.
func TestCancelRunningAnalysis(t *testing.T) {
	t.Parallel()
	b, id := startLifecycle(t)

	start := time.Now()
	req, err := http.NewRequestWithContext(b.ctx, http.MethodPost, fmt.Sprintf("%s/v1/analyses/%d/cancel", b.stack.URL, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	var requested struct {
		Status            inventory.AnalysisStatus `json:"status"`
		CancelRequestedAt *time.Time               `json:"cancel_requested_at"`
	}
	if err := json.Unmarshal(raw, &requested); err != nil || resp.StatusCode != http.StatusAccepted ||
		requested.Status != inventory.AnalysisRunning || requested.CancelRequestedAt == nil {
		t.Fatalf("cancel: %d %s (%v); want 202 with the running analysis and cancel_requested_at", resp.StatusCode, raw, err)
	}

	var a harness.Analysis
	for {
		if a, err = b.client.Get(b.ctx, id); err != nil {
			t.Fatal(err)
		}
		if a.Status.Terminal() || time.Since(start) > cancelStopLimit {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	if a.Status != inventory.AnalysisCancelled || took > cancelStopLimit {
		t.Fatalf("%s after the cancel: %s (%q); want cancelled within %s", took.Round(time.Millisecond), a.Status, a.FailureReason, cancelStopLimit)
	}
	t.Logf("cancelled %s after the request", took.Round(time.Millisecond))
	if a.FinishedAt == nil || a.Summary != nil {
		t.Errorf("cancelled analysis: finished_at %v, summary %+v", a.FinishedAt, a.Summary)
	}
	var he *harness.HTTPError
	if _, err := b.client.Inventory(b.ctx, id); !errors.As(err, &he) || he.Status != http.StatusConflict {
		t.Errorf("inventory of a cancelled analysis: %v, want 409", err)
	}

	// Cancelling again is a no-op, and the collector takes new work.
	if _, err := b.client.Do(b.ctx, http.MethodPost, fmt.Sprintf("/v1/analyses/%d/cancel", id), nil, &a); err != nil || a.Status != inventory.AnalysisCancelled {
		t.Errorf("second cancel: %v, %s", err, a.Status)
	}
	next, _, err := b.client.Submit(b.ctx, goRepo(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if done, err := b.client.Wait(b.ctx, next.ID, nil); err != nil || done.Status != inventory.AnalysisCompleted {
		t.Errorf("next analysis: %s, %v", done.Status, err)
	}
}
