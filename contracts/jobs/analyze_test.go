package jobs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenFixturesDecode decodes every released args version. A fixture is
// never edited or removed: queued jobs of that version may still exist.
func TestGoldenFixturesDecode(t *testing.T) {
	t.Parallel()

	want := map[string]AnalyzeRepositoryArgs{
		"analyze_repository.v1.json": {Version: 1, AnalysisID: 42, RepositoryURL: "https://github.com/testlens/example", Ref: "main"},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "analyze_repository.v*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(want) {
		t.Fatalf("found %d fixtures %v, expected %d: add the expectation of every new fixture here", len(files), files, len(want))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var got AnalyzeRepositoryArgs
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got != want[filepath.Base(path)] {
			t.Errorf("%s decoded to %+v, want %+v", path, got, want[filepath.Base(path)])
		}
	}
}

func TestCurrentVersionRoundTrips(t *testing.T) {
	t.Parallel()

	in := NewAnalyzeRepositoryArgs(7, "https://example.com/r.git", "")
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"ref"`) {
		t.Errorf("empty ref should be omitted: %s", data)
	}
	var out AnalyzeRepositoryArgs
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Errorf("round trip: got %+v, want %+v", out, in)
	}
}

func TestRejectsUnknownVersionsAndBadArgs(t *testing.T) {
	t.Parallel()

	for _, tc := range []struct{ name, json, wantErr string }{
		{"future version", `{"version":99,"analysis_id":1,"repository_url":"https://x/y"}`, "unsupported version 99"},
		{"missing version", `{"analysis_id":1,"repository_url":"https://x/y"}`, "unsupported version 0"},
		{"no analysis", `{"version":1,"repository_url":"https://x/y"}`, "analysis_id must be positive"},
		{"no url", `{"version":1,"analysis_id":1}`, "repository_url is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var a AnalyzeRepositoryArgs
			err := json.Unmarshal([]byte(tc.json), &a)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestInsertOpts(t *testing.T) {
	t.Parallel()

	opts := AnalyzeRepositoryArgs{}.InsertOpts()
	if opts.Queue != QueueAnalysis || opts.MaxAttempts != AnalyzeRepositoryMaxAttempts || !opts.UniqueOpts.ByArgs {
		t.Fatalf("unexpected insert opts %+v", opts)
	}
}
