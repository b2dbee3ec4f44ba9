// Package frontend is the contract between the engine and its language front
// ends: what a front end is given (Source) and what it must do (Extractor).
// It is a leaf package so that front ends (engine/golang, engine/javascript,
// …) and the engine that lists them can both import it.
package frontend

import (
	"path"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// Source is one candidate file handed to a front end.
type Source struct {
	// Path is slash-separated and relative to the repository root.
	Path string
	// Content is the whole file (at most the engine's per-file limit).
	Content []byte
	// Project holds what the walk learnt about the repository (config files
	// and manifests at every depth) for framework detection. Never nil.
	Project *project.Project
	// Tree reads summaries of other files of the checkout, for tests that
	// depend on them (inherited from classes of other modules). It is nil
	// when a file is extracted on its own (single-file samples, fuzzing):
	// front ends must then work from the file alone.
	Tree Tree
}

// Extractor is one language front end. Implementations must be safe for
// concurrent use: the engine calls one Extractor from many goroutines.
type Extractor interface {
	// Language is the language of every file the front end reports.
	Language() inventory.Language
	// Candidate reports whether the file (slash-separated path relative to
	// the repository root) may hold tests. It sees the name only and must be
	// cheap: it runs for every file of the checkout.
	Candidate(relPath string) bool
	// Extract parses one candidate. ok=false means the file holds no tests
	// and is not a test file worth reporting (a _test.go with only helpers,
	// a .js file that merely matched a broad name pattern). A test file whose
	// framework cannot be decided is reported with inventory.FrameworkUnknown
	// and its reason in SkipReason-free form: its tests are still extracted by
	// the language's generic rules. A file the front end cannot parse is
	// returned with ok=true and a SkipReason; err is kept for failures of the
	// front end itself, and the engine reports the file with err as its
	// SkipReason.
	Extract(src *Source) (file inventory.File, ok bool, err error)
}

// FrameworkDefaulter is implemented by an Extractor whose files all belong to
// one framework (Go: go-testing). The engine uses it to label a file it
// reports without parsing (too large, unreadable); without it such a file is
// labelled inventory.FrameworkUnknown.
type FrameworkDefaulter interface {
	Framework() inventory.Framework
}

// PathLanguager is implemented by an Extractor that serves several languages
// (javascript: JavaScript and TypeScript). The engine uses it to label a file
// it reports without parsing; otherwise it uses Language().
type PathLanguager interface {
	LanguageOf(relPath string) inventory.Language
}

// AnyDir reports whether match accepts any folder on the way to relPath
// (a slash-separated path relative to the repository root), for Candidate
// rules such as "under a tests/ folder" or "not under deps/".
func AnyDir(relPath string, match func(dir string) bool) bool {
	for elem := range strings.SplitSeq(path.Dir(relPath), "/") {
		if elem != "." && match(elem) {
			return true
		}
	}
	return false
}

// UnparsedReason is the framework reason of a file its parser could not read.
const UnparsedReason = "the file could not be parsed, so its framework was not decided"

// Unparsed is the report of a candidate whose parse failed (a syntax the
// grammar cannot recover from, or a parse that gave up): no tests, framework
// unknown, and err as the reason — reported, never dropped.
func Unparsed(path string, lang inventory.Language, err error) inventory.File {
	return inventory.File{
		Path: path, Framework: inventory.FrameworkUnknown, FrameworkReason: UnparsedReason, Language: lang,
		SkipReason: err.Error(), Tests: []inventory.Test{},
	}
}

// QuotedEnd returns the offset after the closing quote q of a string or
// character literal (backslash escapes, on one line) whose content starts
// at i, or -1 when the line or the source ends first.
func QuotedEnd(src []byte, i int, q byte) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '\n':
			return -1
		case q:
			return i + 1
		}
	}
	return -1
}
