package dot

import . "testing"

func TestDot(t *T) {
	t.Skip("dot-imported")
}

func FuzzDot(f *F) {}

func TestQualifiedWithoutImport(t *testing.T) {}
