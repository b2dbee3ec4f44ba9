package ruby

import (
	"path"
	"regexp"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// A test class often derives a base its helper defines (class ATest <
// BaseCase, with `class BaseCase < Minitest::Test` in test/helper.rb, or
// Rails' `Arel::Spec`): Minitest runs it like any other test class. The
// bases the file does not define are looked up in the files it requires,
// and in theirs, through one light summary per file (its classes and their
// superclasses, its requires), never a parse.

// rubyFile is the summary of one Ruby file: each class's superclass, keyed
// by the class's last name segment, and what the file requires.
type rubyFile struct {
	supers   map[string]string
	requires []string // "./x" for require_relative "x", else as written
}

const rubySummaryKey = "ruby-classes"

var (
	reRubyClass   = regexp.MustCompile(`(?m)^[ \t]*class[ \t]+((?:::)?[A-Z][\w:]*)[ \t]*<[ \t]*((?:::)?[A-Z][\w:]*)`)
	reRubyRequire = regexp.MustCompile(`(?m)^[ \t]*require(_relative)?[ \t(]+["']([^"'#]+)["']`)
)

// maxBaseFiles bounds how many required files one test file's bases are
// looked up in.
const maxBaseFiles = 24

func summarizeRubyFile(src []byte) any {
	f := &rubyFile{supers: map[string]string{}}
	for _, m := range reRubyClass.FindAllSubmatch(src, -1) {
		f.supers[lastSegment(string(m[1]))] = string(m[2])
	}
	for _, m := range reRubyRequire.FindAllSubmatch(src, -1) {
		req := string(m[2])
		if len(m[1]) > 0 {
			req = "./" + req
		}
		f.requires = append(f.requires, req)
	}
	return f
}

func lastSegment(name string) string { return name[strings.LastIndex(name, ":")+1:] }

// remoteTestBases returns, of the superclasses the file's classes name
// without defining them, those that a required file makes a Minitest (or
// Test::Unit) test case, by name as written.
func (r *reader) remoteTestBases(tr frontend.Tree, relPath string, requires []string) map[string]bool {
	// Only classes that would hold a test matter: a model class of the
	// test file (class Post < ActiveRecord::Base) sends no one looking.
	holds := map[int]bool{}
	for i := range r.items {
		it := &r.items[i]
		if it.kind == kExample || it.kind == kGroup || it.kind == kDef && strings.HasPrefix(it.method, "test_") {
			for p := it.parent; p >= 0; p = r.items[p].parent {
				if r.items[p].kind == kClass {
					holds[p] = true
					break
				}
			}
		}
	}
	var unresolved []string
	for i := range r.items {
		it := &r.items[i]
		if it.kind != kClass || it.super == "" || testSuperclass(it.super) || !holds[i] {
			continue
		}
		if _, local := r.classes[it.super]; local {
			continue
		}
		unresolved = append(unresolved, it.super)
	}
	if len(unresolved) == 0 || len(requires) == 0 {
		return nil
	}
	files := requiredFiles(tr, relPath, requires)
	var out map[string]bool
	for _, super := range unresolved {
		if baseIsTestCase(files, super) {
			if out == nil {
				out = map[string]bool{}
			}
			out[super] = true
		}
	}
	return out
}

// baseIsTestCase follows super through the summaries' classes until a
// test case's name (testSuperclass) or a class none of them defines.
func baseIsTestCase(files []*rubyFile, super string) bool {
	for depth := 0; depth < 8; depth++ {
		next := ""
		for _, f := range files {
			if s, ok := f.supers[lastSegment(super)]; ok {
				next = s
				break
			}
		}
		if next == "" {
			return false
		}
		if testSuperclass(next) {
			return true
		}
		super = next
	}
	return false
}

// requiredFiles summarizes the files relPath requires, and the files those
// require, breadth first: require_relative from the requiring file's
// folder, require "x" as x.rb in the nearest folder above the requiring
// file that has it (test/ and lib/ are on the runners' load path).
func requiredFiles(tr frontend.Tree, relPath string, requires []string) []*rubyFile {
	type pending struct{ from, req string }
	queue := make([]pending, 0, len(requires))
	for _, req := range requires {
		queue = append(queue, pending{relPath, req})
	}
	seen := map[string]bool{relPath: true}
	var out []*rubyFile
	for len(queue) > 0 && len(out) < maxBaseFiles {
		p := queue[0]
		queue = queue[1:]
		file, f := requiredFile(tr, p.from, p.req)
		if f == nil || seen[file] {
			continue
		}
		seen[file] = true
		out = append(out, f)
		for _, req := range f.requires {
			queue = append(queue, pending{file, req})
		}
	}
	return out
}

// requiredFile finds and summarizes the file that req names from the file
// at from.
func requiredFile(tr frontend.Tree, from, req string) (string, *rubyFile) {
	if !strings.HasSuffix(req, ".rb") {
		req += ".rb"
	}
	summary := func(p string) *rubyFile {
		if v, ok := tr.Summarize(p, rubySummaryKey, summarizeRubyFile); ok {
			return v.(*rubyFile)
		}
		return nil
	}
	if rel, ok := strings.CutPrefix(req, "./"); ok {
		p := path.Join(path.Dir(from), rel)
		return p, summary(p)
	}
	if strings.HasPrefix(req, "/") || strings.HasPrefix(req, "../") {
		return "", nil
	}
	var f *rubyFile
	p, _ := frontend.FindUpward(from, req, func(p string) bool {
		f = summary(p)
		return f != nil
	})
	return p, f
}
