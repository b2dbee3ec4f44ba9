package swift

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
		{"Tests/AppTests/LoginTests.swift", true},
		{"Tests/AppTests/Helpers.swift", true},
		{"AppTests/Login.swift", true},
		{"Sources/App/LoginTest.swift", true},
		{"Sources/App/LoginTests.swift", true},
		{"Sources/App/Login.swift", false},
		{"Sources/App/Contest.swift", false},
		{"Tests/AppTests/LoginTests.swift.orig", false},
		{"Package.swift", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestDetectionFromPackageSwift(t *testing.T) {
	t.Parallel()
	proj := project.New()
	proj.Add("Package.swift", []byte(`.package(url: "https://github.com/apple/swift-testing.git", from: "0.10.0")`))
	src := []byte("@Test func a() {}\n")
	f, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "Tests/ATests.swift", Content: src, Project: proj})
	if err != nil || !ok || f.Framework != inventory.FrameworkSwiftTesting {
		t.Fatalf("got %+v ok=%v err=%v, want swift-testing from Package.swift", f, ok, err)
	}
}

// FuzzSwiftExtractor feeds arbitrary sources to the front end: no panic, no
// error, and only sane tests.
func FuzzSwiftExtractor(f *testing.F) {
	f.Add("ATests.swift", []byte("import Testing\n@Test(arguments: [1, [2], \"\\(x)\"]) func a() {}"))
	f.Add("ATests.swift", []byte("class A: XCTestCase { func testA() { func testB() {} } }"))
	frontendtest.Fuzz(f, Extractor{}, "swift", "ATests.swift",
		frontendtest.Frameworks(inventory.FrameworkXCTest, inventory.FrameworkSwiftTesting, inventory.FrameworkUnknown),
		frontendtest.ReasonWhenUnknown)
}

// BenchmarkSwiftExtract measures the samples.
func BenchmarkSwiftExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "swift") }
