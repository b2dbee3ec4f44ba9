package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"unicode"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/contracts/repourl"
	"github.com/testlens/testlens/web/internal/gitref"
)

// MaxRefLength is the longest ref accepted (git has no limit of its own;
// this keeps refs printable in logs and problem details).
const MaxRefLength = 255

// CreateAnalysisInput is the input of createAnalysis.
type CreateAnalysisInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" pattern:"^[ -~]+$" doc:"Makes a retried submission safe: a request with the key and body of an earlier one (within 24 hours) gets that first response again, with Idempotent-Replayed: true, instead of creating a second analysis. The same key with another body is a 422; while the first request with the key is still being processed, a 409. 1 to 255 printable ASCII characters, such as a UUID." example:"5b3c9d0e-8f0a-4c51-9e4b-0d1f2a3b4c5d"`
	Body           CreateAnalysisRequest
}

// CreateAnalysisRequest asks for one repository to be analysed at one ref.
type CreateAnalysisRequest struct {
	RepositoryURL string `json:"repository_url" maxLength:"2048" example:"https://github.com/owner/repo" doc:"The repository to analyse: an https:// URL of a publicly reachable git repository, without credentials, query or fragment. (Servers started with TESTLENS_ALLOW_LOCAL_REPOS=1 also accept absolute local paths and file:// URLs.)"`
	Ref           string `json:"ref,omitempty" maxLength:"255" example:"main" doc:"Branch, tag or commit to analyse; absent or empty means the default branch. No whitespace or control characters, no '..', must not start with '-'."`
	Force         bool   `json:"force,omitempty" doc:"Analyse again even when a completed analysis of the same commit by the current engine exists (which is otherwise returned with 200)."`
}

// CreateAnalysisOutput is the answer of createAnalysis: 202 and the queued
// analysis, or 200 and an existing one.
type CreateAnalysisOutput struct {
	Status   int
	Location string `header:"Location" doc:"Path of the analysis; poll it for progress."`
	Replayed string `header:"Idempotent-Replayed" doc:"\"true\" when this is the stored response of an earlier request with the same Idempotency-Key."`
	Body     *Analysis
}

func registerCreateAnalysis(a huma.API, d Deps) {
	huma.Register(a, huma.Operation{
		OperationID: "createAnalysis",
		Method:      http.MethodPost,
		Path:        "/v1/analyses",
		Summary:     "Submit a repository for analysis",
		Description: "Validates the repository URL and ref, records the analysis and queues it for a collector, atomically. Answers 202 with the queued analysis; poll its Location (or follow getAnalysisEvents) until the status is terminal. " +
			"When a completed analysis of the same repository and commit by the current engine exists, it is returned with 200 instead, unless `force` is set. " +
			"Send an Idempotency-Key to make retries safe.",
		Tags:          []string{tagAnalyses},
		DefaultStatus: http.StatusAccepted,
		MaxBodyBytes:  16 << 10,
		Errors: []int{http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType,
			http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
	}, d.createAnalysis)
	documentAlso(a.OpenAPI().Paths["/v1/analyses"].Post, http.StatusOK,
		"A completed analysis of the same repository, commit and engine version already exists and is returned (or this replays such an answer).")
}

// createAnalysis validates the request, then writes the repository, the
// analysis and its River job in one transaction: either the client gets a
// 202 and a collector will see the job, or nothing was written. The
// idempotency key, when given, is claimed and completed in that same
// transaction.
func (d Deps) createAnalysis(ctx context.Context, in *CreateAnalysisInput) (*CreateAnalysisOutput, error) {
	canonical, problems := validateCreate(d.Policy, &in.Body)
	if len(problems) > 0 {
		return nil, validationError(problems...)
	}
	ref := in.Body.Ref
	key := newIdempotencyKey(in.IdempotencyKey, canonical, &in.Body)
	if out, err := d.replayKey(ctx, d.Pool, key); out != nil || err != nil {
		return out, err
	}

	var existing int64
	if !in.Body.Force {
		var err error
		if existing, err = d.findDuplicate(ctx, canonical, ref); err != nil {
			return nil, err
		}
	}

	tx, err := d.Pool.Begin(ctx)
	if err != nil {
		return nil, dbError(ctx, d.Log, "begin", err)
	}
	// After Commit this is a no-op; on any early return it undoes everything.
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()

	if out, err := d.claimKey(ctx, tx, key); out != nil || err != nil {
		return out, err
	}
	out := &CreateAnalysisOutput{Status: http.StatusOK}
	if existing != 0 {
		out.Body, err = loadAnalysis(ctx, tx, existing)
		if err != nil {
			return nil, dbError(ctx, d.Log, "read existing analysis", err)
		}
	} else {
		out.Status = http.StatusAccepted
		if out.Body, err = d.insertAnalysis(ctx, tx, canonical, ref); err != nil {
			return nil, err
		}
	}
	out.Location = AnalysisPath(out.Body.ID)
	if err := d.completeKey(ctx, tx, key, out); err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, dbError(ctx, d.Log, "commit", err)
	}
	if existing != 0 {
		d.Log.InfoContext(ctx, "analysis reused", "analysis_id", existing, "repository_url", canonical, "ref", ref)
	} else {
		d.Log.InfoContext(ctx, "analysis queued", "analysis_id", out.Body.ID, "repository_url", canonical, "ref", ref)
	}
	return out, nil
}

