package testlens_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/testlens/testlens/sdk"
	"github.com/testlens/testlens/sdk/internal/fakeapi"
)

// faultServer answers each request with the next of its faults, then with
// the fake server's answer: a fault-injecting proxy in front of the API.
type faultServer struct {
	*httptest.Server
	mu       sync.Mutex
	faults   []fault
	requests []*http.Request
}

// fault is one bad answer: a status with headers and a body, or a dropped
// connection (reset).
type fault struct {
	reset   bool
	status  int
	headers map[string]string
	body    string
}

func newFaultServer(t *testing.T, faults ...fault) *faultServer {
	t.Helper()
	fake := fakeapi.New()
	t.Cleanup(fake.Close)
	fs := &faultServer{faults: faults}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.requests = append(fs.requests, r.Clone(context.Background()))
		var f *fault
		if len(fs.faults) > 0 {
			f = &fs.faults[0]
			fs.faults = fs.faults[1:]
		}
		fs.mu.Unlock()
		switch {
		case f == nil:
			proxy(w, r, fake.URL)
		case f.reset:
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			conn.Close()
		default:
			for k, v := range f.headers {
				w.Header().Set(k, v)
			}
			w.WriteHeader(f.status)
			fmt.Fprint(w, f.body)
		}
	}))
	t.Cleanup(fs.Close)
	return fs
}

// proxy forwards r to the fake server at base.
func proxy(w http.ResponseWriter, r *http.Request, base string) {
	req, _ := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// attempts returns how many requests reached the server.
func (fs *faultServer) attempts() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.requests)
}

// header returns header name of every request so far.
func (fs *faultServer) header(name string) []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var out []string
	for _, r := range fs.requests {
		out = append(out, r.Header.Get(name))
	}
	return out
}

// client is a client of fs that retries quickly: 3 retries, 10ms to 200ms.
func (fs *faultServer) client(t *testing.T, opts ...testlens.Option) *testlens.Client {
	t.Helper()
	c, err := testlens.NewClient(fs.URL, append([]testlens.Option{testlens.WithRetry(3, 10*time.Millisecond, 200*time.Millisecond)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func problemFault(status int, typ string, headers map[string]string) fault {
	h := map[string]string{"Content-Type": "application/problem+json", "X-Request-Id": "req-" + typ}
	for k, v := range headers {
		h[k] = v
	}
	return fault{status: status, headers: h, body: fmt.Sprintf(
		`{"type":"https://testlens.dev/problems/%s","title":%q,"status":%d,"detail":"injected %s"}`,
		typ, http.StatusText(status), status, typ)}
}

func TestRetriesConnectionResets(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t, fault{reset: true}, fault{reset: true})
	a, err := fs.client(t).GetAnalysis(context.Background(), 1)
	if err != nil {
		t.Fatalf("GetAnalysis after 2 resets: %v", err)
	}
	if a.ID != 1 || fs.attempts() != 3 {
		t.Fatalf("got analysis %d after %d attempts, want 1 after 3", a.ID, fs.attempts())
	}
}

func TestRetriesRetryableStatuses(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			fs := newFaultServer(t, problemFault(status, "x", nil))
			if _, err := fs.client(t).GetAnalysis(context.Background(), 1); err != nil || fs.attempts() != 2 {
				t.Fatalf("after one %d: err %v, %d attempts (want nil, 2)", status, err, fs.attempts())
			}
		})
	}
}

func TestHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t, problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": "1"}))
	start := time.Now()
	if _, err := fs.client(t, testlens.WithRetry(3, 10*time.Millisecond, 5*time.Second)).GetAnalysis(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < time.Second || took > 4*time.Second {
		t.Fatalf("a 503 with Retry-After: 1 then success took %s, want about 1s", took)
	}
}

