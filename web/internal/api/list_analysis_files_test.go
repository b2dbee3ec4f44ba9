package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/web/internal/api"
)

// filterFiles is an inventory with several frameworks, folders, names that
// look like LIKE patterns, a file without framework and a skipped one.
func filterFiles() []inventory.File {
	test := func(name string, status inventory.TestStatus, suite ...string) inventory.Test {
		return inventory.Test{SuitePath: append([]string{}, suite...), Name: name, Line: 1, Status: status, Kind: inventory.KindTest}
	}
	return []inventory.File{
		{Path: "api/a_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo, BuildConstraint: "integration",
			Tests: []inventory.Test{test("TestParse", inventory.TestActive), test("TestParseURL", inventory.TestSkipped), test("Test100%", inventory.TestActive)}},
		{Path: "api/b_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
			Tests: []inventory.Test{test("Test_under", inventory.TestActive), test("TestXunder", inventory.TestActive)}},
		{Path: "apis/c_test.go", Framework: inventory.FrameworkGoTesting, Language: inventory.LanguageGo,
			Tests: []inventory.Test{test("TestParse", inventory.TestTodo)}},
		{Path: "web/app.test.ts", Framework: "vitest", Language: "typescript",
			Tests: []inventory.Test{test("parses input", inventory.TestFocused, "Parser"), test("renders", inventory.TestSkipped, "View")}},
		{Path: "web/big.test.ts", Framework: "vitest", Language: "typescript", SkipReason: "the file is larger than 1048576 bytes"},
		{Path: "zzz/odd_test.py", Framework: inventory.FrameworkUnknown, Language: "python", FrameworkReason: "no pytest or unittest evidence",
			Tests: []inventory.Test{test("test_parse", inventory.TestActive)}},
	}
}

func TestListAnalysisFiles(t *testing.T) {
	t.Parallel()
	b := setup(t)
	files := filterFiles()
	id := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisCompleted)})
	insertFiles(t, b.pool, id, files)
	execSQL(t, b.pool, `UPDATE test_files SET framework_reason = 'no pytest or unittest evidence' WHERE path = 'zzz/odd_test.py'`)
	path := fmt.Sprintf("/v1/analyses/%d/files", id)

	for _, tc := range []struct {
		name, query string
		want        []string
		pages       int
	}{
		{"All", "limit=2", []string{"api/a_test.go", "api/b_test.go", "apis/c_test.go", "web/app.test.ts", "web/big.test.ts", "zzz/odd_test.py"}, 3},
		{"Framework", "limit=1&framework=vitest", []string{"web/app.test.ts", "web/big.test.ts"}, 2},
		{"Folder", "limit=1&path_prefix=api/", []string{"api/a_test.go", "api/b_test.go"}, 2},
		{"Prefix", "path_prefix=api", []string{"api/a_test.go", "api/b_test.go", "apis/c_test.go"}, 1},
		{"Both", "framework=go-testing&path_prefix=apis", []string{"apis/c_test.go"}, 1},
		{"None", "framework=jest", nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pages := walk[api.TestFile](t, b, path+"?"+tc.query)
			if got := flat(pages, func(f api.TestFile) string { return f.Path }); !slices.Equal(got, tc.want) || len(pages) != tc.pages {
				t.Errorf("paths %v in %d pages, want %v in %d", got, len(pages), tc.want, tc.pages)
			}
		})
	}

	t.Run("Items", func(t *testing.T) {
		t.Parallel()
		page, _ := get[api.FilePage](t, b, path, http.StatusOK)
		got := map[string]api.TestFile{}
		for _, f := range page.Items {
			got[f.Path] = f
		}
		for _, want := range []api.TestFile{
			{Path: "api/a_test.go", Framework: "go-testing", Language: "go", TestCount: 3, BuildConstraint: "integration"},
			{Path: "web/big.test.ts", Framework: "vitest", Language: "typescript", SkipReason: "the file is larger than 1048576 bytes"},
			{Path: "zzz/odd_test.py", Framework: "unknown", Language: "python", TestCount: 1, FrameworkReason: "no pytest or unittest evidence"},
		} {
			if fmt.Sprintf("%+v", got[want.Path]) != fmt.Sprintf("%+v", want) {
				t.Errorf("%s = %+v, want %+v", want.Path, got[want.Path], want)
			}
		}
	})

	t.Run("NotCompletedIsEmpty", func(t *testing.T) {
		t.Parallel()
		running := insertAnalysis(t, b.pool, &analysisOpts{Status: ptr(inventory.AnalysisRunning)})
		insertFiles(t, b.pool, running, files[:2])
		resp, raw := b.do(t, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/files", running), "")
		requireStatus(t, resp, raw, http.StatusOK)
		if string(raw) != `{"items":[]}`+"\n" {
			t.Errorf("body = %s", raw)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		t.Parallel()
		requireInvalid(t, b, path, []invalidQuery{
			{"path_prefix=/api", "query.path_prefix"},
			{"path_prefix=" + url.QueryEscape(`api\a`), "query.path_prefix"},
			{"path_prefix=../x", "query.path_prefix"},
			{"path_prefix=api/./a", "query.path_prefix"},
			{"path_prefix=" + strings.Repeat("a", 1025), "query.path_prefix"},
			{"framework=" + strings.Repeat("f", 65), "query.framework"},
			{"cursor=" + otherCursor("a1"), "query.cursor"},
		})
		resp, raw := b.do(t, http.MethodGet, "/v1/analyses/987654/files", "")
		requireProblem(t, resp, raw, http.StatusNotFound, api.ProblemNotFound)
	})
}

// invalidQuery is a query string that a listing refuses, and the location
// its first error names.
type invalidQuery struct{ query, location string }

// otherCursor is a well-formed cursor of the listing of kind, which every
// other listing refuses.
func otherCursor(kind string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":5"))
}

func requireInvalid(t *testing.T, b *testBundle, path string, cases []invalidQuery) {
	t.Helper()
	for _, tc := range cases {
		resp, raw := b.do(t, http.MethodGet, path+"?"+tc.query, "")
		p := requireProblem(t, resp, raw, http.StatusUnprocessableEntity, api.ProblemValidation)
		if len(p.Errors) == 0 || p.Errors[0].Location != tc.location {
			t.Errorf("%.80s: errors = %s", tc.query, raw)
		}
	}
}
