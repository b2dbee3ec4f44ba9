package engine

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// skippedDirs are folders that hold dependencies, build output, tool state or
// version control data in some ecosystem: never the repository's own tests.
// They are skipped wherever they appear, for every language.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".bzr": true,
	"node_modules": true, "bower_components": true, "jspm_packages": true,
	"vendor": true, "dist": true, "build": true, "target": true,
	".venv": true, "venv": true, "__pycache__": true, ".tox": true, ".nox": true,
	".mypy_cache": true, ".pytest_cache": true, ".gradle": true,
	".idea": true, ".vscode": true, ".next": true, ".nuxt": true,
	// quilt's copies of files before their patches (Debian source trees):
	// the same test files again, as they were.
	".pc": true,
}

// outputDirs are the skipped folder names that are also ordinary Go package
// names (go/build, cmd/dist): inside a Go module they are walked, as the go
// tool builds them; elsewhere they hold build output.
var outputDirs = map[string]bool{"build": true, "dist": true, "target": true}

// testFolderNames are the folders a build folder inside is a group of tests
// (fastify's test/build/version.test.js), not build output.
var testFolderNames = map[string]bool{"test": true, "tests": true, "__tests__": true, "spec": true, "specs": true}

// buildTests reports whether dir is a build folder inside a test folder.
// JavaScript runners (node --test, Jest, Vitest, Mocha's globs) walk build
// folders, and one inside a test folder holds tests of the build, not its
// output. pytest's norecursedirs skips them everywhere; a Python test
// folder rarely has one.
func buildTests(dir string) bool {
	return path.Base(dir) == "build" && frontend.AnyDir(dir, func(elem string) bool { return testFolderNames[elem] })
}

// goModules answers "is this folder inside a Go module?" with one Stat per
// folder at most.
type goModules map[string]bool

func (m goModules) inside(fsys fs.FS, dir string) bool {
	for d := path.Dir(dir); ; d = path.Dir(d) {
		if known, ok := m[d]; ok {
			return known
		}
		if _, err := fs.Stat(fsys, path.Join(d, "go.mod")); err == nil {
			m[d] = true
			return true
		}
		if d == "." {
			m[d] = false
			return false
		}
	}
}

// candidate is one file a front end accepted, waiting to be parsed.
type candidate struct {
	path string
	ex   Extractor
}

// result is what one worker produced for one candidate.
type result struct {
	file   inventory.File
	report bool
	bytes  int64
}

// Scan walks root, skipping dependency, build and VCS folders (and whatever
// each front end's Candidate refuses, such as Go's testdata folders), runs
// every candidate through its extractor on cfg.Workers goroutines, and calls
// emit once per reported file, in path order, from the calling goroutine.
//
// Only the sorted list of candidate paths is held whole: at most Workers+1
// extracted files are in flight at any time, so a slow emit holds parsing
// back instead of letting results pile up. Symlinks are ignored,
// never followed. A candidate that cannot be read or parsed, is too large, or
// makes its extractor fail or panic is still emitted, with a SkipReason. The
// scan stops early only when emit returns an error (returned as is) or ctx is
// done (ctx.Err() is returned); a root that cannot be walked is an error too.
func Scan(ctx context.Context, root string, cfg Config, emit func(*inventory.File) error) (Stats, error) {
	return scanFS(ctx, os.DirFS(root), Extractors(), cfg, emit)
}

// Inventory is Scan collected into a Document with its Summary.
func Inventory(ctx context.Context, root string, cfg Config) (inventory.Document, error) {
	doc, _, err := InventoryStats(ctx, root, cfg)
	return doc, err
}

// InventoryStats is Inventory that also returns the scan's Stats.
func InventoryStats(ctx context.Context, root string, cfg Config) (inventory.Document, Stats, error) {
	var sum inventory.Summarizer
	files := []inventory.File{}
	st, err := Scan(ctx, root, cfg, func(f *inventory.File) error {
		sum.Add(f)
		files = append(files, *f)
		return nil
	})
	if err != nil {
		return inventory.Document{}, st, err
	}
	return inventory.Document{Summary: sum.Summary(), Files: files}, st, nil
}

