package api

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/jackc/pgx/v5"

	"github.com/testlens/testlens/contracts/inventory"
)

// FileFilterInput holds the filters that the tests and the files of an
// analysis share.
type FileFilterInput struct {
	Framework  string `query:"framework" maxLength:"64" example:"go-testing" doc:"Only files of this framework, as in the framework field (unknown for files whose framework could not be decided)."`
	PathPrefix string `query:"path_prefix" maxLength:"1024" example:"pkg/api/" doc:"Only files whose path starts with this text: a path relative to the repository root, with / separators; end it with / to select a folder."`
}

// where returns the SQL conditions of the filters on the table alias t
// (which has path and framework columns), adding their arguments to args and
// their values to q for the next page's link; or the 422 of a path prefix
// that no relative path can start with.
func (f FileFilterInput) where(t string, args *sqlArgs, q url.Values) (string, error) {
	var sql string
	if f.Framework != "" {
		sql += ` AND ` + t + `.framework = ` + args.add(f.Framework)
		q.Set("framework", f.Framework)
	}
	if f.PathPrefix != "" {
		if msg := checkPathPrefix(f.PathPrefix); msg != "" {
			return "", validationError(&huma.ErrorDetail{Location: "query.path_prefix", Message: msg, Value: f.PathPrefix})
		}
		sql += ` AND starts_with(` + t + `.path, ` + args.add(f.PathPrefix) + `)`
		q.Set("path_prefix", f.PathPrefix)
	}
	return sql, nil
}

// checkPathPrefix returns why prefix cannot start a path of the inventory
// (relative, cleaned, / separators), or "".
func checkPathPrefix(prefix string) string {
	if strings.HasPrefix(prefix, "/") || strings.Contains(prefix, `\`) {
		return "the path prefix must be relative to the repository root, with / separators"
	}
	if strings.ContainsRune(prefix, 0) {
		return "the path prefix must not contain NUL"
	}
	for _, seg := range strings.Split(prefix, "/") {
		if seg == "." || seg == ".." {
			return "the path prefix must not contain . or .. segments"
		}
	}
	return ""
}

// escapeLike escapes the LIKE wildcards of s for a pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// listInventory runs sql, a listing of the rows of analysis id, and reads
// each row with scan. The listing of an analysis that is not completed is
// empty: until then its rows are an attempt's partial work and may be
// removed again. what names the listing in errors.
func listInventory[T any](ctx context.Context, d Deps, id int64, what, sql string, args sqlArgs,
	scan func(pgx.CollectableRow) (T, error)) ([]T, error) {
	var status string
	err := d.Pool.QueryRow(ctx, `SELECT status FROM analyses WHERE id = $1 AND tenant_id = $2`, id, DefaultTenant).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, dbError(ctx, d.Log, what+": analysis", err)
	}
	if inventory.AnalysisStatus(status) != inventory.AnalysisCompleted {
		return []T{}, nil
	}
	rows, err := d.Pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, dbError(ctx, d.Log, what, err)
	}
	items, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, dbError(ctx, d.Log, what, err)
	}
	return items, nil
}
