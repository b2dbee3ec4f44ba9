package golang

import (
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestFrameworkDecision(t *testing.T) {
	t.Parallel()
	p := project.New()
	p.Add("go.mod", []byte("module x\n\nrequire (\n\tgithub.com/onsi/ginkgo/v2 v2.0.0\n\tgithub.com/stretchr/testify v1.9.0\n)\n"))
	for _, tc := range []struct {
		src  string
		want inventory.Framework
	}{
		{"package x\nimport \"testing\"\nfunc TestA(t *testing.T) {}\n", inventory.FrameworkGoTesting},
		{"package x\nimport (\"testing\"; \"github.com/stretchr/testify/assert\")\nfunc TestA(t *testing.T) { assert.True(t, true) }\n", inventory.FrameworkGoTesting},
		{"package x\nimport (\"testing\"; \"github.com/stretchr/testify/suite\")\ntype S struct{ suite.Suite }\nfunc (s *S) TestM() {}\nfunc TestA(t *testing.T) { suite.Run(t, new(S)) }\n", inventory.FrameworkTestify},
		// Suite methods whose struct lives in another file: no import, but
		// the go.mod dependency and the shape make it testify.
		{"package x\nfunc (s *S) TestM() { s.T().Skip() }\n", inventory.FrameworkTestify},
		{"package x\nimport (\"testing\"; . \"github.com/onsi/ginkgo/v2\")\nfunc TestA(t *testing.T) { RunSpecs(t, \"A\") }\n", inventory.FrameworkGinkgo},
	} {
		f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "a/x_test.go", Content: []byte(tc.src), Project: p})
		if err != nil || !ok && tc.want != inventory.FrameworkGoTesting {
			t.Errorf("%q: ok=%v err=%v", tc.src, ok, err)
			continue
		}
		if ok && f.Framework != tc.want {
			t.Errorf("%q: framework %s, want %s", tc.src, f.Framework, tc.want)
		}
	}
}

// The testify and Ginkgo samples are in engine/testdata/golang/ with the
// others: TestGolden checks them and FuzzGoExtractor seeds from them.
