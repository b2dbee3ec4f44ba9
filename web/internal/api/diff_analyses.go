package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// diffTimeout bounds one diff: two inventories are compared in the database.
const diffTimeout = time.Minute

// DiffAnalysesInput is the input of diffAnalyses.
type DiffAnalysesInput struct {
	AnalysisIDInput
	Base  int64 `query:"base" required:"true" minimum:"1" example:"41" doc:"Identifier of the analysis to compare with (the older one, usually)."`
	Limit int   `query:"limit" minimum:"1" maximum:"1000" default:"1000" doc:"Largest number of tests in each of added, removed and changed."`
}

// DiffAnalysesOutput is the answer of diffAnalyses.
type DiffAnalysesOutput struct {
	Body Diff
}

// Diff is how the tests of the head analysis differ from those of the base.
type Diff struct {
	Base      *Analysis     `json:"base" doc:"The base analysis."`
	Head      *Analysis     `json:"head" doc:"The head analysis (the {id} of the path)."`
	Added     []DiffTest    `json:"added" doc:"Tests of head that base does not have, by path and line."`
	Removed   []DiffTest    `json:"removed" doc:"Tests of base that head does not have, by path and line."`
	Changed   []ChangedTest `json:"changed" doc:"Tests of both whose status differs, by path and line (in head)."`
	Totals    DiffTotals    `json:"totals" doc:"How many tests each list has in all."`
	Truncated bool          `json:"truncated" doc:"Whether a list holds fewer tests than its total (see limit)."`
}

// DiffTest is a test of one side of a diff. Its identity is path, suite
// path, name and kind; a test declared twice with one identity counts twice.
type DiffTest struct {
	Path      string               `json:"path" example:"pkg/foo/foo_test.go"`
	Framework inventory.Framework  `json:"framework" example:"go-testing"`
	SuitePath []string             `json:"suite_path" doc:"Enclosing suites, outermost first; empty at top level."`
	Name      string               `json:"name" example:"TestParse"`
	Kind      inventory.TestKind   `json:"kind" enum:"test,case"`
	Line      int                  `json:"line" doc:"1-based line of the declaration (in head for changed tests)."`
	Status    inventory.TestStatus `json:"status" enum:"active,skipped,todo,focused,xfail" doc:"The status (in head for changed tests)."`
}

// ChangedTest is a test of both analyses whose status changed.
type ChangedTest struct {
	DiffTest
	BaseStatus inventory.TestStatus `json:"base_status" enum:"active,skipped,todo,focused,xfail" doc:"The status in base."`
}

// DiffTotals counts each list of a diff in full.
type DiffTotals struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

// diffSQL compares the tests of base ($1) and head ($2) in one statement:
// each side numbers the tests of one identity (n) so that duplicates pair up
// one to one, a full join on identity and n finds what is on one side only
// or differs in status, and windows count each kind of change in full while
// only the first $3 of each leave the database.
const diffSQL = `
WITH b AS (
  SELECT path, suite_path, name, kind, framework, line, status,
         row_number() OVER (PARTITION BY path, suite_path, name, kind ORDER BY id) AS n
  FROM tests WHERE analysis_id = $1
), h AS (
  SELECT path, suite_path, name, kind, framework, line, status,
         row_number() OVER (PARTITION BY path, suite_path, name, kind ORDER BY id) AS n
  FROM tests WHERE analysis_id = $2
), d AS (
  SELECT CASE WHEN b.status IS NULL THEN 'added' WHEN h.status IS NULL THEN 'removed' ELSE 'changed' END AS change,
         path, suite_path, name, kind, n,
         coalesce(h.framework, b.framework) AS framework, coalesce(h.line, b.line) AS line,
         b.status AS base_status, h.status AS status
  FROM b FULL JOIN h USING (path, suite_path, name, kind, n)
  WHERE b.status IS DISTINCT FROM h.status
), r AS (
  SELECT d.*, count(*) OVER (PARTITION BY change) AS total,
         row_number() OVER (PARTITION BY change ORDER BY path COLLATE "C", line, suite_path, name, kind, n) AS rn
  FROM d
)
SELECT change, total, path, framework, suite_path, name, kind, line, coalesce(base_status, ''), coalesce(status, '')
FROM r WHERE rn <= $3
ORDER BY change, rn`

func (d Deps) diffAnalyses(ctx context.Context, in *DiffAnalysesInput) (*DiffAnalysesOutput, error) {
	head, err := d.findAnalysis(ctx, d.Pool, in.ID, "diff: head")
	if err != nil {
		return nil, err
	}
	base, err := d.findAnalysis(ctx, d.Pool, in.Base, "diff: base")
	if err != nil {
		return nil, err
	}
	if base.RepositoryID != head.RepositoryID {
		return nil, problem(http.StatusUnprocessableEntity, ProblemDifferentRepositories, "Different Repositories",
			fmt.Sprintf("analysis %d is of %s and analysis %d of %s; a diff compares two analyses of one repository",
				base.ID, base.RepositoryURL, head.ID, head.RepositoryURL),
			&huma.ErrorDetail{Location: "query.base", Message: "an analysis of another repository", Value: in.Base})
	}
	for _, a := range []*Analysis{base, head} {
		if a.Status != inventory.AnalysisCompleted {
			return nil, problem(http.StatusConflict, ProblemNotReady, titleNotReady,
				fmt.Sprintf("analysis %d is %s; a diff needs two completed analyses", a.ID, a.Status))
		}
	}

	out := &DiffAnalysesOutput{Body: Diff{Base: base, Head: head, Added: []DiffTest{}, Removed: []DiffTest{}, Changed: []ChangedTest{}}}
	diff := &out.Body
	rows, err := d.Pool.Query(ctx, diffSQL, base.ID, head.ID, in.Limit)
	if err != nil {
		return nil, dbError(ctx, d.Log, "diff", err)
	}
	var (
		change     string
		total      int
		t          DiffTest
		baseStatus inventory.TestStatus
	)
	_, err = pgx.ForEachRow(rows, []any{&change, &total, &t.Path, &t.Framework, &t.SuitePath, &t.Name, &t.Kind, &t.Line, &baseStatus, &t.Status},
		func() error {
			if t.SuitePath == nil {
				t.SuitePath = []string{}
			}
			switch change {
			case "added":
				diff.Added, diff.Totals.Added = append(diff.Added, t), total
			case "removed":
				t.Status = baseStatus
				diff.Removed, diff.Totals.Removed = append(diff.Removed, t), total
			case "changed":
				diff.Changed, diff.Totals.Changed = append(diff.Changed, ChangedTest{DiffTest: t, BaseStatus: baseStatus}), total
			}
			t.SuitePath = nil
			return nil
		})
	if err != nil {
		return nil, dbError(ctx, d.Log, "diff", err)
	}
	diff.Truncated = len(diff.Added) < diff.Totals.Added || len(diff.Removed) < diff.Totals.Removed || len(diff.Changed) < diff.Totals.Changed
	return out, nil
}
