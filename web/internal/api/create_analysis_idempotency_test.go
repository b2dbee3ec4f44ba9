package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

func keyHeader(key string) http.Header { return http.Header{"Idempotency-Key": {key}} }

func TestCreateAnalysisIdempotency(t *testing.T) {
	t.Parallel()
	const body = `{"repository_url":"https://github.com/testlens/example","ref":"main"}`

	t.Run("SameKeyAndBodyReplays", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		first, firstRaw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("k-1"))
		requireStatus(t, first, firstRaw, http.StatusAccepted)
		if first.Header.Get("Idempotent-Replayed") != "" {
			t.Error("first answer marked as replayed")
		}
		// Another spelling of the same repository is the same request.
		again, raw := b.doWith(t, http.MethodPost, "/v1/analyses",
			`{"ref":"main","repository_url":"https://GITHUB.com/testlens/example/"}`, keyHeader("k-1"))
		requireStatus(t, again, raw, http.StatusAccepted)
		if string(raw) != string(firstRaw) || again.Header.Get("Idempotent-Replayed") != "true" ||
			again.Header.Get("Location") != first.Header.Get("Location") {
			t.Errorf("replay = %s %s (Location %q), want %s (Location %q)", again.Header.Get("Idempotent-Replayed"), raw,
				again.Header.Get("Location"), firstRaw, first.Header.Get("Location"))
		}
		if a, j := count(t, b.pool, "analyses"), count(t, b.pool, "river_job"); a != 1 || j != 1 {
			t.Errorf("%d analyses and %d jobs, want one of each", a, j)
		}
		// Without a key, or with another one, it is a new request.
		for _, h := range []http.Header{nil, keyHeader("k-2")} {
			resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, h)
			requireStatus(t, resp, raw, http.StatusAccepted)
		}
		if n := count(t, b.pool, "analyses"); n != 3 {
			t.Errorf("%d analyses, want 3", n)
		}
	})

	t.Run("SameKeyOtherBody", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("k"))
		requireStatus(t, resp, raw, http.StatusAccepted)
		for _, other := range []string{
			`{"repository_url":"https://github.com/testlens/example","ref":"dev"}`,
			`{"repository_url":"https://github.com/testlens/example","ref":"main","force":true}`,
		} {
			resp, raw = b.doWith(t, http.MethodPost, "/v1/analyses", other, keyHeader("k"))
			p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemIdempotencyKeyReused)
			if len(p.Errors) != 1 || p.Errors[0].Location != "header.Idempotency-Key" {
				t.Errorf("errors = %s", raw)
			}
		}
		if n := count(t, b.pool, "analyses"); n != 1 {
			t.Errorf("%d analyses, want 1", n)
		}
	})

	t.Run("InFlightIs409", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		// A first request holds the key in its open transaction.
		tx, err := b.pool.Begin(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(context.Background())
		if _, err := tx.Exec(context.Background(), `INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body)
			VALUES ('default', 'busy', 'x', 0, 'null')`); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("busy"))
		requireProblem(t, resp, raw, http.StatusConflict, api.ProblemIdempotencyKeyInFlight)
		if waited := time.Since(start); waited > 2*time.Second {
			t.Errorf("the second request waited %s", waited)
		}
		if resp.Header.Get("Retry-After") == "" {
			t.Error("409 without Retry-After")
		}
		// The first request failed: the key is free again.
		if err := tx.Rollback(context.Background()); err != nil {
			t.Fatal(err)
		}
		resp, raw = b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("busy"))
		requireStatus(t, resp, raw, http.StatusAccepted)
	})

	t.Run("ConcurrentDuplicatesCreateOne", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		const n = 8
		var wg sync.WaitGroup
		statuses := make([]int, n)
		ids := make([]int64, n)
		for i := range n {
			wg.Go(func() {
				resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("race"))
				statuses[i] = resp.StatusCode
				if resp.StatusCode == http.StatusAccepted {
					ids[i] = decode[api.Analysis](t, raw).ID
				}
			})
		}
		wg.Wait()
		if a, j := count(t, b.pool, "analyses"), count(t, b.pool, "river_job"); a != 1 || j != 1 {
			t.Errorf("%d analyses and %d jobs, want one of each", a, j)
		}
		first := slices.Index(statuses, http.StatusAccepted)
		for i, s := range statuses {
			if first < 0 || (s != http.StatusAccepted && s != http.StatusConflict) || (s == http.StatusAccepted && ids[i] != ids[first]) {
				t.Errorf("answers %v, ids %v: want 202s for one analysis and 409s", statuses, ids)
				break
			}
		}
	})

	t.Run("ExpiredKeyIsIgnoredAndPurged", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		execSQL(t, b.pool, `INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body, created_at)
			VALUES ('default', 'old', 'other', 202, '{"id":999}', now() - interval '25 hours'),
			       ('default', 'stale', 'other', 202, '{"id":998}', now() - interval '30 hours')`)
		resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader("old"))
		requireStatus(t, resp, raw, http.StatusAccepted)
		if resp.Header.Get("Idempotent-Replayed") != "" {
			t.Error("an expired key was replayed")
		}
		var keys []string
		rows, err := b.pool.Query(context.Background(), `SELECT key FROM idempotency_keys WHERE created_at > now() - interval '1 hour'`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var k string
			_ = rows.Scan(&k)
			keys = append(keys, k)
		}
		if n := count(t, b.pool, "idempotency_keys"); n != 1 || len(keys) != 1 || keys[0] != "old" {
			t.Errorf("%d keys, fresh %v; want only the new 'old'", n, keys)
		}
	})

	t.Run("ReplaysA200", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		const sha = "3f786850e387550fdab836ed7e6dc881de23001b"
		execSQL(t, b.pool, `INSERT INTO engines (version) VALUES ('0.2.0')`)
		done := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted), CommitSHA: ptr(sha), EngineVersion: ptr("0.2.0")})
		shaBody := `{"repository_url":"https://github.com/testlens/example","ref":"` + sha + `"}`
		resp, first := b.doWith(t, http.MethodPost, "/v1/analyses", shaBody, keyHeader("dedup"))
		requireStatus(t, resp, first, http.StatusOK)
		if a := decode[api.Analysis](t, first); a.ID != done {
			t.Fatalf("got analysis %d, want %d", a.ID, done)
		}
		resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", shaBody, keyHeader("dedup"))
		requireStatus(t, resp, raw, http.StatusOK)
		if string(raw) != string(first) || resp.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay = %s", raw)
		}
	})

	t.Run("InvalidKey", func(t *testing.T) {
		t.Parallel()
		b := setup(t)
		for _, key := range []string{"ключ", strings.Repeat("k", 256), "tab\there"} {
			resp, raw := b.doWith(t, http.MethodPost, "/v1/analyses", body, keyHeader(key))
			p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
			if len(p.Errors) == 0 || p.Errors[0].Location != "header.Idempotency-Key" {
				t.Errorf("%q: errors = %s", key, raw)
			}
		}
		if n := count(t, b.pool, "analyses"); n != 0 {
			t.Errorf("%d analyses written", n)
		}
	})
}
