package frontendtest

import (
	"strings"
	"testing"
)

func TestSamplesNames(t *testing.T) {
	t.Parallel()
	found := false
	for _, s := range Samples(t, "csharp") {
		if strings.HasSuffix(s.Name, ".golden.json") || strings.HasSuffix(s.Name, ".txt") || len(s.Content) == 0 {
			t.Errorf("bad sample %+v", s.Name)
		}
		found = found || s.Name == "BrokenTests.cs" && strings.HasSuffix(s.Path, "BrokenTests.cs.txt")
	}
	if !found {
		t.Error("BrokenTests.cs.txt is not offered as BrokenTests.cs")
	}
}
