// Package store writes analyses and their inventories to PostgreSQL.
//
// The collector is the only writer of an analysis once it is queued. An
// inventory is streamed in batches that belong to one attempt: an attempt
// first removes whatever an interrupted earlier attempt left, so whatever
// happens, an analysis ends with its inventory stored exactly once. The final
// write (status, summary) happens in the caller's transaction, the one that
// also completes the River job.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/inventory"
)

// ErrGone means the analysis does not exist any more or is already in a
// terminal state, so the job has nothing to do.
var ErrGone = errors.New("analysis is gone or already finished")

// Store writes analyses.
type Store struct {
	pool *pgxpool.Pool
}

// New returns a Store on pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Start marks the analysis running for this attempt and removes rows an
// earlier, interrupted attempt may have streamed. It returns the current
// status when the analysis is terminal (ErrGone).
func (s *Store) Start(ctx context.Context, analysisID int64, attempt int, engineVersion string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var status string
		err := tx.QueryRow(ctx, `SELECT status FROM analyses WHERE id = $1 FOR UPDATE`, analysisID).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("analysis %d: %w", analysisID, ErrGone)
		}
		if err != nil {
			return err
		}
		if inventory.AnalysisStatus(status).Terminal() {
			return fmt.Errorf("analysis %d is %s: %w", analysisID, status, ErrGone)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM test_files WHERE analysis_id = $1`, analysisID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `
			UPDATE analyses
			SET status = 'running', attempts = $2, engine_version = $3,
			    started_at = coalesce(started_at, now()), failure_reason = NULL,
			    files_total = 0, files_done = 0, tests_found = 0, revision = revision + 1
			WHERE id = $1`, analysisID, attempt, engineVersion)
		return err
	})
}

// SetCommit records the resolved commit.
func (s *Store) SetCommit(ctx context.Context, analysisID int64, commit string) error {
	_, err := s.pool.Exec(ctx, `UPDATE analyses SET commit_sha = $2, revision = revision + 1 WHERE id = $1`, analysisID, commit)
	return err
}

// SetTotal records how many candidate test files the walk found: the
// denominator of the analysis's progress.
func (s *Store) SetTotal(ctx context.Context, analysisID int64, candidates int) error {
	_, err := s.pool.Exec(ctx, `UPDATE analyses SET files_total = $2, revision = revision + 1 WHERE id = $1`, analysisID, candidates)
	return err
}

// Progress is how far an attempt has come: candidate files finished and
// tests found so far (absolute, not increments).
type Progress struct {
	FilesDone  int
	TestsFound int
}

// WriteBatch stores a batch of files with their suites and tests, in one
// transaction, and sets the analysis's progress to p. An empty batch only
// records progress. Files must
// come in inventory order (sorted by path) across batches: test ids then
// follow inventory order, which the API's pagination relies on.
func (s *Store) WriteBatch(ctx context.Context, analysisID int64, files []inventory.File, p Progress) error {
	const setProgress = `UPDATE analyses SET files_done = $2, tests_found = $3, revision = revision + 1 WHERE id = $1`
	if len(files) == 0 {
		_, err := s.pool.Exec(ctx, setProgress, analysisID, p.FilesDone, p.TestsFound)
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		fileIDs, err := reserveIDs(ctx, tx, "test_files", len(files))
		if err != nil {
			return err
		}
		nSuites, nTests := 0, 0
		for i := range files {
			nSuites += len(files[i].Suites)
			nTests += len(files[i].Tests)
		}
		suiteIDs, err := reserveIDs(ctx, tx, "test_suites", nSuites)
		if err != nil {
			return err
		}

		fileRows := make([][]any, len(files))
		suiteRows := make([][]any, 0, nSuites)
		testRows := make([][]any, 0, nTests)
		for i := range files {
			f := &files[i]
			path := storable(f.Path)
			fileRows[i] = []any{fileIDs[i], analysisID, path, string(f.Framework), string(f.Language),
				nullable(storable(f.BuildConstraint)), nullable(storable(f.FrameworkReason)), nullable(storable(f.SkipReason)), len(f.Tests)}
			// A test belongs to the suite whose path equals its suite path.
			suiteByPath := make(map[string]int64, len(f.Suites))
			for _, su := range f.Suites {
				id := suiteIDs[len(suiteRows)]
				suiteByPath[pathKey(su.Path)] = id
				suiteRows = append(suiteRows, []any{id, analysisID, fileIDs[i], storables(su.Path), su.Line})
			}
			for _, t := range f.Tests {
				var suiteID any
				if id, ok := suiteByPath[pathKey(t.SuitePath)]; ok && len(t.SuitePath) > 0 {
					suiteID = id
				}
				suitePath := storables(t.SuitePath)
				if suitePath == nil {
					suitePath = []string{}
				}
				testRows = append(testRows, []any{analysisID, fileIDs[i], suiteID, path, string(f.Framework),
					suitePath, storable(t.Name), t.Line, string(t.Status), string(t.Kind), nullable(storable(t.Condition))})
			}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"test_files"},
			[]string{"id", "analysis_id", "path", "framework", "language", "build_constraint", "framework_reason", "skip_reason", "test_count"},
			pgx.CopyFromRows(fileRows)); err != nil {
			return fmt.Errorf("copy test_files: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"test_suites"},
			[]string{"id", "analysis_id", "file_id", "path", "line"}, pgx.CopyFromRows(suiteRows)); err != nil {
			return fmt.Errorf("copy test_suites: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"tests"},
			[]string{"analysis_id", "file_id", "suite_id", "path", "framework", "suite_path", "name", "line", "status", "kind", "condition"},
			pgx.CopyFromRows(testRows)); err != nil {
			return fmt.Errorf("copy tests: %w", err)
		}
		_, err = tx.Exec(ctx, setProgress, analysisID, p.FilesDone, p.TestsFound)
		return err
	})
}

// Complete marks the analysis completed with its summary, in tx — the
// transaction that also completes the River job.
func Complete(ctx context.Context, tx pgx.Tx, analysisID int64, commit string, summary inventory.Summary) error {
	js, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `
		UPDATE analyses
		SET status = 'completed', commit_sha = $2, summary = $3, failure_reason = NULL,
		    files_total = greatest(files_total, $4), files_done = greatest(files_total, $4), tests_found = $5,
		    finished_at = now(), revision = revision + 1
		WHERE id = $1 AND status = 'running'`, analysisID, commit, js, summary.Files, summary.Tests)
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("complete analysis %d: %w", analysisID, ErrGone)
	}
	return nil
}

// Finish moves a non-terminal analysis to a terminal status (failed or
// cancelled) with a reason, and drops any partial inventory.
func (s *Store) Finish(ctx context.Context, analysisID int64, status inventory.AnalysisStatus, reason string) error {
	if !status.Terminal() || status == inventory.AnalysisCompleted {
		return fmt.Errorf("Finish: %s is not a failure status", status)
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM test_files WHERE analysis_id = $1`, analysisID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE analyses SET status = $2, failure_reason = $3, finished_at = now(), revision = revision + 1
			WHERE id = $1 AND status NOT IN ('completed', 'failed', 'cancelled')`, analysisID, string(status), reason)
		return err
	})
}

// Retrying puts the analysis back to queued after a transient failure, with
// the error that will be retried.
func (s *Store) Retrying(ctx context.Context, analysisID int64, reason string) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE analyses SET status = 'queued', failure_reason = $2, revision = revision + 1
		WHERE id = $1 AND status = 'running'`, analysisID, reason)
	return err
}

