package engine

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func TestTreeSummarize(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"a/base.py":              {Data: []byte("class Base: pass")},
		"node_modules/x/base.py": {Data: []byte("hidden")},
		"big.py":                 {Data: make([]byte, 100)},
	}
	tr := newTree(fsys, 50)
	var calls atomic.Int32
	sum := func(src []byte) any { calls.Add(1); return len(src) }
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, ok := tr.Summarize("a/base.py", "k", sum); !ok || v.(int) != 16 {
				t.Errorf("Summarize(a/base.py) = %v, %v", v, ok)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("summarized %d times, want once", n)
	}
	for _, p := range []string{"node_modules/x/base.py", "big.py", "missing.py", "../a/base.py", "."} {
		if _, ok := tr.Summarize(p, "k", sum); ok {
			t.Errorf("Summarize(%q) ok, want not found", p)
		}
	}
}

func TestTreeFiles(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"tests/api.rs":            {Data: []byte("x")},
		"tests/macros_str.rs":     {Data: []byte("x")},
		"tests/data/a.txt":        {Data: []byte("x")},
		"node_modules/x/index.js": {Data: []byte("x")},
		"README.md":               {Data: []byte("x")},
	}
	tr := newTree(fsys, 50)
	for _, tc := range []struct {
		dir  string
		want []string
		ok   bool
	}{
		{"tests", []string{"api.rs", "macros_str.rs"}, true}, // files only, sorted
		{".", []string{"README.md"}, true},
		{"node_modules/x", nil, false}, // the walk skips it
		{"missing", nil, false},
		{"../tests", nil, false},
		{"tests", []string{"api.rs", "macros_str.rs"}, true}, // again, from the scan's cache
	} {
		got, ok := tr.Files(tc.dir)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("Files(%q) = %q, %v; want %q, %v", tc.dir, got, ok, tc.want, tc.ok)
		}
	}
}

func TestTreeFolders(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"lib/calendar/date.ex":    {Data: []byte("x")},
		"lib/my_app.ex":           {Data: []byte("x")},
		"lib/node_modules/x.js":   {Data: []byte("x")},
		"lib/vendor/dep/a.ex":     {Data: []byte("x")},
		"lib/build/generated.ex":  {Data: []byte("x")},
		"node_modules/x/index.js": {Data: []byte("x")},
	}
	tr := newTree(fsys, 50)
	for _, tc := range []struct {
		dir  string
		want []string
		ok   bool
	}{
		{"lib", []string{"build", "calendar"}, true}, // not the folders the walk skips; build may be a package
		{".", []string{"lib"}, true},
		{"lib/calendar", []string{}, true},
		{"node_modules", nil, false},
		{"missing", nil, false},
	} {
		got, ok := tr.Folders(tc.dir)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("Folders(%q) = %q, %v; want %q, %v", tc.dir, got, ok, tc.want, tc.ok)
		}
	}
}
