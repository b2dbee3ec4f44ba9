package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// manyTestFiles returns files holding n tests in all, spread over a few
// files, with nested suites.
func manyTestFiles(n int) []inventory.File {
	var files []inventory.File
	for i := 0; i < n; i++ {
		if i%60 == 0 {
			files = append(files, inventory.File{
				Path: fmt.Sprintf("pkg%d/x_test.go", len(files)), Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
				Suites: []inventory.Suite{{Path: []string{"TestTable"}, Line: 1}},
			})
		}
		f := &files[len(files)-1]
		tc := inventory.Test{SuitePath: []string{}, Name: fmt.Sprintf("Test%d", i), Line: 10 + i, Status: inventory.TestActive, Kind: inventory.KindTest}
		if i%2 == 1 {
			tc = inventory.Test{SuitePath: []string{"TestTable"}, Name: fmt.Sprintf("case %d", i), Line: 10 + i, Status: inventory.TestSkipped, Kind: inventory.KindCase}
		}
		if i == 1 {
			tc.Condition = "linux"
		}
		f.Tests = append(f.Tests, tc)
	}
	return files
}

var nextLink = regexp.MustCompile(`^<([^>]+)>; rel="next"$`)

func TestListAnalysisTests(t *testing.T) {
	t.Parallel()
	b := setup(t)

	files := manyTestFiles(250)
	id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
	wantIDs := insertFiles(t, b.pool, id, files)
	// Another analysis's tests must never show up in this one's pages.
	other := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
	insertFiles(t, b.pool, other, manyTestFiles(7))

	t.Run("WalkAllPages", func(t *testing.T) {
		t.Parallel()
		pages := walk[api.Test](t, b, fmt.Sprintf("/v1/analyses/%d/tests?limit=100", id))
		if sizes := flat([][][]api.Test{pages}, func(p []api.Test) int { return len(p) }); fmt.Sprint(sizes) != "[100 100 50]" {
			t.Errorf("page sizes = %v", sizes)
		}
		if got := flat(pages, func(it api.Test) int64 { return it.ID }); fmt.Sprint(got) != fmt.Sprint(wantIDs) {
			t.Errorf("ids = %v\nwant %v", got, wantIDs)
		}
	})

	t.Run("Items", func(t *testing.T) {
		t.Parallel()
		page, _ := get[api.TestPage](t, b, fmt.Sprintf("/v1/analyses/%d/tests?limit=2", id), http.StatusOK)
		want := []api.Test{
			{ID: wantIDs[0], Path: "pkg0/x_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{}, Name: "Test0", Line: 10, Status: "active", Kind: "test"},
			{ID: wantIDs[1], Path: "pkg0/x_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{"TestTable"}, Name: "case 1", Line: 11, Status: "skipped", Kind: "case", Condition: "linux"},
		}
		if fmt.Sprintf("%+v", page.Items) != fmt.Sprintf("%+v", want) || page.NextCursor == "" {
			t.Errorf("items = %+v\nwant %+v", page.Items, want)
		}
	})

	t.Run("DefaultLimit", func(t *testing.T) {
		t.Parallel()
		page, _ := get[api.TestPage](t, b, fmt.Sprintf("/v1/analyses/%d/tests", id), http.StatusOK)
		if len(page.Items) != 100 {
			t.Errorf("%d items, want 100", len(page.Items))
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		requireInvalid(t, b, fmt.Sprintf("/v1/analyses/%d/tests", id), []invalidQuery{
			{"cursor=!!!", "query.cursor"},
			{"cursor=" + otherCursor("x1"), "query.cursor"},
			{"cursor=" + base64.RawURLEncoding.EncodeToString([]byte("t1:-4")), "query.cursor"},
			{"limit=501", "query.limit"},
			{"limit=0", "query.limit"},
			{"limit=ten", "query.limit"},
		})
	})

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodGet, "/v1/analyses/987654/tests", "")
		requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)
	})

	t.Run("NotCompletedIsEmpty", func(t *testing.T) {
		t.Parallel()
		running := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisRunning)})
		insertFiles(t, b.pool, running, manyTestFiles(3)) // an attempt's partial rows
		resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/tests", running), "")
		requireStatus(t, resp, raw, http.StatusOK)
		if string(raw) != `{"items":[]}`+"\n" {
			t.Errorf("body = %s", raw)
		}
	})
}

func TestListAnalysisTestsFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
	insertFiles(t, b.pool, id, filterFiles())
	path := fmt.Sprintf("/v1/analyses/%d/tests", id)

	for _, tc := range []struct {
		name, query string
		want        []string // path#name
	}{
		{"Framework", "framework=vitest", []string{"web/app.test.ts#parses input", "web/app.test.ts#renders"}},
		{"Status", "status=skipped", []string{"api/a_test.go#TestParseURL", "web/app.test.ts#renders"}},
		{"PathPrefix", "path_prefix=api/", []string{"api/a_test.go#TestParse", "api/a_test.go#TestParseURL", "api/a_test.go#Test100%", "api/b_test.go#Test_under", "api/b_test.go#TestXunder"}},
		{"NameContains", "q=PARSE", []string{"api/a_test.go#TestParse", "api/a_test.go#TestParseURL", "apis/c_test.go#TestParse", "web/app.test.ts#parses input", "zzz/odd_test.py#test_parse"}},
		{"PercentIsLiteral", "q=" + url.QueryEscape("0%"), []string{"api/a_test.go#Test100%"}},
		{"UnderscoreIsLiteral", "q=_under", []string{"api/b_test.go#Test_under"}},
		{"Combined", "framework=go-testing&status=active&path_prefix=api&q=parse", []string{"api/a_test.go#TestParse"}},
		{"Nothing", "q=" + url.QueryEscape(`\`), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// Pages of one, so that every filter must survive the Link.
			got := flat(walk[api.Test](t, b, path+"?limit=1&"+tc.query), func(it api.Test) string { return it.Path + "#" + it.Name })
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		requireInvalid(t, b, path, []invalidQuery{
			{"q=" + strings.Repeat("q", 201), "query.q"},
			{"status=broken", "query.status"},
			{"path_prefix=/api", "query.path_prefix"},
			{"cursor=" + otherCursor("f1"), "query.cursor"},
		})
	})
}
