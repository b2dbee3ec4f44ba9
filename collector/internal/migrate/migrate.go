// Package migrate brings a database to the schema of this commit:
// schema.sql applied declaratively with the Atlas library (load the desired
// state into a scratch dev database, inspect both, diff, plan, apply in one
// transaction), then River's own migrations with rivermigrate.
//
// River's tables are excluded from the Atlas diff on both sides, so the diff
// never drops or alters them. Destructive steps (dropped tables, columns,
// schemas or types, changed column types) are refused unless the caller opts
// in, naming each one.
package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for Atlas
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	contractschema "github.com/testlens/testlens/contracts/schema"
)

// ManagedSchema is the PostgreSQL schema that holds the application tables.
const ManagedSchema = "public"

// Excluded are the objects Atlas never inspects: River's tables and its enum
// type, which rivermigrate owns.
var Excluded = []string{"river_*"}

// Options configures a plan or an apply.
type Options struct {
	// DesiredSQL is the desired schema. Defaults to the embedded schema.sql of
	// this commit.
	DesiredSQL string
	// DevURL is a scratch database that is wiped and loaded with DesiredSQL to
	// compute the desired state. Defaults to the target's server with the
	// database name suffixed "_atlas_dev" (created when missing).
	DevURL string
	// AllowDestructive applies destructive steps instead of refusing them.
	// Defaults to false.
	AllowDestructive bool
	// SkipRiver leaves River's migrations alone. Defaults to false.
	SkipRiver bool
}

// Step is one statement of a plan.
type Step struct {
	SQL         string
	Comment     string
	Destructive bool
}

// Plan is what applying the schema would do.
type Plan struct {
	Steps []Step
}

// Destructive lists the destructive steps.
func (p *Plan) Destructive() []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.Destructive {
			out = append(out, s)
		}
	}
	return out
}

// String renders the plan as SQL, one statement per line, destructive steps
// marked.
func (p *Plan) String() string {
	if len(p.Steps) == 0 {
		return "-- the database already matches schema.sql: nothing to do\n"
	}
	var b strings.Builder
	for _, s := range p.Steps {
		if s.Comment != "" {
			fmt.Fprintf(&b, "-- %s\n", s.Comment)
		}
		if s.Destructive {
			b.WriteString("-- DESTRUCTIVE (needs ALLOW_DESTRUCTIVE=1)\n")
		}
		b.WriteString(s.SQL)
		b.WriteString(";\n")
	}
	return b.String()
}

// DestructiveError refuses a plan with destructive steps.
type DestructiveError struct {
	Steps []Step
}

func (e *DestructiveError) Error() string {
	names := make([]string, len(e.Steps))
	for i, s := range e.Steps {
		names[i] = s.Comment + ": " + s.SQL
	}
	return fmt.Sprintf("refusing %d destructive change(s); re-run with ALLOW_DESTRUCTIVE=1 if data loss is intended:\n  %s",
		len(e.Steps), strings.Join(names, "\n  "))
}

// Compute plans the changes that bring the database at targetURL to the
// desired schema, without applying anything.
func Compute(ctx context.Context, targetURL string, opts Options) (*Plan, error) {
	target, err := sql.Open("pgx", targetURL)
	if err != nil {
		return nil, err
	}
	defer target.Close()
	plan, _, err := compute(ctx, target, targetURL, opts)
	return plan, err
}

func compute(ctx context.Context, target *sql.DB, targetURL string, opts Options) (*Plan, *migrate.Plan, error) {
	if opts.DesiredSQL == "" {
		opts.DesiredSQL = contractschema.SQL
	}
	devURL := opts.DevURL
	if devURL == "" {
		var err error
		if devURL, err = ensureDevDatabase(ctx, targetURL); err != nil {
			return nil, nil, err
		}
	}
	desired, err := loadDesired(ctx, devURL, opts.DesiredSQL)
	if err != nil {
		return nil, nil, err
	}
	drv, err := postgres.Open(target)
	if err != nil {
		return nil, nil, fmt.Errorf("atlas: open target: %w", err)
	}
	current, err := drv.InspectSchema(ctx, ManagedSchema, &schema.InspectOptions{Exclude: Excluded})
	if err != nil {
		return nil, nil, fmt.Errorf("atlas: inspect target: %w", err)
	}
	changes, err := drv.SchemaDiff(current, desired)
	if err != nil {
		return nil, nil, fmt.Errorf("atlas: diff: %w", err)
	}
	if len(changes) == 0 {
		return &Plan{}, &migrate.Plan{}, nil
	}
	atlasPlan, err := drv.PlanChanges(ctx, "testlens", changes)
	if err != nil {
		return nil, nil, fmt.Errorf("atlas: plan: %w", err)
	}
	plan := &Plan{}
	for _, c := range atlasPlan.Changes {
		plan.Steps = append(plan.Steps, Step{SQL: c.Cmd, Comment: c.Comment, Destructive: destructive(c.Source)})
	}
	return plan, atlasPlan, nil
}

