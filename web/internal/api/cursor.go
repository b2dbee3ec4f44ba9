package api

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Cursor kinds: one per listing, each naming what the id in it is, so that
// a cursor passed to another listing is refused (422) rather than misread.
// The digit versions the format: a later format gets a new kind and old
// cursors still decode, or fail with a clear 422.
const (
	cursorTests        = "t1" // a tests row: the last test of the page
	cursorFiles        = "f1" // a test_files row: the last file of the page
	cursorAnalyses     = "a1" // an analyses row: the last analysis of the page
	cursorRepositories = "r1" // an analyses row: the latest analysis of the page's last repository
)

// encodeCursor makes the opaque cursor that resumes a listing of the given
// kind after the row with id lastID. Clients must not parse it; it is
// base64url so that it is safe in a query string as is.
func encodeCursor(kind string, lastID int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.FormatInt(lastID, 10)))
}

// decodeCursor returns the id a cursor of the given kind resumes after; ok
// is false for anything encodeCursor(kind, …) cannot have produced.
func decodeCursor(kind, cursor string) (lastID int64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	if err != nil {
		return 0, false
	}
	digits, found := strings.CutPrefix(string(raw), kind+":")
	if !found {
		return 0, false
	}
	id, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != digits {
		return 0, false
	}
	return id, true
}
