package api

import (
	"context"
	"net/url"

	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// ListAnalysisTestsInput is the input of listAnalysisTests.
type ListAnalysisTestsInput struct {
	AnalysisIDInput
	FileFilterInput
	Status string `query:"status" enum:"active,skipped,todo,focused,xfail" doc:"Only tests with this status."`
	Q      string `query:"q" maxLength:"200" example:"parse" doc:"Only tests whose name contains this text, ignoring case."`
	PageInput
}

// ListAnalysisTestsOutput is one page of tests.
type ListAnalysisTestsOutput struct {
	NextLink
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
	Condition string               `json:"condition,omitempty" example:"feature = \"serde\"" doc:"The source condition under which the test is compiled or collected (a Rust #[cfg] predicate, a C or C++ #if expression, a Ruby RUBY_VERSION check, a Python module's importorskip); absent when none encloses it. The test is counted either way; a runner lists it only where the condition holds."`
}

// listAnalysisTests pages by test id (inventory order); a framework or
// status filter walks its own index, which also ends in id.
func (d Deps) listAnalysisTests(ctx context.Context, in *ListAnalysisTestsInput) (*ListAnalysisTestsOutput, error) {
	after, err := in.after(cursorTests)
	if err != nil {
		return nil, err
	}
	var args sqlArgs
	q := url.Values{}
	sql := `
		SELECT t.id, t.path, t.framework, f.language, t.suite_path, t.name, t.line, t.status, t.kind, t.condition
		FROM tests t
		JOIN test_files f ON f.id = t.file_id
		WHERE t.analysis_id = ` + args.add(in.ID) + ` AND t.id > ` + args.add(after)
	filters, err := in.FileFilterInput.where("t", &args, q)
	if err != nil {
		return nil, err
	}
	sql += filters
	if in.Status != "" {
		sql += ` AND t.status = ` + args.add(in.Status)
		q.Set("status", in.Status)
	}
	if in.Q != "" {
		sql += ` AND t.name ILIKE '%' || ` + args.add(escapeLike(in.Q)) + ` || '%' ESCAPE '\'`
		q.Set("q", in.Q)
	}
	// One more row than asked tells whether there is a next page.
	sql += ` ORDER BY t.id LIMIT ` + args.add(in.Limit+1)

	items, err := listInventory(ctx, d, in.ID, "list tests", sql, args, func(row pgx.CollectableRow) (Test, error) {
		var t Test
		var condition *string
		err := row.Scan(&t.ID, &t.Path, &t.Framework, &t.Language, &t.SuitePath, &t.Name, &t.Line, &t.Status, &t.Kind, &condition)
		t.Condition = deref(condition)
		if t.SuitePath == nil {
			t.SuitePath = []string{}
		}
		return t, err
	})
	if err != nil {
		return nil, err
	}
	out := &ListAnalysisTestsOutput{}
	out.Body.Items, out.Body.NextCursor, out.Link = endPage(items, in.PageInput, cursorTests,
		func(t Test) int64 { return t.ID }, AnalysisPath(in.ID)+"/tests", q)
	return out, nil
}
