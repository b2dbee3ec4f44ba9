package dart

import (
	"bytes"
	"testing"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"test/a_test.dart":                 true,
		"a_test.dart":                      true,
		"packages/x/test/widget_test.dart": true,
		"integration_test/app_test.dart":   true,
		"lib/a.dart":                       false,
		"test/a_tests.dart":                false,
		".dart_tool/build/a_test.dart":     false,
		"x/.dart_tool/a_test.dart":         false,
		"test/a_test.dart.bak":             false,
	} {
		if got := (Extractor{}).Candidate(path); got != want {
			t.Errorf("Candidate(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestFrameworkFromProject checks detection through pubspec.yaml.
func TestFrameworkFromProject(t *testing.T) {
	t.Parallel()
	p := project.New()
	p.Add("app/pubspec.yaml", []byte("name: app\ndev_dependencies:\n  flutter_test:\n    sdk: flutter\n"))
	src := []byte("import 'helpers.dart';\nvoid main() { test('x', () {}); }\n")
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "app/test/a_test.dart", Content: src, Project: p})
	if err != nil || !ok || f.Framework != inventory.FrameworkDartTest || f.FrameworkReason != "" {
		t.Fatalf("got %+v ok=%v err=%v", f, ok, err)
	}
}

// TestHostile: deep nesting and long inputs stay linear and bounded.
func TestHostile(t *testing.T) {
	t.Parallel()
	for name, src := range map[string][]byte{
		"deep interpolation": bytes.Repeat([]byte("'${"), 100_000),
		"deep groups":        append([]byte("void main() {"), bytes.Repeat([]byte("group('g', () {test('t', () {});"), 20_000)...),
		"open brackets":      bytes.Repeat([]byte("test('x', ("), 50_000),
		"comments":           bytes.Repeat([]byte("/*"), 100_000),
	} {
		start := time.Now()
		f, _, err := Extractor{}.Extract(&frontend.Source{Path: "h_test.dart", Content: src, Project: project.New()})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
		t.Logf("%s: %d tests, %d suites, skip reason %q", name, len(f.Tests), len(f.Suites), f.SkipReason)
	}
}

// FuzzDartExtractor: no panic, no hang, sane output, on any input.
func FuzzDartExtractor(f *testing.F) {
	f.Add("fuzz_test.dart", []byte("test('${'${'${'"))
	f.Add("fuzz_test.dart", []byte("group('a', () { test('b', () {}, skip: true); }, solo: true);"))
	f.Add("fuzz_test.dart", []byte("r'''\\'''\"\"\"/*/**/"))
	frontendtest.Fuzz(f, Extractor{}, "dart", "fuzz_test.dart",
		frontendtest.Frameworks(inventory.FrameworkDartTest, inventory.FrameworkUnknown), frontendtest.TestsOnly)
}

func BenchmarkDartExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "dart") }
