package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// Problem types: the stable `type` URIs of RFC 9457 problem responses. A
// client branches on these (or on the status), never on title or detail.
const (
	ProblemBase        = "https://testlens.dev/problems/"
	ProblemBadRequest  = ProblemBase + "bad-request"
	ProblemValidation  = ProblemBase + "validation"
	ProblemNotFound    = ProblemBase + "not-found"
	ProblemMethod      = ProblemBase + "method-not-allowed"
	ProblemNotReady    = ProblemBase + "not-ready"
	ProblemConflict    = ProblemBase + "conflict"
	ProblemTooLarge    = ProblemBase + "too-large"
	ProblemUnsupported = ProblemBase + "unsupported-media-type"
	ProblemNotAccept   = ProblemBase + "not-acceptable"
	ProblemTimeout     = ProblemBase + "timeout"
	ProblemInternal    = ProblemBase + "internal"
	ProblemUnavailable = ProblemBase + "unavailable"
	ProblemRateLimited = ProblemBase + "rate-limited"

	// ProblemIdempotencyKeyReused (422): the Idempotency-Key was first used
	// with another request body.
	ProblemIdempotencyKeyReused = ProblemBase + "idempotency-key-reused"
	// ProblemIdempotencyKeyInFlight (409): a request with the same
	// Idempotency-Key is still being processed; retry after it finished.
	ProblemIdempotencyKeyInFlight = ProblemBase + "idempotency-key-in-flight"
	// ProblemDifferentRepositories (422): a diff of analyses of two
	// repositories.
	ProblemDifferentRepositories = ProblemBase + "different-repositories"
)

// problemTypes maps a status to the type of problems huma builds itself
// (validation, body parsing) and of handler errors made with huma.ErrorNNN.
var problemTypes = map[int]string{
	http.StatusBadRequest:            ProblemBadRequest,
	http.StatusNotFound:              ProblemNotFound,
	http.StatusMethodNotAllowed:      ProblemMethod,
	http.StatusNotAcceptable:         ProblemNotAccept,
	http.StatusRequestTimeout:        ProblemTimeout,
	http.StatusConflict:              ProblemConflict,
	http.StatusRequestEntityTooLarge: ProblemTooLarge,
	http.StatusUnsupportedMediaType:  ProblemUnsupported,
	http.StatusUnprocessableEntity:   ProblemValidation,
	http.StatusInternalServerError:   ProblemInternal,
	http.StatusServiceUnavailable:    ProblemUnavailable,
	http.StatusGatewayTimeout:        ProblemTimeout,
	http.StatusTooManyRequests:       ProblemRateLimited,
}

var installOnce sync.Once

// installProblemTypes replaces huma's error constructors, which are package
// globals, so that every problem (huma's own and ours) carries a stable type.
// It runs once per process; New calls it, so nothing can build the API
// without it.
func installProblemTypes() {
	installOnce.Do(func() {
		huma.NewError = newProblem
		huma.NewErrorWithContext = func(_ huma.Context, status int, msg string, errs ...error) huma.StatusError {
			return newProblem(status, msg, errs...)
		}
	})
}

func newProblem(status int, msg string, errs ...error) huma.StatusError {
	details := make([]*huma.ErrorDetail, 0, len(errs))
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d *huma.ErrorDetail
		if converted, ok := err.(huma.ErrorDetailer); ok {
			cp := *converted.ErrorDetail()
			d = &cp
		} else {
			d = &huma.ErrorDetail{Message: err.Error()}
		}
		pointAtMissingField(d)
		details = append(details, d)
	}
	typ := problemTypes[status]
	if typ == "" && status != 0 {
		typ = "about:blank" // RFC 9457: the status code says it all
	}
	return &huma.ErrorModel{
		Type:   typ,
		Status: status,
		Title:  http.StatusText(status),
		Detail: msg,
		Errors: details,
	}
}

// pointAtMissingField makes huma's "required property" errors name the field
// in location (body.repository_url rather than body), like every other
// validation error, so that clients can map each error to one input.
func pointAtMissingField(d *huma.ErrorDetail) {
	const prefix, suffix = "expected required property ", " to be present"
	if name, ok := strings.CutPrefix(d.Message, prefix); ok && strings.HasSuffix(name, suffix) && d.Location != "" {
		d.Location += "." + strings.TrimSuffix(name, suffix)
		d.Value = nil // the enclosing object, not the field's (absent) value
	}
}

// validationError is a 422 shaped exactly like huma's own validation errors,
// for checks that need more than struct tags.
func validationError(details ...*huma.ErrorDetail) error {
	errs := make([]error, len(details))
	for i, d := range details {
		errs[i] = d
	}
	return huma.Error422UnprocessableEntity("validation failed", errs...)
}

// WriteProblem writes a problem+json response from outside huma (probes,
// unknown routes) with the same shape and types as the API's own.
func WriteProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(newProblem(status, detail)) // the client may be gone
}

// problem is an error of a stable type that no status maps to by itself.
func problem(status int, typ, title, detail string, details ...*huma.ErrorDetail) error {
	return &huma.ErrorModel{Type: typ, Title: title, Status: status, Detail: detail, Errors: details}
}

func notFound(id int64) error {
	return huma.Error404NotFound(fmt.Sprintf("analysis %d not found", id))
}

// unavailable answers 503 with Retry-After, which the SDK's retrying client
// honours.
func unavailable(detail string) error {
	return huma.ErrorWithHeaders(huma.Error503ServiceUnavailable(detail), http.Header{"Retry-After": {"1"}})
}

// dbError turns a database error into the problem the client sees. A
// database that cannot be reached (or answered too late) is 503: the request
// may succeed later and nothing was written. Anything else is a bug or a
// schema mismatch: 500, logged with the request id.
func dbError(ctx context.Context, log *slog.Logger, what string, err error) error {
	if dbUnavailable(err) {
		log.WarnContext(ctx, "database unavailable", "op", what, "err", err)
		return unavailable("the database is unavailable; retry later")
	}
	log.ErrorContext(ctx, "database error", "op", what, "err", err)
	return huma.Error500InternalServerError("internal error")
}

func dbUnavailable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || pgconn.Timeout(err) {
		return true
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// 08: connection exception; 57P0x: shutting down / cannot connect
		// now; 53300: too many connections.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P0") || pgErr.Code == "53300"
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) // server went away mid-query
}
