import XCTest
import Testing

// Migrating from XCTest to swift-testing: both in one file.
final class LegacyTests: XCTestCase {
    func testOne() {}
    func testTwo() {}
    func testThree() {}
}

@Test func migrated() {
    #expect(1 + 1 == 2)
}