// SeenEngine records that a collector running engine version is alive:
// web dedups new analyses against the most recently seen version.
func (s *Store) SeenEngine(ctx context.Context, version string) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO engines (version, seen_at) VALUES ($1, now())
		ON CONFLICT (version) DO UPDATE SET seen_at = excluded.seen_at`, version)
	return err
}

// reserveIDs takes n values of a table's identity sequence, so that rows
// copied in one COPY can reference each other.
func reserveIDs(ctx context.Context, tx pgx.Tx, table string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	return ids, nil
}

// storable is s as PostgreSQL's text can hold it: a NUL (a Go subtest named
// "nul\x00") is written \x00, as go test prints it, and bytes that are not
// UTF-8 (a file name, a C++ literal) become U+FFFD. Anything else is kept.
func storable(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", `\x00`)
}

// storables is storable of each element, sharing p when none changes.
func storables(p []string) []string {
	for i, s := range p {
		if t := storable(s); t != s {
			out := append([]string(nil), p...)
			out[i] = t
			for j := i + 1; j < len(out); j++ {
				out[j] = storable(out[j])
			}
			return out
		}
	}
	return p
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// pathKey is a map key for a suite path: each name prefixed with its
// length, so distinct paths never collide whatever the names contain.
func pathKey(p []string) string {
	var b strings.Builder
	for _, name := range p {
		b.WriteString(strconv.Itoa(len(name)))
		b.WriteByte(':')
		b.WriteString(name)
	}
	return b.String()
}
