package middleware_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/testlens/testlens/web/internal/middleware"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func setup(t *testing.T, h http.HandlerFunc) (*httptest.Server, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	log := slog.New(middleware.NewLogHandler(slog.NewTextHandler(&logs, nil)))
	srv := httptest.NewServer(middleware.Wrap(h, middleware.Options{Log: log}))
	t.Cleanup(srv.Close)
	return srv, &logs
}

func TestWrap(t *testing.T) {
	t.Parallel()

	t.Run("RequestIDEchoedAndLogged", func(t *testing.T) {
		t.Parallel()
		var seen string
		srv, logs := setup(t, func(w http.ResponseWriter, r *http.Request) {
			seen = middleware.RequestID(r.Context())
			w.WriteHeader(http.StatusTeapot)
		})
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		req.Header.Set("X-Request-Id", "client-id-1")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("X-Request-Id"); got != "client-id-1" || seen != "client-id-1" {
			t.Errorf("header %q, handler saw %q", got, seen)
		}
		srv.Close() // flushes the access log line
		for _, want := range []string{"msg=request", "method=GET", "path=/x", "status=418", "request_id=client-id-1", "duration_ms="} {
			if !strings.Contains(logs.String(), want) {
				t.Errorf("log %q lacks %s", logs, want)
			}
		}
	})

	t.Run("RequestIDGeneratedWhenMissingOrUnsafe", func(t *testing.T) {
		t.Parallel()
		srv, _ := setup(t, func(http.ResponseWriter, *http.Request) {})
		for _, sent := range []string{"", "has space", strings.Repeat("x", 200)} {
			req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
			if sent != "" {
				req.Header.Set("X-Request-Id", sent)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("X-Request-Id"); len(got) != 24 || got == sent {
				t.Errorf("sent %q, got id %q", sent, got)
			}
		}
	})

	t.Run("PanicBecomesProblem", func(t *testing.T) {
		t.Parallel()
		srv, logs := setup(t, func(http.ResponseWriter, *http.Request) { panic("boom") })
		resp, err := srv.Client().Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusInternalServerError || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("status %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		srv.Close()
		if !strings.Contains(logs.String(), "panic=boom") || !strings.Contains(logs.String(), "status=500") {
			t.Errorf("log: %s", logs)
		}
	})
}
