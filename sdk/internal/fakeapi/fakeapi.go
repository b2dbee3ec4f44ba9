// Package fakeapi is a stand-in for a Testlens server, for the SDK's
// examples and tests and the CLI's tests: a few fixed analyses served as the
// real API serves them (paths, JSON, problem+json, event stream, cursors).
// The real server is tested with the SDK in the repository's e2e tests.
package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/sdk"
)

// New starts the fake server; Close it when done. Its analyses:
//
//   - 1: the one POST /v1/analyses creates (echoing repository_url, which
//     may be an https:// URL or an absolute path); its events go queued →
//     running → completed (Stages), and it has 3 tests;
//   - 2: a later completed analysis of the same repository, for a diff
//     with base 1;
//   - 3: a running analysis that never ends, for cancelling and timeouts;
//     POST /v1/analyses creates it for the ref RefNeverEnds;
//   - 4: a failed analysis;
//   - 500: answers 500 Internal Server Error;
//   - any other: 404 Not Found.
func New() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/analyses", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			RepositoryURL string `json:"repository_url"`
			Ref           string `json:"ref"`
		}
		err := json.NewDecoder(r.Body).Decode(&req)
		if err != nil || !strings.HasPrefix(req.RepositoryURL, "https://") && !path.IsAbs(req.RepositoryURL) {
			Problem(w, r, http.StatusUnprocessableEntity, "validation", "validation failed",
				testlens.ErrorDetail{Location: "body.repository_url", Message: "must be an https:// URL", Value: req.RepositoryURL})
			return
		}
		a := Stages[0]
		if req.Ref == RefNeverEnds {
			a = Stages[1]
			a.ID = 3
		}
		a.RepositoryURL = req.RepositoryURL
		w.Header().Set("Location", fmt.Sprintf("/v1/analyses/%d", a.ID))
		Reply(w, http.StatusAccepted, a)
	})
	mux.HandleFunc("GET /v1/analyses/{id}", func(w http.ResponseWriter, r *http.Request) {
		if a, ok := analysis(w, r); ok {
			Reply(w, http.StatusOK, a)
		}
	})
	mux.HandleFunc("POST /v1/analyses/{id}/cancel", func(w http.ResponseWriter, r *http.Request) {
		a, ok := analysis(w, r)
		if !ok {
			return
		}
		if a.Status.Terminal() {
			Reply(w, http.StatusOK, a)
			return
		}
		a.CancelRequestedAt = t0.Add(time.Minute)
		a.Revision++
		Reply(w, http.StatusAccepted, a)
	})
	mux.HandleFunc("GET /v1/analyses/{id}/events", func(w http.ResponseWriter, r *http.Request) {
		a, ok := analysis(w, r)
		if !ok {
			return
		}
		after, _ := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64)
		w.Header().Set("Content-Type", "text/event-stream")
		stages := []testlens.Analysis{a}
		if a.ID == 1 {
			stages = Stages
		}
		for _, a := range stages {
			if a.Revision > after {
				data, _ := json.Marshal(a)
				fmt.Fprintf(w, "id: %d\nevent: analysis\ndata: %s\n\n", a.Revision, data)
			}
		}
		if !a.Status.Terminal() { // analysis 3 runs until the client gives up
			http.NewResponseController(w).Flush()
			<-r.Context().Done()
		}
	})
	mux.HandleFunc("GET /v1/analyses/{id}/tests", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := analysis(w, r); !ok {
			return
		}
		q := r.URL.Query()
		var tests []testlens.Test
		for _, t := range testsOf[r.PathValue("id")] {
			if (q.Get("status") == "" || string(t.Status) == q.Get("status")) &&
				(q.Get("framework") == "" || t.Framework == q.Get("framework")) &&
				strings.HasPrefix(t.Path, q.Get("path_prefix")) &&
				strings.Contains(strings.ToLower(t.Name), strings.ToLower(q.Get("q"))) {
				tests = append(tests, t)
			}
		}
		replyPage(w, r, tests)
	})
	mux.HandleFunc("GET /v1/analyses/{id}/diff", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "2" || r.URL.Query().Get("base") != "1" {
			Problem(w, r, http.StatusConflict, "not-ready", "the fake server compares analysis 2 with base 1 only")
			return
		}
		Reply(w, http.StatusOK, diff)
	})
	return httptest.NewServer(mux)
}

