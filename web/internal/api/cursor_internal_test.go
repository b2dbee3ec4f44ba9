package api

import "testing"

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, id := range []int64{1, 42, 1 << 62} {
		got, ok := decodeCursor(encodeCursor(id))
		if !ok || got != id {
			t.Errorf("%d: decoded %d, %v", id, got, ok)
		}
	}
	for _, bad := range []string{"", "!!", encodeCursor(5)[1:], "dDE6MDU", "dDE6MA"} { // "t1:05", "t1:0"
		if id, ok := decodeCursor(bad); ok {
			t.Errorf("%q decoded to %d", bad, id)
		}
	}
}
