package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// Analysis is one analysis of one repository at one ref, as the API shows it.
type Analysis struct {
	ID                int64                    `json:"id" doc:"Identifier of the analysis." example:"42"`
	RepositoryID      int64                    `json:"repository_id" doc:"Identifier of the analysed repository (see getRepository)." example:"7"`
	RepositoryURL     string                   `json:"repository_url" doc:"Canonical form of the submitted repository URL." example:"https://github.com/owner/repo"`
	Ref               string                   `json:"ref,omitempty" doc:"The ref that was asked for; absent means the default branch." example:"main"`
	Status            inventory.AnalysisStatus `json:"status" enum:"queued,running,completed,failed,cancelled" doc:"Lifecycle state: queued → running → completed, failed or cancelled. A transient error moves a running analysis back to queued until its retry starts."`
	CommitSHA         string                   `json:"commit_sha,omitempty" doc:"The commit the ref resolved to, once known." example:"3f786850e387550fdab836ed7e6dc881de23001b"`
	FailureReason     string                   `json:"failure_reason,omitempty" doc:"Why the analysis failed or was cancelled, or the last transient error while a retry is pending."`
	EngineVersion     string                   `json:"engine_version,omitempty" doc:"Version of the analysis engine that produced the inventory."`
	Attempts          int                      `json:"attempts" doc:"How many times a collector has started this analysis."`
	CreatedAt         time.Time                `json:"created_at" doc:"When the analysis was submitted."`
	StartedAt         *time.Time               `json:"started_at,omitempty" doc:"When a collector last started it."`
	FinishedAt        *time.Time               `json:"finished_at,omitempty" doc:"When it reached a terminal status."`
	CancelRequestedAt *time.Time               `json:"cancel_requested_at,omitempty" doc:"When a client asked to cancel it (cancelAnalysis); the status becomes cancelled once the collector has stopped."`
	Revision          int64                    `json:"revision" doc:"Counter bumped by every change of the analysis: the id of its events (getAnalysisEvents). Compare two copies by it."`
	Progress          Progress                 `json:"progress" doc:"Progress of the running (or finished) analysis."`
	Summary           *inventory.Summary       `json:"summary,omitempty" doc:"Counts of the inventory; present only when the analysis is completed."`
}

// Progress counts the work of an analysis while it runs.
type Progress struct {
	FilesTotal int `json:"files_total" doc:"Test files found so far."`
	FilesDone  int `json:"files_done" doc:"Test files parsed so far."`
	TestsFound int `json:"tests_found" doc:"Tests found so far."`
}

// AnalysisPath is the path of one analysis; also its Location.
func AnalysisPath(id int64) string { return fmt.Sprintf("/v1/analyses/%d", id) }

// Error statuses the operations document, besides the 422 and 500 huma
// adds by itself.
var (
	errsRead     = []int{http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusServiceUnavailable}
	errsList     = []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusServiceUnavailable}
	errsNotReady = []int{http.StatusNotFound, http.StatusConflict, http.StatusServiceUnavailable}
)

// registerAnalyses registers every operation of the analyses resource.
func registerAnalyses(a huma.API, d Deps) {
	registerCreateAnalysis(a, d)

	huma.Register(a, huma.Operation{
		OperationID: "listAnalyses",
		Method:      http.MethodGet,
		Path:        "/v1/analyses",
		Summary:     "List analyses",
		Description: "Pages through analyses, newest first, optionally of one repository or in one status. " +
			"Follow next_cursor (or the Link rel=next header) until it is absent.",
		Tags:   []string{tagAnalyses},
		Errors: errsList,
	}, d.listAnalyses)

	huma.Register(a, huma.Operation{
		OperationID: "getAnalysis",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}",
		Summary:     "Get an analysis",
		Description: "Returns the status and progress of an analysis, and its summary once completed.",
		Tags:        []string{tagAnalyses},
		Errors:      errsRead,
	}, d.getAnalysis)

	huma.Register(a, huma.Operation{
		OperationID: "cancelAnalysis",
		Method:      http.MethodPost,
		Path:        "/v1/analyses/{id}/cancel",
		Summary:     "Cancel an analysis",
		Description: "A queued analysis is cancelled at once: 200 with status cancelled. " +
			"A running one is asked to stop: 202 with cancel_requested_at set; its collector stops within seconds and the status becomes cancelled (watch getAnalysisEvents). " +
			"An analysis that already ended is returned unchanged with 200, so cancelling is safe to retry.",
		Tags:          []string{tagAnalyses},
		DefaultStatus: http.StatusAccepted,
		Errors:        errsRead,
	}, d.cancelAnalysis)
	documentAlso(a.OpenAPI().Paths["/v1/analyses/{id}/cancel"].Post, http.StatusOK,
		"The analysis was queued and is now cancelled, or had already ended and is unchanged.")

	registerAnalysisEvents(a, d)

	huma.Register(a, huma.Operation{
		OperationID: "listAnalysisTests",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/tests",
		Summary:     "List the tests of an analysis",
		Description: "Pages through the tests of a completed analysis in inventory order (file path, then source position), optionally filtered. " +
			"Follow next_cursor (or the Link rel=next header) until it is absent. An analysis that is not completed has no tests yet: its page is empty.",
		Tags:   []string{tagAnalyses},
		Errors: errsRead,
	}, d.listAnalysisTests)

	huma.Register(a, huma.Operation{
		OperationID: "listAnalysisFiles",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/files",
		Summary:     "List the test files of an analysis",
		Description: "Pages through the test files of a completed analysis sorted by path, with each file's framework, language, test count and, for files that were not parsed, the reason. " +
			"Follow next_cursor (or the Link rel=next header) until it is absent. An analysis that is not completed has no files yet: its page is empty.",
		Tags:   []string{tagAnalyses},
		Errors: errsRead,
	}, d.listAnalysisFiles)

	huma.Register(a, huma.Operation{
		OperationID: "getAnalysisInventory",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/inventory",
		Summary:     "Get the whole inventory of an analysis",
		Description: "Streams the complete inventory of a completed analysis: every test file sorted by path (files without tests and files that were not parsed included), with its suites and tests in source order. " +
			"It is the same document as `collector inventory PATH --json`. 409 while the analysis is not completed.",
		Tags:   []string{tagAnalyses},
		Errors: errsNotReady,
		// The document of a large repository takes a while to stream to a
		// slow client.
		Metadata:  map[string]any{metaTimeout: inventoryTimeout},
		Responses: inventoryResponses(a),
	}, d.getAnalysisInventory)

	huma.Register(a, huma.Operation{
		OperationID: "diffAnalyses",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/diff",
		Summary:     "Compare the tests of two analyses",
		Description: "Lists the tests added, removed and changed in status between a base analysis and this one (the head), both completed and of the same repository. " +
			"A test is identified by its path, suite path, name and kind. Each list holds at most `limit` tests in inventory order; `totals` counts them all and `truncated` says whether a list was cut.",
		Tags:     []string{tagAnalyses},
		Errors:   []int{http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
		Metadata: map[string]any{metaTimeout: diffTimeout},
	}, d.diffAnalyses)
}

