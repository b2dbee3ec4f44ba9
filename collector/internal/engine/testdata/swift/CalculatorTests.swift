import XCTest
@testable import Calculator

final class CalculatorTests: XCTestCase {
    var calculator: Calculator!

    override func setUp() {
        super.setUp()
        calculator = Calculator()
    }

    func testAddition() {
        XCTAssertEqual(calculator.add(2, 2), 4)
    }

    func testDivisionThrows() throws {
        XCTAssertThrowsError(try calculator.divide(1, by: 0))
    }

    func testAsyncFetch() async throws {
        let value = try await calculator.fetchRemote()
        XCTAssertGreaterThan(value, 0)
    }

    @MainActor
    func testOnMainActor() async {}

    func testSkipped() throws {
        // Not supported on Linux yet.
        throw XCTSkip("Requires the GPU")
    }

    func testSkippedConditionally() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["CI"] != nil)
        XCTAssertTrue(true)
    }

    func testWithParameter(_ value: Int) {}

    private func testPrivateIsNotDiscovered() {}

    static func testStaticIsNotATest() {}

    func helperAssert(_ x: Int) {}

    func testing() {}
}

struct NotATestCase {
    func testIgnoredInAStruct() {}
}