// scanFS is Scan over any file system and front ends, so that tests can
// inject failures.
func scanFS(ctx context.Context, fsys fs.FS, exs []Extractor, cfg Config, emit func(*inventory.File) error) (Stats, error) {
	cfg = cfg.WithDefaults()
	var st Stats
	var deadline time.Time
	if cfg.TimeLimit > 0 {
		deadline = time.Now().Add(cfg.TimeLimit)
	}
	proj := project.New()
	cands, err := walk(ctx, fsys, exs, proj, &st)
	if err != nil {
		return st, err
	}
	st.Candidates = len(cands)
	tr := newTree(fsys, cfg.MaxFileBytes)
	progress := func(done int) error {
		if cfg.Progress == nil {
			return nil
		}
		return cfg.Progress(done, len(cands))
	}
	if err := progress(0); err != nil {
		return st, err
	}

	// Workers fill one single-use channel per candidate; the feeder queues
	// those channels in path order on `order`, whose capacity bounds how far
	// parsing may run ahead of emitting.
	ctx, cancel := context.WithCancel(ctx)
	type job struct {
		c   candidate
		out chan result
	}
	jobs := make(chan job)
	order := make(chan chan result, cfg.Workers)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	for range cfg.Workers {
		wg.Go(func() {
			for j := range jobs {
				if ctx.Err() != nil {
					continue // nobody will read it; drain so the feeder can exit
				}
				if !deadline.IsZero() && time.Now().After(deadline) {
					j.out <- result{file: skippedFile(j.c, fmt.Sprintf("not parsed: the analysis reached its %s time limit for parsing", cfg.TimeLimit)), report: true}
					continue
				}
				j.out <- analyse(fsys, j.c, proj, tr, cfg.MaxFileBytes)
			}
		})
	}
	wg.Go(func() {
		defer close(jobs)
		defer close(order)
		for _, c := range cands {
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{c: c, out: out}:
			case <-ctx.Done():
				return
			}
		}
	})

	done := 0
	for out := range order {
		var r result
		select {
		case r = <-out:
		case <-ctx.Done():
			return st, ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		st.Bytes += r.bytes
		if r.report {
			st.FilesReported++
			st.Tests += len(r.file.Tests)
			if err := emit(&r.file); err != nil {
				return st, err
			}
		}
		done++
		if err := progress(done); err != nil {
			return st, err
		}
	}
	return st, ctx.Err()
}

// walk lists the candidates under the root of fsys, sorted by path.
// Config files and manifests met on the way are read into proj: detection
// needs all of them before the first test file is parsed.
func walk(ctx context.Context, fsys fs.FS, exs []Extractor, proj *project.Project, st *Stats) ([]candidate, error) {
	var cands []candidate
	modules := goModules{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == "." {
				return err // the root itself: nothing can be scanned
			}
			if d != nil && d.IsDir() {
				st.UnreadableDirs++
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && skippedDirs[d.Name()] && !(outputDirs[d.Name()] && (modules.inside(fsys, p) || buildTests(p))) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symlinks, sockets, devices: never followed or read
		}
		st.FilesWalked++
		if project.IsConfig(p) {
			if src, reason := read(fsys, p, project.MaxConfigBytes); reason == "" {
				proj.Add(p, src)
			}
		}
		for _, ex := range exs {
			if ex.Candidate(p) {
				cands = append(cands, candidate{path: p, ex: ex})
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// WalkDir's order is per folder ("a/x" before "a.go"); emit order is the
	// plain string order of paths.
	sort.Slice(cands, func(i, j int) bool { return cands[i].path < cands[j].path })
	return cands, nil
}

// analyse reads and extracts one candidate, turning every failure, a panic
// included, into a reported file with a SkipReason.
func analyse(fsys fs.FS, c candidate, proj *project.Project, tr frontend.Tree, maxBytes int64) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{file: skippedFile(c, fmt.Sprintf("internal error: %v", p)), report: true, bytes: r.bytes}
		}
	}()
	src, reason := read(fsys, c.path, maxBytes)
	r.bytes = int64(len(src))
	if reason != "" {
		return result{file: skippedFile(c, reason), report: true, bytes: r.bytes}
	}
	f, ok, err := c.ex.Extract(&frontend.Source{Path: c.path, Content: src, Project: proj, Tree: tr})
	if err != nil {
		return result{file: skippedFile(c, "extract error: "+err.Error()), report: true, bytes: r.bytes}
	}
	if !ok {
		return r
	}
	f.Path = c.path
	if f.Tests == nil {
		f.Tests = []inventory.Test{}
	}
	r.file, r.report = f, true
	return r
}

// read returns the content of a candidate, or why it cannot be parsed. It
// never reads more than maxBytes+1 bytes, even from a file that grows.
func read(fsys fs.FS, p string, maxBytes int64) ([]byte, string) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, "read error: " + err.Error()
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, "read error: " + err.Error()
	}
	if !info.Mode().IsRegular() {
		return nil, "not a regular file"
	}
	if info.Size() > maxBytes {
		return nil, overLimit(info.Size(), maxBytes)
	}
	src, err := readAll(io.LimitReader(f, maxBytes+1), info.Size())
	if err != nil {
		return nil, "read error: " + err.Error()
	}
	if int64(len(src)) > maxBytes {
		return nil, overLimit(int64(len(src)), maxBytes)
	}
	return src, ""
}

// readAll is io.ReadAll into a buffer sized for the file: one read and one
// allocation for a file that did not grow since its Stat, where io.ReadAll
// grows a buffer from 512 bytes.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+1) // +1: the read that meets the end needs room
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew
		}
	}
}

func overLimit(size, limit int64) string {
	return fmt.Sprintf("file is %d bytes, over the %d-byte limit", size, limit)
}

// skippedFile is the report of a candidate that was not parsed.
func skippedFile(c candidate, reason string) inventory.File {
	fw := inventory.FrameworkUnknown
	if d, ok := c.ex.(FrameworkDefaulter); ok {
		fw = d.Framework()
	}
	lang := c.ex.Language()
	if pl, ok := c.ex.(frontend.PathLanguager); ok {
		lang = pl.LanguageOf(c.path)
	}
	return inventory.File{
		Path:       c.path,
		Framework:  fw,
		Language:   lang,
		SkipReason: reason,
		Tests:      []inventory.Test{},
	}
}
