package testlens

import (
	"context"
	"iter"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// ListTestsOptions filters the tests of an analysis for ListTests and Tests.
// The filters combine: a test must match each one that is set.
type ListTestsOptions struct {
	// Framework keeps the tests of files of this framework, such as
	// "go-testing" or "jest". Defaults to every framework.
	Framework string
	// Status keeps the tests with this status. Defaults to any status.
	Status TestStatus
	// PathPrefix keeps the tests of files whose path starts with it: a path
	// relative to the repository root with / separators; end it with / to
	// select a folder. Defaults to every file.
	PathPrefix string
	// Query keeps the tests whose name contains it, ignoring case; at most
	// 200 characters. Defaults to every name.
	Query string
	ListOptions
}

// ListTests returns one page of the tests of an analysis in inventory order:
// file path, then source position (listAnalysisTests). An analysis that is
// not completed has no tests: its page is empty.
func (c *Client) ListTests(ctx context.Context, id int64, opts ListTestsOptions) (*Page[Test], error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	params := &gen.ListAnalysisTestsParams{
		Framework:  optional(opts.Framework),
		Status:     optional(gen.ListAnalysisTestsParamsStatus(opts.Status)),
		PathPrefix: optional(opts.PathPrefix),
		Q:          optional(opts.Query),
	}
	params.Limit, params.Cursor = opts.params()
	resp, err := c.api.ListAnalysisTests(ctx, id, params)
	p, err := result(resp, err, gen.ParseListAnalysisTestsResponse, func(r *gen.ListAnalysisTestsResponse) *gen.TestPage { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	return page(p.Items, p.NextCursor, newTest), nil
}

// Tests iterates over every test of an analysis that opts selects, in
// inventory order, fetching pages as it goes. It stops at the first error:
//
//	for test, err := range client.Tests(ctx, id, testlens.ListTestsOptions{}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(test.Path, test.Name)
//	}
func (c *Client) Tests(ctx context.Context, id int64, opts ListTestsOptions) iter.Seq2[Test, error] {
	return all(opts.Cursor, func(cursor string) (*Page[Test], error) {
		opts.Cursor = cursor
		return c.ListTests(ctx, id, opts)
	})
}

// ListFilesOptions filters the test files of an analysis for ListFiles and
// Files.
type ListFilesOptions struct {
	// Framework keeps the files of this framework; "unknown" selects those
	// whose framework could not be decided. Defaults to every framework.
	Framework string
	// PathPrefix keeps the files whose path starts with it, as in
	// ListTestsOptions. Defaults to every file.
	PathPrefix string
	ListOptions
}

// ListFiles returns one page of the test files of an analysis, sorted by
// path (listAnalysisFiles). An analysis that is not completed has no files:
// its page is empty.
func (c *Client) ListFiles(ctx context.Context, id int64, opts ListFilesOptions) (*Page[File], error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	params := &gen.ListAnalysisFilesParams{Framework: optional(opts.Framework), PathPrefix: optional(opts.PathPrefix)}
	params.Limit, params.Cursor = opts.params()
	resp, err := c.api.ListAnalysisFiles(ctx, id, params)
	p, err := result(resp, err, gen.ParseListAnalysisFilesResponse, func(r *gen.ListAnalysisFilesResponse) *gen.FilePage { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	return page(p.Items, p.NextCursor, newFile), nil
}

// Files iterates over every test file of an analysis that opts selects,
// sorted by path, fetching pages as it goes. It stops at the first error.
func (c *Client) Files(ctx context.Context, id int64, opts ListFilesOptions) iter.Seq2[File, error] {
	return all(opts.Cursor, func(cursor string) (*Page[File], error) {
		opts.Cursor = cursor
		return c.ListFiles(ctx, id, opts)
	})
}

// Inventory returns the whole inventory of a completed analysis in one
// document (getAnalysisInventory); an *APIError with status 409
// (ProblemNotReady) while it is not completed. For large repositories,
// prefer Tests, which holds one page in memory at a time.
func (c *Client) Inventory(ctx context.Context, id int64) (*Inventory, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	resp, err := c.api.GetAnalysisInventory(ctx, id)
	g, err := result(resp, err, gen.ParseGetAnalysisInventoryResponse, func(r *gen.GetAnalysisInventoryResponse) *gen.InventoryDocument { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	inv := newInventory(g)
	return &inv, nil
}
