package swift

import (
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/contracts/inventory"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "        XCTAssertEqual(expected.count, actual.count, \"sizes\") // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or whose declarations look like bodies.
var bodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "import XCTest\nfinal class ATests: XCTestCase {\n    override func setUp() {\n" + stmt + "    }\n    func testA() throws {\n" + stmt + "    }\n    func testB() async {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "braces in strings and comments", Src: "import XCTest\nclass ATests: XCTestCase {\n    func testA() {\n        let s = \"}{ \\(x.map { \"}\" }) {\"; /* } /* { */ } */\n        let m = \"\"\"\n        } \\(\")\") {\n        \"\"\"\n        let r = #\"} \"{\" \\#(y) }\"#; let re = #/[}{]+/#; let `class` = 1\n" + stmt + "    }\n    func testB() {}\n}\n", Fast: true},
	{Name: "properties, closures, inits and extensions", Src: "import XCTest\nclass ATests: XCTestCase {\n    var x: Int { get { 1 } set { } }\n    var y: Int {\n" + stmt + "        return 1\n    }\n    var z: Int = 1 {\n        didSet {\n" + stmt + "        }\n    }\n    lazy var f: () -> Int = {\n" + stmt + "        return 1\n    }\n    init(n: Int) {\n" + stmt + "        super.init(invocation: nil)\n    }\n    deinit {\n" + stmt + "    }\n    class func make() -> ATests {\n" + stmt + "    }\n}\nextension ATests {\n    func testExtended() {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "swift-testing at file level and in types", Src: "import Testing\n@Test func adds() {\n" + stmt + "}\n@Suite struct Group {\n    @Test(arguments: [1, 2]) func each(n: Int) {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "skip first, local types and @Test in bodies stay", Src: "import XCTest\nclass ATests: XCTestCase {\n    func testSkipped() throws {\n        throw XCTSkip(\"later\")\n" + stmt + "    }\n    func testLocal() {\n        class Local: XCTestCase { func testInner() {} }\n" + stmt + "    }\n    func testC() {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "#if around members", Src: "import XCTest\nclass ATests: XCTestCase {\n#if os(Linux)\n    func testLinux() {\n" + stmt + "    }\n#else\n    func testOther() {\n" + stmt + "    }\n#endif\n}\n", Fast: true},
	{Name: "a syntax error between functions", Src: "import XCTest\nclass ATests: XCTestCase {\n    func testA() {\n" + stmt + "    }\n    ) func (\n    func testB() {}\n}\n", Fast: false},
}

// extractFast is extract without its error (a parser failure is reported in
// the file).
func extractFast(s *frontend.Source, fast bool) (inventory.File, bool, bool) {
	f, ok, gapped, _ := extract(s, fast)
	return f, ok, gapped
}

// TestBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// SWIFT_BODIES_DIFF_DIRS=dir:dir, every .swift file under those folders (a by-hand
// check on real code), the inventory is the same with function bodies left out of
// the parse as with the whole parse. The fixtures' bodies are mostly short:
// the traps are what must take the fast path.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, bodyTraps, "Tests.swift", "SWIFT_BODIES_DIFF_DIRS", []string{"../testdata/swift", "../testdata/projects"}, ".swift", extractFast)
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with function bodies left out is the inventory of the
// whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, grammar, bodyTraps, nil, "FuzzTests.swift", extractFast)
}
