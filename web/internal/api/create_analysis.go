package api

import (
	"context"
	"strings"
	"unicode"

	"github.com/danielgtaylor/huma/v2"

	"github.com/testlens/testlens/contracts/jobs"
	"github.com/testlens/testlens/contracts/repourl"
)

// MaxRefLength is the longest ref accepted (git has no limit of its own;
// this keeps refs printable in logs and problem details).
const MaxRefLength = 255

// CreateAnalysisInput is the input of createAnalysis.
type CreateAnalysisInput struct {
	Body CreateAnalysisRequest
}

// CreateAnalysisRequest asks for one repository to be analysed at one ref.
type CreateAnalysisRequest struct {
	RepositoryURL string `json:"repository_url" maxLength:"2048" example:"https://github.com/owner/repo" doc:"The repository to analyse: an https:// URL of a publicly reachable git repository, without credentials, query or fragment. (Servers started with TESTLENS_ALLOW_LOCAL_REPOS=1 also accept absolute local paths and file:// URLs.)"`
	Ref           string `json:"ref,omitempty" maxLength:"255" example:"main" doc:"Branch, tag or commit to analyse; absent or empty means the default branch. No whitespace or control characters, no '..', must not start with '-'."`
}

// CreateAnalysisOutput is the answer of createAnalysis: 202 and the queued
// analysis.
type CreateAnalysisOutput struct {
	Location string `header:"Location" doc:"Path of the new analysis; poll it for progress."`
	Body     *Analysis
}

// createAnalysis validates the request, then writes the repository, the
// analysis and its River job in one transaction: either the client gets a
// 202 and a collector will see the job, or nothing was written.
func (d Deps) createAnalysis(ctx context.Context, in *CreateAnalysisInput) (*CreateAnalysisOutput, error) {
	canonical, problems := validateCreate(d.Policy, &in.Body)
	if len(problems) > 0 {
		return nil, validationError(problems...)
	}
	ref := in.Body.Ref

	tx, err := d.Pool.Begin(ctx)
	if err != nil {
		return nil, dbError(ctx, d.Log, "begin", err)
	}
	// After Commit this is a no-op; on any early return it undoes everything.
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()

	var repoID int64
	// DO UPDATE (not DO NOTHING) so that RETURNING yields the existing row.
	err = tx.QueryRow(ctx, `
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
	if _, err := tx.Exec(ctx, `UPDATE analyses SET job_id = $2 WHERE id = $1`, id, res.Job.ID); err != nil {
		return nil, dbError(ctx, d.Log, "store job id", err)
	}
	a, err := loadAnalysis(ctx, tx, id)
	if err != nil {
		return nil, dbError(ctx, d.Log, "read analysis", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, dbError(ctx, d.Log, "commit", err)
	}
	d.Log.InfoContext(ctx, "analysis queued", "analysis_id", id, "job_id", res.Job.ID, "repository_url", canonical, "ref", ref)
	return &CreateAnalysisOutput{Location: AnalysisPath(id), Body: a}, nil
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
