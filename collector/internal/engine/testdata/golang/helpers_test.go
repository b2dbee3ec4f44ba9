package helpers

import "testing"

func newFixture(t *testing.T) string {
	t.Helper()
	return "fixture"
}

func assertEqual(t testing.TB, got, want int) {
	if got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}
