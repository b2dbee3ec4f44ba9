package golang

import (
	"go/build/constraint"
	"testing"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"a_test.go", true},
		{"pkg/sub/a_test.go", true},
		{"pkg/a.go", false},
		{"pkg/a_test.go.orig", false},
		{"pkg/_test.go", false},
		{"pkg/_a_test.go", false},
		{"pkg/.a_test.go", false},
		{"testdata/a_test.go", false},
		{"pkg/testdata/sub/a_test.go", false},
		{"_tools/a_test.go", false},
		{"pkg/.cache/a_test.go", false},
		{"mytestdata/a_test.go", true},
		{"pkg_/a_test.go", true},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestSatisfiable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"ignore", false},
		{"ignore && linux", false},
		{"linux && !linux", false},
		{"!ignore", true},
		{"ignore || linux", true},
		{"integration", true},
		{"(linux || darwin) && !cgo", true},
		// More tags than the brute force tries: assumed satisfiable.
		{"a && b && c && d && e && f && g && h && i && j && k && l && m && !a", true},
	} {
		expr, err := constraint.Parse("//go:build " + tc.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := satisfiable(expr); got != tc.want {
			t.Errorf("satisfiable(%s) = %v, want %v", tc.expr, got, tc.want)
		}
	}
}
