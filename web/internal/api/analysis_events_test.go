package api_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// eventStream is an open GET /v1/analyses/{id}/events.
type eventStream struct {
	resp *http.Response
	r    *bufio.Reader
}

// openEvents connects to the event stream of analysis id, sending
// Last-Event-ID when lastID is not "", and requires a 200 stream.
func openEvents(t *testing.T, b *testBundle, id int64, lastID string) *eventStream {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/v1/analyses/%d/events", b.srv.URL, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/event-stream")
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := b.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("Cache-Control") != "no-cache" {
		raw, _ := io.ReadAll(resp.Body)
		t.Fatalf("status %d, headers %v: %s", resp.StatusCode, resp.Header, raw)
	}
	return &eventStream{resp: resp, r: bufio.NewReader(resp.Body)}
}

// next reads the next event, skipping comments; io.EOF once the server has
// ended the stream.
func (s *eventStream) next(t *testing.T) (api.Analysis, error) {
	t.Helper()
	var id, event, data string
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && line == "" && id == "" {
				return api.Analysis{}, io.EOF
			}
			return api.Analysis{}, fmt.Errorf("read: %w (partial %q)", err, line)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && data != "":
			if event != "analysis" {
				t.Errorf("event = %q", event)
			}
			a := decode[api.Analysis](t, []byte(data))
			if strconv.FormatInt(a.Revision, 10) != id {
				t.Errorf("event id %s for revision %d", id, a.Revision)
			}
			return a, nil
		case strings.HasPrefix(line, ":"), line == "":
		case strings.HasPrefix(line, "id: "):
			id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		default:
			t.Errorf("unexpected line %q", line)
		}
	}
}

// want reads the next event and requires its status and revision.
func (s *eventStream) want(t *testing.T, status inventory.AnalysisStatus, revision int64) api.Analysis {
	t.Helper()
	a, err := s.next(t)
	if err != nil {
		t.Fatalf("want %s@%d: %v", status, revision, err)
	}
	if a.Status != status || a.Revision != revision {
		t.Fatalf("event %s@%d, want %s@%d", a.Status, a.Revision, status, revision)
	}
	return a
}

func (s *eventStream) wantEnd(t *testing.T) {
	t.Helper()
	if a, err := s.next(t); !errors.Is(err, io.EOF) {
		t.Fatalf("stream goes on: %+v, %v", a, err)
	}
}

func TestAnalysisEvents(t *testing.T) {
	t.Parallel()
	b := setup(t)
	update := func(t *testing.T, id int64, set string) {
		t.Helper()
		execSQL(t, b.pool, `UPDATE analyses SET `+set+`, revision = revision + 1 WHERE id = $1`, id)
	}

	t.Run("FollowsUntilTerminal", func(t *testing.T) {
		t.Parallel()
		id := insertAnalysis(t, b.pool, nil)
		s := openEvents(t, b, id, "")
		s.want(t, inventory.AnalysisQueued, 0)
		update(t, id, `status = 'running', started_at = now()`)
		s.want(t, inventory.AnalysisRunning, 1)
		update(t, id, `files_total = 10, files_done = 4, tests_found = 17`)
		if a := s.want(t, inventory.AnalysisRunning, 2); a.Progress != (api.Progress{FilesTotal: 10, FilesDone: 4, TestsFound: 17}) {
			t.Errorf("progress = %+v", a.Progress)
		}
		update(t, id, `status = 'completed', finished_at = now(), summary = '{"files":1,"tests":17}'`)
		if a := s.want(t, inventory.AnalysisCompleted, 3); a.Summary == nil || a.Summary.Tests != 17 {
			t.Errorf("summary = %+v", a.Summary)
		}
		s.wantEnd(t)
	})

	t.Run("Resume", func(t *testing.T) {
		t.Parallel()
		id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
		execSQL(t, b.pool, `UPDATE analyses SET revision = 5 WHERE id = $1`, id)
		// The client has the terminal state already: nothing to send.
		openEvents(t, b, id, "5").wantEnd(t)
		openEvents(t, b, id, "9").wantEnd(t)
		// It missed the last change, or connects for the first time.
		for _, last := range []string{"4", "0", ""} {
			s := openEvents(t, b, id, last)
			s.want(t, inventory.AnalysisCompleted, 5)
			s.wantEnd(t)
		}
	})

	t.Run("ResumeWhileRunning", func(t *testing.T) {
		t.Parallel()
		id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisRunning)})
		update(t, id, `files_total = 3`)
		s := openEvents(t, b, id, "1") // up to date: the next event is the next change
		update(t, id, `files_done = 1`)
		s.want(t, inventory.AnalysisRunning, 2)
	})

	t.Run("CancelShowsUp", func(t *testing.T) {
		t.Parallel()
		q := submitted(t, b)
		s := openEvents(t, b, q.ID, "")
		s.want(t, inventory.AnalysisQueued, q.Revision)
		resp, raw := b.do(t, http.MethodPost, fmt.Sprintf("/v1/analyses/%d/cancel", q.ID), "")
		requireStatus(t, resp, raw, http.StatusOK)
		if a := s.want(t, inventory.AnalysisCancelled, q.Revision+1); a.CancelRequestedAt == nil {
			t.Error("no cancel_requested_at")
		}
		s.wantEnd(t)
	})

	t.Run("Errors", func(t *testing.T) {
		t.Parallel()
		header := http.Header{"Accept": {"text/event-stream"}}
		resp, raw := b.doWith(t, http.MethodGet, "/v1/analyses/987654/events", "", header)
		requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)

		id := insertAnalysis(t, b.pool, nil)
		header.Set("Last-Event-ID", "soon")
		resp, raw = b.doWith(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/events", id), "", header)
		p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
		if len(p.Errors) != 1 || p.Errors[0].Location != "header.Last-Event-ID" {
			t.Errorf("errors = %s", raw)
		}
	})
}

// TestAnalysisEventsOutliveWriteTimeout: the server's write deadline, meant
// for ordinary responses, does not cut an event stream.
func TestAnalysisEventsOutliveWriteTimeout(t *testing.T) {
	t.Parallel()
	b := setupWith(t, &setupOpts{WriteTimeout: ptr(100 * time.Millisecond)})
	id := insertAnalysis(t, b.pool, nil)
	s := openEvents(t, b, id, "")
	s.want(t, inventory.AnalysisQueued, 0)
	time.Sleep(500 * time.Millisecond)
	execSQL(t, b.pool, `UPDATE analyses SET status = 'running', revision = revision + 1 WHERE id = $1`, id)
	s.want(t, inventory.AnalysisRunning, 1)
}

// TestAnalysisEventsEndAtShutdown: closing Deps.Done (the server's shutdown)
// ends open streams, so that they do not hold the shutdown up.
func TestAnalysisEventsEndAtShutdown(t *testing.T) {
	t.Parallel()
	done := make(chan struct{})
	b := setupWith(t, &setupOpts{Done: done})
	id := insertAnalysis(t, b.pool, nil)
	s := openEvents(t, b, id, "")
	s.want(t, inventory.AnalysisQueued, 0)
	close(done)
	s.wantEnd(t)
}
