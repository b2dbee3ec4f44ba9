package testlens_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/testlens/testlens/sdk"
	"github.com/testlens/testlens/sdk/internal/fakeapi"
)

// watchServer serves analysis 1 from handlers a test sets, and records the
// Last-Event-ID of each events request. The events handler gets the number
// of its connection (1 for the first), the get handler the number of its
// request.
type watchServer struct {
	*httptest.Server
	mu           sync.Mutex
	lastEventIDs []string
	gets         int
}

func newWatchServer(t *testing.T, events func(w http.ResponseWriter, r *http.Request, conn int), get func(n int) (int, any)) (*watchServer, *testlens.Client) {
	t.Helper()
	ws := &watchServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/analyses/1/events", func(w http.ResponseWriter, r *http.Request) {
		ws.mu.Lock()
		ws.lastEventIDs = append(ws.lastEventIDs, r.Header.Get("Last-Event-ID"))
		conn := len(ws.lastEventIDs)
		ws.mu.Unlock()
		if r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("events requested with Accept: %q", r.Header.Get("Accept"))
		}
		events(w, r, conn)
	})
	mux.HandleFunc("GET /v1/analyses/1", func(w http.ResponseWriter, r *http.Request) {
		ws.mu.Lock()
		ws.gets++
		n := ws.gets
		ws.mu.Unlock()
		status, body := get(n)
		if status != http.StatusOK {
			fakeapi.Problem(w, r, status, "not-found", "analysis 1 not found")
			return
		}
		fakeapi.Reply(w, status, body)
	})
	ws.Server = httptest.NewServer(mux)
	t.Cleanup(ws.Close)
	client, err := testlens.NewClient(ws.URL, testlens.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	testlens.SetWatchTiming(client, 5*time.Millisecond, 40*time.Millisecond, 200*time.Millisecond)
	return ws, client
}

func (ws *watchServer) eventIDs() []string {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return append([]string{}, ws.lastEventIDs...)
}

// sendEvents writes stages as events, flushing each.
func sendEvents(w http.ResponseWriter, stages ...testlens.Analysis) {
	w.Header().Set("Content-Type", "text/event-stream")
	for _, a := range stages {
		data, _ := json.Marshal(a)
		fmt.Fprintf(w, ": ping\n\nid: %d\nevent: analysis\ndata: %s\n\n", a.Revision, data)
	}
	http.NewResponseController(w).Flush()
}

// collect runs Watch to its end and describes what it yielded.
func collect(ctx context.Context, client *testlens.Client) ([]string, error) {
	var seen []string
	for a, err := range client.Watch(ctx, 1) {
		if err != nil {
			return seen, err
		}
		seen = append(seen, fmt.Sprintf("%d:%s:%d", a.Revision, a.Status, a.Progress.FilesDone))
	}
	return seen, nil
}

var allStages = []string{"1:queued:0", "2:running:0", "3:running:2", "4:completed:2"}

func noGet(t *testing.T) func(int) (int, any) {
	return func(int) (int, any) {
		t.Error("Watch polled although the event stream works")
		return http.StatusOK, fakeapi.Stages[0]
	}
}

func TestWatchResumesWithLastEventID(t *testing.T) {
	t.Parallel()
	ws, client := newWatchServer(t, func(w http.ResponseWriter, r *http.Request, conn int) {
		switch conn {
		case 1: // breaks off after two events
			sendEvents(w, fakeapi.Stages[:2]...)
		case 2: // a server restart: the request fails
			fakeapi.Problem(w, r, http.StatusServiceUnavailable, "unavailable", "restarting")
		default:
			sendEvents(w, fakeapi.Stages[2:]...)
		}
	}, noGet(t))
	seen, err := collect(context.Background(), client)
	if err != nil || strings.Join(seen, " ") != strings.Join(allStages, " ") {
		t.Fatalf("Watch yielded %v, %v; want %v", seen, err, allStages)
	}
	if got := strings.Join(ws.eventIDs(), ","); got != ",2,2" {
		t.Fatalf("Last-Event-ID of the connections: %q, want \",2,2\"", got)
	}
}

