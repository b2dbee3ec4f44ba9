package testlens

import (
	"fmt"
	"iter"
)

// Page is one page of a list.
type Page[T any] struct {
	// Items are the page's items.
	Items []T
	// NextCursor resumes the list after this page (as ListOptions.Cursor);
	// empty on the last page.
	NextCursor string
}

// ListOptions selects one page of a list.
type ListOptions struct {
	// Limit is the largest number of items in a page, 1 to 500. Defaults to
	// the server's, 100.
	Limit int
	// Cursor resumes a list after the page whose NextCursor it is; cursors
	// are opaque. Defaults to the first page.
	Cursor string
}

// params returns the options as the generated parameters: nil for unset.
func (o ListOptions) params() (limit *int64, cursor *string) {
	if o.Limit != 0 {
		l := int64(o.Limit)
		limit = &l
	}
	return limit, optional(o.Cursor)
}

// optional is nil for "" (the parameter is left out), else &s.
func optional[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	return &s
}

// all iterates over every item of a list, from the page at cursor on,
// fetching each page with page when the previous one has been consumed. It
// stops at the first error, which it yields with a zero item.
func all[T any](cursor string, page func(cursor string) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for {
			p, err := page(cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range p.Items {
				if !yield(item, nil) {
					return
				}
			}
			if p.NextCursor == "" {
				return
			}
			if p.NextCursor == cursor {
				yield(zero, fmt.Errorf("testlens: the server returned the cursor %q it was given: stopping", cursor))
				return
			}
			cursor = p.NextCursor
		}
	}
}

// page converts a generated page.
func page[G, T any](items *[]G, next *string, conv func(*G) T) *Page[T] {
	return &Page[T]{Items: list(items, conv), NextCursor: str(next)}
}
