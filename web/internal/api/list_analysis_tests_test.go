package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
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
		var got []int64
		var sizes []int
		path := fmt.Sprintf("/v1/analyses/%d/tests?limit=100", id)
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("too many pages")
			}
			page, resp := get[api.TestPage](t, b, path, http.StatusOK)
			sizes = append(sizes, len(page.Items))
			for _, it := range page.Items {
				got = append(got, it.ID)
			}
			link := resp.Header.Get("Link")
			if page.NextCursor == "" {
				if link != "" {
					t.Errorf("last page has Link %q", link)
				}
				break
			}
			m := nextLink.FindStringSubmatch(link)
			if m == nil {
				t.Fatalf("Link = %q", link)
			}
			u, err := url.Parse(m[1])
			if err != nil || u.Query().Get("cursor") != page.NextCursor || u.Query().Get("limit") != "100" {
				t.Fatalf("Link %q does not carry next_cursor %q", link, page.NextCursor)
			}
			path = m[1]
		}
		if fmt.Sprint(sizes) != "[100 100 50]" {
			t.Errorf("page sizes = %v", sizes)
		}
		if fmt.Sprint(got) != fmt.Sprint(wantIDs) {
			t.Errorf("ids = %v\nwant %v", got, wantIDs)
		}
	})

	t.Run("Items", func(t *testing.T) {
		t.Parallel()
		page, _ := get[api.TestPage](t, b, fmt.Sprintf("/v1/analyses/%d/tests?limit=2", id), http.StatusOK)
		want := []api.Test{
			{ID: wantIDs[0], Path: "pkg0/x_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{}, Name: "Test0", Line: 10, Status: "active", Kind: "test"},
			{ID: wantIDs[1], Path: "pkg0/x_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{"TestTable"}, Name: "case 1", Line: 11, Status: "skipped", Kind: "case"},
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
		forged := base64.RawURLEncoding.EncodeToString([]byte("x1:5"))
		for _, tc := range []struct{ query, location string }{
			{"cursor=!!!", "query.cursor"},
			{"cursor=" + forged, "query.cursor"},
			{"cursor=" + base64.RawURLEncoding.EncodeToString([]byte("t1:-4")), "query.cursor"},
			{"limit=501", "query.limit"},
			{"limit=0", "query.limit"},
			{"limit=ten", "query.limit"},
		} {
			resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/tests?%s", id, tc.query), "")
			p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
			if len(p.Errors) == 0 || p.Errors[0].Location != tc.location {
				t.Errorf("%s: errors = %s", tc.query, raw)
			}
		}
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
