package migrate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/dbtest"
	contractschema "github.com/testlens/testlens/contracts/schema"
)

type bundle struct {
	ctx    context.Context
	target string
	opts   Options
}

func setup(t *testing.T) bundle {
	t.Helper()
	return bundle{
		ctx:    context.Background(),
		target: dbtest.NewEmpty(t),
		opts:   Options{DevURL: dbtest.NewEmpty(t)},
	}
}

func count(t *testing.T, dbURL, query string) int {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var n int
	if err := pool.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestApplyFromEmptyThenNoOp(t *testing.T) {
	t.Parallel()
	b := setup(t)

	res, err := Apply(b.ctx, b.target, b.opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) == 0 || len(res.RiverVersions) == 0 {
		t.Fatalf("first apply did nothing: %+v", res)
	}
	if n := count(t, b.target, "SELECT count(*) FROM pg_tables WHERE schemaname='public' AND tablename IN ('repositories','analyses','test_files','test_suites','tests','river_job')"); n != 6 {
		t.Fatalf("expected the 5 app tables and river_job, found %d", n)
	}

	again, err := Apply(b.ctx, b.target, b.opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Applied) != 0 || len(again.RiverVersions) != 0 {
		t.Fatalf("second apply changed something: %+v", again)
	}
}

// TestAtlasMatchesPlainLoad shows that the Atlas route and dbtest's plain
// load of schema.sql (used by every other test) give the same database.
func TestAtlasMatchesPlainLoad(t *testing.T) {
	t.Parallel()
	b := setup(t)

	plan, err := Compute(b.ctx, dbtest.New(t), b.opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Steps) != 0 {
		t.Fatalf("a database loaded from schema.sql differs from what Atlas wants:\n%s", plan)
	}
}

func TestExpandIsAppliedAndRiverIsNeverTouched(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if _, err := Apply(b.ctx, b.target, b.opts); err != nil {
		t.Fatal(err)
	}

	expanded := b.opts
	expanded.DesiredSQL = contractschema.SQL + "\nALTER TABLE analyses ADD COLUMN priority integer NOT NULL DEFAULT 0;\n"
	plan, err := Compute(b.ctx, b.target, expanded)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Steps) != 1 || plan.Steps[0].Destructive || !strings.Contains(plan.Steps[0].SQL, `ADD COLUMN "priority"`) {
		t.Fatalf("unexpected expand plan:\n%s", plan)
	}
	if _, err := Apply(b.ctx, b.target, expanded); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.target, "SELECT count(*) FROM information_schema.columns WHERE table_name='analyses' AND column_name='priority'"); n != 1 {
		t.Fatal("expand step not applied")
	}
	for _, s := range plan.Steps {
		if strings.Contains(s.SQL, "river_") {
			t.Fatalf("plan touches River: %s", s.SQL)
		}
	}
}

func TestDestructiveChangesAreRefusedUnlessAllowed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	withExtra := b.opts
	withExtra.DesiredSQL = contractschema.SQL + "\nCREATE TABLE scratch (id bigint PRIMARY KEY, note text);\n"
	if _, err := Apply(b.ctx, b.target, withExtra); err != nil {
		t.Fatal(err)
	}

	// Back to schema.sql: the scratch table would be dropped.
	_, err := Apply(b.ctx, b.target, b.opts)
	var destructiveErr *DestructiveError
	if !errors.As(err, &destructiveErr) || !strings.Contains(err.Error(), `"scratch"`) || !strings.Contains(err.Error(), "ALLOW_DESTRUCTIVE=1") {
		t.Fatalf("got %v, want a DestructiveError naming the scratch table", err)
	}
	if n := count(t, b.target, "SELECT count(*) FROM pg_tables WHERE tablename='scratch'"); n != 1 {
		t.Fatal("refused plan still dropped the table")
	}

	retyped := b.opts
	retyped.DesiredSQL = strings.Replace(withExtra.DesiredSQL, "note text", "note integer", 1)
	plan, err := Compute(b.ctx, b.target, retyped)
	if err != nil {
		t.Fatal(err)
	}
	if d := plan.Destructive(); len(d) != 1 {
		t.Fatalf("a column type change should be destructive:\n%s", plan)
	}

	allowed := b.opts
	allowed.AllowDestructive = true
	if _, err := Apply(b.ctx, b.target, allowed); err != nil {
		t.Fatal(err)
	}
	if n := count(t, b.target, "SELECT count(*) FROM pg_tables WHERE tablename='scratch'"); n != 0 {
		t.Fatal("allowed destructive plan did not drop the table")
	}
}
