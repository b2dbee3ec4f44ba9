package testlens

import (
	"time"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// The resources of the API, as the SDK's own types: the generated ones
// (package internal/gen) change with the document, these only by a release.
// Their JSON encoding is the API's.

// AnalysisStatus is the lifecycle state of an analysis: queued → running →
// completed, failed or cancelled. A transient error moves a running analysis
// back to queued until its retry starts.
type AnalysisStatus string

// The statuses of an analysis.
const (
	StatusQueued    AnalysisStatus = "queued"
	StatusRunning   AnalysisStatus = "running"
	StatusCompleted AnalysisStatus = "completed"
	StatusFailed    AnalysisStatus = "failed"
	StatusCancelled AnalysisStatus = "cancelled"
)

// Terminal reports whether s is final: completed, failed or cancelled.
func (s AnalysisStatus) Terminal() bool {
	return s == StatusCompleted || s == StatusFailed || s == StatusCancelled
}

// Analysis is one analysis of one repository at one ref.
type Analysis struct {
	// ID identifies the analysis.
	ID int64 `json:"id"`
	// RepositoryID identifies its repository (GetRepository).
	RepositoryID int64 `json:"repository_id"`
	// RepositoryURL is the canonical form of the submitted URL.
	RepositoryURL string `json:"repository_url"`
	// Ref is the ref asked for; empty means the default branch.
	Ref string `json:"ref,omitzero"`
	// Status is the lifecycle state.
	Status AnalysisStatus `json:"status"`
	// CommitSHA is the commit the ref resolved to, once known.
	CommitSHA string `json:"commit_sha,omitzero"`
	// FailureReason says why it failed or was cancelled, or the last
	// transient error while a retry is pending.
	FailureReason string `json:"failure_reason,omitzero"`
	// EngineVersion is the version of the engine that made the inventory.
	EngineVersion string `json:"engine_version,omitzero"`
	// Attempts counts the collector's starts of this analysis.
	Attempts int `json:"attempts"`
	// CreatedAt is when it was submitted.
	CreatedAt time.Time `json:"created_at"`
	// StartedAt is when a collector last started it; zero before.
	StartedAt time.Time `json:"started_at,omitzero"`
	// FinishedAt is when it reached a terminal status; zero before.
	FinishedAt time.Time `json:"finished_at,omitzero"`
	// CancelRequestedAt is when cancelling was asked for; zero if never.
	CancelRequestedAt time.Time `json:"cancel_requested_at,omitzero"`
	// Revision is bumped by every change: of two copies of an analysis, the
	// one with the higher revision is newer.
	Revision int64 `json:"revision"`
	// Progress counts the work done so far.
	Progress Progress `json:"progress"`
	// Summary counts the inventory; nil unless the status is completed.
	Summary *Summary `json:"summary,omitzero"`
}

// Progress counts the work of an analysis while it runs.
type Progress struct {
	// FilesTotal is the number of test files found so far.
	FilesTotal int `json:"files_total"`
	// FilesDone is the number of test files parsed so far.
	FilesDone int `json:"files_done"`
	// TestsFound is the number of tests found so far.
	TestsFound int `json:"tests_found"`
}

// Summary counts the inventory of a completed analysis.
type Summary struct {
	// Files is the number of test files.
	Files int `json:"files"`
	// Tests counts every test, declared tests and expanded cases alike.
	Tests int `json:"tests"`
	// Cases is how many of Tests are subtests or expanded parametrised
	// cases.
	Cases int `json:"cases"`
	// SkippedFiles is the number of test files that were not parsed.
	SkippedFiles int `json:"skipped_files"`
	// Frameworks breaks the counts down per framework.
	Frameworks []FrameworkSummary `json:"frameworks"`
}

// FrameworkSummary counts the tests of one framework, as Summary does;
// Skipped, Todo, Focused and Xfail count tests by status.
type FrameworkSummary struct {
	Framework string `json:"framework"`
	Files     int    `json:"files"`
	Tests     int    `json:"tests"`
	Cases     int    `json:"cases"`
	Skipped   int    `json:"skipped"`
	Todo      int    `json:"todo"`
	Focused   int    `json:"focused"`
	Xfail     int    `json:"xfail"`
}

// TestStatus is what the source says about how a test runs.
type TestStatus string

// The statuses of a test.
const (
	TestActive  TestStatus = "active"
	TestSkipped TestStatus = "skipped"
	TestTodo    TestStatus = "todo"
	TestFocused TestStatus = "focused"
	TestXfail   TestStatus = "xfail"
)

// TestKind tells declared tests from cases.
type TestKind string

// The kinds of a test.
const (
	// KindTest is a test declared in source.
	KindTest TestKind = "test"
	// KindCase is a subtest or an expanded parametrised case.
	KindCase TestKind = "case"
)

// Test is one test of an analysis.
type Test struct {
	// ID identifies the test; it grows in inventory order.
	ID int64 `json:"id"`
	// Path is the test file's path relative to the repository root.
	Path string `json:"path"`
	// Framework is the file's framework, such as "go-testing".
	Framework string `json:"framework"`
	// Language is the file's language, such as "go".
	Language string `json:"language,omitzero"`
	// SuitePath lists the enclosing suites, outermost first.
	SuitePath []string `json:"suite_path"`
	// Name is the test's own name.
	Name string `json:"name"`
	// Line is the 1-based line of its declaration.
	Line int `json:"line"`
	// Status is what the source says about how it runs.
	Status TestStatus `json:"status"`
	// Kind tells declared tests from cases.
	Kind TestKind `json:"kind"`
	// Condition is the source condition under which the test is compiled
	// or collected (a Rust #[cfg] predicate, a C++ #if expression, …);
	// empty when none encloses it. A runner lists the test only where it
	// holds.
	Condition string `json:"condition,omitzero"`
}

// File is one test file of an analysis.
type File struct {
	// Path is relative to the repository root.
	Path string `json:"path"`
	// Framework is the detected framework; "unknown" when it could not be
	// decided (see FrameworkReason).
	Framework string `json:"framework"`
	// Language is the file's language.
	Language string `json:"language"`
	// Tests counts its tests, expanded cases included.
	Tests int `json:"test_count"`
	// FrameworkReason says why the framework could not be decided.
	FrameworkReason string `json:"framework_reason,omitzero"`
	// SkipReason says why the file was not parsed; it then has no tests.
	SkipReason string `json:"skip_reason,omitzero"`
	// BuildConstraint is the condition under which the file is compiled,
	// such as a Go build constraint.
	BuildConstraint string `json:"build_constraint,omitzero"`
}

// Repository is a submitted repository.
type Repository struct {
	// ID identifies the repository.
	ID int64 `json:"id"`
	// URL is its canonical URL.
	URL string `json:"url"`
	// CreatedAt is when it was first submitted.
	CreatedAt time.Time `json:"created_at"`
	// LatestAnalysis is its newest analysis; nil when there is none.
	LatestAnalysis *Analysis `json:"latest_analysis,omitzero"`
	// History holds its last analyses, newest first; only GetRepository
	// fills it.
	History []Analysis `json:"history,omitzero"`
}

// Diff compares the tests of two analyses of one repository. A test is
// identified by its path, suite path, name and kind.
type Diff struct {
	// Base is the analysis compared with.
	Base Analysis `json:"base"`
	// Head is the analysis compared.
	Head Analysis `json:"head"`
	// Added are tests of Head that Base lacks.
	Added []DiffTest `json:"added"`
	// Removed are tests of Base that Head lacks.
	Removed []DiffTest `json:"removed"`
	// Changed are tests of both whose status changed.
	Changed []ChangedTest `json:"changed"`
	// Totals counts all of them, beyond any truncation.
	Totals DiffTotals `json:"totals"`
	// Truncated reports that a list was cut at the server's limit (1000
	// tests each): Totals still counts them all.
	Truncated bool `json:"truncated"`
}

// DiffTest is a test added or removed between two analyses.
type DiffTest struct {
	Path      string     `json:"path"`
	Framework string     `json:"framework"`
	SuitePath []string   `json:"suite_path"`
	Name      string     `json:"name"`
	Line      int        `json:"line"`
	Status    TestStatus `json:"status"`
	Kind      TestKind   `json:"kind"`
}

// ChangedTest is a test whose status differs between two analyses: Status
// is the head's, BaseStatus the base's.
type ChangedTest struct {
	DiffTest
	BaseStatus TestStatus `json:"base_status"`
}

// DiffTotals counts the tests of a diff.
type DiffTotals struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

// Inventory is the whole inventory of a completed analysis: every test file
// sorted by path, with its suites and tests in source order.
type Inventory struct {
	CommitSHA string          `json:"commit_sha,omitzero"`
	Files     []InventoryFile `json:"files"`
	Summary   Summary         `json:"summary"`
}

// InventoryFile is one file of an Inventory.
type InventoryFile struct {
	Path            string          `json:"path"`
	Framework       string          `json:"framework"`
	Language        string          `json:"language"`
	BuildConstraint string          `json:"build_constraint,omitzero"`
	FrameworkReason string          `json:"framework_reason,omitzero"`
	SkipReason      string          `json:"skip_reason,omitzero"`
	Suites          []Suite         `json:"suites,omitzero"`
	Tests           []InventoryTest `json:"tests"`
}

// Suite is a suite (describe block, test class…) of an InventoryFile.
type Suite struct {
	Path []string `json:"path"`
	Line int      `json:"line"`
}

// InventoryTest is one test of an InventoryFile.
type InventoryTest struct {
	SuitePath []string   `json:"suite_path"`
	Name      string     `json:"name"`
	Line      int        `json:"line"`
	Status    TestStatus `json:"status"`
	Kind      TestKind   `json:"kind"`
	// Condition is as in Test.
	Condition string `json:"condition,omitzero"`
}

// Conversions from the generated types.

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func tm(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}

func list[G, T any](p *[]G, conv func(*G) T) []T {
	if p == nil {
		return []T{}
	}
	out := make([]T, len(*p))
	for i := range *p {
		out[i] = conv(&(*p)[i])
	}
	return out
}

func strs(p *[]string) []string { return list(p, func(s *string) string { return *s }) }

func newAnalysis(g *gen.Analysis) Analysis {
	a := Analysis{
		ID:                g.ID,
		RepositoryID:      g.RepositoryID,
		RepositoryURL:     g.RepositoryURL,
		Ref:               str(g.Ref),
		Status:            AnalysisStatus(g.Status),
		CommitSHA:         str(g.CommitSha),
		FailureReason:     str(g.FailureReason),
		EngineVersion:     str(g.EngineVersion),
		Attempts:          int(g.Attempts),
		CreatedAt:         g.CreatedAt,
		StartedAt:         tm(g.StartedAt),
		FinishedAt:        tm(g.FinishedAt),
		CancelRequestedAt: tm(g.CancelRequestedAt),
		Revision:          g.Revision,
		Progress: Progress{
			FilesTotal: int(g.Progress.FilesTotal),
			FilesDone:  int(g.Progress.FilesDone),
			TestsFound: int(g.Progress.TestsFound),
		},
	}
	if g.Summary != nil {
		s := newSummary(g.Summary)
		a.Summary = &s
	}
	return a
}

func newSummary(g *gen.InventorySummary) Summary {
	return Summary{
		Files:        int(g.Files),
		Tests:        int(g.Tests),
		Cases:        int(g.Cases),
		SkippedFiles: int(g.SkippedFiles),
		Frameworks: list(g.Frameworks, func(f *gen.InventoryFrameworkSummary) FrameworkSummary {
			return FrameworkSummary{
				Framework: f.Framework, Files: int(f.Files), Tests: int(f.Tests), Cases: int(f.Cases),
				Skipped: int(f.Skipped), Todo: int(f.Todo), Focused: int(f.Focused), Xfail: int(f.Xfail),
			}
		}),
	}
}

func newTest(g *gen.Test) Test {
	return Test{
		ID: g.ID, Path: g.Path, Framework: g.Framework, Language: str(g.Language), SuitePath: strs(g.SuitePath),
		Name: g.Name, Line: int(g.Line), Status: TestStatus(g.Status), Kind: TestKind(g.Kind),
		Condition: str(g.Condition),
	}
}

func newFile(g *gen.TestFile) File {
	return File{
		Path: g.Path, Framework: g.Framework, Language: g.Language, Tests: int(g.TestCount),
		FrameworkReason: str(g.FrameworkReason), SkipReason: str(g.SkipReason), BuildConstraint: str(g.BuildConstraint),
	}
}

func newRepository(g *gen.Repository) Repository {
	r := Repository{ID: g.ID, URL: g.URL, CreatedAt: g.CreatedAt}
	if g.LatestAnalysis != nil {
		a := newAnalysis(g.LatestAnalysis)
		r.LatestAnalysis = &a
	}
	return r
}

func newRepositoryDetail(g *gen.RepositoryDetail) Repository {
	r := newRepository(&gen.Repository{ID: g.ID, URL: g.URL, CreatedAt: g.CreatedAt, LatestAnalysis: g.LatestAnalysis})
	r.History = list(g.History, newAnalysis)
	return r
}

func newDiff(g *gen.Diff) Diff {
	return Diff{
		Base:    newAnalysis(&g.Base),
		Head:    newAnalysis(&g.Head),
		Added:   list(g.Added, newDiffTest),
		Removed: list(g.Removed, newDiffTest),
		Changed: list(g.Changed, func(c *gen.ChangedTest) ChangedTest {
			return ChangedTest{
				DiffTest: DiffTest{
					Path: c.Path, Framework: c.Framework, SuitePath: strs(c.SuitePath), Name: c.Name,
					Line: int(c.Line), Status: TestStatus(c.Status), Kind: TestKind(c.Kind),
				},
				BaseStatus: TestStatus(c.BaseStatus),
			}
		}),
		Totals:    DiffTotals{Added: int(g.Totals.Added), Removed: int(g.Totals.Removed), Changed: int(g.Totals.Changed)},
		Truncated: g.Truncated,
	}
}

func newDiffTest(g *gen.DiffTest) DiffTest {
	return DiffTest{
		Path: g.Path, Framework: g.Framework, SuitePath: strs(g.SuitePath), Name: g.Name,
		Line: int(g.Line), Status: TestStatus(g.Status), Kind: TestKind(g.Kind),
	}
}

func newInventory(g *gen.InventoryDocument) Inventory {
	return Inventory{
		CommitSHA: str(g.CommitSha),
		Summary:   newSummary(&g.Summary),
		Files: list(g.Files, func(f *gen.InventoryFile) InventoryFile {
			return InventoryFile{
				Path: f.Path, Framework: f.Framework, Language: f.Language, BuildConstraint: str(f.BuildConstraint),
				FrameworkReason: str(f.FrameworkReason), SkipReason: str(f.SkipReason),
				Suites: list(f.Suites, func(s *gen.InventorySuite) Suite { return Suite{Path: strs(s.Path), Line: int(s.Line)} }),
				Tests: list(f.Tests, func(t *gen.InventoryTest) InventoryTest {
					return InventoryTest{
						SuitePath: strs(t.SuitePath), Name: t.Name, Line: int(t.Line),
						Status: TestStatus(t.Status), Kind: TestKind(t.Kind), Condition: str(t.Condition),
					}
				}),
			}
		}),
	}
}
