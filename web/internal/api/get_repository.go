package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"
)

// RepositoryIDInput is the path parameter of getRepository.
type RepositoryIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Identifier of the repository." example:"7"`
}

// GetRepositoryOutput is the answer of getRepository.
type GetRepositoryOutput struct {
	Body *RepositoryDetail
}

func (d Deps) getRepository(ctx context.Context, in *RepositoryIDInput) (*GetRepositoryOutput, error) {
	r := &RepositoryDetail{}
	err := d.Pool.QueryRow(ctx, `SELECT id, url, created_at FROM repositories WHERE id = $1 AND tenant_id = $2`,
		in.ID, DefaultTenant).Scan(&r.ID, &r.URL, &r.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, huma.Error404NotFound(fmt.Sprintf("repository %d not found", in.ID))
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "get repository", err)
	}
	r.History, err = queryAnalyses(ctx, d.Pool, analysisSelect+`
		WHERE a.repository_id = $1 AND a.tenant_id = $2
		ORDER BY a.created_at DESC, a.id DESC LIMIT $3`, in.ID, DefaultTenant, historyLength)
	if err != nil {
		return nil, dbError(ctx, d.Log, "get repository: history", err)
	}
	if r.History == nil {
		r.History = []*Analysis{}
	}
	if len(r.History) > 0 {
		r.LatestAnalysis = r.History[0]
	}
	return &GetRepositoryOutput{Body: r}, nil
}
