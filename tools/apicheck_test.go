package tools

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// apiCheckRepo makes a git repository holding what api-check reads: the SDK's
// go.mod with modulePath, the current document as sdk/openapi.yaml and as
// the baseline. It returns the repository's folder.
func apiCheckRepo(t *testing.T, modulePath string) string {
	t.Helper()
	dir := newRepo(t)
	doc := encode(t, openAPI(t))
	writeFile(t, dir, "sdk/go.mod", []byte("module "+modulePath+"\n\ngo 1.26.0\n"))
	writeFile(t, dir, "sdk/openapi.yaml", doc)
	writeFile(t, dir, "sdk/api/baseline.yaml", doc)
	commitAll(t, dir, "sdk: the API")
	return dir
}

// apiCheck runs scripts/api-check.sh on repo with extra environment.
func apiCheck(t *testing.T, repo string, env ...string) (string, error) {
	t.Helper()
	root := repoRoot(t)
	return run(t, root, env, filepath.Join(root, "scripts", "api-check.sh"), repo)
}

// Changes of the document: each edits a fresh copy.
var (
	removeOperation = func(t *testing.T, doc map[string]any) {
		paths := obj(t, doc, "paths")
		if _, ok := paths["/v1/analyses/{id}/inventory"]; !ok {
			t.Fatal("no /v1/analyses/{id}/inventory in the document")
		}
		delete(paths, "/v1/analyses/{id}/inventory")
	}
	removeRequiredResponseField = func(t *testing.T, doc map[string]any) {
		analysis := obj(t, doc, "components", "schemas", "Analysis")
		delete(obj(t, analysis, "properties"), "attempts")
		required, _ := analysis["required"].([]any)
		analysis["required"] = slices.DeleteFunc(required, func(v any) bool { return v == "attempts" })
	}
	addOperationAndOptionalField = func(t *testing.T, doc map[string]any) {
		obj(t, doc, "paths")["/v1/ping"] = map[string]any{"get": map[string]any{
			"operationId": "ping",
			"responses":   map[string]any{"204": map[string]any{"description": "No Content"}},
		}}
		obj(t, doc, "components", "schemas", "Analysis", "properties")["labels"] = map[string]any{
			"type": "array", "items": map[string]any{"type": "string"},
		}
	}
)

// changeDoc rewrites repo's sdk/openapi.yaml with change applied to the
// current document (uncommitted, as while developing).
func changeDoc(t *testing.T, repo string, change func(*testing.T, map[string]any)) {
	t.Helper()
	doc := openAPI(t)
	change(t, doc)
	writeFile(t, repo, "sdk/openapi.yaml", encode(t, doc))
}

func TestAPICheckUnchangedPasses(t *testing.T) {
	t.Parallel()
	repo := apiCheckRepo(t, "github.com/testlens/testlens/sdk")
	out, err := apiCheck(t, repo)
	if err != nil || !strings.Contains(out, "no breaking change") || !strings.Contains(out, "sdk/api/baseline.yaml") {
		t.Fatalf("api-check on an unchanged document: %v\n%s", err, out)
	}
}

func TestAPICheckFailsOnBreakingChanges(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		change func(*testing.T, map[string]any)
		want   string
	}{
		"operation removed":            {removeOperation, "api-path-removed"},
		"required response field gone": {removeRequiredResponseField, "attempts"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			repo := apiCheckRepo(t, "github.com/testlens/testlens/sdk")
			changeDoc(t, repo, tc.change)
			out, err := apiCheck(t, repo)
			if err == nil {
				t.Fatalf("api-check passed a breaking change:\n%s", out)
			}
			for _, want := range []string{tc.want, "FAILED", "make release-sdk VERSION=v1.0.0"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestAPICheckPassesAdditiveChanges(t *testing.T) {
	t.Parallel()
	repo := apiCheckRepo(t, "github.com/testlens/testlens/sdk")
	changeDoc(t, repo, addOperationAndOptionalField)
	out, err := apiCheck(t, repo)
	if err != nil || !strings.Contains(out, "no breaking change") {
		t.Fatalf("api-check refused an additive change: %v\n%s", err, out)
	}
}

// The released document is the newest sdk tag's, by semantic version, and a
// breaking change needs a greater major than that tag's.
func TestAPICheckComparesWithTheLatestTag(t *testing.T) {
	t.Parallel()
	repo := apiCheckRepo(t, "github.com/testlens/testlens/sdk")
	must(t, repo, "git", "tag", "sdk/v1.2.0")
	// A later release without the inventory operation: the baseline still
	// has it, the newest tag does not.
	changeDoc(t, repo, removeOperation)
	commitAll(t, repo, "sdk: no inventory")
	must(t, repo, "git", "tag", "sdk/v1.10.0")

	out, err := apiCheck(t, repo)
	if err != nil || !strings.Contains(out, "sdk/openapi.yaml of sdk/v1.10.0") {
		t.Fatalf("against sdk/v1.10.0, removing what it already lacked is no change: %v\n%s", err, out)
	}

	changeDoc(t, repo, func(t *testing.T, doc map[string]any) {
		removeOperation(t, doc)
		removeRequiredResponseField(t, doc)
	})
	if out, err := apiCheck(t, repo); err == nil || !strings.Contains(out, "make release-sdk VERSION=v2.0.0, with the module path in sdk/go.mod ending in /v2") {
		t.Fatalf("a breaking change against sdk/v1.10.0 passed, or the hint is wrong: %v\n%s", err, out)
	}
	if out, err := apiCheck(t, repo, "API_CHECK_VERSION=v1.11.0"); err == nil {
		t.Fatalf("a breaking change passed for the minor release v1.11.0:\n%s", out)
	}
	if out, err := apiCheck(t, repo, "API_CHECK_VERSION=v2.0.0"); err != nil || !strings.Contains(out, "grows from 1 to 2") {
		t.Fatalf("a breaking change for the release v2.0.0 failed: %v\n%s", err, out)
	}
	writeFile(t, repo, "sdk/go.mod", []byte("module github.com/testlens/testlens/sdk/v2\n\ngo 1.26.0\n"))
	if out, err := apiCheck(t, repo); err != nil || !strings.Contains(out, "grows from 1 to 2") {
		t.Fatalf("a breaking change in the module .../sdk/v2 failed: %v\n%s", err, out)
	}
}
