package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Idempotency-Key handling of createAnalysis (table idempotency_keys). A key
// is claimed by inserting its row in the transaction that creates the
// analysis and completed with the response before that transaction commits:
// a committed row is a finished request, an uncommitted one a request in
// flight, and a rolled-back request leaves no key behind.
const (
	// idempotencyWindow is how long a key is replayed, as a PostgreSQL
	// interval; older rows are ignored and purged.
	idempotencyWindow = "24 hours"
	// idempotencyLockTimeout is how long a request waits for an uncommitted
	// request with the same key before answering 409. The first request's
	// transaction lasts milliseconds (the ls-remote of dedup runs before
	// it), so a short wait turns most races into a replay.
	idempotencyLockTimeout = "100ms"
	// idempotencyPurgeBatch bounds the expired rows one request deletes.
	idempotencyPurgeBatch = 100
	// sqlLockNotAvailable is the SQLSTATE of an exceeded lock_timeout.
	sqlLockNotAvailable = "55P03"
)

// idempotencyKey is the Idempotency-Key of one request and the hash of what
// it asks for; nil when the request has no key.
type idempotencyKey struct {
	key  string
	hash string
}

// newIdempotencyKey hashes the request as validated (canonical URL), so
// that two spellings of one repository are the same request.
func newIdempotencyKey(key, canonical string, req *CreateAnalysisRequest) *idempotencyKey {
	if key == "" {
		return nil
	}
	canon, _ := json.Marshal(struct { // cannot fail: strings and a bool
		URL   string `json:"repository_url"`
		Ref   string `json:"ref"`
		Force bool   `json:"force"`
	}{canonical, req.Ref, req.Force})
	sum := sha256.Sum256(canon)
	return &idempotencyKey{key: key, hash: hex.EncodeToString(sum[:])}
}

// replayKey answers with the stored response of a finished request with the
// key (nil, nil when there is none): the same status and body, or a 422 when
// that request had another body.
func (d Deps) replayKey(ctx context.Context, q querier, k *idempotencyKey) (*CreateAnalysisOutput, error) {
	if k == nil {
		return nil, nil
	}
	var (
		hash   string
		status int
		body   []byte
	)
	err := q.QueryRow(ctx, `
		SELECT request_hash, response_status, response_body FROM idempotency_keys
		WHERE tenant_id = $1 AND key = $2 AND created_at > now() - $3::interval`,
		DefaultTenant, k.key, idempotencyWindow).Scan(&hash, &status, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "read idempotency key", err)
	}
	if hash != k.hash {
		return nil, problem(http.StatusUnprocessableEntity, ProblemIdempotencyKeyReused, "Idempotency Key Reused",
			"this Idempotency-Key was used with another request body; send a new key for a new request",
			&huma.ErrorDetail{Location: "header.Idempotency-Key", Message: "already used with another request body", Value: k.key})
	}
	var a Analysis
	if err := json.Unmarshal(body, &a); err != nil {
		d.Log.ErrorContext(ctx, "stored idempotent response unreadable", "err", err)
		return nil, huma.Error500InternalServerError("internal error")
	}
	return &CreateAnalysisOutput{Status: status, Location: AnalysisPath(a.ID), Replayed: "true", Body: &a}, nil
}

// claimKey takes the key for this request in tx. It answers instead of the
// request (a replay or a 422) when a request with the key finished since
// replayKey looked, and 409 when one is still in flight. Expired rows of the
// key, and a batch of other expired rows, are deleted on the way.
func (d Deps) claimKey(ctx context.Context, tx pgx.Tx, k *idempotencyKey) (*CreateAnalysisOutput, error) {
	if k == nil {
		return nil, nil
	}
	// Only these statements may give up quickly on a lock; the rest of the
	// transaction (the repository upsert) waits as usual.
	if _, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, idempotencyLockTimeout); err != nil {
		return nil, dbError(ctx, d.Log, "idempotency: lock timeout", err)
	}
	_, err := tx.Exec(ctx, `
		DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
			SELECT ctid FROM idempotency_keys
			WHERE created_at <= now() - $1::interval
			ORDER BY created_at LIMIT $2
			FOR UPDATE SKIP LOCKED))`, idempotencyWindow, idempotencyPurgeBatch)
	if err == nil {
		_, err = tx.Exec(ctx, `DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND created_at <= now() - $3::interval`,
			DefaultTenant, k.key, idempotencyWindow)
	}
	var tag pgconn.CommandTag
	if err == nil {
		tag, err = tx.Exec(ctx, `
			INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body)
			VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING`, DefaultTenant, k.key, k.hash)
	}
	if err == nil {
		_, err = tx.Exec(ctx, `SET LOCAL lock_timeout TO DEFAULT`)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == sqlLockNotAvailable {
		return nil, huma.ErrorWithHeaders(problem(http.StatusConflict, ProblemIdempotencyKeyInFlight, "Idempotency Key In Flight",
			"a request with this Idempotency-Key is still being processed; retry shortly to get its response"),
			http.Header{"Retry-After": {"1"}})
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "idempotency: claim key", err)
	}
	if tag.RowsAffected() == 1 {
		return nil, nil
	}
	// A request with the key committed since replayKey looked.
	out, err := d.replayKey(ctx, tx, k)
	if out == nil && err == nil {
		err = fmt.Errorf("idempotency key %q neither inserted nor found", k.key)
		d.Log.ErrorContext(ctx, "idempotency: claim key", "err", err)
		return nil, huma.Error500InternalServerError("internal error")
	}
	return out, err
}

// completeKey stores the response of this request with its key, in the
// transaction that made it.
func (d Deps) completeKey(ctx context.Context, tx pgx.Tx, k *idempotencyKey, out *CreateAnalysisOutput) error {
	if k == nil {
		return nil
	}
	body, err := json.Marshal(out.Body)
	if err != nil {
		return fmt.Errorf("idempotency: encode response: %w", err)
	}
	_, err = tx.Exec(ctx, `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE tenant_id = $1 AND key = $2`,
		DefaultTenant, k.key, out.Status, body)
	if err != nil {
		return dbError(ctx, d.Log, "idempotency: store response", err)
	}
	return nil
}
