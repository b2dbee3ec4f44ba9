package testlens_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/testlens/testlens/sdk"
)

func TestTestsFollowsEveryPage(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t)
	var names []string
	for test, err := range fs.client(t).Tests(context.Background(), 1, testlens.ListTestsOptions{ListOptions: testlens.ListOptions{Limit: 1}}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, test.Name)
	}
	if len(names) != 3 || fs.attempts() != 3 {
		t.Fatalf("got %v in %d requests, want 3 tests in 3 pages", names, fs.attempts())
	}
	if got := fs.requests[2].URL.Query(); got.Get("cursor") != "2" || got.Get("limit") != "1" {
		t.Errorf("third page requested with %v", got)
	}
}

func TestTestsFilters(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t)
	opts := testlens.ListTestsOptions{Framework: "go-testing", Status: testlens.TestSkipped, PathPrefix: "calc", Query: "slow"}
	page, err := fs.client(t).ListTests(context.Background(), 1, opts)
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != "TestSlow" || page.NextCursor != "" {
		t.Fatalf("got %+v, %v", page, err)
	}
	q := fs.requests[0].URL.Query()
	if q.Get("framework") != "go-testing" || q.Get("status") != "skipped" || q.Get("path_prefix") != "calc" || q.Get("q") != "slow" || q.Has("limit") || q.Has("cursor") {
		t.Errorf("query %v", q)
	}
}

func TestTestsStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	// The second page fails (after the first one was served by the fake).
	fs := newFaultServer(t)
	fs.faults = nil
	client := fs.client(t)
	var got []string
	var gotErr error
	for test, err := range client.Tests(context.Background(), 1, testlens.ListTestsOptions{ListOptions: testlens.ListOptions{Limit: 2}}) {
		if err != nil {
			gotErr = err
			continue // the iterator must end by itself
		}
		got = append(got, test.Name)
		fs.mu.Lock()
		fs.faults = []fault{problemFault(http.StatusInternalServerError, "internal", nil)}
		fs.mu.Unlock()
	}
	if len(got) != 2 || gotErr == nil || !isStatus(gotErr, 500) {
		t.Fatalf("got %v then %v; want 2 tests then the 500", got, gotErr)
	}
}

func TestTestsStopsFetchingWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t)
	for range fs.client(t).Tests(context.Background(), 1, testlens.ListTestsOptions{ListOptions: testlens.ListOptions{Limit: 1}}) {
		break
	}
	if fs.attempts() != 1 {
		t.Fatalf("%d pages fetched after a break in the first, want 1", fs.attempts())
	}
}

func isStatus(err error, status int) bool {
	var apiErr *testlens.APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}
