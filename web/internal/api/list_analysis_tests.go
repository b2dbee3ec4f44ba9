package api

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// ListAnalysisTestsInput is the input of listAnalysisTests.
type ListAnalysisTestsInput struct {
	AnalysisIDInput
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"100" doc:"Largest number of tests in the page."`
	Cursor string `query:"cursor" maxLength:"128" doc:"Opaque cursor from the previous page's next_cursor; absent for the first page."`
}

// ListAnalysisTestsOutput is one page of tests.
type ListAnalysisTestsOutput struct {
	Link string `header:"Link" doc:"RFC 8288 link to the next page (rel=\"next\"), when there is one."`
	Body TestPage
}

// TestPage is one page of the tests of an analysis.
type TestPage struct {
	Items      []Test `json:"items" doc:"Tests in inventory order: file path, then source position."`
	NextCursor string `json:"next_cursor,omitempty" doc:"Cursor of the next page; absent on the last page."`
}

// Test is one test of an analysis, with its file's attributes repeated so
// that a page can be read on its own.
type Test struct {
	ID        int64                `json:"id" doc:"Identifier of the test row; increases in inventory order."`
	Path      string               `json:"path" doc:"Path of the test file, relative to the repository root." example:"pkg/foo/foo_test.go"`
	Framework inventory.Framework  `json:"framework" example:"go-testing"`
	Language  inventory.Language   `json:"language,omitempty" example:"go"`
	SuitePath []string             `json:"suite_path" doc:"Enclosing suites, outermost first; empty at top level."`
	Name      string               `json:"name" example:"TestParse"`
	Line      int                  `json:"line" doc:"1-based line of the declaration."`
	Status    inventory.TestStatus `json:"status" enum:"active,skipped,todo,focused,xfail" doc:"What the source says about how the test runs."`
	Kind      inventory.TestKind   `json:"kind" enum:"test,case" doc:"test: declared in source; case: a subtest or an expanded parametrised case."`
}

func (d Deps) listAnalysisTests(ctx context.Context, in *ListAnalysisTestsInput) (*ListAnalysisTestsOutput, error) {
	var after int64
	if in.Cursor != "" {
		var ok bool
		if after, ok = decodeCursor(in.Cursor); !ok {
			return nil, validationError(&huma.ErrorDetail{
				Location: "query.cursor",
				Message:  "malformed cursor: pass next_cursor of the previous page unchanged, or omit it for the first page",
				Value:    in.Cursor,
			})
		}
	}

	var status string
	err := d.Pool.QueryRow(ctx, `SELECT status FROM analyses WHERE id = $1 AND tenant_id = $2`, in.ID, DefaultTenant).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(in.ID)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "list tests: analysis", err)
	}
	out := &ListAnalysisTestsOutput{Body: TestPage{Items: []Test{}}}
	// Until completion the rows are an attempt's partial work and may be
	// removed again: only a completed analysis has tests to show.
	if inventory.AnalysisStatus(status) != inventory.AnalysisCompleted {
		return out, nil
	}

	// One more row than asked tells whether there is a next page.
	rows, err := d.Pool.Query(ctx, `
		SELECT t.id, t.path, t.framework, f.language, t.suite_path, t.name, t.line, t.status, t.kind
		FROM tests t
		JOIN test_files f ON f.id = t.file_id
		WHERE t.analysis_id = $1 AND t.id > $2
		ORDER BY t.id
		LIMIT $3`, in.ID, after, in.Limit+1)
	if err != nil {
		return nil, dbError(ctx, d.Log, "list tests", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Test, error) {
		var t Test
		err := row.Scan(&t.ID, &t.Path, &t.Framework, &t.Language, &t.SuitePath, &t.Name, &t.Line, &t.Status, &t.Kind)
		if t.SuitePath == nil {
			t.SuitePath = []string{}
		}
		return t, err
	})
	if err != nil {
		return nil, dbError(ctx, d.Log, "list tests", err)
	}
	if items == nil {
		items = []Test{}
	}
	if len(items) > in.Limit {
		items = items[:in.Limit]
		out.Body.NextCursor = encodeCursor(items[len(items)-1].ID)
		q := url.Values{"limit": {strconv.Itoa(in.Limit)}, "cursor": {out.Body.NextCursor}}
		out.Link = fmt.Sprintf(`<%s/tests?%s>; rel="next"`, AnalysisPath(in.ID), q.Encode())
	}
	out.Body.Items = items
	return out, nil
}
