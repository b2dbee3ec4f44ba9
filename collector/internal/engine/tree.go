package engine

import (
	"io/fs"
	"path"
	"strings"
	"sync"
)

// maxSummaries bounds the summaries one scan keeps (misses included). Past
// it, summaries are still computed but not kept, so a pathological
// repository costs time, not memory.
const maxSummaries = 20_000

// tree is the frontend.Tree of one scan: summaries of files other than the
// one being extracted, computed once and kept until the scan ends. Only the
// summaries are kept, never the files' contents.
type tree struct {
	fsys     fs.FS
	maxBytes int64

	mu      sync.Mutex
	entries map[treeKey]*treeEntry
	dirs    map[string]listing // Files' and Folders' listings
}

// listing is one folder's entries; ok is false when the walk would not
// enter the folder.
type listing struct {
	files, folders []string
	ok             bool
}

type treeKey struct{ path, key string }

// treeEntry is one summary; done is closed once v and ok are set.
type treeEntry struct {
	done chan struct{}
	v    any
	ok   bool
}

func newTree(fsys fs.FS, maxBytes int64) *tree {
	return &tree{fsys: fsys, maxBytes: maxBytes, entries: map[treeKey]*treeEntry{}, dirs: map[string]listing{}}
}

// Summarize implements frontend.Tree.
func (t *tree) Summarize(relPath, key string, summarize func(content []byte) any) (any, bool) {
	k := treeKey{relPath, key}
	t.mu.Lock()
	if e, ok := t.entries[k]; ok {
		t.mu.Unlock()
		<-e.done
		return e.v, e.ok
	}
	e := &treeEntry{done: make(chan struct{})}
	keep := len(t.entries) < maxSummaries
	if keep {
		t.entries[k] = e
	}
	t.mu.Unlock()
	defer close(e.done)
	if src, ok := t.content(relPath); ok {
		e.v, e.ok = summarize(src), true
	}
	return e.v, e.ok
}

// Files implements frontend.Tree. Listings are kept for the scan (names
// only), within the same bound as summaries.
func (t *tree) Files(relDir string) ([]string, bool) {
	l := t.listing(relDir)
	return l.files, l.ok
}

// Folders implements frontend.Tree.
func (t *tree) Folders(relDir string) ([]string, bool) {
	l := t.listing(relDir)
	return l.folders, l.ok
}

func (t *tree) listing(relDir string) listing {
	t.mu.Lock()
	l, seen := t.dirs[relDir]
	t.mu.Unlock()
	if seen {
		return l
	}
	l = t.list(relDir)
	t.mu.Lock()
	if len(t.dirs) < maxSummaries {
		t.dirs[relDir] = l
	}
	t.mu.Unlock()
	return l
}

// list reads the regular files and the folders of relDir that the walk
// would see, or nothing when the walk would not enter relDir.
func (t *tree) list(relDir string) listing {
	if !fs.ValidPath(relDir) {
		return listing{}
	}
	if relDir != "." {
		for elem := range strings.SplitSeq(relDir, "/") {
			if skippedDirs[elem] && !outputDirs[elem] {
				return listing{}
			}
		}
	}
	entries, err := fs.ReadDir(t.fsys, relDir)
	if err != nil {
		return listing{}
	}
	l := listing{files: []string{}, folders: []string{}, ok: true}
	for _, e := range entries {
		switch {
		case e.Type().IsRegular():
			l.files = append(l.files, e.Name())
		case e.IsDir() && !(skippedDirs[e.Name()] && !outputDirs[e.Name()]):
			l.folders = append(l.folders, e.Name())
		}
	}
	return l
}

// content reads relPath when the walk would have listed it: a valid path
// to a regular file (not a symlink) outside skipped folders, within the
// size limit.
func (t *tree) content(relPath string) ([]byte, bool) {
	if !fs.ValidPath(relPath) || relPath == "." {
		return nil, false
	}
	for elem := range strings.SplitSeq(path.Dir(relPath), "/") {
		if skippedDirs[elem] && !outputDirs[elem] {
			return nil, false
		}
	}
	info, err := fs.Lstat(t.fsys, relPath)
	if err != nil || !info.Mode().IsRegular() {
		return nil, false
	}
	src, reason := read(t.fsys, relPath, t.maxBytes)
	return src, reason == ""
}
