package api

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ListRepositoriesInput is the input of listRepositories.
type ListRepositoriesInput struct {
	PageInput
}

// ListRepositoriesOutput is one page of repositories.
type ListRepositoriesOutput struct {
	NextLink
	Body RepositoryPage
}

// RepositoryPage is one page of repositories.
type RepositoryPage struct {
	Items      []Repository `json:"items" doc:"Repositories, the one with the newest analysis first."`
	NextCursor string       `json:"next_cursor,omitempty" doc:"Cursor of the next page; absent on the last page."`
}

// listRepositories walks analyses newest first (analyses_tenant_created_idx)
// and keeps each repository's latest one: one row per repository, ordered by
// its latest activity, with a keyset on that analysis. A repository whose
// newest analysis arrives between two pages moves to the front and is not
// repeated.
func (d Deps) listRepositories(ctx context.Context, in *ListRepositoriesInput) (*ListRepositoriesOutput, error) {
	after, err := in.after(cursorRepositories)
	if err != nil {
		return nil, err
	}
	var args sqlArgs
	sql := `SELECT r.created_at,` + analysisColumns + analysisFrom + `
		WHERE a.tenant_id = ` + args.add(DefaultTenant) + `
		  AND NOT EXISTS (SELECT 1 FROM analyses n WHERE n.repository_id = a.repository_id AND (n.created_at, n.id) > (a.created_at, a.id))`
	if after != 0 {
		sql += ` AND (a.created_at, a.id) < (SELECT created_at, id FROM analyses WHERE id = ` + args.add(after) + `)`
	}
	sql += ` ORDER BY a.created_at DESC, a.id DESC LIMIT ` + args.add(in.Limit+1)
	rows, err := d.Pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, dbError(ctx, d.Log, "list repositories", err)
	}
	repos, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Repository, error) {
		var r Repository
		a, err := scanAnalysis(row, &r.CreatedAt)
		if err != nil {
			return r, err
		}
		r.ID, r.URL, r.LatestAnalysis = a.RepositoryID, a.RepositoryURL, a
		return r, nil
	})
	if err != nil {
		return nil, dbError(ctx, d.Log, "list repositories", err)
	}
	out := &ListRepositoriesOutput{}
	out.Body.Items, out.Body.NextCursor, out.Link = endPage(repos, in.PageInput, cursorRepositories,
		func(r Repository) int64 { return r.LatestAnalysis.ID }, "/v1/repositories", nil)
	return out, nil
}
