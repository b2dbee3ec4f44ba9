package swift

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/contracts/inventory"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "        XCTAssertEqual(expected.count, actual.count, \"sizes\") // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or whose declarations look like bodies.
var bodyTraps = []struct {
	name, src string
	gapped    bool
}{
	{"plain", "import XCTest\nfinal class ATests: XCTestCase {\n    override func setUp() {\n" + stmt + "    }\n    func testA() throws {\n" + stmt + "    }\n    func testB() async {\n" + stmt + "    }\n}\n", true},
	{"braces in strings and comments", "import XCTest\nclass ATests: XCTestCase {\n    func testA() {\n        let s = \"}{ \\(x.map { \"}\" }) {\"; /* } /* { */ } */\n        let m = \"\"\"\n        } \\(\")\") {\n        \"\"\"\n        let r = #\"} \"{\" \\#(y) }\"#; let re = #/[}{]+/#; let `class` = 1\n" + stmt + "    }\n    func testB() {}\n}\n", true},
	{"properties, closures, inits and extensions", "import XCTest\nclass ATests: XCTestCase {\n    var x: Int { get { 1 } set { } }\n    var y: Int {\n" + stmt + "        return 1\n    }\n    var z: Int = 1 {\n        didSet {\n" + stmt + "        }\n    }\n    lazy var f: () -> Int = {\n" + stmt + "        return 1\n    }\n    init(n: Int) {\n" + stmt + "        super.init(invocation: nil)\n    }\n    deinit {\n" + stmt + "    }\n    class func make() -> ATests {\n" + stmt + "    }\n}\nextension ATests {\n    func testExtended() {\n" + stmt + "    }\n}\n", true},
	{"swift-testing at file level and in types", "import Testing\n@Test func adds() {\n" + stmt + "}\n@Suite struct Group {\n    @Test(arguments: [1, 2]) func each(n: Int) {\n" + stmt + "    }\n}\n", true},
	{"skip first, local types and @Test in bodies stay", "import XCTest\nclass ATests: XCTestCase {\n    func testSkipped() throws {\n        throw XCTSkip(\"later\")\n" + stmt + "    }\n    func testLocal() {\n        class Local: XCTestCase { func testInner() {} }\n" + stmt + "    }\n    func testC() {\n" + stmt + "    }\n}\n", true},
	{"#if around members", "import XCTest\nclass ATests: XCTestCase {\n#if os(Linux)\n    func testLinux() {\n" + stmt + "    }\n#else\n    func testOther() {\n" + stmt + "    }\n#endif\n}\n", true},
	{"a syntax error between functions", "import XCTest\nclass ATests: XCTestCase {\n    func testA() {\n" + stmt + "    }\n    ) func (\n    func testB() {}\n}\n", false},
}

func extractBoth(t *testing.T, path string, src []byte) (hasTests, gapped bool) {
	t.Helper()
	return frontendtest.SameAsWhole(t, path, src, func(s *frontend.Source, fast bool) (inventory.File, bool, bool) {
		f, ok, gapped, err := extract(s, fast)
		if err != nil {
			t.Fatal(err)
		}
		return f, ok, gapped
	})
}

// TestBodiesLeftOutChangeNothing: on traps, the fixtures and, with
// SWIFT_BODIES_DIFF_DIRS=dir:dir, every .swift file under those folders (a
// by-hand check on real code), the inventory is the same with function
// bodies left out of the parse as with the whole parse.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range bodyTraps {
		if _, got := extractBoth(t, tc.name+"Tests.swift", []byte(tc.src)); got != tc.gapped {
			t.Errorf("%s: gapped = %v, want %v", tc.name, got, tc.gapped)
		}
	}
	// The fixtures' bodies are mostly short: the traps are what must take
	// the fast path.
	frontendtest.FastPathDirs(t, "SWIFT_BODIES_DIFF_DIRS", []string{"../testdata/swift", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".swift") },
		func(p string, src []byte) (bool, bool) { return extractBoth(t, filepath.Base(p), src) })
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with function bodies left out is the inventory
// of the whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	seeds := make([]string, len(bodyTraps))
	for i, c := range bodyTraps {
		seeds[i] = c.src
	}
	frontendtest.FuzzClean(f, grammar, seeds, nil, func(t *testing.T, src []byte) { extractBoth(t, "FuzzTests.swift", src) })
}
