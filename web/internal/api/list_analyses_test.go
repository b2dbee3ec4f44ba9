package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// walk follows a listing from path through every page, checking that each
// Link header carries next_cursor and every other parameter of the request,
// and returns the pages' items.
func walk[T any](t *testing.T, b *testBundle, path string) [][]T {
	t.Helper()
	var pages [][]T
	for {
		if len(pages) > 50 {
			t.Fatal("too many pages")
		}
		page, resp := get[struct {
			Items      []T    `json:"items"`
			NextCursor string `json:"next_cursor"`
		}](t, b, path, http.StatusOK)
		pages = append(pages, page.Items)
		link := resp.Header.Get("Link")
		if page.NextCursor == "" {
			if link != "" {
				t.Errorf("last page has Link %q", link)
			}
			return pages
		}
		m := nextLink.FindStringSubmatch(link)
		if m == nil {
			t.Fatalf("Link = %q", link)
		}
		next, err := url.Parse(m[1])
		if err != nil || next.Query().Get("cursor") != page.NextCursor || next.Query().Get("limit") == "" {
			t.Fatalf("Link %q does not carry next_cursor %q and the limit", link, page.NextCursor)
		}
		cur, _ := url.Parse(path)
		for k, v := range cur.Query() {
			if k != "cursor" && !slices.Equal(next.Query()[k], v) {
				t.Errorf("Link %q lost %s=%v", link, k, v)
			}
		}
		path = m[1]
	}
}

// flat lists key(item) of every item of every page.
func flat[T, K any](pages [][]T, key func(T) K) []K {
	var out []K
	for _, p := range pages {
		for _, it := range p {
			out = append(out, key(it))
		}
	}
	return out
}