// Result says what Apply did.
type Result struct {
	// Applied are the schema.sql steps that ran.
	Applied []Step
	// RiverVersions are the River migration versions that ran.
	RiverVersions []int
}

// Apply migrates the database at targetURL: the schema.sql diff in one
// transaction under an advisory lock (so concurrent deploys take turns),
// then River's migrations. A second Apply changes nothing.
func Apply(ctx context.Context, targetURL string, opts Options) (*Result, error) {
	target, err := sql.Open("pgx", targetURL)
	if err != nil {
		return nil, err
	}
	defer target.Close()
	conn, err := target.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	// Session-level lock on a dedicated connection; released on close.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext('testlens.migrate'))"); err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}

	plan, atlasPlan, err := compute(ctx, target, targetURL, opts)
	if err != nil {
		return nil, err
	}
	if d := plan.Destructive(); len(d) > 0 && !opts.AllowDestructive {
		return nil, &DestructiveError{Steps: d}
	}
	res := &Result{Applied: plan.Steps}
	if len(atlasPlan.Changes) > 0 {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		for _, c := range atlasPlan.Changes {
			if _, err := tx.ExecContext(ctx, c.Cmd, c.Args...); err != nil {
				_ = tx.Rollback()
				return nil, fmt.Errorf("apply %q: %w", c.Cmd, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return nil, err
		}
	}
	if !opts.SkipRiver {
		versions, err := migrateRiver(ctx, targetURL)
		if err != nil {
			return nil, err
		}
		res.RiverVersions = versions
	}
	return res, nil
}

func migrateRiver(ctx context.Context, targetURL string) ([]int, error) {
	pool, err := pgxpool.New(ctx, targetURL)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return nil, err
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	var versions []int
	for _, v := range res.Versions {
		versions = append(versions, v.Version)
	}
	return versions, nil
}

// loadDesired wipes the dev database, loads the desired SQL into it and
// inspects the result.
func loadDesired(ctx context.Context, devURL, desiredSQL string) (*schema.Schema, error) {
	dev, err := sql.Open("pgx", devURL)
	if err != nil {
		return nil, err
	}
	defer dev.Close()
	conn, err := dev.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to dev database: %w", err)
	}
	defer conn.Close()
	// Two migrators sharing one dev database would load over each other.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext('testlens.migrate.dev'))"); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"); err != nil {
		return nil, fmt.Errorf("reset dev database: %w", err)
	}
	if _, err := conn.ExecContext(ctx, desiredSQL); err != nil {
		return nil, fmt.Errorf("schema.sql does not load: %w", err)
	}
	drv, err := postgres.Open(conn)
	if err != nil {
		return nil, err
	}
	desired, err := drv.InspectSchema(ctx, ManagedSchema, &schema.InspectOptions{Exclude: Excluded})
	if err != nil {
		return nil, fmt.Errorf("atlas: inspect desired: %w", err)
	}
	return desired, nil
}

// ensureDevDatabase derives the dev database URL from the target and creates
// the database when it does not exist.
func ensureDevDatabase(ctx context.Context, targetURL string) (string, error) {
	cfg, err := pgx.ParseConfig(targetURL)
	if err != nil {
		return "", fmt.Errorf("DATABASE_URL: %w", err)
	}
	devName := cfg.Database + "_atlas_dev"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return "", fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", devName).Scan(&exists); err != nil {
		return "", err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{devName}.Sanitize()); err != nil && !strings.Contains(err.Error(), "already exists") {
			return "", fmt.Errorf("create dev database %s (the role needs CREATEDB, or set a dev URL): %w", devName, err)
		}
	}
	u, err := url.Parse(targetURL)
	if err != nil || u.Scheme == "" {
		return strings.TrimSpace(targetURL) + " dbname=" + devName, nil
	}
	u.Path = "/" + devName
	return u.String(), nil
}

// destructive reports whether a change can lose data.
func destructive(c schema.Change) bool {
	switch c := c.(type) {
	case *schema.DropSchema, *schema.DropTable, *schema.DropColumn, *schema.DropObject, *schema.DropView, *schema.DropFunc:
		return true
	case *schema.ModifyColumn:
		return c.Change.Is(schema.ChangeType)
	case *schema.ModifyTable:
		for _, inner := range c.Changes {
			if destructive(inner) {
				return true
			}
		}
	case *schema.ModifySchema:
		for _, inner := range c.Changes {
			if destructive(inner) {
				return true
			}
		}
	}
	return false
}