// documentAlso documents a second success status of a registered operation
// with the same body and headers as its default one: huma documents only the
// default status, and a handler's Status field may choose another.
func documentAlso(op *huma.Operation, status int, description string) {
	def := op.Responses[strconv.Itoa(op.DefaultStatus)]
	op.Responses[strconv.Itoa(status)] = &huma.Response{Description: description, Headers: def.Headers, Content: def.Content}
}

// AnalysisIDInput is the path parameter shared by the per-analysis operations.
type AnalysisIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Identifier of the analysis." example:"42"`
}

// querier is what reads need from a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// analysisColumns are the columns of analyses (alias a) and repositories
// (alias r, joined by analysisFrom) that scanAnalysis reads, in its order.
const analysisColumns = `
       a.id, a.repository_id, r.url, a.requested_ref, a.status, a.commit_sha, a.failure_reason, a.engine_version,
       a.attempts, a.created_at, a.started_at, a.finished_at, a.cancel_requested_at, a.revision,
       a.files_total, a.files_done, a.tests_found, a.summary`

const analysisFrom = `
FROM analyses a
JOIN repositories r ON r.id = a.repository_id`

// analysisSelect reads analyses for scanAnalysis; callers add WHERE and
// ORDER BY.
const analysisSelect = `SELECT` + analysisColumns + analysisFrom

// loadAnalysis reads one analysis of the default tenant; pgx.ErrNoRows when
// there is none.
func loadAnalysis(ctx context.Context, q querier, id int64) (*Analysis, error) {
	return scanAnalysis(q.QueryRow(ctx, analysisSelect+` WHERE a.id = $1 AND a.tenant_id = $2`, id, DefaultTenant))
}

// queryAnalyses runs an analysisSelect statement and returns its rows.
func queryAnalyses(ctx context.Context, q querier, sql string, args ...any) ([]*Analysis, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*Analysis, error) { return scanAnalysis(row) })
}

// scanAnalysis reads one row of analysisColumns, after the columns that
// the statement selects first into extra.
func scanAnalysis(row pgx.Row, extra ...any) (*Analysis, error) {
	var (
		a                               Analysis
		ref, sha, reason, engine        *string
		status                          string
		summary                         []byte
		filesTotal, filesDone, testsFnd int
	)
	err := row.Scan(append(extra,
		&a.ID, &a.RepositoryID, &a.RepositoryURL, &ref, &status, &sha, &reason, &engine,
		&a.Attempts, &a.CreatedAt, &a.StartedAt, &a.FinishedAt, &a.CancelRequestedAt, &a.Revision,
		&filesTotal, &filesDone, &testsFnd, &summary,
	)...)
	if err != nil {
		return nil, err
	}
	a.Ref, a.CommitSHA, a.FailureReason, a.EngineVersion = deref(ref), deref(sha), deref(reason), deref(engine)
	a.Status = inventory.AnalysisStatus(status)
	a.Progress = Progress{FilesTotal: filesTotal, FilesDone: filesDone, TestsFound: testsFnd}
	if a.Status == inventory.AnalysisCompleted && summary != nil {
		var s inventory.Summary
		if err := json.Unmarshal(summary, &s); err != nil {
			return nil, fmt.Errorf("analysis %d: decode summary: %w", a.ID, err)
		}
		if s.Frameworks == nil {
			s.Frameworks = []inventory.FrameworkSummary{}
		}
		a.Summary = &s
	}
	return &a, nil
}

// findAnalysis reads one analysis for an operation: the 404 when there is
// none, the 503/500 of a database failure.
func (d Deps) findAnalysis(ctx context.Context, q querier, id int64, op string) (*Analysis, error) {
	a, err := loadAnalysis(ctx, q, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, op, err)
	}
	return a, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
