// Package dart is the engine's Dart front end: package:test and
// flutter_test files (*_test.dart), with their groups, tests and
// testWidgets, and the statuses written in source (skip:, solo:, a @Skip
// library annotation).
//
// There is no Dart grammar in the engine's tree-sitter module, so the file
// is read by a small hand-written lexer (lex.go) that knows every construct
// able to hide a bracket — comments, raw, triple-quoted and interpolated
// strings — and a bracket-matching scanner that finds the calls
// test('name', …), testWidgets('name', …) and group('name', …) whose first
// argument is a string literal, and their extent, which gives the nesting.
// Work and memory are linear in the size of the file.
package dart

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds what one file may expand to, counted in names (each test
// or group costs its name and those of its path), as in the Go front end.
const MaxNames = 1_000_000

// Extractor is the Dart front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageDart.
func (Extractor) Language() inventory.Language { return inventory.LanguageDart }

// Framework returns inventory.FrameworkDartTest, the runner of every Dart
// test file (flutter test runs package:test underneath).
func (Extractor) Framework() inventory.Framework { return inventory.FrameworkDartTest }

// Candidate accepts *_test.dart files, the naming convention of `dart test`
// and `flutter test`, outside the .dart_tool cache.
func (Extractor) Candidate(relPath string) bool {
	if !strings.HasSuffix(relPath, "_test.dart") {
		return false
	}
	return !frontend.AnyDir(relPath, func(elem string) bool { return elem == ".dart_tool" })
}

// testImports are the libraries whose import makes a file a package:test
// file.
var testImports = [][]byte{
	[]byte("package:test/"),
	[]byte("package:flutter_test/"),
	[]byte("package:test_api/"),
	[]byte("package:integration_test/"),
}

// Extract reads one candidate. A file without tests is not reported.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	f := inventory.File{
		Path:      src.Path,
		Framework: inventory.FrameworkDartTest,
		Language:  inventory.LanguageDart,
		Tests:     []inventory.Test{},
	}
	content := src.Content
	if !bytes.Contains(content, []byte("test")) && !bytes.Contains(content, []byte("group")) && !bytes.Contains(content, []byte("Test")) {
		return inventory.File{}, false, nil
	}
	toks, err := lex(content)
	if err != nil {
		f.SkipReason = "parse error: " + err.Error()
		return f, true, nil
	}
	sc := scanner{src: content, toks: toks, budget: MaxNames, lines: lineStarts(content)}
	sc.scan()
	if sc.budget < 0 {
		f.SkipReason = fmt.Sprintf("too many tests: they expand to more than %d names", MaxNames)
		return f, true, nil
	}
	if len(sc.tests) == 0 {
		return inventory.File{}, false, nil
	}
	sort.SliceStable(sc.tests, func(i, j int) bool { return sc.tests[i].Line < sc.tests[j].Line })
	f.Tests, f.Suites = sc.tests, sc.suites

	scores := map[inventory.Framework]int{inventory.FrameworkDartTest: project.NameWeight + syntaxWeight}
	for _, imp := range sc.imports {
		for _, t := range testImports {
			if strings.HasPrefix(imp, string(t)) {
				scores[inventory.FrameworkDartTest] += project.ImportWeight
			}
		}
	}
	d := src.Project.Decide(src.Path, []inventory.Framework{inventory.FrameworkDartTest}, scores)
	f.Framework = d.Framework
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, nil
}

// syntaxWeight is what calls of test/group/testWidgets add to the score.
const syntaxWeight = 5

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
