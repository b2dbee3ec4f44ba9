// Package inventory holds the vocabulary of a test inventory — analysis and
// test statuses, framework and language names — and the inventory document
// that the collector prints (collector inventory --json) and the API serves
// (GET /v1/analyses/{id}/inventory). Both sides use these types, so the two
// documents cannot drift apart.
package inventory

import "sort"

// AnalysisStatus is the lifecycle state of one analysis.
type AnalysisStatus string

// Analysis statuses. An analysis moves queued → running → completed | failed |
// cancelled; a transient error moves it back to queued until a retry starts.
const (
	AnalysisQueued    AnalysisStatus = "queued"
	AnalysisRunning   AnalysisStatus = "running"
	AnalysisCompleted AnalysisStatus = "completed"
	AnalysisFailed    AnalysisStatus = "failed"
	AnalysisCancelled AnalysisStatus = "cancelled"
)

// AnalysisStatuses lists every analysis status, in lifecycle order.
var AnalysisStatuses = []AnalysisStatus{AnalysisQueued, AnalysisRunning, AnalysisCompleted, AnalysisFailed, AnalysisCancelled}

// Terminal reports whether no further change will happen to the analysis.
func (s AnalysisStatus) Terminal() bool {
	return s == AnalysisCompleted || s == AnalysisFailed || s == AnalysisCancelled
}

// TestStatus is what the source says about how a test runs.
type TestStatus string

// Test statuses, read from the source (never from running anything).
const (
	// TestActive is a test that runs normally.
	TestActive TestStatus = "active"
	// TestSkipped is skipped or disabled in source (t.Skip at the top, .skip, @Disabled, xit).
	TestSkipped TestStatus = "skipped"
	// TestTodo is declared but not written yet (.todo, PIt).
	TestTodo TestStatus = "todo"
	// TestFocused runs exclusively (.only, fit, FIt).
	TestFocused TestStatus = "focused"
	// TestXFail is expected to fail (pytest.mark.xfail, .failing).
	TestXFail TestStatus = "xfail"
)

// TestStatuses lists every test status.
var TestStatuses = []TestStatus{TestActive, TestSkipped, TestTodo, TestFocused, TestXFail}

// TestKind separates declared tests from the cases expanded out of them.
type TestKind string

// Test kinds.
const (
	// KindTest is one test declared in source.
	KindTest TestKind = "test"
	// KindCase is a subtest or a statically visible parametrised case of a
	// declared test (t.Run with a literal name, it.each rows).
	KindCase TestKind = "case"
)

// Framework names a test framework.
type Framework string

// Frameworks the engine knows. Unknown is reported for a test file whose
// framework cannot be decided; such a file is never dropped.
const (
	FrameworkUnknown Framework = "unknown"

	// JavaScript and TypeScript.
	FrameworkJest       Framework = "jest"
	FrameworkVitest     Framework = "vitest"
	FrameworkMocha      Framework = "mocha"
	FrameworkJasmine    Framework = "jasmine"
	FrameworkPlaywright Framework = "playwright"
	FrameworkCypress    Framework = "cypress"
	FrameworkNodeTest   Framework = "node-test"
	FrameworkBunTest    Framework = "bun-test"

	// Python.
	FrameworkPytest   Framework = "pytest"
	FrameworkUnittest Framework = "unittest"

	// Go.
	FrameworkGoTesting Framework = "go-testing"
	FrameworkTestify   Framework = "testify"
	FrameworkGinkgo    Framework = "ginkgo"

	// JVM.
	FrameworkJUnit4 Framework = "junit4"
	FrameworkJUnit5 Framework = "junit5"
	FrameworkTestNG Framework = "testng"
	FrameworkKotest Framework = "kotest"

	// .NET.
	FrameworkXUnit  Framework = "xunit"
	FrameworkNUnit  Framework = "nunit"
	FrameworkMSTest Framework = "mstest"

	// Ruby.
	FrameworkRSpec    Framework = "rspec"
	FrameworkMinitest Framework = "minitest"

	// PHP.
	FrameworkPHPUnit Framework = "phpunit"
	FrameworkPest    Framework = "pest"

	// Rust, C++, Swift, Elixir, Dart.
	FrameworkCargoTest    Framework = "cargo-test"
	FrameworkGTest        Framework = "gtest"
	FrameworkCatch2       Framework = "catch2"
	FrameworkXCTest       Framework = "xctest"
	FrameworkSwiftTesting Framework = "swift-testing"
	FrameworkExUnit       Framework = "exunit"
	FrameworkDartTest     Framework = "dart-test"
)

// Language names a programming language.
type Language string

// Languages the engine knows.
const (
	LanguageGo         Language = "go"
	LanguageJavaScript Language = "javascript"
	LanguageTypeScript Language = "typescript"
	LanguagePython     Language = "python"
	LanguageJava       Language = "java"
	LanguageKotlin     Language = "kotlin"
	LanguageCSharp     Language = "csharp"
	LanguageRuby       Language = "ruby"
	LanguagePHP        Language = "php"
	LanguageRust       Language = "rust"
	LanguageCPP        Language = "cpp"
	LanguageSwift      Language = "swift"
	LanguageElixir     Language = "elixir"
	LanguageDart       Language = "dart"
)

