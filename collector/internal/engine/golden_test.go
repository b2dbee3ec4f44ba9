package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current results")

const updateCommand = "cd collector && go test ./internal/engine -run TestGolden -update"

// sample is one file of testdata/<front end>/: a source file the front ends
// see under its sample name (NAME.txt is seen as NAME, so that samples gofmt
// must not touch, such as syntax errors, can exist).
type sample struct {
	path    string // on disk
	name    string // as offered to the extractor
	golden  string
	content []byte
}

// golden is what one sample is expected to produce.
type golden struct {
	Reported bool            `json:"reported"`
	File     *inventory.File `json:"file,omitempty"`
}

func samples(t testing.TB) []sample {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") || strings.HasPrefix(p, filepath.Join("testdata", "projects")) {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		out = append(out, sample{
			path:    p,
			name:    name,
			golden:  filepath.Join(filepath.Dir(p), name+".golden.json"),
			content: src,
		})
	}
	if len(out) == 0 {
		t.Fatal("no samples under testdata/")
	}
	return out
}

// extractorFor is the front end Scan would pick for name.
func extractorFor(name string) Extractor {
	for _, ex := range Extractors() {
		if ex.Candidate(name) {
			return ex
		}
	}
	return nil
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, s := range samples(t) {
		t.Run(s.path, func(t *testing.T) {
			t.Parallel()
			ex := extractorFor(s.name)
			if ex == nil {
				t.Fatalf("no front end accepts sample %s", s.name)
			}
			f, ok, err := ex.Extract(&frontend.Source{Path: s.name, Content: s.content, Project: project.New()})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := golden{Reported: ok}
			if ok {
				got.File = &f
			}
			gotJSON, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			gotJSON = append(gotJSON, '\n')
			if *update {
				if err := os.WriteFile(s.golden, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(s.golden)
			if err != nil {
				t.Fatalf("%v\nto create it, run: %s", err, updateCommand)
			}
			if !bytes.Equal(want, gotJSON) {
				t.Errorf("%s differs from the result.\ngot:\n%s\nif the change is intended, run: %s", s.golden, gotJSON, updateCommand)
			}
		})
	}
}

// TestGoldenNoOrphans fails on a golden file whose sample is gone.
func TestGoldenNoOrphans(t *testing.T) {
	t.Parallel()
	want := map[string]bool{}
	for _, s := range samples(t) {
		want[s.golden] = true
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "*", "*.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		if strings.HasPrefix(g, filepath.Join("testdata", "projects")) {
			continue // TestProjectGoldensHaveProjects checks those
		}
		if !want[g] {
			t.Errorf("%s has no sample; delete it", g)
		}
	}
}
