import XCTest
@testable import App

final class LegacyTests: XCTestCase {
    func testGreets() {
        XCTAssertEqual(greet("y"), "hello y")
    }

    func testSkipped() throws {
        throw XCTSkip("later")
    }
}
