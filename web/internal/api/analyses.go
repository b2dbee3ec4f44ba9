package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// Analysis is one analysis of one repository at one ref, as the API shows it.
type Analysis struct {
	ID            int64                    `json:"id" doc:"Identifier of the analysis." example:"42"`
	RepositoryURL string                   `json:"repository_url" doc:"Canonical form of the submitted repository URL." example:"https://github.com/owner/repo"`
	Ref           string                   `json:"ref,omitempty" doc:"The ref that was asked for; absent means the default branch." example:"main"`
	Status        inventory.AnalysisStatus `json:"status" enum:"queued,running,completed,failed,cancelled" doc:"Lifecycle state: queued → running → completed, failed or cancelled. A transient error moves a running analysis back to queued until its retry starts."`
	CommitSHA     string                   `json:"commit_sha,omitempty" doc:"The commit the ref resolved to, once known." example:"3f786850e387550fdab836ed7e6dc881de23001b"`
	FailureReason string                   `json:"failure_reason,omitempty" doc:"Why the analysis failed, or the last transient error while a retry is pending."`
	EngineVersion string                   `json:"engine_version,omitempty" doc:"Version of the analysis engine that produced the inventory."`
	Attempts      int                      `json:"attempts" doc:"How many times a collector has started this analysis."`
	CreatedAt     time.Time                `json:"created_at" doc:"When the analysis was submitted."`
	StartedAt     *time.Time               `json:"started_at,omitempty" doc:"When a collector last started it."`
	FinishedAt    *time.Time               `json:"finished_at,omitempty" doc:"When it reached a terminal status."`
	Progress      Progress                 `json:"progress" doc:"Progress of the running (or finished) analysis."`
	Summary       *inventory.Summary       `json:"summary,omitempty" doc:"Counts of the inventory; present only when the analysis is completed."`
}

// Progress counts the work of an analysis while it runs.
type Progress struct {
	FilesTotal int `json:"files_total" doc:"Test files found so far."`
	FilesDone  int `json:"files_done" doc:"Test files parsed so far."`
	TestsFound int `json:"tests_found" doc:"Tests found so far."`
}

// AnalysisPath is the path of one analysis; also its Location.
func AnalysisPath(id int64) string { return fmt.Sprintf("/v1/analyses/%d", id) }

// registerAnalyses registers every operation of the analyses resource.
func registerAnalyses(a huma.API, d Deps) {
	huma.Register(a, huma.Operation{
		OperationID:   "createAnalysis",
		Method:        http.MethodPost,
		Path:          "/v1/analyses",
		Summary:       "Submit a repository for analysis",
		Description:   "Validates the repository URL and ref, records the analysis and queues it for a collector, atomically. Answers 202 with the queued analysis; poll its Location until the status is terminal.",
		Tags:          []string{tagAnalyses},
		DefaultStatus: http.StatusAccepted,
		MaxBodyBytes:  16 << 10,
		Errors: []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType,
			http.StatusServiceUnavailable},
	}, d.createAnalysis)

	huma.Register(a, huma.Operation{
		OperationID: "getAnalysis",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}",
		Summary:     "Get an analysis",
		Description: "Returns the status and progress of an analysis, and its summary once completed.",
		Tags:        []string{tagAnalyses},
		Errors:      []int{http.StatusNotFound, http.StatusServiceUnavailable},
	}, d.getAnalysis)

	huma.Register(a, huma.Operation{
		OperationID: "listAnalysisTests",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/tests",
		Summary:     "List the tests of an analysis",
		Description: "Pages through the tests of a completed analysis in inventory order (file path, then source position). " +
			"Follow next_cursor (or the Link rel=next header) until it is absent. An analysis that is not completed has no tests yet: its page is empty.",
		Tags:   []string{tagAnalyses},
		Errors: []int{http.StatusNotFound, http.StatusServiceUnavailable},
	}, d.listAnalysisTests)

	huma.Register(a, huma.Operation{
		OperationID: "getAnalysisInventory",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/inventory",
		Summary:     "Get the whole inventory of an analysis",
		Description: "Streams the complete inventory of a completed analysis: every test file sorted by path (files without tests and files that were not parsed included), with its suites and tests in source order. " +
			"It is the same document as `collector inventory PATH --json`. 409 while the analysis is not completed.",
		Tags:   []string{tagAnalyses},
		Errors: []int{http.StatusNotFound, http.StatusConflict, http.StatusServiceUnavailable},
		// The document of a large repository takes a while to stream to a
		// slow client.
		Metadata:  map[string]any{metaTimeout: inventoryTimeout},
		Responses: inventoryResponses(a),
	}, d.getAnalysisInventory)
}

// AnalysisIDInput is the path parameter shared by the per-analysis operations.
type AnalysisIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Identifier of the analysis." example:"42"`
}

// querier is what reads need from a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

const analysisSelect = `
SELECT a.id, r.url, a.requested_ref, a.status, a.commit_sha, a.failure_reason, a.engine_version,
       a.attempts, a.created_at, a.started_at, a.finished_at,
       a.files_total, a.files_done, a.tests_found, a.summary
FROM analyses a
JOIN repositories r ON r.id = a.repository_id
WHERE a.id = $1 AND a.tenant_id = $2`

// loadAnalysis reads one analysis of the default tenant; pgx.ErrNoRows when
// there is none.
func loadAnalysis(ctx context.Context, q querier, id int64) (*Analysis, error) {
	var (
		a                               Analysis
		ref, sha, reason, engine        *string
		status                          string
		summary                         []byte
		filesTotal, filesDone, testsFnd int
	)
	err := q.QueryRow(ctx, analysisSelect, id, DefaultTenant).Scan(
		&a.ID, &a.RepositoryURL, &ref, &status, &sha, &reason, &engine,
		&a.Attempts, &a.CreatedAt, &a.StartedAt, &a.FinishedAt,
		&filesTotal, &filesDone, &testsFnd, &summary,
	)
	if err != nil {
		return nil, err
	}
	a.Ref, a.CommitSHA, a.FailureReason, a.EngineVersion = deref(ref), deref(sha), deref(reason), deref(engine)
	a.Status = inventory.AnalysisStatus(status)
	a.Progress = Progress{FilesTotal: filesTotal, FilesDone: filesDone, TestsFound: testsFnd}
	if a.Status == inventory.AnalysisCompleted && summary != nil {
		var s inventory.Summary
		if err := json.Unmarshal(summary, &s); err != nil {
			return nil, fmt.Errorf("analysis %d: decode summary: %w", id, err)
		}
		if s.Frameworks == nil {
			s.Frameworks = []inventory.FrameworkSummary{}
		}
		a.Summary = &s
	}
	return &a, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
