package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
)

// operations are the SDK's method names (renaming one breaks SDK users),
// each with the responses docs/api.md promises: every success status and
// every error status the operation may answer.
var operations = map[string][]string{
	"createAnalysis":       {"200", "202", "400", "409", "413", "415", "422", "500", "503"},
	"listAnalyses":         {"200", "400", "422", "500", "503"},
	"getAnalysis":          {"200", "404", "422", "500", "503"},
	"cancelAnalysis":       {"200", "202", "404", "422", "500", "503"},
	"getAnalysisEvents":    {"200", "404", "422", "500", "503"},
	"listAnalysisTests":    {"200", "404", "422", "500", "503"},
	"listAnalysisFiles":    {"200", "404", "422", "500", "503"},
	"getAnalysisInventory": {"200", "404", "409", "422", "500", "503"},
	"diffAnalyses":         {"200", "404", "409", "422", "500", "503"},
	"listRepositories":     {"200", "422", "500", "503"},
	"getRepository":        {"200", "404", "422", "500", "503"},
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	b := setup(t)

	type operation struct {
		OperationID string                    `json:"operationId"`
		Summary     string                    `json:"summary"`
		Tags        []string                  `json:"tags"`
		Responses   map[string]map[string]any `json:"responses"`
	}
	type schema struct {
		Properties map[string]struct {
			Enum []string `json:"enum"`
		} `json:"properties"`
	}
	doc, _ := get[struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Title   string `json:"title"`
			Version string `json:"version"`
		} `json:"info"`
		Paths      map[string]map[string]operation `json:"paths"`
		Components struct {
			Schemas map[string]schema `json:"schemas"`
		} `json:"components"`
	}](t, b, "/openapi.json", http.StatusOK)

	if doc.OpenAPI != "3.1.0" || doc.Info.Title != "Testlens API" || doc.Info.Version != "1.0.0" {
		t.Errorf("openapi %q, info %+v", doc.OpenAPI, doc.Info)
	}
	var found []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			found = append(found, op.OperationID)
			if op.Summary == "" || len(op.Tags) == 0 {
				t.Errorf("%s %s: summary %q, tags %v", method, path, op.Summary, op.Tags)
			}
			if !slices.ContainsFunc(mapsKeys(op.Responses), func(code string) bool { return strings.HasPrefix(code, "4") }) {
				t.Errorf("%s %s documents no 4xx response: %v", method, path, mapsKeys(op.Responses))
			}
			if _, ok := op.Responses["default"]; ok {
				t.Errorf("%s %s: errors should be listed by status, not as default", method, path)
			}
			codes := mapsKeys(op.Responses)
			slices.Sort(codes)
			if want, ok := operations[op.OperationID]; ok && !slices.Equal(codes, want) {
				t.Errorf("%s (%s %s) documents %v, want %v", op.OperationID, method, path, codes, want)
			}
		}
	}
	slices.Sort(found)
	want := mapsKeys(operations)
	slices.Sort(want)
	if !slices.Equal(found, want) {
		t.Errorf("operation ids = %v, want %v", found, want)
	}

	// The documented enums are the contracts' lists.
	for _, tc := range []struct {
		schema, prop string
		want         any
	}{
		{"Analysis", "status", inventory.AnalysisStatuses},
		{"Test", "status", inventory.TestStatuses},
		{"Test", "kind", []inventory.TestKind{inventory.KindTest, inventory.KindCase}},
	} {
		if got := doc.Components.Schemas[tc.schema].Properties[tc.prop].Enum; fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s.%s enum = %v, want %v", tc.schema, tc.prop, got, tc.want)
		}
	}
	for name, s := range doc.Components.Schemas {
		if _, ok := s.Properties["$schema"]; ok {
			t.Errorf("schema %s has a $schema property", name)
		}
	}

	for _, path := range []string{"/openapi.yaml", "/docs"} {
		if resp, raw := b.do(t, http.MethodGet, path, ""); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", path, resp.StatusCode, raw)
		}
	}
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}
