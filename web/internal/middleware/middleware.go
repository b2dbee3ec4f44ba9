// Package middleware holds the net/http middleware every request goes
// through: a request id, a write deadline, panic recovery and one access log
// line per request. It also provides the slog handler that stamps the request
// id on every log line written with the request's context, so that a problem
// response and the log lines explaining it can be matched.
package middleware

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// HeaderRequestID is the request and response header carrying the request id.
const HeaderRequestID = "X-Request-Id"

type requestIDKey struct{}

// RequestID returns the request id stored in ctx, or "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// WithRequestID returns ctx carrying the request id id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// Options configures Wrap.
type Options struct {
	// Log receives the access log and recovered panics. Required.
	Log *slog.Logger
	// WriteTimeout is the default deadline for writing a response, counted
	// from the start of the request. It replaces http.Server.WriteTimeout so
	// that a handler may extend it (a long inventory stream). Defaults to 30s.
	WriteTimeout time.Duration
	// QuietPaths are logged at debug level instead of info (health probes
	// would otherwise drown the access log).
	QuietPaths []string
}

// Wrap returns next behind the request id, write deadline, recovery and
// access log middleware, outermost first.
func Wrap(next http.Handler, o Options) http.Handler {
	if o.WriteTimeout == 0 {
		o.WriteTimeout = 30 * time.Second
	}
	quiet := make(map[string]bool, len(o.QuietPaths))
	for _, p := range o.QuietPaths {
		quiet[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(HeaderRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(HeaderRequestID, id)
		ctx := WithRequestID(r.Context(), id)
		r = r.WithContext(ctx)

		// Not supported by every ResponseWriter (tests' recorders); the
		// server's ReadTimeout and the handlers' own contexts still apply.
		_ = http.NewResponseController(w).SetWriteDeadline(start.Add(o.WriteTimeout))

		rec := &recorder{ResponseWriter: w}
		defer func() {
			v := recover()
			// http.ErrAbortHandler is how a handler aborts a response it has
			// started (a failed stream): log it, then let net/http close the
			// connection so the client sees the failure.
			aborted := v == http.ErrAbortHandler //nolint:errorlint // sentinel compared as net/http does
			if v != nil && !aborted {
				o.Log.ErrorContext(ctx, "panic serving request", "panic", v, "stack", string(debug.Stack()))
				if !rec.wroteHeader {
					rec.Header().Set("Content-Type", "application/problem+json")
					rec.WriteHeader(http.StatusInternalServerError)
					_, _ = rec.Write([]byte(`{"type":"https://testlens.dev/problems/internal","title":"Internal Server Error","status":500,"detail":"unexpected error"}` + "\n"))
				}
			}
			level := slog.LevelInfo
			switch {
			case rec.status >= 500 || aborted:
				level = slog.LevelError
			case quiet[r.URL.Path]:
				level = slog.LevelDebug
			}
			attrs := []any{
				"method", r.Method,
				"path", r.URL.Path,
				"status", rec.statusOrOK(),
				"bytes", rec.bytes,
				"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
				"remote", r.RemoteAddr,
			}
			if aborted {
				attrs = append(attrs, "aborted", true)
			}
			o.Log.Log(ctx, level, "request", attrs...)
			if aborted {
				panic(v)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// validRequestID accepts a client's id only when it is short and printable,
// so that it can be logged and echoed without escaping or log injection.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '!' || c > '~' {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// recorder remembers the status and size of a response for the access log.
type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader {
		r.status = status
		r.wroteHeader = true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) statusOrOK() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushing) through the recorder.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush forwards to the underlying writer so streamed responses reach the
// client as they are written.
func (r *recorder) Flush() {
	r.wroteHeader = true
	_ = http.NewResponseController(r.ResponseWriter).Flush()
}
