package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/web/internal/api"
)

func TestCreateAnalysis(t *testing.T) {
	t.Parallel()

	t.Run("AcceptedWithJobInSameWrite", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"https://GitHub.com/testlens/example/","ref":"main"}`)
		requireStatus(t, resp, raw, http.StatusAccepted)
		a := decode[api.Analysis](t, raw)

		if a.ID < 1 || a.RepositoryURL != "https://github.com/testlens/example" || a.Ref != "main" ||
			a.Status != inventory.AnalysisQueued || a.Attempts != 0 || a.CreatedAt.IsZero() ||
			a.Summary != nil || a.StartedAt != nil || a.Progress != (api.Progress{}) {
			t.Errorf("analysis = %+v", a)
		}
		if got, want := resp.Header.Get("Location"), fmt.Sprintf("/v1/analyses/%d", a.ID); got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		if resp.Header.Get("Link") != "" || strings.Contains(string(raw), "$schema") {
			t.Errorf("describedBy link or $schema leaked: %s %s", resp.Header.Get("Link"), raw)
		}

		if n := count(t, b.pool, "analyses"); n != 1 {
			t.Fatalf("%d analyses rows, want 1", n)
		}
		job := onlyJob(t, b.pool)
		if job.kind != jobs.KindAnalyzeRepository || job.queue != jobs.QueueAnalysis {
			t.Errorf("job kind/queue = %s/%s", job.kind, job.queue)
		}
		if want := jobs.NewAnalyzeRepositoryArgs(a.ID, "https://github.com/testlens/example", "main"); job.args != want {
			t.Errorf("job args = %+v, want %+v", job.args, want)
		}
		var jobID *int64
		var ref *string
		if err := b.pool.QueryRow(context.Background(), `SELECT job_id, requested_ref FROM analyses WHERE id = $1`, a.ID).Scan(&jobID, &ref); err != nil {
			t.Fatal(err)
		}
		if jobID == nil || *jobID != job.id || ref == nil || *ref != "main" {
			t.Errorf("analyses.job_id = %v (job %d), requested_ref = %v", jobID, job.id, ref)
		}

		// The Location answers with the same resource.
		again, _ := get[api.Analysis](t, b, resp.Header.Get("Location"), http.StatusOK)
		if again.ID != a.ID || !again.CreatedAt.Equal(a.CreatedAt) || again.Ref != a.Ref || again.RepositoryURL != a.RepositoryURL {
			t.Errorf("GET Location = %+v, want %+v", again, a)
		}
	})

	t.Run("NoRefMeansDefaultBranch", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"https://github.com/testlens/example","ref":""}`)
		requireStatus(t, resp, raw, http.StatusAccepted)
		if m := decode[map[string]any](t, raw); m["ref"] != nil {
			t.Errorf("ref present in %s", raw)
		}
		var refIsNull bool
		if err := b.pool.QueryRow(context.Background(), `SELECT requested_ref IS NULL FROM analyses`).Scan(&refIsNull); err != nil || !refIsNull {
			t.Errorf("requested_ref IS NULL = %v, %v", refIsNull, err)
		}
		if job := onlyJob(t, b.pool); job.args.Ref != "" {
			t.Errorf("job ref = %q", job.args.Ref)
		}
	})

	t.Run("RepositoryRowReused", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		for _, u := range []string{"https://github.com/testlens/example", "https://github.com/testlens/example/"} {
			resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"`+u+`"}`)
			requireStatus(t, resp, raw, http.StatusAccepted)
		}
		if r, a, j := count(t, b.pool, "repositories"), count(t, b.pool, "analyses"), count(t, b.pool, "river_job"); r != 1 || a != 2 || j != 2 {
			t.Errorf("repositories/analyses/jobs = %d/%d/%d, want 1/2/2", r, a, j)
		}
	})

	t.Run("AllowLocalAcceptsAbsolutePath", func(t *testing.T) {
		t.Parallel()
		b := setupWith(t, &setupOpts{AllowLocal: ptr(true)})
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"/srv/git/../repo"}`)
		requireStatus(t, resp, raw, http.StatusAccepted)
		if a := decode[api.Analysis](t, raw); a.RepositoryURL != "file:///srv/repo" {
			t.Errorf("repository_url = %q", a.RepositoryURL)
		}
	})

	t.Run("JobInsertFailureWritesNothing", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		// Break River's table in this test's own database: the analysis
		// insert succeeds, the job insert fails, and both must be undone.
		if _, err := b.pool.Exec(context.Background(), `ALTER TABLE river_job RENAME TO river_job_gone`); err != nil {
			t.Fatal(err)
		}
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"https://github.com/testlens/example"}`)
		requireProblem(t, resp, raw, http.StatusInternalServerError, api.ProblemInternal)
		if a, r := count(t, b.pool, "analyses"), count(t, b.pool, "repositories"); a != 0 || r != 0 {
			t.Errorf("after a failed job insert: %d analyses, %d repositories; want none", a, r)
		}
	})

	t.Run("DatabaseDownIs503", func(t *testing.T) {
		t.Parallel()
		b := setupWith(t, &setupOpts{DatabaseURL: ptr("postgres://nobody@127.0.0.1:1/none?connect_timeout=2&sslmode=disable")})
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"https://github.com/testlens/example"}`)
		requireProblem(t, resp, raw, http.StatusServiceUnavailable, api.ProblemUnavailable)
		if resp.Header.Get("Retry-After") == "" {
			t.Error("503 without Retry-After")
		}
	})
}

