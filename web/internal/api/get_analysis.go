package api

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// GetAnalysisOutput is the answer of getAnalysis.
type GetAnalysisOutput struct {
	Body *Analysis
}

func (d Deps) getAnalysis(ctx context.Context, in *AnalysisIDInput) (*GetAnalysisOutput, error) {
	a, err := loadAnalysis(ctx, d.Pool, in.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(in.ID)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "get analysis", err)
	}
	return &GetAnalysisOutput{Body: a}, nil
}