// RefNeverEnds is the ref for which POST /v1/analyses answers analysis 3,
// which never ends.
const RefNeverEnds = "never-ends"

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// Stages are analysis 1 as it changes, one revision each.
var Stages = func() []testlens.Analysis {
	a := testlens.Analysis{
		ID: 1, RepositoryID: 1, RepositoryURL: "https://github.com/acme/calc", Ref: "main",
		Status: testlens.StatusQueued, CreatedAt: t0, Revision: 1,
	}
	stages := []testlens.Analysis{a}
	a.Status, a.Revision, a.Attempts, a.StartedAt = testlens.StatusRunning, 2, 1, t0.Add(time.Second)
	a.CommitSHA, a.EngineVersion = "3f786850e387550fdab836ed7e6dc881de23001b", "1.4.0"
	a.Progress = testlens.Progress{FilesTotal: 2}
	stages = append(stages, a)
	a.Revision, a.Progress = 3, testlens.Progress{FilesTotal: 2, FilesDone: 2, TestsFound: 3}
	stages = append(stages, a)
	a.Status, a.Revision, a.FinishedAt = testlens.StatusCompleted, 4, t0.Add(2*time.Second)
	a.Summary = &testlens.Summary{Files: 2, Tests: 3, Cases: 1, Frameworks: []testlens.FrameworkSummary{
		{Framework: "go-testing", Files: 2, Tests: 3, Cases: 1, Skipped: 1},
	}}
	return append(stages, a)
}()

// analysis returns the analysis of the path's id, or writes a problem and
// returns false when there is none.
func analysis(w http.ResponseWriter, r *http.Request) (testlens.Analysis, bool) {
	a := Stages[len(Stages)-1]
	switch r.PathValue("id") {
	case "1":
	case "2":
		a.ID, a.Revision, a.CommitSHA = 2, 7, "9fceb02d0ae598e95dc970b74767f19372d61af8"
	case "3":
		a = Stages[1]
		a.ID = 3
	case "4":
		a = Stages[1]
		a.ID, a.Status, a.FailureReason, a.FinishedAt = 4, testlens.StatusFailed, "repository not found", t0.Add(time.Second)
	case "500":
		Problem(w, r, http.StatusInternalServerError, "internal", "internal error")
		return a, false
	default:
		Problem(w, r, http.StatusNotFound, "not-found", "analysis "+r.PathValue("id")+" not found")
		return a, false
	}
	return a, true
}

var testsOf = map[string][]testlens.Test{
	"1": {
		{ID: 1, Path: "calc_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{}, Name: "TestAdd", Line: 5, Status: testlens.TestActive, Kind: testlens.KindTest},
		{ID: 2, Path: "calc_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{}, Name: "TestSlow", Line: 11, Status: testlens.TestSkipped, Kind: testlens.KindTest, Condition: "slow"},
		{ID: 3, Path: "sign_test.go", Framework: "go-testing", Language: "go", SuitePath: []string{"TestSigns"}, Name: "positive", Line: 6, Status: testlens.TestActive, Kind: testlens.KindCase},
	},
}

var diff = testlens.Diff{
	Base:    Stages[len(Stages)-1],
	Added:   []testlens.DiffTest{{Path: "calc_test.go", Framework: "go-testing", SuitePath: []string{}, Name: "TestMul", Line: 15, Status: testlens.TestActive, Kind: testlens.KindTest}},
	Removed: []testlens.DiffTest{{Path: "sign_test.go", Framework: "go-testing", SuitePath: []string{"TestSigns"}, Name: "positive", Line: 6, Status: testlens.TestActive, Kind: testlens.KindCase}},
	Changed: []testlens.ChangedTest{{
		DiffTest:   testlens.DiffTest{Path: "calc_test.go", Framework: "go-testing", SuitePath: []string{}, Name: "TestSlow", Line: 11, Status: testlens.TestActive, Kind: testlens.KindTest},
		BaseStatus: testlens.TestSkipped,
	}},
	Totals: testlens.DiffTotals{Added: 1, Removed: 1, Changed: 1},
}

func init() {
	diff.Head = diff.Base
	diff.Head.ID = 2
}

// replyPage answers one page of items, honouring limit and cursor (an
// index, which clients must treat as opaque).
func replyPage[T any](w http.ResponseWriter, r *http.Request, items []T) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil {
		limit = 100
	}
	start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
	start = min(start, len(items))
	end := min(start+limit, len(items))
	page := struct {
		Items      []T    `json:"items"`
		NextCursor string `json:"next_cursor,omitempty"`
	}{Items: append([]T{}, items[start:end]...)}
	if end < len(items) {
		page.NextCursor = strconv.Itoa(end)
	}
	Reply(w, http.StatusOK, page)
}

func Reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// problem answers an RFC 9457 problem of the given type (the last segment
// of its URI), with the request id header the real server sends.
func Problem(w http.ResponseWriter, r *http.Request, status int, typ, detail string, errs ...testlens.ErrorDetail) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Request-Id", "req-"+strings.ReplaceAll(strings.Trim(r.URL.Path, "/"), "/", "-"))
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "https://testlens.dev/problems/" + typ, "title": http.StatusText(status), "status": status,
		"detail": detail, "errors": errs,
	})
}
