import Testing
@testable import App

@Suite struct GreetingTests {
    @Test func greets() {
        #expect(greet("x") == "hello x")
    }

    @Test(arguments: ["a", "b"])
    func greetsEveryone(name: String) {}
}
