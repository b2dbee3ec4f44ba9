package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// inventoryFiles is a small inventory with every kind of file: suites and
// nested cases, a file without tests, a file that was not parsed, a build
// constraint, a test under a condition, and paths whose byte order differs
// from a locale's order.
func inventoryFiles() []inventory.File {
	goFile := func(path string) inventory.File {
		return inventory.File{Path: path, Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo, Tests: []inventory.Test{}}
	}
	withTests := goFile("pkg/b/b_test.go")
	withTests.BuildConstraint = "linux && !race"
	withTests.Suites = []inventory.Suite{{Path: []string{"TestB"}, Line: 7}, {Path: []string{"TestB", "group"}, Line: 9}}
	withTests.Tests = []inventory.Test{
		{SuitePath: []string{}, Name: "TestA", Line: 3, Status: inventory.TestActive, Kind: inventory.KindTest},
		{SuitePath: []string{}, Name: "TestB", Line: 7, Status: inventory.TestFocused, Kind: inventory.KindTest},
		{SuitePath: []string{"TestB"}, Name: "group", Line: 9, Status: inventory.TestActive, Kind: inventory.KindCase},
		{SuitePath: []string{"TestB", "group"}, Name: "leaf <&>", Line: 10, Status: inventory.TestTodo, Kind: inventory.KindCase},
		{SuitePath: []string{}, Name: "TestC", Line: 20, Status: inventory.TestSkipped, Kind: inventory.KindTest},
	}
	upper := goFile("Z/z_test.go") // "Z" sorts before "a" in byte order, after it in en_US
	upper.Tests = []inventory.Test{{SuitePath: []string{}, Name: "TestZ", Line: 1, Status: inventory.TestXFail, Kind: inventory.KindTest}}
	empty := goFile("a/empty_test.go")
	skipped := inventory.File{Path: "a/huge_test.go", Framework: inventory.FrameworkUnknown, Language: inventory.LanguageGo,
		SkipReason: "file larger than 1 MiB", Tests: []inventory.Test{}}
	rust := inventory.File{Path: "src/lib.rs", Framework: inventory.FrameworkCargoTest, Language: inventory.LanguageRust,
		Suites: []inventory.Suite{{Path: []string{"tests"}, Line: 10}},
		Tests: []inventory.Test{
			{SuitePath: []string{"tests"}, Name: "parses", Line: 12, Status: inventory.TestActive, Kind: inventory.KindTest},
			{SuitePath: []string{"tests"}, Name: "parses_json", Line: 16, Status: inventory.TestActive, Kind: inventory.KindTest, Condition: `feature = "serde"`},
		}}
	return []inventory.File{withTests, upper, empty, skipped, rust}
}

func TestGetAnalysisInventory(t *testing.T) {
	t.Parallel()
	b := setup(t)

	t.Run("Completed", func(t *testing.T) {
		t.Parallel()
		files := inventoryFiles()
		id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted), CommitSHA: ptr("abc123")})
		// Insert in scrambled order: the document's order must come from
		// paths and lines, not from insertion order.
		scrambled := append([]inventory.File{}, files...)
		scrambled[0].Tests = append([]inventory.Test{}, files[0].Tests...)
		scrambled[0].Tests[0], scrambled[0].Tests[4] = scrambled[0].Tests[4], scrambled[0].Tests[0]
		insertFiles(t, b.pool, id, scrambled)

		sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
		want := inventory.Document{CommitSHA: "abc123", Summary: inventory.Summarize(files), Files: files}

		resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/inventory", id), "")
		requireStatus(t, resp, raw, http.StatusOK)
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		requireSameDocument(t, raw, want)
		if !strings.Contains(string(raw), `"tests":[]`) {
			t.Errorf("a file without tests must have \"tests\":[]: %s", raw)
		}
	})

	t.Run("CompletedWithoutFiles", func(t *testing.T) {
		t.Parallel()
		id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
		_, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/inventory", id), "")
		requireSameDocument(t, raw, inventory.Document{Summary: inventory.Summarize(nil), Files: []inventory.File{}})
	})

	t.Run("NotReady", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			status inventory.AnalysisStatus
			detail string
		}{
			{inventory.AnalysisQueued, "is queued"},
			{inventory.AnalysisRunning, "is running"},
			{inventory.AnalysisFailed, "failed and has no inventory: clone timed out"},
			{inventory.AnalysisCancelled, "was cancelled"},
		} {
			id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(tc.status), FailureReason: ptr("clone timed out")})
			resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/inventory", id), "")
			p := requireProblem(t, resp, raw, http.StatusConflict, api.ProblemNotReady)
			if !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("%s: detail = %q, want it to contain %q", tc.status, p.Detail, tc.detail)
			}
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()
		resp, raw := b.do(t, http.MethodGet, "/v1/analyses/987654/inventory", "")
		requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)
	})
}

// requireSameDocument compares the API's document with want the way the
// contract is stated: both decode into equal inventory.Document values, want
// encoded as `collector inventory --json` prints it.
func requireSameDocument(t *testing.T, got []byte, want inventory.Document) {
	t.Helper()
	printed, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	g, w := decode[inventory.Document](t, got), decode[inventory.Document](t, printed)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("inventory differs\n got: %s\nwant: %s", got, printed)
	}
}
