package php

import (
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"CalculatorTest.php", true},
		{"src/Calculator/CalculatorTest.php", true},
		{"tests/Feature/Auth.php", true},
		{"tests/Pest.php", true},
		{"app/Tests/Unit/Helpers.php", true},
		{"packages/a/test/Helpers.php", true},
		{"src/Calculator.php", false},
		{"src/Latest/Contest.php", false},
		{"tests/fixtures/data.json", false},
		{"tests/Feature/AuthTest.phpt", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestDetection checks composer evidence and the file's own signals.
func TestDetection(t *testing.T) {
	t.Parallel()
	pest := []byte("<?php\nit('works', function () { expect(true)->toBeTrue(); });\n")
	class := []byte("<?php\nclass ATest extends BaseCase { public function testA() {} }\n")
	for _, tc := range []struct {
		name     string
		src      []byte
		composer string
		want     inventory.Framework
	}{
		{"pest file", pest, "", inventory.FrameworkPest},
		{"pest file in a phpunit project", pest, `{"require-dev":{"phpunit/phpunit":"^10"}}`, inventory.FrameworkPest},
		{"class without evidence", class, "", inventory.FrameworkUnknown},
		{"class in a phpunit project", class, `{"require-dev":{"phpunit/phpunit":"^10"}}`, inventory.FrameworkPHPUnit},
	} {
		p := project.New()
		if tc.composer != "" {
			p.Add("composer.json", []byte(tc.composer))
		}
		f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "tests/ATest.php", Content: tc.src, Project: p})
		if err != nil || !ok {
			t.Fatalf("%s: ok=%v err=%v", tc.name, ok, err)
		}
		if f.Framework != tc.want || len(f.Tests) != 1 {
			t.Errorf("%s: framework %s with %d tests, want %s with 1", tc.name, f.Framework, len(f.Tests), tc.want)
		}
		if (f.FrameworkReason != "") != (tc.want == inventory.FrameworkUnknown) {
			t.Errorf("%s: reason %q", tc.name, f.FrameworkReason)
		}
	}
}

// FuzzPHPExtractor feeds arbitrary sources to the front end: no panic, no
// hang, only sane tests. Seeds are the golden samples.
func FuzzPHPExtractor(f *testing.F) { frontendtest.Fuzz(f, Extractor{}, "php", "tests/FuzzTest.php") }

// BenchmarkPHPExtract extracts every sample; cpu-ns/file is the figure to
// keep under 1 ms.
func BenchmarkPHPExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "php") }
