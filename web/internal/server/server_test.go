package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/web/internal/api"
	"github.com/testlens/testlens/web/internal/config"
	"github.com/testlens/testlens/web/internal/server"
)

func TestServe(t *testing.T) {
	t.Parallel()
	cfg := config.Config{DatabaseURL: dbtest.New(t), ShutdownTimeout: 5 * time.Second}.WithDefaults()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, cfg, ln, server.NewLogger(cfg, &logs)) }()

	base := "http://" + ln.Addr().String()
	resp, err := http.Post(base+"/v1/analyses", "application/json", strings.NewReader(`{"repository_url":"https://github.com/testlens/example"}`))
	if err != nil {
		t.Fatal(err)
	}
	var created struct {
		ID int64 `json:"id"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	// An open event stream of the queued analysis must not hold up the
	// shutdown.
	stream, err := http.Get(fmt.Sprintf("%s/v1/analyses/%d/events", base, created.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if line, err := bufio.NewReader(stream.Body).ReadString('\n'); err != nil || !strings.HasPrefix(line, "id: ") {
		t.Fatalf("event stream: %q, %v", line, err)
	}
	for _, path := range []string{"/readyz", "/healthz"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(cfg.ShutdownTimeout / 2):
		t.Fatal("Serve did not return promptly after cancel")
	}
	if rest, err := io.ReadAll(stream.Body); err != nil {
		t.Errorf("event stream ended with %v after %q", err, rest)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
	for _, want := range []string{"msg=listening addr=" + ln.Addr().String(), "msg=\"shutting down\"", "msg=stopped"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

func TestServeRejectsBadDatabaseURL(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{DatabaseURL: "postgres://%zz"}.WithDefaults()
	err = server.Serve(context.Background(), cfg, ln, server.NewLogger(cfg, io.Discard))
	if err == nil || !strings.HasPrefix(err.Error(), "DATABASE_URL") {
		t.Errorf("err = %v", err)
	}
}

// The document `web -openapi json` prints (and that is committed) is the one
// the server serves.
func TestOpenAPIMatchesServed(t *testing.T) {
	t.Parallel()
	printed, err := server.OpenAPI("json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.NewHandler(api.Deps{Log: server.NewLogger(config.Config{}.WithDefaults(), io.Discard)}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	served, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(printed, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(served, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("printed and served OpenAPI documents differ")
	}

	yaml, err := server.OpenAPI("yaml")
	if err != nil || !bytes.Contains(yaml, []byte("openapi: 3.1.0")) {
		t.Errorf("yaml: %v\n%.200s", err, yaml)
	}
	if _, err := server.OpenAPI("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestUnknownRoutesAreProblems(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(server.NewHandler(api.Deps{Log: server.NewLogger(config.Config{}.WithDefaults(), io.Discard)}))
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/nope", http.StatusNotFound, ""},
		{http.MethodDelete, "/v1/analyses", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Type   string `json:"type"`
			Status int    `json:"status"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tc.status || p.Status != tc.status ||
			resp.Header.Get("Content-Type") != "application/problem+json" || resp.Header.Get("Allow") != tc.allow ||
			!strings.HasPrefix(p.Type, api.ProblemBase) {
			t.Errorf("%s %s: %d %v %+v allow=%q", tc.method, tc.path, resp.StatusCode, err, p, resp.Header.Get("Allow"))
		}
	}
}