func TestCreateAnalysisValidation(t *testing.T) {
	t.Parallel()
	b := setup(t)

	long := strings.Repeat("r", 256)
	for _, tc := range []struct {
		name, body   string
		wantLocation string
		wantMessage  string // substring
		wantValue    any    // nil: not checked
	}{
		{"MissingURL", `{}`, "body.repository_url", "repository_url", nil},
		{"MissingURLWithRef", `{"ref":"main"}`, "body.repository_url", "repository_url", nil},
		{"EmptyURL", `{"repository_url":""}`, "body.repository_url", "empty", ""},
		{"PlainHTTP", `{"repository_url":"http://github.com/a/b"}`, "body.repository_url", "http://", "http://github.com/a/b"},
		{"Credentials", `{"repository_url":"https://user:pw@github.com/a/b"}`, "body.repository_url", "credentials", "https://user:pw@github.com/a/b"},
		{"LocalPathNotAllowed", `{"repository_url":"/srv/repo"}`, "body.repository_url", "local repositories are not accepted by this server; send an https:// URL", "/srv/repo"},
		{"PrivateAddress", `{"repository_url":"https://10.1.2.3/a/b"}`, "body.repository_url", "private", nil},
		{"SSH", `{"repository_url":"git@github.com:a/b.git"}`, "body.repository_url", "SSH", nil},
		{"NotAString", `{"repository_url":42}`, "body.repository_url", "string", nil},
		{"RefOption", `{"repository_url":"https://github.com/a/b","ref":"--upload-pack=x"}`, "body.ref", "'-'", "--upload-pack=x"},
		{"RefDotDot", `{"repository_url":"https://github.com/a/b","ref":"main..dev"}`, "body.ref", "..", "main..dev"},
		{"RefSpace", `{"repository_url":"https://github.com/a/b","ref":"my branch"}`, "body.ref", "whitespace", "my branch"},
		{"RefControl", `{"repository_url":"https://github.com/a/b","ref":"ma\u0001in"}`, "body.ref", "control", nil},
		{"RefNewline", `{"repository_url":"https://github.com/a/b","ref":"main\n"}`, "body.ref", "whitespace", nil},
		{"RefTooLong", `{"repository_url":"https://github.com/a/b","ref":"` + long + `"}`, "body.ref", "255", nil},
		{"RefGitForbidden", `{"repository_url":"https://github.com/a/b","ref":"main^{commit}"}`, "body.ref", "must not contain", nil},
		{"UnknownField", `{"repository_url":"https://github.com/a/b","priority":1}`, "body.priority", "unexpected property", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, raw := b.do(t, http.MethodPost, "/v1/analyses", tc.body)
			p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
			if len(p.Errors) == 0 {
				t.Fatalf("no errors[] in %s", raw)
			}
			e := p.Errors[0]
			if e.Location != tc.wantLocation || !strings.Contains(e.Message, tc.wantMessage) {
				t.Errorf("errors[0] = %+v, want location %s and a message containing %q", e, tc.wantLocation, tc.wantMessage)
			}
			if tc.wantValue != nil && e.Value != tc.wantValue {
				t.Errorf("errors[0].value = %#v, want %#v", e.Value, tc.wantValue)
			}
		})
	}

	t.Run("EveryProblemAtOnce", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":"http://x/y","ref":"-x"}`)
		p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
		if len(p.Errors) != 2 || p.Errors[0].Location != "body.repository_url" || p.Errors[1].Location != "body.ref" {
			t.Errorf("errors = %s", raw)
		}
	})

	t.Run("MalformedJSON", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodPost, "/v1/analyses", `{"repository_url":`)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
		}
	})

	// The refusals above were all made before anything was written.
	t.Cleanup(func() {
		if a, j := count(t, b.pool, "analyses"), count(t, b.pool, "river_job"); a != 0 || j != 0 {
			t.Errorf("validation failures wrote %d analyses and %d jobs", a, j)
		}
	})
}

type riverJob struct {
	id          int64
	kind, queue string
	args        jobs.AnalyzeRepositoryArgs
}

// onlyJob returns the single river_job row, decoding its args as the
// collector will.
func onlyJob(t *testing.T, pool *pgxpool.Pool) riverJob {
	t.Helper()
	if n := count(t, pool, "river_job"); n != 1 {
		t.Fatalf("%d river_job rows, want 1", n)
	}
	var j riverJob
	var args []byte
	if err := pool.QueryRow(context.Background(), `SELECT id, kind, queue, args FROM river_job`).Scan(&j.id, &j.kind, &j.queue, &args); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(args, &j.args); err != nil {
		t.Fatalf("job args %s: %v", args, err)
	}
	return j
}
