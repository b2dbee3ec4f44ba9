package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

func TestDiffAnalyses(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tc := func(name string, status inventory.TestStatus, line int, suite ...string) inventory.Test {
		return inventory.Test{SuitePath: append([]string{}, suite...), Name: name, Line: line, Status: status, Kind: inventory.KindTest}
	}
	goFile := func(path string, tests ...inventory.Test) inventory.File {
		return inventory.File{Path: path, Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo, Tests: tests}
	}
	completed := &analysisOpts{Status: ptr(inventory.AnalysisCompleted)}
	base := insertAnalysis(t, b.pool, completed)
	insertFiles(t, b.pool, base, []inventory.File{
		goFile("a_test.go",
			tc("TestSame", inventory.TestActive, 3),
			tc("TestGone", inventory.TestActive, 5),
			tc("TestNowSkipped", inventory.TestActive, 7),
			tc("case", inventory.TestActive, 9, "TestTable"),
			tc("dup", inventory.TestActive, 11, "TestDup"),
			tc("dup", inventory.TestActive, 12, "TestDup")),
		goFile("old_test.go", tc("TestOld", inventory.TestSkipped, 1)),
	})
	head := insertAnalysis(t, b.pool, completed)
	insertFiles(t, b.pool, head, []inventory.File{
		goFile("a_test.go",
			tc("TestSame", inventory.TestActive, 30), // moved: not a change
			tc("TestNowSkipped", inventory.TestSkipped, 7),
			tc("case", inventory.TestActive, 9, "TestOther"), // other suite: removed and added
			tc("dup", inventory.TestTodo, 11, "TestDup"),     // one of two left, with another status
			tc("TestNew", inventory.TestFocused, 40)),
		goFile("new_test.go", tc("TestAlsoNew", inventory.TestActive, 2)),
	})
	path := fmt.Sprintf("/v1/analyses/%d/diff?base=%d", head, base)

	key := func(t api.DiffTest) string {
		return fmt.Sprintf("%s %v %s %s@%d", t.Path, t.SuitePath, t.Name, t.Status, t.Line)
	}
	keys := func(ts []api.DiffTest) []string {
		out := []string{}
		for _, t := range ts {
			out = append(out, key(t))
		}
		return out
	}

	t.Run("Lists", func(t *testing.T) {
		t.Parallel()
		d, _ := get[api.Diff](t, b, path, http.StatusOK)
		if d.Base == nil || d.Base.ID != base || d.Head == nil || d.Head.ID != head {
			t.Errorf("base/head = %+v / %+v", d.Base, d.Head)
		}
		wantAdded := []string{"a_test.go [TestOther] case active@9", "a_test.go [] TestNew focused@40", "new_test.go [] TestAlsoNew active@2"}
		wantRemoved := []string{"a_test.go [] TestGone active@5", "a_test.go [TestTable] case active@9", "a_test.go [TestDup] dup active@12", "old_test.go [] TestOld skipped@1"}
		if got := keys(d.Added); fmt.Sprint(got) != fmt.Sprint(wantAdded) {
			t.Errorf("added = %q\nwant %q", got, wantAdded)
		}
		if got := keys(d.Removed); fmt.Sprint(got) != fmt.Sprint(wantRemoved) {
			t.Errorf("removed = %q\nwant %q", got, wantRemoved)
		}
		var changed []string
		for _, c := range d.Changed {
			changed = append(changed, string(c.BaseStatus)+"→"+key(c.DiffTest))
		}
		if want := []string{"active→a_test.go [] TestNowSkipped skipped@7", "active→a_test.go [TestDup] dup todo@11"}; fmt.Sprint(changed) != fmt.Sprint(want) {
			t.Errorf("changed = %q\nwant %q", changed, want)
		}
		if d.Totals != (api.DiffTotals{Added: 3, Removed: 4, Changed: 2}) || d.Truncated {
			t.Errorf("totals %+v, truncated %v", d.Totals, d.Truncated)
		}
		if d.Added[0].Framework != inventory.FrameworkGoTesting || d.Added[0].Kind != inventory.KindTest {
			t.Errorf("added[0] = %+v", d.Added[0])
		}
	})

	t.Run("Limit", func(t *testing.T) {
		t.Parallel()
		d, _ := get[api.Diff](t, b, path+"&limit=1", http.StatusOK)
		if len(d.Added) != 1 || len(d.Removed) != 1 || len(d.Changed) != 1 || !d.Truncated ||
			d.Totals != (api.DiffTotals{Added: 3, Removed: 4, Changed: 2}) {
			t.Errorf("limit=1: %d/%d/%d, totals %+v, truncated %v", len(d.Added), len(d.Removed), len(d.Changed), d.Totals, d.Truncated)
		}
	})

	t.Run("Itself", func(t *testing.T) {
		t.Parallel()
		d, _ := get[api.Diff](t, b, fmt.Sprintf("/v1/analyses/%d/diff?base=%d", head, head), http.StatusOK)
		if len(d.Added)+len(d.Removed)+len(d.Changed) != 0 || d.Totals != (api.DiffTotals{}) {
			t.Errorf("diff with itself = %+v", d)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		t.Parallel()
		running := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisRunning)})
		elsewhere := insertAnalysis(t, b.pool, &analysisOpts{URL: ptr("https://github.com/testlens/other"), Status: ptr(inventory.AnalysisCompleted)})
		for _, c := range []struct {
			head, base int64
			status     int
			typ        string
		}{
			{head, running, http.StatusConflict, api.ProblemNotReady},
			{running, base, http.StatusConflict, api.ProblemNotReady},
			{head, elsewhere, http.StatusUnprocessableEntity, api.ProblemDifferentRepositories},
			{head, 987654, http.StatusNotFound, api.ProblemNotFound},
			{987654, base, http.StatusNotFound, api.ProblemNotFound},
		} {
			resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/diff?base=%d", c.head, c.base), "")
			requireProblem(t, resp, raw, c.status, c.typ)
		}
		requireInvalid(t, b, fmt.Sprintf("/v1/analyses/%d/diff", head), []invalidQuery{
			{"", "query.base"},
			{"base=0", "query.base"},
			{fmt.Sprintf("base=%d&limit=1001", base), "query.limit"},
		})
	})
}
