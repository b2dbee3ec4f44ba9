package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/dbtest"
	"github.com/testlens/testlens/contracts/inventory"
)

type bundle struct {
	ctx        context.Context
	pool       *pgxpool.Pool
	store      *Store
	analysisID int64
}

func setup(t *testing.T) bundle {
	t.Helper()
	ctx := context.Background()
	pool, _ := dbtest.NewPool(t)
	var id int64
	err := pool.QueryRow(ctx, `
		WITH r AS (INSERT INTO repositories (url) VALUES ('https://example.com/o/r') RETURNING id)
		INSERT INTO analyses (repository_id) SELECT id FROM r RETURNING id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return bundle{ctx: ctx, pool: pool, store: New(pool), analysisID: id}
}

func files(prefix string) []inventory.File {
	return []inventory.File{
		{Path: prefix + "a_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
			Suites: []inventory.Suite{{Path: []string{"TestA"}, Line: 3}},
			Tests: []inventory.Test{
				{Name: "TestA", Line: 3, Status: inventory.TestActive, Kind: inventory.KindTest},
				{SuitePath: []string{"TestA"}, Name: "sub", Line: 4, Status: inventory.TestSkipped, Kind: inventory.KindCase, Condition: "linux"},
			}},
		{Path: prefix + "b_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo, SkipReason: "too big", Tests: []inventory.Test{}},
	}
}

func (b bundle) counts(t *testing.T) (files, suites, tests, linked int) {
	t.Helper()
	err := b.pool.QueryRow(b.ctx, `SELECT
		(SELECT count(*) FROM test_files WHERE analysis_id = $1),
		(SELECT count(*) FROM test_suites WHERE analysis_id = $1),
		(SELECT count(*) FROM tests WHERE analysis_id = $1),
		(SELECT count(*) FROM tests t JOIN test_suites s ON s.id = t.suite_id WHERE t.analysis_id = $1 AND s.path = t.suite_path)`,
		b.analysisID).Scan(&files, &suites, &tests, &linked)
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestRetriedAttemptStoresTheInventoryOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)

	// Attempt 1 streams a batch, then dies.
	if err := b.store.Start(b.ctx, b.analysisID, 1, "v"); err != nil {
		t.Fatal(err)
	}
	if err := b.store.WriteBatch(b.ctx, b.analysisID, files("x/"), Progress{}); err != nil {
		t.Fatal(err)
	}
	// Attempt 2 starts over and finishes.
	if err := b.store.Start(b.ctx, b.analysisID, 2, "v"); err != nil {
		t.Fatal(err)
	}
	if err := b.store.WriteBatch(b.ctx, b.analysisID, files("x/"), Progress{}); err != nil {
		t.Fatal(err)
	}
	if err := b.store.WriteBatch(b.ctx, b.analysisID, files("y/"), Progress{}); err != nil {
		t.Fatal(err)
	}
	err := pgx.BeginFunc(b.ctx, b.pool, func(tx pgx.Tx) error {
		return Complete(b.ctx, tx, b.analysisID, "abc", inventory.Summarize(append(files("x/"), files("y/")...)))
	})
	if err != nil {
		t.Fatal(err)
	}

	f, s, n, linked := b.counts(t)
	if f != 4 || s != 2 || n != 4 || linked != 2 {
		t.Fatalf("files %d suites %d tests %d linked %d; want 4 2 4 2", f, s, n, linked)
	}
	var status string
	var attempts, done, found int
	if err := b.pool.QueryRow(b.ctx, `SELECT status, attempts, files_done, tests_found FROM analyses WHERE id = $1`, b.analysisID).
		Scan(&status, &attempts, &done, &found); err != nil {
		t.Fatal(err)
	}
	if status != "completed" || attempts != 2 || done != 4 || found != 4 {
		t.Fatalf("analysis %s attempts %d files_done %d tests_found %d", status, attempts, done, found)
	}
	// Test ids follow inventory order, which pagination relies on.
	rows, _ := b.pool.Query(b.ctx, `SELECT path FROM tests WHERE analysis_id = $1 ORDER BY id`, b.analysisID)
	paths, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"x/a_test.go", "x/a_test.go", "y/a_test.go", "y/a_test.go"}
	for i := range want {
		if paths[i] != want[i] {
			t.Fatalf("test order %v, want %v", paths, want)
		}
	}
	rows, _ = b.pool.Query(b.ctx, `SELECT coalesce(condition, '-') FROM tests WHERE analysis_id = $1 ORDER BY id`, b.analysisID)
	conditions, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(conditions) != "[- linux - linux]" {
		t.Fatalf("conditions %v, want [- linux - linux] (NULL where a test has none)", conditions)
	}

	// A finished analysis is not started again.
	if err := b.store.Start(b.ctx, b.analysisID, 3, "v"); !errors.Is(err, ErrGone) {
		t.Fatalf("Start on a completed analysis: %v, want ErrGone", err)
	}
}

func TestFinishDropsPartialInventory(t *testing.T) {
	t.Parallel()
	b := setup(t)

	if err := b.store.Start(b.ctx, b.analysisID, 1, "v"); err != nil {
		t.Fatal(err)
	}
	if err := b.store.WriteBatch(b.ctx, b.analysisID, files(""), Progress{}); err != nil {
		t.Fatal(err)
	}
	if err := b.store.Finish(b.ctx, b.analysisID, inventory.AnalysisFailed, "the ref does not exist"); err != nil {
		t.Fatal(err)
	}
	if f, _, n, _ := b.counts(t); f != 0 || n != 0 {
		t.Fatalf("failed analysis kept %d files and %d tests", f, n)
	}
	var reason string
	if err := b.pool.QueryRow(b.ctx, `SELECT failure_reason FROM analyses WHERE id = $1 AND status = 'failed'`, b.analysisID).Scan(&reason); err != nil {
		t.Fatal(err)
	}
	if reason != "the ref does not exist" {
		t.Fatalf("reason %q", reason)
	}
}

// TestRevisionCountsEveryUpdate: every write of the collector bumps the
// analysis's revision, which event streams number their states with.
func TestRevisionCountsEveryUpdate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	revision := func() (rev int64, total, done, found int) {
		t.Helper()
		if err := b.pool.QueryRow(b.ctx, `SELECT revision, files_total, files_done, tests_found FROM analyses WHERE id = $1`, b.analysisID).
			Scan(&rev, &total, &done, &found); err != nil {
			t.Fatal(err)
		}
		return
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"start", func() error { return b.store.Start(b.ctx, b.analysisID, 1, "test") }},
		{"commit", func() error { return b.store.SetCommit(b.ctx, b.analysisID, "abc") }},
		{"total", func() error { return b.store.SetTotal(b.ctx, b.analysisID, 5) }},
		{"empty batch", func() error { return b.store.WriteBatch(b.ctx, b.analysisID, nil, Progress{FilesDone: 1}) }},
		{"batch", func() error {
			return b.store.WriteBatch(b.ctx, b.analysisID, files("x/"), Progress{FilesDone: 3, TestsFound: 2})
		}},
		{"retrying", func() error { return b.store.Retrying(b.ctx, b.analysisID, "again") }},
		{"restart", func() error { return b.store.Start(b.ctx, b.analysisID, 2, "test") }},
		{"cancelled", func() error { return b.store.Finish(b.ctx, b.analysisID, inventory.AnalysisCancelled, "asked") }},
	}
	prev, _, _, _ := revision()
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		rev, total, done, found := revision()
		if rev != prev+1 {
			t.Fatalf("%s: revision %d, want %d", s.name, rev, prev+1)
		}
		prev = rev
		if s.name == "batch" && (total != 5 || done != 3 || found != 2) {
			t.Fatalf("progress after batch: total %d done %d found %d, want 5 3 2", total, done, found)
		}
	}
}

func TestSeenEngine(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, v := range []string{"1.0.0", "2.0.0", "1.0.0"} {
		if err := b.store.SeenEngine(b.ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	var latest string
	var n int
	if err := b.pool.QueryRow(b.ctx, `SELECT (SELECT version FROM engines ORDER BY seen_at DESC LIMIT 1), count(*) FROM engines`).
		Scan(&latest, &n); err != nil {
		t.Fatal(err)
	}
	if latest != "1.0.0" || n != 2 {
		t.Fatalf("latest %q of %d versions, want 1.0.0 of 2", latest, n)
	}
}

func TestWriteBatchStoresTextPostgreSQLRefuses(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if err := b.store.Start(b.ctx, b.analysisID, 1, "v"); err != nil {
		t.Fatal(err)
	}
	// A Go subtest named with a NUL, a file name and a C++ literal that are
	// not UTF-8: PostgreSQL's text refuses both as they are.
	in := []inventory.File{{Path: "odd\xffname_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
		Suites: []inventory.Suite{{Path: []string{"TestX"}, Line: 1}, {Path: []string{"TestX", "nul\x00"}, Line: 2}},
		Tests: []inventory.Test{
			{Name: "TestX", Line: 1, Status: inventory.TestActive, Kind: inventory.KindTest},
			{SuitePath: []string{"TestX"}, Name: "nul\x00", Line: 2, Status: inventory.TestActive, Kind: inventory.KindCase},
			{SuitePath: []string{"TestX", "nul\x00"}, Name: "latin1 \xe9", Line: 3, Status: inventory.TestActive, Kind: inventory.KindCase},
		}}}
	if err := b.store.WriteBatch(b.ctx, b.analysisID, in, Progress{}); err != nil {
		t.Fatalf("a batch with a NUL and non-UTF-8 text was refused: %v", err)
	}
	rows, err := b.pool.Query(b.ctx, `SELECT path, name, suite_path FROM tests WHERE analysis_id = $1 ORDER BY line`, b.analysisID)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		path, name string
		suite      []string
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		return x, r.Scan(&x.path, &x.name, &x.suite)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"odd\uFFFDname_test.go", "TestX", []string{}},
		{"odd\uFFFDname_test.go", `nul\x00`, []string{"TestX"}},
		{"odd\uFFFDname_test.go", "latin1 \uFFFD", []string{"TestX", `nul\x00`}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stored %q, want %q", got, want)
	}
	if _, _, _, linked := b.counts(t); linked != 2 {
		t.Errorf("%d cases linked to their suite, want 2", linked)
	}
}