// Test is one test in the inventory.
type Test struct {
	// SuitePath names the enclosing suites, outermost first (for a Go subtest,
	// the parent test and parent subtests).
	SuitePath []string   `json:"suite_path"`
	Name      string     `json:"name"`
	Line      int        `json:"line"`
	Status    TestStatus `json:"status"`
	Kind      TestKind   `json:"kind"`
	// Condition is the source condition under which the test is compiled or
	// collected, when one encloses it: a Rust #[cfg] predicate, a C or C++
	// #if expression, a Ruby `if RUBY_VERSION …`, a Python module's
	// importorskip. The test is reported and counted either way (one declared
	// test is one test); a runner lists it only where the condition holds.
	Condition string `json:"condition,omitempty"`
}

// Suite is one grouping of tests (a describe block, a class, a Go test that
// has subtests).
type Suite struct {
	// Path is the suite's full path, outermost first, this suite last.
	Path []string `json:"path"`
	Line int      `json:"line"`
}

// File is one test file and what was found in it.
type File struct {
	Path      string    `json:"path"`
	Framework Framework `json:"framework"`
	Language  Language  `json:"language"`
	// BuildConstraint is the condition under which the file is compiled
	// (a Go //go:build expression), when it has one.
	BuildConstraint string `json:"build_constraint,omitempty"`
	// FrameworkReason says why the framework could not be decided; set only
	// when Framework is FrameworkUnknown (the tests are then extracted by the
	// language's generic rules).
	FrameworkReason string `json:"framework_reason,omitempty"`
	// SkipReason says why the file was not parsed; its Tests are then empty.
	SkipReason string  `json:"skip_reason,omitempty"`
	Suites     []Suite `json:"suites,omitempty"`
	Tests      []Test  `json:"tests"`
}

// FrameworkSummary counts one framework's files and tests.
type FrameworkSummary struct {
	Framework Framework `json:"framework"`
	Files     int       `json:"files"`
	// Tests counts every test, declared tests and expanded cases alike.
	Tests int `json:"tests"`
	// Cases is how many of Tests are subtests or expanded cases.
	Cases   int `json:"cases"`
	Skipped int `json:"skipped"`
	Todo    int `json:"todo"`
	Focused int `json:"focused"`
	XFail   int `json:"xfail"`
}

// Summary counts an inventory, in total and per framework (sorted by name).
type Summary struct {
	Files        int                `json:"files"`
	Tests        int                `json:"tests"`
	Cases        int                `json:"cases"`
	SkippedFiles int                `json:"skipped_files"`
	Frameworks   []FrameworkSummary `json:"frameworks"`
}

// Document is a whole inventory: what the collector prints for a checkout and
// what the API serves for a completed analysis.
type Document struct {
	CommitSHA string  `json:"commit_sha,omitempty"`
	Summary   Summary `json:"summary"`
	// Files are sorted by path; tests within a file by source position.
	Files []File `json:"files"`
}

// Summarizer accumulates a Summary file by file, so that an inventory can be
// counted while it streams and never has to be held whole.
type Summarizer struct {
	total Summary
	per   map[Framework]*FrameworkSummary
}

// Add counts one file.
func (s *Summarizer) Add(f *File) {
	if s.per == nil {
		s.per = map[Framework]*FrameworkSummary{}
	}
	fw := s.per[f.Framework]
	if fw == nil {
		fw = &FrameworkSummary{Framework: f.Framework}
		s.per[f.Framework] = fw
	}
	s.total.Files++
	fw.Files++
	if f.SkipReason != "" {
		s.total.SkippedFiles++
	}
	for i := range f.Tests {
		t := &f.Tests[i]
		s.total.Tests++
		fw.Tests++
		if t.Kind == KindCase {
			s.total.Cases++
			fw.Cases++
		}
		switch t.Status {
		case TestSkipped:
			fw.Skipped++
		case TestTodo:
			fw.Todo++
		case TestFocused:
			fw.Focused++
		case TestXFail:
			fw.XFail++
		}
	}
}

// Summary returns the counts so far, frameworks sorted by name.
func (s *Summarizer) Summary() Summary {
	out := s.total
	out.Frameworks = make([]FrameworkSummary, 0, len(s.per))
	for _, fw := range s.per {
		out.Frameworks = append(out.Frameworks, *fw)
	}
	sort.Slice(out.Frameworks, func(i, j int) bool { return out.Frameworks[i].Framework < out.Frameworks[j].Framework })
	return out
}

// Summarize counts a complete list of files.
func Summarize(files []File) Summary {
	var s Summarizer
	for i := range files {
		s.Add(&files[i])
	}
	return s.Summary()
}