func TestCapsRetryAfter(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t,
		problemFault(http.StatusTooManyRequests, "rate-limited", map[string]string{"Retry-After": "3600"}),
		problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}),
	)
	start := time.Now()
	if _, err := fs.client(t).GetAnalysis(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("Retry-After of an hour (seconds, then a date) was not capped at 200ms: took %s", took)
	}
	if fs.attempts() != 3 {
		t.Fatalf("%d attempts, want 3", fs.attempts())
	}
}

func TestDoesNotRetryOtherErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		typ    string
		is     func(error) bool
	}{
		{http.StatusInternalServerError, "internal", nil},
		{http.StatusNotFound, "not-found", testlens.IsNotFound},
		{http.StatusConflict, "not-ready", testlens.IsConflict},
		{http.StatusBadRequest, "bad-request", nil},
		{http.StatusNotImplemented, "about:blank", nil},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			fs := newFaultServer(t, problemFault(tc.status, tc.typ, nil))
			_, err := fs.client(t).GetAnalysis(context.Background(), 1)
			var apiErr *testlens.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != tc.status || apiErr.Type != "https://testlens.dev/problems/"+tc.typ {
				t.Fatalf("want an *APIError %d %s, got %#v", tc.status, tc.typ, err)
			}
			if fs.attempts() != 1 {
				t.Fatalf("a %d was tried %d times, want once", tc.status, fs.attempts())
			}
			if tc.is != nil && !tc.is(err) {
				t.Errorf("the helper for %d does not recognise %v", tc.status, err)
			}
		})
	}
}

func TestReturnsTheLastProblemWhenRetriesRunOut(t *testing.T) {
	t.Parallel()
	f := problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": "0"})
	fs := newFaultServer(t, f, f, f, f, f)
	_, err := fs.client(t).GetAnalysis(context.Background(), 1)
	var apiErr *testlens.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError, got %v", err)
	}
	want := testlens.APIError{
		Status: 503, Type: testlens.ProblemUnavailable, Title: "Service Unavailable",
		Detail: "injected unavailable", RequestID: "req-unavailable",
	}
	if apiErr.Status != want.Status || apiErr.Type != want.Type || apiErr.Title != want.Title ||
		apiErr.Detail != want.Detail || apiErr.RequestID != want.RequestID || apiErr.RetryAfter != 0 {
		t.Fatalf("got %+v, want %+v", *apiErr, want)
	}
	if got := err.Error(); got != "testlens: 503 Service Unavailable: injected unavailable (request req-unavailable)" {
		t.Errorf("Error() = %q", got)
	}
	if fs.attempts() != 4 {
		t.Fatalf("%d attempts, want 4 (3 retries)", fs.attempts())
	}
	if testlens.IsRateLimited(err) || testlens.IsNotFound(err) {
		t.Error("a 503 is neither rate limited nor not found")
	}
}

func TestRateLimitedAfterRetries(t *testing.T) {
	t.Parallel()
	f := problemFault(http.StatusTooManyRequests, "rate-limited", map[string]string{"Retry-After": "0"})
	fs := newFaultServer(t, f, f)
	_, err := fs.client(t, testlens.WithRetry(1, 0, 0)).GetAnalysis(context.Background(), 1)
	if !testlens.IsRateLimited(err) || fs.attempts() != 2 {
		t.Fatalf("want a rate limited error after 2 attempts, got %v after %d", err, fs.attempts())
	}
}

// A proxy's HTML error page is an *APIError too, with the page's text.
func TestNonProblemErrorBody(t *testing.T) {
	t.Parallel()
	f := fault{status: http.StatusBadGateway, headers: map[string]string{"Content-Type": "text/html"},
		body: "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>"}
	fs := newFaultServer(t, f, f)
	_, err := fs.client(t, testlens.WithRetry(1, 0, 0)).GetAnalysis(context.Background(), 1)
	var apiErr *testlens.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 502 || apiErr.Type != "" ||
		apiErr.Detail != "<html><body><h1>502 Bad Gateway</h1> <p>nginx</p></body></html>" {
		t.Fatalf("got %#v", err)
	}
}

