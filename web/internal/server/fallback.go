package server

import (
	"net/http"

	"github.com/testlens/testlens/web/internal/api"
)

// problemFallback answers requests that match no route (404) or match a
// route with another method (405, with Allow) in problem+json like the rest
// of the API, instead of ServeMux's text/plain.
func problemFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// Let the mux decide between 404 and 405 (and the Allow header),
		// but keep its text/plain body out of the response.
		probe := &statusProbe{header: http.Header{}}
		h.ServeHTTP(probe, r)
		if probe.status != http.StatusNotFound && probe.status != http.StatusMethodNotAllowed {
			mux.ServeHTTP(w, r) // a redirect to the cleaned path, say
			return
		}
		if allow := probe.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		api.WriteProblem(w, probe.status, "no route for "+r.Method+" "+r.URL.Path)
	})
}

type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(status int)      { p.status = status }
