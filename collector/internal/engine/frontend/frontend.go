// Package frontend is the contract between the engine and its language front
// ends: what a front end is given (Source) and what it must do (Extractor).
// It is a leaf package so that front ends (engine/golang, engine/javascript,
// …) and the engine that lists them can both import it.
package frontend

import (
	"bytes"
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

// FindUpward looks for rel from the folder of the file at from, then from
// each folder above it up to the repository root, as a compiler's -I of the
// project or Ruby's load path finds an include or a require: it returns the
// first joined path that found accepts. Paths that would leave the
// repository are not tried.
func FindUpward(from, rel string, found func(relPath string) bool) (string, bool) {
	for dir := path.Dir(from); ; dir = path.Dir(dir) {
		if p := path.Join(dir, rel); p != ".." && !strings.HasPrefix(p, "../") && found(p) {
			return p, true
		}
		if dir == "." {
			return "", false
		}
	}
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
// character literal with backslash escapes whose content starts at i, or
// -1 when the source ends first, or the line does unless multiLine.
func QuotedEnd(src []byte, i int, q byte, multiLine bool) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '\n':
			if !multiLine {
				return -1
			}
		case q:
			return i + 1
		}
	}
	return -1
}

// LineEnd returns the offset of the line break that ends i's line, or
// len(src).
func LineEnd(src []byte, i int) int {
	if n := bytes.IndexByte(src[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(src)
}

// BlockCommentEnd returns the offset after the */ closing a (not nested)
// block comment whose text starts at i, or -1.
func BlockCommentEnd(src []byte, i int) int {
	if n := bytes.Index(src[i:], []byte("*/")); n >= 0 {
		return i + n + 2
	}
	return -1
}

// NestedCommentEnd returns the offset after the */ closing a block comment
// whose text starts at i, where block comments nest (Rust, Swift, Dart), or
// -1.
func NestedCommentEnd(src []byte, i int) int {
	depth := 1
	for ; i+1 < len(src); i++ {
		switch {
		case src[i] == '/' && src[i+1] == '*':
			depth++
			i++
		case src[i] == '*' && src[i+1] == '/':
			depth--
			i++
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// CommentEnd returns the offset after the // or /* comment that starts at
// i (a line comment with its line break), -1 for a block comment not
// closed, 0 when no comment starts at i. Block comments nest when nested
// is set (Rust, Swift, Kotlin, Dart).
func CommentEnd(src []byte, i int, nested bool) int {
	if src[i] != '/' || i+1 >= len(src) {
		return 0
	}
	switch src[i+1] {
	case '/':
		return min(LineEnd(src, i)+1, len(src))
	case '*':
		if nested {
			return NestedCommentEnd(src, i+2)
		}
		return BlockCommentEnd(src, i+2)
	}
	return 0
}

// SkipTrivia returns the offset of the first byte at or after i that is
// neither white space (space) nor in a // or /* comment, whose block
// comments nest when nested is set; len(src) at the end or in a comment
// not closed.
func SkipTrivia(src []byte, i int, space func(byte) bool, nested bool) int {
	for i < len(src) {
		if space(src[i]) {
			i++
			continue
		}
		switch end := CommentEnd(src, i, nested); {
		case end < 0:
			return len(src)
		case end == 0:
			return i
		default:
			i = end
		}
	}
	return i
}

// ClosingEnd returns the offset after the close that balances code
// starting at i, where open nests, or -1. literal(k) tells whether a
// literal starts at k: 0 when none does, the offset after it, or -1 when
// it does not end; the brackets in literals do not count.
func ClosingEnd(src []byte, i int, open, close byte, literal func(k int) int) int {
	depth := 0
	for ; i < len(src); i++ {
		if end := literal(i); end != 0 {
			if end < 0 {
				return -1
			}
			i = end - 1
			continue
		}
		switch src[i] {
		case open:
			depth++
		case close:
			if depth == 0 {
				return i + 1
			}
			depth--
		}
	}
	return -1
}

// JoinAnd joins conditions, outermost first, with " && " — the conjunction
// of C, C++, C# and JavaScript alike — passing each through operand (which
// puts a compound one in parentheses) when there are several.
func JoinAnd(parts []string, operand func(string) string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" && ")
		}
		b.WriteString(operand(p))
	}
	return b.String()
}
