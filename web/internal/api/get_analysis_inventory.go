package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// inventoryTimeout bounds one inventory download, streaming included.
const inventoryTimeout = 10 * time.Minute

// inventoryResponses documents the streamed body, which huma cannot infer
// from a StreamResponse, as an inventory.Document.
func inventoryResponses(a huma.API) map[string]*huma.Response {
	schema := a.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[inventory.Document](), true, "InventoryDocument")
	return map[string]*huma.Response{
		"200": {
			Description: "The inventory document.",
			Content:     map[string]*huma.MediaType{"application/json": {Schema: schema}},
		},
	}
}

// inventorySQL returns files, suites and tests of an analysis as one stream
// in document order: files by path (byte order, as the collector sorts), and
// within a file the file row first, then suites, then tests, each by line
// then id. One statement gives one consistent snapshot and lets the server
// stream it while only one file is held in memory here. The constraint
// column holds a file's build constraint on file rows and a test's condition
// on test rows.
const inventorySQL = `
SELECT file_id, rank, framework, language, build_constraint, framework_reason, skip_reason, path, names, name, line, status, kind
FROM (
  SELECT f.id AS file_id, 0 AS rank, f.path, f.framework, f.language, f.build_constraint, f.framework_reason, f.skip_reason,
         NULL::text[] AS names, NULL::text AS name, 0 AS line, 0::bigint AS id, NULL::text AS status, NULL::text AS kind
  FROM test_files f WHERE f.analysis_id = $1
  UNION ALL
  SELECT s.file_id, 1, f.path, NULL, NULL, NULL, NULL, NULL, s.path, NULL, s.line, s.id, NULL, NULL
  FROM test_suites s JOIN test_files f ON f.id = s.file_id WHERE s.analysis_id = $1
  UNION ALL
  SELECT t.file_id, 2, f.path, NULL, NULL, t.condition, NULL, NULL, t.suite_path, t.name, t.line, t.id, t.status, t.kind
  FROM tests t JOIN test_files f ON f.id = t.file_id WHERE t.analysis_id = $1
) AS inv
ORDER BY path COLLATE "C", file_id, rank, line, id`

// Row ranks in inventorySQL.
const (
	rankFile  = 0
	rankSuite = 1
	rankTest  = 2
)

// inventoryRow is one row of inventorySQL; which fields are set depends on
// the rank.
type inventoryRow struct {
	fileID                          int64
	rank                            int
	framework, language, constraint *string
	frameworkReason, skip           *string
	path                            string
	names                           []string
	name, status, kind              *string
	line                            int
}

func (d Deps) getAnalysisInventory(ctx context.Context, in *AnalysisIDInput) (*huma.StreamResponse, error) {
	var status string
	var sha, reason *string
	err := d.Pool.QueryRow(ctx, `SELECT status, commit_sha, failure_reason FROM analyses WHERE id = $1 AND tenant_id = $2`,
		in.ID, DefaultTenant).Scan(&status, &sha, &reason)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(in.ID)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, "inventory: analysis", err)
	}
	if s := inventory.AnalysisStatus(status); s != inventory.AnalysisCompleted {
		return nil, notReady(in.ID, s, deref(reason))
	}

	rows, err := d.Pool.Query(ctx, inventorySQL, in.ID)
	if err != nil {
		return nil, dbError(ctx, d.Log, "inventory", err)
	}
	// Read the first row before answering, so that a database failure is
	// still a proper 503 rather than a broken 200.
	more := rows.Next()
	if !more {
		if err := rows.Err(); err != nil {
			rows.Close()
			return nil, dbError(ctx, d.Log, "inventory", err)
		}
	}
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		defer rows.Close()
		hctx.SetHeader("Content-Type", "application/json")
		hctx.SetStatus(http.StatusOK)
		if err := streamInventory(hctx.BodyWriter(), deref(sha), rows, more); err != nil {
			// The status line is gone: abort the connection so the client
			// sees a failed transfer, never a complete-looking document.
			d.Log.ErrorContext(ctx, "inventory stream failed", "analysis_id", in.ID, "err", err)
			panic(http.ErrAbortHandler)
		}
	}}, nil
}