func TestWatchReconnectsASilentStream(t *testing.T) {
	t.Parallel()
	ws, client := newWatchServer(t, func(w http.ResponseWriter, r *http.Request, conn int) {
		if conn == 1 { // one event, then silence: no ping, no close
			sendEvents(w, fakeapi.Stages[0])
			<-r.Context().Done()
			return
		}
		sendEvents(w, fakeapi.Stages[1:]...)
	}, noGet(t))
	start := time.Now()
	seen, err := collect(context.Background(), client)
	if err != nil || len(seen) != 4 {
		t.Fatalf("Watch yielded %v, %v", seen, err)
	}
	if got := strings.Join(ws.eventIDs(), ","); got != ",1" || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("Last-Event-ID of the connections: %q after %s, want \",1\" after the 200ms silence limit", got, time.Since(start))
	}
}

func TestWatchPollsWithoutAnEventStream(t *testing.T) {
	t.Parallel()
	for name, events := range map[string]func(http.ResponseWriter, *http.Request, int){
		"404 (an older server)": func(w http.ResponseWriter, r *http.Request, _ int) {
			fakeapi.Problem(w, r, http.StatusNotFound, "not-found", "no route")
		},
		"JSON (a buffering proxy)": func(w http.ResponseWriter, r *http.Request, _ int) {
			fakeapi.Reply(w, http.StatusOK, fakeapi.Stages[0])
		},
		"failing streams": func(w http.ResponseWriter, r *http.Request, _ int) {
			fakeapi.Problem(w, r, http.StatusBadGateway, "about:blank", "proxy")
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Each state is read twice: unchanged states are not yielded again.
			_, client := newWatchServer(t, events, func(n int) (int, any) {
				return http.StatusOK, fakeapi.Stages[min((n-1)/2, len(fakeapi.Stages)-1)]
			})
			seen, err := collect(context.Background(), client)
			if err != nil || strings.Join(seen, " ") != strings.Join(allStages, " ") {
				t.Fatalf("Watch yielded %v, %v; want %v", seen, err, allStages)
			}
		})
	}
}

func TestWatchOfAMissingAnalysis(t *testing.T) {
	t.Parallel()
	_, client := newWatchServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		fakeapi.Problem(w, r, http.StatusNotFound, "not-found", "analysis 1 not found")
	}, func(int) (int, any) { return http.StatusNotFound, nil })
	a, err := client.Wait(context.Background(), 1)
	if a != nil || !testlens.IsNotFound(err) {
		t.Fatalf("Wait for a missing analysis: %v, %v", a, err)
	}
}

func TestWaitGivesUpWithTheContext(t *testing.T) {
	t.Parallel()
	_, client := newWatchServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		sendEvents(w, fakeapi.Stages[:2]...)
		<-r.Context().Done()
	}, noGet(t))
	testlens.SetWatchTiming(client, 5*time.Millisecond, 40*time.Millisecond, time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	a, err := client.Wait(ctx, 1)
	if !errors.Is(err, context.DeadlineExceeded) || a == nil || a.Status != testlens.StatusRunning {
		t.Fatalf("Wait past its deadline: %v, %v; want the running analysis and the deadline", a, err)
	}
	if want := "testlens: analysis 1 still running: context deadline exceeded"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestWatchStopsWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	ws, client := newWatchServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		sendEvents(w, fakeapi.Stages...)
	}, noGet(t))
	for a, err := range client.Watch(context.Background(), 1) {
		if err != nil || a.Status != testlens.StatusQueued {
			t.Fatalf("first: %v, %v", a, err)
		}
		break
	}
	if n := len(ws.eventIDs()); n != 1 {
		t.Fatalf("%d event streams, want 1", n)
	}
}
