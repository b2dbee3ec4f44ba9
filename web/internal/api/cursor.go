package api

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// cursorPrefix versions the cursor format: a later format gets a new prefix
// and old cursors still decode, or fail with a clear 422.
const cursorPrefix = "t1:"

// encodeCursor makes the opaque cursor that resumes a listing after the test
// with id lastID. Clients must not parse it; it is base64url so that it is
// safe in a query string as is.
func encodeCursor(lastID int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(lastID, 10)))
}

// decodeCursor returns the id a cursor resumes after; ok is false for
// anything encodeCursor cannot have produced.
func decodeCursor(cursor string) (lastID int64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	if err != nil {
		return 0, false
	}
	digits, found := strings.CutPrefix(string(raw), cursorPrefix)
	if !found {
		return 0, false
	}
	id, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != digits {
		return 0, false
	}
	return id, true
}
