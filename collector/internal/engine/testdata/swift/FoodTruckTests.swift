import Testing
@testable import FoodTruck

@Test func globalTest() {
    #expect(true)
}

@Suite("Food truck") struct FoodTruckTests {
    @Test("Food is available") func foodAvailable() async throws {
        let truck = FoodTruck()
        #expect(truck.hasFood)
    }

    @Test(.disabled("The oven is broken")) func bakesBread() {}

    @Test(.enabled(if: FoodTruck.isOpen)) func conditional() {}

    @Test(.tags(.critical), .timeLimit(.minutes(1)))
    func withTraits() {}

    struct Menu {
        @Test func hasItems() {}

        @Suite(.disabled("Seasonal")) struct Winter {
            @Test func hasSoup() {}
            @Test(.disabled()) func hasStew() {}
        }
    }

    func helper() {}
}

actor Kitchen {
    @Test func inAnActor() async {}
}

extension FoodTruckTests {
    @Test func inAnExtension() {}
}

@Test
func attributeOnItsOwnLine() {}
