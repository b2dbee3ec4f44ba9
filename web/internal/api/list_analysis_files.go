package api

import (
	"context"
	"net/url"

	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// ListAnalysisFilesInput is the input of listAnalysisFiles.
type ListAnalysisFilesInput struct {
	AnalysisIDInput
	FileFilterInput
	PageInput
}

// ListAnalysisFilesOutput is one page of test files.
type ListAnalysisFilesOutput struct {
	NextLink
	Body FilePage
}

// FilePage is one page of the test files of an analysis.
type FilePage struct {
	Items      []TestFile `json:"items" doc:"Test files sorted by path."`
	NextCursor string     `json:"next_cursor,omitempty" doc:"Cursor of the next page; absent on the last page."`
}

// TestFile is one test file of an analysis, without its tests.
type TestFile struct {
	Path            string              `json:"path" doc:"Path of the file, relative to the repository root." example:"pkg/foo/foo_test.go"`
	Framework       inventory.Framework `json:"framework" example:"go-testing" doc:"The detected framework; unknown when it could not be decided (see framework_reason)."`
	Language        inventory.Language  `json:"language" example:"go"`
	TestCount       int                 `json:"test_count" doc:"Tests found in the file, expanded cases included."`
	FrameworkReason string              `json:"framework_reason,omitempty" doc:"Why the framework could not be decided."`
	SkipReason      string              `json:"skip_reason,omitempty" doc:"Why the file was not parsed (too large, time limit, unreadable, never built); it then has no tests."`
	BuildConstraint string              `json:"build_constraint,omitempty" example:"integration" doc:"The condition under which the file is compiled, such as a Go build constraint."`

	id int64 // the cursor's key
}

// listAnalysisFiles pages by path along the (analysis_id, path) unique
// index; the cursor holds the id of the page's last file, whose path the
// next page starts after.
func (d Deps) listAnalysisFiles(ctx context.Context, in *ListAnalysisFilesInput) (*ListAnalysisFilesOutput, error) {
	after, err := in.after(cursorFiles)
	if err != nil {
		return nil, err
	}
	var args sqlArgs
	q := url.Values{}
	analysisID := args.add(in.ID)
	sql := `
		SELECT f.id, f.path, f.framework, f.language, f.test_count, f.framework_reason, f.skip_reason, f.build_constraint
		FROM test_files f
		WHERE f.analysis_id = ` + analysisID
	filters, err := in.FileFilterInput.where("f", &args, q)
	if err != nil {
		return nil, err
	}
	sql += filters
	if after != 0 {
		sql += ` AND f.path > (SELECT path FROM test_files WHERE id = ` + args.add(after) + ` AND analysis_id = ` + analysisID + `)`
	}
	sql += ` ORDER BY f.path LIMIT ` + args.add(in.Limit+1)

	items, err := listInventory(ctx, d, in.ID, "list files", sql, args, func(row pgx.CollectableRow) (TestFile, error) {
		var f TestFile
		var reason, skip, constraint *string
		err := row.Scan(&f.id, &f.Path, &f.Framework, &f.Language, &f.TestCount, &reason, &skip, &constraint)
		f.FrameworkReason, f.SkipReason, f.BuildConstraint = deref(reason), deref(skip), deref(constraint)
		return f, err
	})
	if err != nil {
		return nil, err
	}
	out := &ListAnalysisFilesOutput{}
	out.Body.Items, out.Body.NextCursor, out.Link = endPage(items, in.PageInput, cursorFiles,
		func(f TestFile) int64 { return f.id }, AnalysisPath(in.ID)+"/files", q)
	return out, nil
}
