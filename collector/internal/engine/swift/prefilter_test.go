package swift

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

func TestMayHoldTests(t *testing.T) {
	preFilter.Expect(t, map[string]bool{
		"@Test func adds() {}":                               true,
		"@Testing.Test(arguments: [1]) func adds(n: Int) {}": true,
		"func testAdds() {}":                                 true,
		"func testAdds() async throws {}":                    true,
		"func\n  testAdds( ) {}":                             true,
		"func `testAdds`() {}":                               true,
		"func testAdds<T>() {}":                              true,
		"func /* why */ testAdds() {}":                       true,
		"func testAdds(\f) {}":                               true,
		// generated accessors and helpers
		"public func test4(at index: Int32) -> Test? { nil }":                       false,
		"public func test<T: FlatbuffersInitializable>(type: T.Type) -> T? { nil }": false,
		"func helper() { testAdds() }":                                              false,
		// Only 4 KiB after the name are read: past that it passes.
		"func testA" + strings.Repeat(" ", 4096) + "(x: Int) {}": true,
		"func testA" + strings.Repeat(" ", 4000) + "(x: Int) {}": false,
		"var testsRun = 0 // func tests":                         false,
	})
}

// preFilter is mayHoldTests and the tests of the parse without it.
var preFilter = frontendtest.PreFilter{Pass: mayHoldTests, Tests: func(path string, src []byte) int {
	f, _, _, _ := extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	return len(f.Tests)
}}

// TestPreFilterDropsNoTest: on the fixtures and, with
// SWIFT_PREFILTER_DIFF_DIRS=dir:dir, every .swift file under those folders
// (a by-hand check on real code), a file the pre-filter turns away has no
// test in its parse.
func TestPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	frontendtest.CheckPreFilter(t, "SWIFT_PREFILTER_DIFF_DIRS", []string{"../testdata/swift", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".swift") }, func(p string) string { return p }, preFilter)
}

// FuzzPreFilterDropsNoTest: on any source tree-sitter parses without an
// error, a file the pre-filter turns away has no test in its parse.
func FuzzPreFilterDropsNoTest(f *testing.F) {
	frontendtest.FuzzPreFilter(f, grammar, []string{
		"import XCTest\nclass ATests: XCTestCase {\n    func testAdds() {}\n    func test4(at i: Int) {}\n}\n",
		"import Testing\n@Test func adds() {}\nstruct S { @Test(.disabled()) func b() {} }\n",
	}, bodyTraps, "FuzzTests.swift", preFilter)
}
