package api

import (
	"context"
	"net/url"

	"github.com/danielgtaylor/huma/v2"
)

// ListAnalysesInput is the input of listAnalyses.
type ListAnalysesInput struct {
	RepositoryURL string `query:"repository_url" maxLength:"2048" example:"https://github.com/owner/repo" doc:"Only analyses of this repository, in any spelling createAnalysis accepts."`
	Status        string `query:"status" enum:"queued,running,completed,failed,cancelled" doc:"Only analyses in this status."`
	PageInput
}

// ListAnalysesOutput is one page of analyses.
type ListAnalysesOutput struct {
	NextLink
	Body AnalysisPage
}

// AnalysisPage is one page of analyses.
type AnalysisPage struct {
	Items      []*Analysis `json:"items" doc:"Analyses, newest first."`
	NextCursor string      `json:"next_cursor,omitempty" doc:"Cursor of the next page; absent on the last page."`
}

// listAnalyses walks analyses_tenant_created_idx (or its status or
// repository sibling) from the cursor's row, newest first.
func (d Deps) listAnalyses(ctx context.Context, in *ListAnalysesInput) (*ListAnalysesOutput, error) {
	after, err := in.after(cursorAnalyses)
	if err != nil {
		return nil, err
	}
	var args sqlArgs
	tenant := args.add(DefaultTenant)
	sql := analysisSelect + ` WHERE a.tenant_id = ` + tenant
	q := url.Values{}
	if in.RepositoryURL != "" {
		canonical, err := d.Policy.Check(in.RepositoryURL)
		if err != nil {
			return nil, validationError(&huma.ErrorDetail{Location: "query.repository_url", Message: err.Error(), Value: in.RepositoryURL})
		}
		sql += ` AND a.repository_id = (SELECT id FROM repositories WHERE tenant_id = ` + tenant + ` AND url = ` + args.add(canonical) + `)`
		q.Set("repository_url", in.RepositoryURL)
	}
	if in.Status != "" {
		sql += ` AND a.status = ` + args.add(in.Status)
		q.Set("status", in.Status)
	}
	if after != 0 {
		sql += ` AND (a.created_at, a.id) < (SELECT created_at, id FROM analyses WHERE id = ` + args.add(after) + `)`
	}
	sql += ` ORDER BY a.created_at DESC, a.id DESC LIMIT ` + args.add(in.Limit+1)
	items, err := queryAnalyses(ctx, d.Pool, sql, args...)
	if err != nil {
		return nil, dbError(ctx, d.Log, "list analyses", err)
	}
	out := &ListAnalysesOutput{}
	out.Body.Items, out.Body.NextCursor, out.Link = endPage(items, in.PageInput, cursorAnalyses,
		func(a *Analysis) int64 { return a.ID }, "/v1/analyses", q)
	return out, nil
}
