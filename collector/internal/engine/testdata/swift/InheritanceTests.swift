import XCTest

class BaseIntegrationTestCase: XCTestCase {
    func testSharedSmoke() {}
}

final class DatabaseTests: BaseIntegrationTestCase {
    func testConnects() {}
}

final class CacheTests: SomeOtherBase, Sendable {
    func testEvicts() {}
}

extension DatabaseTests {
    func testMigrates() throws {}
    func helper() {}
}

extension String {
    func testLookalikeOnString() {}
}
