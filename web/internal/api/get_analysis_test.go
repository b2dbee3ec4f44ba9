package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

func TestGetAnalysis(t *testing.T) {
	t.Parallel()
	b := setup(t)

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodGet, "/v1/analyses/987654", "")
		p := requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)
		if p.Detail != "analysis 987654 not found" {
			t.Errorf("detail = %q", p.Detail)
		}
	})

	t.Run("IDBelowOne", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodGet, "/v1/analyses/0", "")
		p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
		if len(p.Errors) != 1 || p.Errors[0].Location != "path.id" {
			t.Errorf("errors = %s", raw)
		}
	})

	t.Run("Completed", func(t *testing.T) {
		t.Parallel()
		started := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
		finished := started.Add(42 * time.Second)
		files := []inventory.File{{
			Path: "a_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
			Tests: []inventory.Test{
				{SuitePath: []string{}, Name: "TestA", Line: 3, Status: inventory.TestActive, Kind: inventory.KindTest},
				{SuitePath: []string{"TestA"}, Name: "case", Line: 5, Status: inventory.TestSkipped, Kind: inventory.KindCase},
			},
		}}
		summary := inventory.Summarize(files)
		id := insertAnalysis(t, b.pool, &analysisOpts{
			Ref:           ptr("v1.2.3"),
			Status:        ptr(inventory.AnalysisCompleted),
			CommitSHA:     ptr("3f786850e387550fdab836ed7e6dc881de23001b"),
			EngineVersion: ptr("0.1.0"),
			Attempts:      ptr(1),
			StartedAt:     &started,
			FinishedAt:    &finished,
			Progress:      &api.Progress{FilesTotal: 1, FilesDone: 1, TestsFound: 2},
			Summary:       &summary,
		})
		insertFiles(t, b.pool, id, files)

		got, _ := get[api.Analysis](t, b, fmt.Sprintf("/v1/analyses/%d", id), http.StatusOK)
		if got.ID != id || got.Status != inventory.AnalysisCompleted || got.Ref != "v1.2.3" ||
			got.RepositoryURL != "https://github.com/testlens/example" ||
			got.CommitSHA != "3f786850e387550fdab836ed7e6dc881de23001b" || got.EngineVersion != "0.1.0" ||
			got.Attempts != 1 || got.FailureReason != "" ||
			got.StartedAt == nil || !got.StartedAt.Equal(started) || got.FinishedAt == nil || !got.FinishedAt.Equal(finished) ||
			got.Progress != (api.Progress{FilesTotal: 1, FilesDone: 1, TestsFound: 2}) {
			t.Errorf("analysis = %+v", got)
		}
		if got.Summary == nil || !reflect.DeepEqual(*got.Summary, summary) {
			t.Errorf("summary = %+v, want %+v", got.Summary, summary)
		}
	})

	t.Run("FailedHasReasonAndNoSummary", func(t *testing.T) {
		t.Parallel()
		// A summary left by an interrupted attempt is not shown: only a
		// completed analysis has one.
		id := insertAnalysis(t, b.pool, &analysisOpts{
			Status:        ptr(inventory.AnalysisFailed),
			FailureReason: ptr("repository not found"),
			Summary:       &inventory.Summary{Files: 3},
		})
		_, resp := get[api.Analysis](t, b, fmt.Sprintf("/v1/analyses/%d", id), http.StatusOK)
		_, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d", id), "")
		m := decode[map[string]any](t, raw)
		if m["failure_reason"] != "repository not found" || m["summary"] != nil || m["ref"] != nil || m["commit_sha"] != nil || m["started_at"] != nil {
			t.Errorf("body = %s", raw)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
	})
}
