package api

import "testing"

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{cursorTests, cursorFiles, cursorAnalyses, cursorRepositories} {
		for _, id := range []int64{1, 42, 1 << 62} {
			got, ok := decodeCursor(kind, encodeCursor(kind, id))
			if !ok || got != id {
				t.Errorf("%s %d: decoded %d, %v", kind, id, got, ok)
			}
		}
	}
	for _, bad := range []string{"", "!!", encodeCursor(cursorTests, 5)[1:], "dDE6MDU", "dDE6MA", encodeCursor(cursorFiles, 5)} { // "t1:05", "t1:0"
		if id, ok := decodeCursor(cursorTests, bad); ok {
			t.Errorf("%q decoded to %d", bad, id)
		}
	}
}
