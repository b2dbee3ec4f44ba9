package api

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
)

// PageInput is the cursor and size of one page, shared by every listing.
type PageInput struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"100" doc:"Largest number of items in the page."`
	Cursor string `query:"cursor" maxLength:"128" doc:"Opaque cursor from the previous page's next_cursor; absent for the first page."`
}

// NextLink is the Link header of every listing's answer.
type NextLink struct {
	Link string `header:"Link" doc:"RFC 8288 link to the next page (rel=\"next\"), when there is one."`
}

// after returns the id of the row the page starts after (0 for the first
// page), or the 422 of a cursor that is not one of this listing's.
func (p PageInput) after(kind string) (int64, error) {
	if p.Cursor == "" {
		return 0, nil
	}
	id, ok := decodeCursor(kind, p.Cursor)
	if !ok {
		return 0, validationError(&huma.ErrorDetail{
			Location: "query.cursor",
			Message:  "malformed cursor: pass next_cursor of the previous page unchanged, or omit it for the first page",
			Value:    p.Cursor,
		})
	}
	return id, nil
}

// endPage trims items, read with limit+1 rows, to the page, and returns the
// cursor of the next page and the Link header pointing at it (path with the
// listing's filters q, the limit and the cursor); both are "" on the last
// page. id gives the row id a cursor of kind resumes after.
func endPage[T any](items []T, p PageInput, kind string, id func(T) int64, path string, q url.Values) (page []T, next, link string) {
	if items == nil {
		items = []T{}
	}
	if len(items) <= p.Limit {
		return items, "", ""
	}
	items = items[:p.Limit]
	next = encodeCursor(kind, id(items[len(items)-1]))
	if q == nil {
		q = url.Values{}
	}
	q.Set("limit", strconv.Itoa(p.Limit))
	q.Set("cursor", next)
	return items, next, fmt.Sprintf(`<%s?%s>; rel="next"`, path, q.Encode())
}

// sqlArgs collects the arguments of a statement built from optional
// filters, numbering their placeholders.
type sqlArgs []any

// add appends v and returns its placeholder ($1, $2, …).
func (a *sqlArgs) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}
