@testable import MyTestKit

// XCTest comes through MyTestKit: the framework is not visible from here.
final class SessionTests: KitTestCase {
    func testStarts() {}
    func testStops() {}
}
