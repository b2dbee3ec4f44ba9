package testlens

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Problem types: the stable Type of an *APIError, from the server's RFC 9457
// problem+json answers. Branch on these or on Status, never on Title or
// Detail.
const (
	ProblemBadRequest             = problemBase + "bad-request"               // 400: a malformed request
	ProblemValidation             = problemBase + "validation"                // 422: see APIError.Errors
	ProblemNotFound               = problemBase + "not-found"                 // 404
	ProblemConflict               = problemBase + "conflict"                  // 409
	ProblemNotReady               = problemBase + "not-ready"                 // 409: the analysis is not completed (yet)
	ProblemIdempotencyKeyReused   = problemBase + "idempotency-key-reused"    // 422: the key was used with another body
	ProblemIdempotencyKeyInFlight = problemBase + "idempotency-key-in-flight" // 409: the first request with the key is still running
	ProblemDifferentRepositories  = problemBase + "different-repositories"    // 422: a diff of two repositories' analyses
	ProblemTooLarge               = problemBase + "too-large"                 // 413
	ProblemUnsupportedMediaType   = problemBase + "unsupported-media-type"    // 415
	ProblemTimeout                = problemBase + "timeout"                   // 408, 504
	ProblemInternal               = problemBase + "internal"                  // 500
	ProblemUnavailable            = problemBase + "unavailable"               // 503: retried before it reaches you
	ProblemRateLimited            = problemBase + "rate-limited"              // 429: retried before it reaches you

	problemBase = "https://testlens.dev/problems/"
)

// headerRequestID is the response header with the server's id of the
// request, which its logs carry too.
const headerRequestID = "X-Request-Id"

// APIError is a non-2xx answer of the API, after any retries. Every method
// of Client returns one (use errors.As, or IsNotFound, IsConflict and
// IsRateLimited) whenever the server answered with an error status; other
// errors are network failures or the context's.
type APIError struct {
	// Status is the HTTP status code, such as 404.
	Status int
	// Type is the problem type, one of the Problem constants (or
	// "about:blank"); empty when the answer was not problem+json, as from a
	// proxy in front of the API.
	Type string
	// Title is a short summary of the problem type, such as "Not Found".
	Title string
	// Detail explains this occurrence, such as "analysis 42 not found"; for
	// an answer that was not problem+json, the start of its body.
	Detail string
	// RequestID is the server's id of the request (header X-Request-Id):
	// quote it when reporting a problem, it finds the server's log lines.
	RequestID string
	// Errors lists each invalid input of a validation problem (422).
	Errors []ErrorDetail
	// RetryAfter is the wait the server asked for (header Retry-After) with
	// a 429 or 503, after the retries gave up; 0 when it sent none.
	RetryAfter time.Duration
}

// ErrorDetail is one invalid input of a validation problem.
type ErrorDetail struct {
	// Location names the input, such as "body.repository_url" or
	// "query.cursor".
	Location string `json:"location,omitempty"`
	// Message says what is wrong with it.
	Message string `json:"message,omitempty"`
	// Value is the value that was refused, when the server echoes it.
	Value any `json:"value,omitempty"`
}

// Error returns the status, the detail and each invalid input, and the
// request id.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "testlens: %d %s", e.Status, cmp.Or(e.Title, http.StatusText(e.Status)))
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	for _, d := range e.Errors {
		b.WriteString("; ")
		if d.Location != "" {
			b.WriteString(d.Location + ": ")
		}
		b.WriteString(d.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request " + e.RequestID + ")")
	}
	return b.String()
}

// IsNotFound reports whether err is an *APIError with status 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an *APIError with status 409: an
// analysis that is not completed yet (ProblemNotReady), or an
// Idempotency-Key whose first request is still running.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsRateLimited reports whether err is an *APIError with status 429, which
// remains after the retries gave up; see APIError.RetryAfter.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

func hasStatus(err error, status int) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == status
}

// maxErrorBody bounds how much of an error answer is read.
const maxErrorBody = 64 << 10

// checkResponse is the one place where answers become errors: nil for a 2xx
// answer (whose body the caller reads), else an *APIError made from the
// problem+json body, or from whatever body a proxy sent, which it reads and
// closes.
func checkResponse(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)) // a cut body still says something
	e := &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get(headerRequestID)}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter, _ = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	var problem struct {
		Type   string        `json:"type"`
		Title  string        `json:"title"`
		Detail string        `json:"detail"`
		Errors []ErrorDetail `json:"errors"`
	}
	if isJSON(resp.Header.Get("Content-Type")) && json.Unmarshal(body, &problem) == nil {
		e.Type, e.Title, e.Detail, e.Errors = problem.Type, problem.Title, problem.Detail, problem.Errors
		return e
	}
	e.Title = http.StatusText(resp.StatusCode)
	e.Detail = excerpt(body)
	return e
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// excerpt is the start of a non-problem body on one line, for a message.
func excerpt(body []byte) string {
	const limit = 200
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "�")), " ")
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit]) + "…"
	}
	return s
}