func TestListAnalyses(t *testing.T) {
	t.Parallel()
	b := setup(t)
	base := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	other := "https://github.com/testlens/other"
	var all, ofExample, completed, completedOther []int64 // newest first, built below
	for i, o := range []analysisOpts{
		{Status: ptr(inventory.AnalysisCompleted)},
		{URL: &other, Status: ptr(inventory.AnalysisFailed)},
		{Status: ptr(inventory.AnalysisRunning)},
		{URL: &other, Status: ptr(inventory.AnalysisCompleted)},
		{Status: ptr(inventory.AnalysisCompleted)},
		{Status: ptr(inventory.AnalysisQueued)},
		{Status: ptr(inventory.AnalysisQueued)},
	} {
		// Two pairs share a creation time: id breaks the tie.
		created := base.Add(time.Duration(i/2*2) * time.Minute)
		o.CreatedAt = &created
		id := insertAnalysis(t, b.pool, &o)
		all = append([]int64{id}, all...)
		if o.URL == nil {
			ofExample = append([]int64{id}, ofExample...)
		}
		if *o.Status == inventory.AnalysisCompleted {
			completed = append([]int64{id}, completed...)
			if o.URL != nil {
				completedOther = append(completedOther, id)
			}
		}
	}

	for _, tc := range []struct {
		name, query string
		want        []int64
		sizes       []int
	}{
		{"All", "limit=3", all, []int{3, 3, 1}},
		{"DefaultLimit", "", all, []int{7}},
		{"Repository", "limit=2&repository_url=" + url.QueryEscape("https://GitHub.com/testlens/example/"), ofExample, []int{2, 2, 1}},
		{"Status", "limit=2&status=completed", completed, []int{2, 1}},
		{"Both", "repository_url=" + url.QueryEscape(other) + "&status=completed", completedOther, []int{1}},
		{"UnknownRepository", "repository_url=" + url.QueryEscape("https://github.com/testlens/none"), nil, []int{0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pages := walk[*api.Analysis](t, b, "/v1/analyses?"+tc.query)
			var sizes []int
			for _, p := range pages {
				sizes = append(sizes, len(p))
			}
			if got := flat(pages, func(a *api.Analysis) int64 { return a.ID }); !slices.Equal(got, tc.want) || !slices.Equal(sizes, tc.sizes) {
				t.Errorf("ids %v in pages of %v, want %v in pages of %v", got, sizes, tc.want, tc.sizes)
			}
		})
	}

	t.Run("Items", func(t *testing.T) {
		t.Parallel()
		page, _ := get[api.AnalysisPage](t, b, "/v1/analyses?limit=1&repository_url="+url.QueryEscape(other), http.StatusOK)
		a := page.Items[0]
		if a.RepositoryURL != other || a.RepositoryID == 0 || a.Status != inventory.AnalysisCompleted {
			t.Errorf("item = %+v", a)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		requireInvalid(t, b, "/v1/analyses", []invalidQuery{
			{"repository_url=" + url.QueryEscape("http://github.com/a/b"), "query.repository_url"},
			{"repository_url=not-a-url", "query.repository_url"},
			{"repository_url=" + url.QueryEscape("https://10.0.0.1/a/b"), "query.repository_url"},
			{"status=done", "query.status"},
			{"limit=0", "query.limit"},
			{"cursor=" + otherCursor("t1"), "query.cursor"},
		})
	})
}

func TestRepositories(t *testing.T) {
	t.Parallel()
	b := setup(t)
	urls := []string{"https://github.com/testlens/a", "https://github.com/testlens/b", "https://github.com/testlens/c"}
	base := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var latest [3]int64
	var historyOfA []int64
	// a, b, then a again, then 22 of c: activity order c, a, b.
	order := []int{0, 1, 0}
	for range 22 {
		order = append(order, 2)
	}
	for i, r := range order {
		created := base.Add(time.Duration(i) * time.Minute)
		latest[r] = insertAnalysis(t, b.pool, &analysisOpts{URL: &urls[r], CreatedAt: &created})
		if r == 0 {
			historyOfA = append([]int64{latest[r]}, historyOfA...)
		}
	}

	t.Run("List", func(t *testing.T) {
		t.Parallel()
		pages := walk[api.Repository](t, b, "/v1/repositories?limit=2")
		if len(pages) != 2 {
			t.Errorf("%d pages, want 2", len(pages))
		}
		for _, r := range slices.Concat(pages...) {
			if r.LatestAnalysis == nil || r.LatestAnalysis.ID != latest[slices.Index(urls, r.URL)] || r.CreatedAt.IsZero() || r.ID == 0 ||
				r.LatestAnalysis.RepositoryID != r.ID {
				t.Errorf("%s: %+v", r.URL, r)
			}
		}
		got := flat(pages, func(r api.Repository) string { return r.URL })
		if want := []string{urls[2], urls[0], urls[1]}; !slices.Equal(got, want) {
			t.Errorf("repositories %v, want %v", got, want)
		}
	})

	t.Run("Get", func(t *testing.T) {
		t.Parallel()
		list, _ := get[api.RepositoryPage](t, b, "/v1/repositories", http.StatusOK)
		for _, r := range list.Items {
			got, _ := get[api.RepositoryDetail](t, b, fmt.Sprintf("/v1/repositories/%d", r.ID), http.StatusOK)
			var hist []int64
			for _, a := range got.History {
				hist = append(hist, a.ID)
			}
			switch r.URL {
			case urls[0]:
				if !slices.Equal(hist, historyOfA) {
					t.Errorf("history of a = %v, want %v", hist, historyOfA)
				}
			case urls[2]:
				if len(hist) != 20 || hist[0] != latest[2] || !slices.IsSortedFunc(hist, func(x, y int64) int { return int(y - x) }) {
					t.Errorf("history of c = %v, want the newest 20", hist)
				}
			}
			if got.ID != r.ID || got.URL != r.URL || got.LatestAnalysis == nil || got.LatestAnalysis.ID != hist[0] {
				t.Errorf("repository = %+v", got.Repository)
			}
		}
	})

	t.Run("Errors", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodGet, "/v1/repositories/987654", "")
		if p := requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound); p.Detail != "repository 987654 not found" {
			t.Errorf("detail = %q", p.Detail)
		}
		resp, raw = b.do(t, http.MethodGet, "/v1/repositories/0", "")
		requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
		requireInvalid(t, b, "/v1/repositories", []invalidQuery{
			{"cursor=nope", "query.cursor"},
			{"cursor=" + otherCursor("a1"), "query.cursor"},
			{"limit=501", "query.limit"},
		})
	})
}
