package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/contracts/repourl"
	"github.com/testlens/testlens/web/internal/api"
	"github.com/testlens/testlens/web/internal/config"
	"github.com/testlens/testlens/web/internal/middleware"
	"github.com/testlens/testlens/web/internal/server"
)

// testBundle is what one test gets: its own migrated database and a real
// HTTP server running the handler that server.Run serves.
type testBundle struct {
	pool *pgxpool.Pool
	srv  *httptest.Server
}

// setupOpts tunes setupWith; nil fields mean the defaults.
type setupOpts struct {
	// AllowLocal is the repository policy's AllowLocal. Defaults to false.
	AllowLocal *bool
	// DatabaseURL replaces the test database (an unreachable server, say).
	DatabaseURL *string
	// WriteTimeout is the middleware's default write deadline. Defaults to
	// the server's.
	WriteTimeout *time.Duration
	// Done is api.Deps.Done. Defaults to nil (never closes).
	Done chan struct{}
}

func setup(t *testing.T) *testBundle { return setupWith(t, nil) }

func setupWith(t *testing.T, opts *setupOpts) *testBundle {
	t.Helper()
	if opts == nil {
		opts = &setupOpts{}
	}
	var pool *pgxpool.Pool
	if opts.DatabaseURL != nil {
		var err error
		pool, err = pgxpool.New(context.Background(), *opts.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
	} else {
		pool, _ = dbtest.NewPool(t)
	}
	log := server.NewLogger(config.Config{}.WithDefaults(), t.Output())
	deps, err := api.NewDeps(pool, repourl.Policy{AllowLocal: opts.AllowLocal != nil && *opts.AllowLocal}, log)
	if err != nil {
		t.Fatal(err)
	}
	deps.Done = opts.Done
	handler := server.NewHandler(deps)
	if opts.WriteTimeout != nil {
		mux := http.NewServeMux()
		api.New(mux, deps)
		handler = middleware.Wrap(mux, middleware.Options{Log: log, WriteTimeout: *opts.WriteTimeout})
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return &testBundle{pool: pool, srv: srv}
}

func ptr[T any](v T) *T { return &v }

// do sends a request and returns the response with its body read.
func (b *testBundle) do(t *testing.T, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	return b.doWith(t, method, path, body, nil)
}

// doWith is do with extra request headers.
func (b *testBundle) doWith(t *testing.T, method, path, body string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, b.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := b.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, raw
}

// get sends a GET, requires want as status and decodes the body into T.
func get[T any](t *testing.T, b *testBundle, path string, want int) (T, *http.Response) {
	t.Helper()
	resp, raw := b.do(t, http.MethodGet, path, "")
	requireStatus(t, resp, raw, want)
	return decode[T](t, raw), resp
}

func decode[T any](t *testing.T, raw []byte) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, raw)
	}
	return v
}

func requireStatus(t *testing.T, resp *http.Response, raw []byte, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d; body:\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, raw)
	}
}

// requireProblem checks an RFC 9457 answer and returns it decoded.
func requireProblem(t *testing.T, resp *http.Response, raw []byte, status int, typ string) huma.ErrorModel {
	t.Helper()
	requireStatus(t, resp, raw, status)
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	p := decode[huma.ErrorModel](t, raw)
	if p.Type != typ || p.Status != status || p.Title == "" {
		t.Errorf("problem = %+v, want type %s, status %d and a title", p, typ, status)
	}
	return p
}

// execSQL runs a statement on the test database.
func execSQL(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, table string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// analysisOpts describes an analyses row for insertAnalysis; nil fields get
// the defaults of a freshly queued analysis.
type analysisOpts struct {
	URL           *string // defaults to https://github.com/testlens/example
	Ref           *string // defaults to NULL
	Status        *inventory.AnalysisStatus
	CommitSHA     *string
	FailureReason *string
	EngineVersion *string
	Attempts      *int
	StartedAt     *time.Time
	FinishedAt    *time.Time
	Progress      *api.Progress
	Summary       *inventory.Summary
	CreatedAt     *time.Time // defaults to now()
}

// insertAnalysis writes a repository and an analysis row directly, as the
// collector would leave them, and returns the analysis id.
func insertAnalysis(t *testing.T, pool *pgxpool.Pool, o *analysisOpts) int64 {
	t.Helper()
	if o == nil {
		o = &analysisOpts{}
	}
	url := "https://github.com/testlens/example"
	if o.URL != nil {
		url = *o.URL
	}
	status := inventory.AnalysisQueued
	if o.Status != nil {
		status = *o.Status
	}
	var progress api.Progress
	if o.Progress != nil {
		progress = *o.Progress
	}
	attempts := 0
	if o.Attempts != nil {
		attempts = *o.Attempts
	}
	var summary []byte
	if o.Summary != nil {
		var err error
		if summary, err = json.Marshal(o.Summary); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	var repoID, id int64
	if err := pool.QueryRow(ctx, `INSERT INTO repositories (url) VALUES ($1)
		ON CONFLICT (tenant_id, url) DO UPDATE SET url = EXCLUDED.url RETURNING id`, url).Scan(&repoID); err != nil {
		t.Fatal(err)
	}
	err := pool.QueryRow(ctx, `
		INSERT INTO analyses (repository_id, requested_ref, status, commit_sha, failure_reason, engine_version,
		                      attempts, started_at, finished_at, files_total, files_done, tests_found, summary, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14, now())) RETURNING id`,
		repoID, o.Ref, string(status), o.CommitSHA, o.FailureReason, o.EngineVersion, attempts,
		o.StartedAt, o.FinishedAt, progress.FilesTotal, progress.FilesDone, progress.TestsFound, summary, o.CreatedAt).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// insertFiles writes files, their suites and tests for an analysis in the
// given order (tests get increasing ids in that order) and returns the test
// ids.
func insertFiles(t *testing.T, pool *pgxpool.Pool, analysisID int64, files []inventory.File) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for _, f := range files {
		var fileID int64
		err := pool.QueryRow(ctx, `
			INSERT INTO test_files (analysis_id, path, framework, language, build_constraint, skip_reason, test_count)
			VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7) RETURNING id`,
			analysisID, f.Path, string(f.Framework), string(f.Language), f.BuildConstraint, f.SkipReason, len(f.Tests)).Scan(&fileID)
		if err != nil {
			t.Fatal(err)
		}
		suiteIDs := map[string]int64{}
		for _, s := range f.Suites {
			var sid int64
			if err := pool.QueryRow(ctx, `INSERT INTO test_suites (analysis_id, file_id, path, line) VALUES ($1, $2, $3, $4) RETURNING id`,
				analysisID, fileID, s.Path, s.Line).Scan(&sid); err != nil {
				t.Fatal(err)
			}
			suiteIDs[strings.Join(s.Path, "\x00")] = sid
		}
		for _, tc := range f.Tests {
			var suiteID *int64
			if sid, ok := suiteIDs[strings.Join(tc.SuitePath, "\x00")]; ok && len(tc.SuitePath) > 0 {
				suiteID = &sid
			}
			var id int64
			err := pool.QueryRow(ctx, `
				INSERT INTO tests (analysis_id, file_id, suite_id, path, framework, suite_path, name, line, status, kind, condition)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULLIF($11, '')) RETURNING id`,
				analysisID, fileID, suiteID, f.Path, string(f.Framework), append([]string{}, tc.SuitePath...),
				tc.Name, tc.Line, string(tc.Status), string(tc.Kind), tc.Condition).Scan(&id)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	return ids
}