// insertAnalysis writes the repository (once), a queued analysis and its
// River job in tx, and returns the analysis.
func (d Deps) insertAnalysis(ctx context.Context, tx pgx.Tx, canonical, ref string) (*Analysis, error) {
	var repoID int64
	// DO UPDATE (not DO NOTHING) so that RETURNING yields the existing row.
	err := tx.QueryRow(ctx, `
		INSERT INTO repositories (tenant_id, url) VALUES ($1, $2)
		ON CONFLICT (tenant_id, url) DO UPDATE SET url = EXCLUDED.url
		RETURNING id`, DefaultTenant, canonical).Scan(&repoID)
	if err != nil {
		return nil, dbError(ctx, d.Log, "upsert repository", err)
	}
	var id int64
	err = tx.QueryRow(ctx, `
		INSERT INTO analyses (tenant_id, repository_id, requested_ref, status)
		VALUES ($1, $2, NULLIF($3, ''), 'queued')
		RETURNING id`, DefaultTenant, repoID, ref).Scan(&id)
	if err != nil {
		return nil, dbError(ctx, d.Log, "insert analysis", err)
	}
	res, err := d.Jobs.InsertTx(ctx, tx, jobs.NewAnalyzeRepositoryArgs(id, canonical, ref), nil)
	if err != nil {
		return nil, dbError(ctx, d.Log, "insert job", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE analyses SET job_id = $2, revision = revision + 1 WHERE id = $1`, id, res.Job.ID); err != nil {
		return nil, dbError(ctx, d.Log, "store job id", err)
	}
	a, err := loadAnalysis(ctx, tx, id)
	if err != nil {
		return nil, dbError(ctx, d.Log, "read analysis", err)
	}
	return a, nil
}

// findDuplicate returns the id of a completed analysis of the repository at
// the commit ref names, by the engine version collectors run now, or 0. It
// touches the network (git ls-remote) only when such an analysis of some
// commit exists at all; when the ref cannot be resolved there is no dedup,
// and the collector reports the real error.
func (d Deps) findDuplicate(ctx context.Context, canonical, ref string) (int64, error) {
	var id int64
	// lookup finds the newest such analysis, of commit when it is not "".
	lookup := func(commit string) error {
		sql := `
			SELECT a.id
			FROM analyses a
			JOIN repositories r ON r.id = a.repository_id
			WHERE r.tenant_id = $1 AND r.url = $2 AND a.status = 'completed'
			  AND a.engine_version = (SELECT version FROM engines ORDER BY seen_at DESC LIMIT 1)`
		args := []any{DefaultTenant, canonical}
		if commit != "" {
			sql += ` AND a.commit_sha = $3`
			args = append(args, commit)
		}
		err := d.Pool.QueryRow(ctx, sql+` ORDER BY a.finished_at DESC NULLS LAST, a.id DESC LIMIT 1`, args...).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			id = 0
			return nil
		}
		return err
	}
	if !gitref.IsCommit(ref) {
		// Any completed analysis of the repository by this engine?
		if err := lookup(""); err != nil || id == 0 {
			return 0, d.dedupError(ctx, err)
		}
	}
	commit, err := d.Refs.Resolve(ctx, canonical, ref)
	if err != nil {
		d.Log.InfoContext(ctx, "no dedup: ref not resolved", "repository_url", canonical, "ref", ref, "err", err)
		return 0, nil
	}
	return id, d.dedupError(ctx, lookup(commit))
}

func (d Deps) dedupError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	return dbError(ctx, d.Log, "find duplicate", err)
}

// validateCreate applies the repository URL policy and the ref rules, and
// returns the canonical URL or every problem found, located like huma's own
// validation errors.
func validateCreate(policy repourl.Policy, req *CreateAnalysisRequest) (string, []*huma.ErrorDetail) {
	var problems []*huma.ErrorDetail
	canonical, err := policy.Check(req.RepositoryURL)
	if err != nil {
		// err.Error() of a *repourl.Error is "reason; hint".
		problems = append(problems, &huma.ErrorDetail{Location: "body.repository_url", Message: err.Error(), Value: req.RepositoryURL})
	}
	if msg := checkRef(req.Ref); msg != "" {
		problems = append(problems, &huma.ErrorDetail{Location: "body.ref", Message: msg, Value: req.Ref})
	}
	return canonical, problems
}

// checkRef returns why ref is refused, or "" when it is acceptable. The ref
// reaches `git fetch` in the collector: a leading '-' would be read as an
// option, and '..' or the characters git forbids in ref names can never name
// a single ref.
func checkRef(ref string) string {
	switch {
	case ref == "":
		return ""
	case len(ref) > MaxRefLength:
		return "the ref is longer than 255 characters"
	case strings.HasPrefix(ref, "-"):
		return "the ref must not start with '-'"
	case strings.Contains(ref, ".."):
		return "the ref must not contain '..'"
	case strings.Contains(ref, "@{"):
		return "the ref must not contain '@{'"
	case strings.ContainsAny(ref, `~^:?*[\`):
		return "the ref must not contain any of ~ ^ : ? * [ \\"
	}
	for _, r := range ref {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return "the ref must not contain whitespace or control characters"
		}
	}
	return ""
}