// notReady is the 409 of an analysis without an inventory (yet).
func notReady(id int64, s inventory.AnalysisStatus, reason string) error {
	detail := fmt.Sprintf("analysis %d is %s; its inventory is available once it is completed", id, s)
	switch s {
	case inventory.AnalysisFailed:
		detail = fmt.Sprintf("analysis %d failed and has no inventory", id)
		if reason != "" {
			detail += ": " + reason
		}
	case inventory.AnalysisCancelled:
		detail = fmt.Sprintf("analysis %d was cancelled and has no inventory", id)
	}
	return problem(http.StatusConflict, ProblemNotReady, titleNotReady, detail)
}

const titleNotReady = "Analysis Not Ready"

// streamInventory writes an inventory.Document from rows, one file at a
// time. The summary is counted on the way and written last (JSON member
// order carries no meaning), so it always agrees with the files sent.
// rows is positioned on its first row when more is true.
func streamInventory(out io.Writer, sha string, rows pgx.Rows, more bool) error {
	w := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)

	if _, err := w.WriteString("{"); err != nil {
		return err
	}
	if sha != "" {
		if _, err := w.WriteString(`"commit_sha":`); err != nil {
			return err
		}
		if err := enc.Encode(sha); err != nil {
			return err
		}
		if _, err := w.WriteString(","); err != nil {
			return err
		}
	}
	if _, err := w.WriteString(`"files":[`); err != nil {
		return err
	}

	var (
		sum     inventory.Summarizer
		cur     *inventory.File
		curID   int64
		written int
	)
	flush := func() error {
		if cur == nil {
			return nil
		}
		sum.Add(cur)
		if written > 0 {
			if _, err := w.WriteString(","); err != nil {
				return err
			}
		}
		written++
		err := enc.Encode(cur)
		cur = nil
		return err
	}
	for ; more; more = rows.Next() {
		var r inventoryRow
		if err := rows.Scan(&r.fileID, &r.rank, &r.framework, &r.language, &r.constraint, &r.frameworkReason, &r.skip,
			&r.path, &r.names, &r.name, &r.line, &r.status, &r.kind); err != nil {
			return err
		}
		switch r.rank {
		case rankFile:
			if err := flush(); err != nil {
				return err
			}
			curID = r.fileID
			cur = &inventory.File{
				Path:            r.path,
				Framework:       inventory.Framework(deref(r.framework)),
				Language:        inventory.Language(deref(r.language)),
				BuildConstraint: deref(r.constraint),
				FrameworkReason: deref(r.frameworkReason),
				SkipReason:      deref(r.skip),
				Tests:           []inventory.Test{},
			}
		case rankSuite, rankTest:
			if cur == nil || r.fileID != curID {
				return fmt.Errorf("inventory row of file %d out of order", r.fileID)
			}
			if r.names == nil {
				r.names = []string{}
			}
			if r.rank == rankSuite {
				cur.Suites = append(cur.Suites, inventory.Suite{Path: r.names, Line: r.line})
				continue
			}
			cur.Tests = append(cur.Tests, inventory.Test{
				SuitePath: r.names,
				Name:      deref(r.name),
				Line:      r.line,
				Status:    inventory.TestStatus(deref(r.status)),
				Kind:      inventory.TestKind(deref(r.kind)),
				Condition: deref(r.constraint),
			})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if _, err := w.WriteString(`],"summary":`); err != nil {
		return err
	}
	if err := enc.Encode(sum.Summary()); err != nil {
		return err
	}
	if _, err := w.WriteString("}\n"); err != nil {
		return err
	}
	return w.Flush()
}
