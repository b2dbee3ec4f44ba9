package testlens

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// retryPolicy is what WithRetry sets.
type retryPolicy struct {
	maxRetries       int
	minWait, maxWait time.Duration
}

var defaultRetryPolicy = retryPolicy{maxRetries: 4, minWait: 500 * time.Millisecond, maxWait: 30 * time.Second}

func (p retryPolicy) validate() error {
	switch {
	case p.maxRetries < 0:
		return errors.New("testlens: WithRetry: max must not be negative")
	case p.minWait < 0 || p.maxWait < p.minWait:
		return fmt.Errorf("testlens: WithRetry: want 0 <= minWait <= maxWait, got %s and %s", p.minWait, p.maxWait)
	}
	return nil
}

// newRetryingClient returns an *http.Client that sends each request through
// base (or a default pooled client), retrying as p says. go-retryablehttp
// does the retrying; its defaults are replaced where they would hurt:
//   - it retries every 5xx: here only 502, 503 and 504 (and 429 and
//     connection errors), since a 500 is a bug that a retry will not fix;
//   - its backoff honours Retry-After without a cap: here p.maxWait caps it;
//   - when it gives up it drains the last answer and returns a bare error:
//     here the last answer is returned, so its problem+json reaches the
//     caller as an *APIError;
//   - it logs every request to stderr: here only to WithLogger's logger.
func newRetryingClient(base *http.Client, p retryPolicy, log *slog.Logger) *http.Client {
	if base == nil {
		base = cleanhttp.DefaultPooledClient()
	}
	rc := &retryablehttp.Client{
		HTTPClient:   base,
		RetryMax:     p.maxRetries,
		RetryWaitMin: p.minWait,
		RetryWaitMax: p.maxWait,
		CheckRetry:   shouldRetry,
		Backoff:      p.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	// rc.Logger stays nil: go-retryablehttp would log each failed attempt
	// at error level, retried or not. The hooks log instead.
	if log != nil {
		rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, retry int) {
			if retry > 0 {
				log.InfoContext(req.Context(), "testlens: retrying request", "method", req.Method, "url", req.URL.Redacted(), "retry", retry)
				return
			}
			log.DebugContext(req.Context(), "testlens: request", "method", req.Method, "url", req.URL.Redacted())
		}
		rc.ResponseLogHook = func(_ retryablehttp.Logger, resp *http.Response) {
			log.DebugContext(resp.Request.Context(), "testlens: response", "method", resp.Request.Method,
				"url", resp.Request.URL.Redacted(), "status", resp.StatusCode, "request_id", resp.Header.Get(headerRequestID))
		}
	}
	return &http.Client{Transport: &retryablehttp.RoundTripper{Client: rc}}
}

// shouldRetry is the retry rule: connection errors (except those no retry
// can fix, such as a bad certificate), 429, 502, 503 and 504; never once the
// request's context is done.
func shouldRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		// go-retryablehttp's own rule for errors.
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// backoff is the wait before retry number attempt+1: the server's
// Retry-After when it sent one, else min·2^attempt with jitter (between
// half and all of it); either at most p.maxWait.
func (p retryPolicy) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, maxWait)
		}
	}
	d := maxWait
	if attempt < 32 && minWait<<attempt > 0 {
		d = min(minWait<<attempt, maxWait)
	}
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second) // keeps the Duration from overflowing
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
