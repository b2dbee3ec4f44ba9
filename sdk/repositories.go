package testlens

import (
	"context"
	"iter"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// ListRepositories returns one page of the submitted repositories, the one
// with the newest analysis first, each with that analysis
// (listRepositories).
func (c *Client) ListRepositories(ctx context.Context, opts ListOptions) (*Page[Repository], error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	params := &gen.ListRepositoriesParams{}
	params.Limit, params.Cursor = opts.params()
	resp, err := c.api.ListRepositories(ctx, params)
	p, err := result(resp, err, gen.ParseListRepositoriesResponse, func(r *gen.ListRepositoriesResponse) *gen.RepositoryPage { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	return page(p.Items, p.NextCursor, newRepository), nil
}

// Repositories iterates over every submitted repository, fetching pages as
// it goes. It stops at the first error.
func (c *Client) Repositories(ctx context.Context, opts ListOptions) iter.Seq2[Repository, error] {
	return all(opts.Cursor, func(cursor string) (*Page[Repository], error) {
		opts.Cursor = cursor
		return c.ListRepositories(ctx, opts)
	})
}

// GetRepository returns a repository with its latest analysis and the
// history of its last 20 analyses, newest first (getRepository).
func (c *Client) GetRepository(ctx context.Context, id int64) (*Repository, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	resp, err := c.api.GetRepository(ctx, id)
	g, err := result(resp, err, gen.ParseGetRepositoryResponse, func(r *gen.GetRepositoryResponse) *gen.RepositoryDetail { return r.JSON200 })
	if err != nil {
		return nil, err
	}
	r := newRepositoryDetail(g)
	return &r, nil
}
