package testlens

import (
	"cmp"
	"context"
	"crypto/rand"
	"iter"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// AnalyzeRequest asks for one repository to be analysed at one ref.
type AnalyzeRequest struct {
	// RepositoryURL is the repository: an https:// URL of a reachable git
	// repository, without credentials, query or fragment. Servers started
	// with TESTLENS_ALLOW_LOCAL_REPOS=1 also take an absolute local path.
	// Required.
	RepositoryURL string
	// Ref is the branch, tag or commit. Defaults to the default branch.
	Ref string
	// Force runs a new analysis even when a completed one of the same
	// commit and engine version exists. Defaults to false: that one is
	// returned instead.
	Force bool
	// IdempotencyKey identifies this submission: a retry with the same key
	// and request (within 24 hours) gets the first answer back instead of
	// a second analysis. Defaults to a random key, the same for every retry
	// of this call; set it to make retries across calls or processes safe.
	IdempotencyKey string
}

// Analyze submits a repository for analysis (createAnalysis) and returns
// the analysis: queued, or already completed when the server reused an
// analysis of the same commit. Follow it with Wait or Watch.
func (c *Client) Analyze(ctx context.Context, req AnalyzeRequest) (*Analysis, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	key := cmp.Or(req.IdempotencyKey, rand.Text())
	body := gen.CreateAnalysisRequest{RepositoryURL: req.RepositoryURL, Ref: optional(req.Ref)}
	if req.Force {
		body.Force = &req.Force
	}
	resp, err := c.api.CreateAnalysis(ctx, &gen.CreateAnalysisParams{IdempotencyKey: &key}, body)
	g, err := result(resp, err, gen.ParseCreateAnalysisResponse, func(r *gen.CreateAnalysisResponse) *gen.Analysis {
		return cmp.Or(r.JSON202, r.JSON200)
	})
	return analysis(g, err)
}

// GetAnalysis returns an analysis (getAnalysis).
func (c *Client) GetAnalysis(ctx context.Context, id int64) (*Analysis, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	resp, err := c.api.GetAnalysis(ctx, id)
	return analysis(result(resp, err, gen.ParseGetAnalysisResponse, func(r *gen.GetAnalysisResponse) *gen.Analysis { return r.JSON200 }))
}

// Cancel cancels an analysis (cancelAnalysis) and returns it. A queued
// analysis is cancelled at once; a running one gets CancelRequestedAt and
// becomes cancelled within seconds (Wait for it); one that already ended is
// returned unchanged, so Cancel is safe to repeat.
func (c *Client) Cancel(ctx context.Context, id int64) (*Analysis, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	resp, err := c.api.CancelAnalysis(ctx, id)
	return analysis(result(resp, err, gen.ParseCancelAnalysisResponse, func(r *gen.CancelAnalysisResponse) *gen.Analysis {
		return cmp.Or(r.JSON202, r.JSON200)
	}))
}

func analysis(g *gen.Analysis, err error) (*Analysis, error) {
	if err != nil {
		return nil, err
	}
	a := newAnalysis(g)
	return &a, nil
}

// ListAnalysesOptions selects analyses for ListAnalyses and Analyses.
type ListAnalysesOptions struct {
	// RepositoryURL keeps the analyses of this repository, in any spelling
	// Analyze accepts. Defaults to every repository.
	RepositoryURL string
	// Status keeps the analyses in this status. Defaults to any status.
	Status AnalysisStatus
	ListOptions
}

// ListAnalyses returns one page of analyses, newest first (listAnalyses).
func (c *Client) ListAnalyses(ctx context.Context, opts ListAnalysesOptions) (*Page[Analysis], error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	params := &gen.ListAnalysesParams{RepositoryURL: optional(opts.RepositoryURL), Status: optional(gen.ListAnalysesParamsStatus(opts.Status))}
	params.Limit, params.Cursor = opts.params()
	resp, err := c.api.ListAnalyses(ctx, params)
	p, err := result(resp, err, gen.ParseListAnalysesResponse, func(r *gen.ListAnalysesResponse) *gen.AnalysisPage { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	return page(p.Items, p.NextCursor, newAnalysis), nil
}

// Analyses iterates over every analysis that opts selects, newest first,
// fetching pages as it goes. It stops at the first error.
func (c *Client) Analyses(ctx context.Context, opts ListAnalysesOptions) iter.Seq2[Analysis, error] {
	return all(opts.Cursor, func(cursor string) (*Page[Analysis], error) {
		opts.Cursor = cursor
		return c.ListAnalyses(ctx, opts)
	})
}

// Diff compares the tests of the analysis id with those of base
// (diffAnalyses): tests added, removed, and with a changed status. Both
// must be completed analyses of one repository: else an *APIError with
// status 409 (ProblemNotReady) or 422 (ProblemDifferentRepositories).
func (c *Client) Diff(ctx context.Context, id, base int64) (*Diff, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	resp, err := c.api.DiffAnalyses(ctx, id, &gen.DiffAnalysesParams{Base: base})
	g, err := result(resp, err, gen.ParseDiffAnalysesResponse, func(r *gen.DiffAnalysesResponse) *gen.Diff { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	d := newDiff(g)
	return &d, nil
}
