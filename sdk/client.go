package testlens

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// Client calls the Testlens API. It is safe for concurrent use; make one and
// reuse it.
type Client struct {
	baseURL string
	api     *gen.Client
	// http sends every request: the retrying transport over the caller's
	// (or a default) *http.Client.
	http    *http.Client
	timeout time.Duration
	log     *slog.Logger
	// pollMin and pollMax bound the interval of Watch's polling fallback
	// and of its reconnections; streamIdle is its silence limit.
	pollMin, pollMax, streamIdle time.Duration
}

// config collects the options of NewClient before the Client is built.
type config struct {
	apiKey     string
	userAgent  string
	timeout    time.Duration
	log        *slog.Logger
	httpClient *http.Client
	retry      retryPolicy
}

// Option configures a Client in NewClient.
type Option func(*config)

// WithAPIKey sends key as a bearer token (Authorization: Bearer key) with
// every request. Defaults to no Authorization header.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey = key }
}

// WithUserAgent puts product (such as "my-ci-bot/1.2") in front of the
// SDK's own User-Agent. Defaults to the SDK's alone: testlens-go/VERSION.
func WithUserAgent(product string) Option {
	return func(c *config) { c.userAgent = product }
}

// WithTimeout bounds each API call, its retries and their waits included.
// It does not bound the event stream that Watch and Wait follow, which ends
// with their context. 0 means no limit other than the context's. Defaults to
// 60 seconds.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithLogger logs retries (at info level) and each request (at debug
// level) to log. Defaults to no logging at all.
func WithLogger(log *slog.Logger) Option {
	return func(c *config) { c.log = log }
}

// WithHTTPClient sends requests through hc, underneath the SDK's retries:
// use it for proxies, TLS settings or tests. hc's Timeout, if set, bounds
// each attempt and also cuts long event streams (Watch then reconnects).
// Defaults to a pooled client with conservative connection timeouts.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) { c.httpClient = hc }
}

// WithRetry sets how failed attempts are retried: up to max retries after
// the first attempt (0 disables retries), waiting minWait after the first
// failure and twice as long after each further one, with random jitter, at
// most maxWait. A server's Retry-After is honoured but also capped at
// maxWait. Connection errors and the statuses 429, 502, 503 and 504 are
// retried; other answers, 500 included, are not, and nothing is retried once
// the context is done. Creating an analysis is retried safely: Analyze sends
// one Idempotency-Key with all attempts. Defaults to 4 retries, 500ms and
// 30s.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return func(c *config) { c.retry = retryPolicy{maxRetries: max, minWait: minWait, maxWait: maxWait} }
}

// NewClient returns a client of the Testlens API at baseURL (such as
// "https://testlens.example.com" or "http://localhost:8080"), configured
// by opts. It fails only on an invalid baseURL or option.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("testlens: base URL %q: want an absolute http:// or https:// URL", baseURL)
	}
	cfg := config{timeout: 60 * time.Second, retry: defaultRetryPolicy}
	for _, opt := range opts {
		opt(&cfg)
	}
	if err := cfg.retry.validate(); err != nil {
		return nil, err
	}
	if cfg.timeout < 0 {
		return nil, errors.New("testlens: WithTimeout: the timeout must not be negative")
	}
	c := &Client{
		baseURL:    strings.TrimSuffix(baseURL, "/"),
		http:       newRetryingClient(cfg.httpClient, cfg.retry, cfg.log),
		timeout:    cfg.timeout,
		log:        cfg.log,
		pollMin:    250 * time.Millisecond,
		pollMax:    5 * time.Second,
		streamIdle: streamIdle,
	}
	userAgent := "testlens-go/" + Version()
	if cfg.userAgent != "" {
		userAgent = cfg.userAgent + " " + userAgent
	}
	headers := func(_ context.Context, req *http.Request) error {
		req.Header.Set("User-Agent", userAgent)
		if cfg.apiKey != "" {
			req.Header.Set("Authorization", "Bearer "+cfg.apiKey)
		}
		return nil
	}
	c.api, err = gen.NewClient(c.baseURL, gen.WithHTTPClient(c.http), gen.WithRequestEditorFn(headers))
	if err != nil {
		return nil, fmt.Errorf("testlens: %w", err)
	}
	return c, nil
}

// BaseURL returns the API's base URL the client was made with, without a
// trailing slash.
func (c *Client) BaseURL() string { return c.baseURL }

// Version returns the version of this SDK: the module version a program
// was built with (such as v1.2.0), or "devel" when it is built from a
// checkout of the repository.
func Version() string {
	const path = "github.com/testlens/testlens/sdk"
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Path == path && info.Main.Version != "" && info.Main.Version != "(devel)" {
			return info.Main.Version
		}
		for _, dep := range info.Deps {
			if dep.Path == path && dep.Version != "" && dep.Version != "(devel)" {
				return dep.Version
			}
		}
	}
	return "devel"
}

// call bounds ctx by the client's timeout for one API call.
func (c *Client) call(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.timeout)
}

// result turns the answer of a generated client method into its decoded
// success body: a non-2xx answer becomes an *APIError (checkResponse), and
// a 2xx answer without the documented JSON body an error too, so that no
// caller ever sees a nil body with a nil error.
func result[R, B any](resp *http.Response, err error, parse func(*http.Response) (*R, error), body func(*R) *B) (*B, error) {
	if err != nil {
		return nil, err
	}
	if err := checkResponse(resp); err != nil {
		return nil, err
	}
	r, err := parse(resp)
	if err != nil {
		return nil, fmt.Errorf("testlens: %s %s: decode the %s answer: %w", resp.Request.Method, resp.Request.URL.Path, resp.Status, err)
	}
	b := body(r)
	if b == nil {
		return nil, fmt.Errorf("testlens: %s %s: unexpected %s answer of type %q", resp.Request.Method, resp.Request.URL.Path, resp.Status, resp.Header.Get("Content-Type"))
	}
	return b, nil
}
