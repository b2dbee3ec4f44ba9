// Package dbtest gives tests their own real PostgreSQL database, migrated to
// the schema of the current commit (application tables and River's), so that
// test packages running at the same time never see each other's rows.
//
// The server comes from TEST_DATABASE_URL, else DATABASE_URL (make test sets
// both from the project-local cluster). The role needs CREATEDB. Each call to
// New clones a template database that is built once per schema version, which
// takes a few milliseconds instead of a full migration.
package dbtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/testlens/testlens/contracts/schema"
)

// ServerURL returns the URL of the PostgreSQL server tests use, or an error
// that says how to get one.
func ServerURL() (string, error) {
	for _, name := range []string{"TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := os.Getenv(name); v != "" {
			return v, nil
		}
	}
	return "", fmt.Errorf("no PostgreSQL for tests: run the tests with `make test` (it starts a local cluster), " +
		"or set TEST_DATABASE_URL to a server where the role may CREATE DATABASE (e.g. TEST_DATABASE_URL=$(scripts/pg.sh url))")
}

var counter atomic.Int64

// New creates a fresh, migrated database for the test, drops it when the test
// ends, and returns its URL.
func New(tb testing.TB) string {
	tb.Helper()
	return create(tb, true)
}

// create makes a database, cloned from the migrated template when migrated
// is set, and registers its removal.
func create(tb testing.TB, migrated bool) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	server, err := ServerURL()
	if err != nil {
		tb.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Fatalf("dbtest: connect to %s: %v", redact(server), err)
	}
	defer admin.Close(ctx)

	name := fmt.Sprintf("testlens_t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, counter.Add(1))
	stmt := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if migrated {
		tpl, err := ensureTemplate(ctx, admin, server)
		if err != nil {
			tb.Fatalf("dbtest: %v", err)
		}
		stmt += " TEMPLATE " + pgx.Identifier{tpl}.Sanitize()
	}
	if _, err := admin.Exec(ctx, stmt); err != nil {
		tb.Fatalf("dbtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			tb.Logf("dbtest: drop %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Logf("dbtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(server, name)
}

// NewEmpty creates an empty database (no tables) for the test, drops it when
// the test ends, and returns its URL. Migration tests start from it.
func NewEmpty(tb testing.TB) string {
	tb.Helper()
	return create(tb, false)
}

// NewPool is New plus a connection pool that is closed when the test ends.
func NewPool(tb testing.TB) (*pgxpool.Pool, string) {
	tb.Helper()
	dbURL := New(tb)
	pool, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		tb.Fatalf("dbtest: pool: %v", err)
	}
	tb.Cleanup(pool.Close)
	return pool, dbURL
}

// ensureTemplate builds the template of the current schema once per server.
// The name carries a hash of the schema, so a schema change gets a new one.
func ensureTemplate(ctx context.Context, admin *pgx.Conn, server string) (string, error) {
	sum := sha256.Sum256([]byte(schema.SQL + "\x00river-v0.51.2"))
	tpl := "testlens_tpl_" + hex.EncodeToString(sum[:6])

	// Test binaries of several packages run at once: one builds, the others wait.
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock(74657374)"); err != nil {
		return "", fmt.Errorf("lock: %w", err)
	}
	defer admin.Exec(context.Background(), "SELECT pg_advisory_unlock(74657374)") //nolint:errcheck // released with the connection anyway

	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tpl).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return tpl, nil
	}
	// Build under another name and rename at the end, so a crash halfway
	// never leaves a half-migrated template behind.
	building := tpl + "_building"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{building}.Sanitize()+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{building}.Sanitize()); err != nil {
		return "", err
	}
	if err := Migrate(ctx, withDatabase(server, building)); err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{building}.Sanitize()+" RENAME TO "+pgx.Identifier{tpl}.Sanitize()); err != nil {
		return "", err
	}
	return tpl, nil
}

// Migrate brings an empty database to the current schema: schema.sql as is,
// then River's migrations. (make migrate uses Atlas instead, which can also
// change a database that is not empty; on an empty one both give the same
// result, which the collector's migration tests check.)
func Migrate(ctx context.Context, dbURL string) error {
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, schema.SQL); err != nil {
		return fmt.Errorf("apply schema.sql: %w", err)
	}
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return err
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	return nil
}

// withDatabase returns server with its database name replaced.
func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil || u.Scheme == "" {
		// Keyword/value form: a later dbname wins.
		return strings.TrimSpace(server) + " dbname=" + name
	}
	u.Path = "/" + name
	return u.String()
}

func redact(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}
