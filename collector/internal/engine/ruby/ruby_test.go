package ruby

import (
	"slices"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"user_spec.rb", true},
		{"spec/models/user_spec.rb", true},
		{"test/models/user_test.rb", true},
		{"test_user.rb", true},
		{"spec/support/helpers.rb", true},
		{"test/test_helper.rb", true},
		{"app/models/user.rb", false},
		{"lib/spec.rb", false},
		{"spec/fixtures/data.yml", false},
		{"Rakefile", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestParseArgs(t *testing.T) {
	t.Parallel()
	args := parseArgs(`(User, "has #{n} items", :focus, skip: "later", :pending => true, type: :model, %q(x, y))`)
	kinds := []argKind{aConst, aString, aSymbol, aPair, aPair, aPair, aString}
	if len(args) != len(kinds) {
		t.Fatalf("parseArgs: %d args %+v", len(args), args)
	}
	for i, k := range kinds {
		if args[i].kind != k {
			t.Errorf("arg %d = %+v, want kind %d", i, args[i], k)
		}
	}
	if !args[1].interp || args[1].s != "has #{n} items" || args[3].s != "skip" || args[4].s != "pending" || args[6].s != "x, y" {
		t.Errorf("values: %+v", args)
	}
	if got := metaStatus(args); got != inventory.TestSkipped {
		t.Errorf("metaStatus = %s", got)
	}
	elems, ok := arrayElems(`[1, "two", :three, 4.5]`, 10)
	if !ok || !slices.Equal(elems, []string{"1", "two", "three", "4.5"}) {
		t.Errorf("arrayElems = %v %v", elems, ok)
	}
	if _, ok := arrayElems(`[1, foo]`, 10); ok {
		t.Error("arrayElems accepted a variable")
	}
	if elems, ok := arrayElems(`%w[a b c]`, 10); !ok || len(elems) != 3 {
		t.Errorf("%%w: %v %v", elems, ok)
	}
}

// FuzzRubyExtractor feeds arbitrary sources to the front end: it must
// never panic and must only report sane tests.
func FuzzRubyExtractor(f *testing.F) {
	frontendtest.Fuzz(f, Extractor{}, "ruby", "spec/fuzz_spec.rb", frontendtest.ReasonWhenUnknown)
}

// BenchmarkRubyExtract extracts every sample; cpu-ns/file is the CPU cost of
// one file (target: under 1 ms).
func BenchmarkRubyExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "ruby") }