// A 2xx answer without the documented body is an error, never a nil result
// with a nil error.
func TestUnexpectedSuccessBody(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t, fault{status: http.StatusOK, headers: map[string]string{"Content-Type": "text/plain"}, body: "hello"})
	a, err := fs.client(t).GetAnalysis(context.Background(), 1)
	if err == nil || a != nil || !strings.Contains(err.Error(), `unexpected 200 OK answer of type "text/plain"`) {
		t.Fatalf("got %v, %v", a, err)
	}
}

func TestRetriedCreateKeepsItsIdempotencyKey(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t,
		fault{reset: true},
		problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": "0"}),
	)
	client := fs.client(t)
	req := testlens.AnalyzeRequest{RepositoryURL: "https://github.com/acme/calc"}
	if _, err := client.Analyze(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Analyze(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	req.IdempotencyKey = "build-1234"
	if _, err := client.Analyze(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	keys := fs.header("Idempotency-Key")
	if len(keys) != 5 {
		t.Fatalf("%d requests, want 5 (3 for the first call, then 1 and 1)", len(keys))
	}
	if keys[0] == "" || keys[0] != keys[1] || keys[1] != keys[2] {
		t.Errorf("the retries of one call sent the keys %q, want one key", keys[:3])
	}
	if keys[3] == "" || keys[3] == keys[0] {
		t.Errorf("the second call sent the key %q, want a new one (the first was %q)", keys[3], keys[0])
	}
	if keys[4] != "build-1234" {
		t.Errorf("AnalyzeRequest.IdempotencyKey was sent as %q", keys[4])
	}
}

func TestNoRetryOnceTheContextIsDone(t *testing.T) {
	t.Parallel()
	f := problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": "10"})
	fs := newFaultServer(t, f, f, f)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := fs.client(t, testlens.WithRetry(3, time.Second, 10*time.Second)).GetAnalysis(ctx, 1)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's error, got %v", err)
	}
	if took := time.Since(start); took > 2*time.Second || fs.attempts() != 1 {
		t.Fatalf("took %s and %d attempts, want about 300ms and 1", took, fs.attempts())
	}
}

// WithTimeout bounds one call, its retries included.
func TestTimeoutBoundsRetries(t *testing.T) {
	t.Parallel()
	f := problemFault(http.StatusServiceUnavailable, "unavailable", map[string]string{"Retry-After": "10"})
	fs := newFaultServer(t, f, f, f)
	start := time.Now()
	_, err := fs.client(t, testlens.WithRetry(3, time.Second, 10*time.Second), testlens.WithTimeout(200*time.Millisecond)).GetAnalysis(context.Background(), 1)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("got %v after %s", err, time.Since(start))
	}
}

func TestSendsCredentialsAndUserAgent(t *testing.T) {
	t.Parallel()
	fs := newFaultServer(t)
	if _, err := fs.client(t, testlens.WithAPIKey("tl_k"), testlens.WithUserAgent("bot/1")).GetAnalysis(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if got := fs.header("Authorization"); got[0] != "Bearer tl_k" {
		t.Errorf("Authorization: %q", got[0])
	}
	if got := fs.header("User-Agent"); got[0] != "bot/1 testlens-go/"+testlens.Version() {
		t.Errorf("User-Agent: %q", got[0])
	}
}

func TestNewClientRefusesBadConfiguration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		url  string
		opts []testlens.Option
	}{
		{"localhost:8080", nil},
		{"ftp://example.com", nil},
		{"http://", nil},
		{"http://localhost", []testlens.Option{testlens.WithRetry(-1, 0, 0)}},
		{"http://localhost", []testlens.Option{testlens.WithRetry(1, time.Second, time.Millisecond)}},
		{"http://localhost", []testlens.Option{testlens.WithTimeout(-time.Second)}},
	} {
		if _, err := testlens.NewClient(tc.url, tc.opts...); err == nil {
			t.Errorf("NewClient(%q, …) accepted a bad configuration", tc.url)
		}
	}
}
