import XCTest

/// Assertions shared by the test targets; no tests of their own.
func assertEventually(_ condition: @autoclosure () -> Bool, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(condition(), file: file, line: line)
}

extension XCTestCase {
    func testHelperTakingArgs(_ x: Int) {}
}
