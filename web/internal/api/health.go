package api

import (
	"context"
	"net/http"
	"time"
)

// readyTimeout bounds the readiness probe's database round trip.
const readyTimeout = 2 * time.Second

// registerHealth adds the orchestrator probes as plain routes: they are not
// part of the API contract, so they stay out of the OpenAPI document (and
// out of generated SDKs).
//
//   - GET /healthz: 200 {"status":"ok"} while the process serves HTTP; checks
//     nothing else, so a database outage never restarts web.
//   - GET /readyz: 200 {"status":"ok"} when the database answers SELECT 1
//     within 2 s, else 503 problem+json.
func registerHealth(mux *http.ServeMux, d Deps) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeOK(w)
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		var one int
		if err := d.Pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
			d.Log.WarnContext(ctx, "not ready: database", "err", err)
			w.Header().Set("Retry-After", "1")
			WriteProblem(w, http.StatusServiceUnavailable, "the database does not answer")
			return
		}
		writeOK(w)
	})
}

func writeOK(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n")) // the client may be gone
}
