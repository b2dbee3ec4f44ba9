import Testing

// @Test func inAComment() {}
/* @Test func inABlockComment() {}
   /* nested */ @Test func stillInside() {}
*/

let fixture = """
@Test func inAMultilineString() {}
func testInAString() {}
"""

let raw = #"@Test func inARawString() {}"#

struct TrapsTests {
    @Test func hasALocalFunction() {
        @Sendable func testLocal() {}
        func localHelper() {}
        testLocal()
    }

    @Test func `default`() {}

    @Test func unicodeNamé() {}
}
