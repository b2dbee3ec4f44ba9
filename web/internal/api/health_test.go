package api_test

import (
	"net/http"
	"testing"

	"github.com/testlens/testlens/web/internal/api"
)

func TestHealth(t *testing.T) {
	t.Parallel()

	t.Run("Up", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		for _, path := range []string{"/healthz", "/readyz"} {
			body, _ := get[map[string]string](t, b, path, http.StatusOK)
			if body["status"] != "ok" {
				t.Errorf("%s: %v", path, body)
			}
		}
	})

	t.Run("DatabaseDown", func(t *testing.T) {
		t.Parallel()
		b := setupWith(t, &setupOpts{DatabaseURL: ptr("postgres://nobody@127.0.0.1:1/none?connect_timeout=2&sslmode=disable")})
		if body, _ := get[map[string]string](t, b, "/healthz", http.StatusOK); body["status"] != "ok" {
			t.Errorf("healthz: %v", body)
		}
		resp, raw := b.do(t, http.MethodGet, "/readyz", "")
		requireProblem(t, resp, raw, http.StatusServiceUnavailable, api.ProblemUnavailable)
		for _, path := range []string{"/v1/analyses/1", "/v1/analyses/1/tests", "/v1/analyses/1/inventory"} {
			resp, raw := b.do(t, http.MethodGet, path, "")
			requireProblem(t, resp, raw, http.StatusServiceUnavailable, api.ProblemUnavailable)
		}
	})
}
