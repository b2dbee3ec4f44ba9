package api

import (
	"context"
)

// GetAnalysisOutput is the answer of getAnalysis.
type GetAnalysisOutput struct {
	Body *Analysis
}

func (d Deps) getAnalysis(ctx context.Context, in *AnalysisIDInput) (*GetAnalysisOutput, error) {
	a, err := d.findAnalysis(ctx, d.Pool, in.ID, "get analysis")
	if err != nil {
		return nil, err
	}
	return &GetAnalysisOutput{Body: a}, nil
}
