package python

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// mapTree is a frontend.Tree over files in memory; it counts summaries.
type mapTree struct {
	files map[string]string
	calls map[string]int
}

func (t *mapTree) Summarize(relPath, key string, fn func([]byte) any) (any, bool) {
	src, ok := t.files[relPath]
	if !ok {
		return nil, false
	}
	t.calls[relPath]++
	return fn([]byte(src)), true
}

// extractIn extracts path from files with a tree over all of them and
// returns "Suite.test" names of declared tests.
func extractIn(t *testing.T, files map[string]string, path string) (inventory.File, []string) {
	t.Helper()
	tr := &mapTree{files: files, calls: map[string]int{}}
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: path, Content: []byte(files[path]), Project: project.New(), Tree: tr})
	if err != nil || !ok {
		t.Fatalf("Extract(%s) = ok %v, err %v", path, ok, err)
	}
	var names []string
	for _, ts := range f.Tests {
		if ts.Kind == inventory.KindTest {
			names = append(names, strings.Join(append(append([]string{}, ts.SuitePath...), ts.Name), "."))
		}
	}
	return f, names
}

func TestCrossFileBases(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		// Absolute import of the package the checkout is (numpy-style:
		// the root is the package's own folder, so "pkg." is stripped).
		"linalg/tests/test_linalg.py":    "class LinalgCases:\n    def test_solve(self): pass\n    def test_inv(self): pass\n",
		"matrixlib/tests/test_matrix.py": "from pkg.linalg.tests.test_linalg import LinalgCases as _Cases\n\nclass TestMatrix(_Cases):\n    pass\n",
		// A chain across three modules, one of them a re-export.
		"t/a.py":           "from .b import Middle\nclass TestA(Middle):\n    def test_a(self): pass\n",
		"t/b.py":           "from t.c import *\nclass Middle(Root):\n    def test_b(self): pass\n",
		"t/c.py":           "class Root:\n    def test_c(self): pass\n    def test_b(self): pass\n",
		"t/test_cycle.py":  "from t.cyc import Loop\nclass TestLoop(Loop):\n    pass\n",
		"t/cyc.py":         "from t.cyc2 import Loop\n",
		"t/cyc2.py":        "from t.cyc import Loop\n",
		"u/test_remote.py": "import support\nclass Remote(support.Base):\n    def test_x(self): pass\n",
		"u/support.py":     "import unittest\nclass Base(unittest.TestCase):\n    def test_base(self): pass\n",
	}
	for _, tc := range []struct {
		path string
		want []string
		fw   inventory.Framework
	}{
		{"matrixlib/tests/test_matrix.py", []string{"TestMatrix.test_solve", "TestMatrix.test_inv"}, inventory.FrameworkUnknown},
		{"t/a.py", []string{"TestA.test_b", "TestA.test_c", "TestA.test_a"}, inventory.FrameworkUnknown},
		{"u/test_remote.py", []string{"Remote.test_base", "Remote.test_x"}, inventory.FrameworkUnittest},
	} {
		// Inherited tests are reported at the class line, before its own.
		f, got := extractIn(t, files, tc.path)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: tests %v, want %v", tc.path, got, tc.want)
		}
		if f.Framework != tc.fw {
			t.Errorf("%s: framework %s, want %s", tc.path, f.Framework, tc.fw)
		}
	}
	// A cycle of re-exports ends; the class has no tests.
	tr := &mapTree{files: files, calls: map[string]int{}}
	if _, ok, _ := (Extractor{}).Extract(&frontend.Source{Path: "t/test_cycle.py", Content: []byte(files["t/test_cycle.py"]), Project: project.New(), Tree: tr}); ok {
		t.Errorf("t/test_cycle.py: reported, want no tests")
	}
	// Without a tree, only the file itself counts.
	if _, ok, _ := (Extractor{}).Extract(&frontend.Source{Path: "matrixlib/tests/test_matrix.py", Content: []byte(files["matrixlib/tests/test_matrix.py"]), Project: project.New()}); ok {
		t.Errorf("without a tree: reported, want no tests")
	}
}

func TestModulePaths(t *testing.T) {
	t.Parallel()
	files := map[string]string{"a/b/c.py": "", "a/b/__init__.py": "", "x/y.py": "", "top.py": ""}
	c := &collector{tree: &mapTree{files: files, calls: map[string]int{}}}
	for _, tc := range []struct{ from, module, want string }{
		{"a/b/test_x.py", ".c", "a/b/c.py"},
		{"a/b/test_x.py", ".", "a/b/__init__.py"},
		{"a/b/test_x.py", "..b.c", "a/b/c.py"},
		{"a/b/test_x.py", "a.b.c", "a/b/c.py"},
		{"a/b/test_x.py", "proj.a.b", "a/b/__init__.py"},
		{"a/b/test_x.py", "top", "top.py"},
		{"x/test_y.py", "y", "x/y.py"},
		{"top_test.py", "....far", ""},
		{"a/b/test_x.py", "unittest", ""},
		{"a/b/test_x.py", "nowhere.c2", ""},
	} {
		got := ""
		if s, ok := c.module(tc.from, tc.module); ok {
			got = s.path
		}
		if got != tc.want {
			t.Errorf("module(%s, %s) = %q, want %q", tc.from, tc.module, got, tc.want)
		}
	}
}

func (t *mapTree) Files(string) ([]string, bool) { return nil, false }

func (t *mapTree) Folders(string) ([]string, bool) { return nil, false }
