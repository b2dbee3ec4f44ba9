package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const updateProjectsCommand = "cd collector && go test ./internal/engine -run TestProjects -update"

// TestProjects runs the whole engine — walk, detection from config files and
// manifests, every front end — on each mini repository under
// testdata/projects/NAME/ and compares the inventory document with
// testdata/projects/NAME.golden.json. Detection (nearest config wins, unknown
// with a reason) can only be tested this way: it depends on the files around
// a test file.
func TestProjects(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join("testdata", "projects", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			doc, err := Inventory(context.Background(), dir, Config{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := dir + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v\nto create it, run: %s", err, updateProjectsCommand)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s differs from the result.\ngot:\n%s\nif the change is intended, run: %s", golden, got, updateProjectsCommand)
			}
		})
	}
}

// TestProjectGoldensHaveProjects fails on a golden file whose project is gone.
func TestProjectGoldensHaveProjects(t *testing.T) {
	t.Parallel()
	goldens, err := filepath.Glob(filepath.Join("testdata", "projects", "*.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		dir := g[:len(g)-len(".golden.json")]
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Errorf("%s has no project folder %s; delete it", g, dir)
		}
	}
}
