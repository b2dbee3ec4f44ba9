package frontend

import "testing"

func TestAnyDir(t *testing.T) {
	t.Parallel()
	isTests := func(d string) bool { return d == "tests" }
	for path, want := range map[string]bool{
		"tests/a.py":         true,
		"pkg/tests/sub/a.py": true,
		"a.py":               false,
		"tests.py":           false,
		"pkg/mytests/a.py":   false,
	} {
		if got := AnyDir(path, isTests); got != want {
			t.Errorf("AnyDir(%q) = %v, want %v", path, got, want)
		}
	}
}
