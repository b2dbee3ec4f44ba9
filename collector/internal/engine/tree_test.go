package engine

import (
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
