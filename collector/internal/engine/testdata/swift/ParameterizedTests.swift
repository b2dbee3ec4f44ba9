import Testing

enum Flavor { case vanilla, chocolate }

struct ParameterizedTests {
    @Test(arguments: [1, 2, 3])
    func integers(value: Int) {}

    @Test("Strings", arguments: ["a", "b c", ""])
    func strings(value: String) {}

    @Test(arguments: [Flavor.vanilla, .chocolate])
    func qualifiedEnumIsNotExpanded(flavor: Flavor) {}

    @Test(arguments: [.vanilla, .chocolate] as [Flavor])
    func castIsNotExpanded(flavor: Flavor) {}

    @Test(arguments: [-1, 0, 1.5, true])
    func mixedLiterals(value: Any) {}

    @Test(arguments: [1, 2], ["x", "y"])
    func cartesianProduct(n: Int, s: String) {}

    @Test(arguments: zip([1, 2], ["a", "b"]))
    func zipped(n: Int, s: String) {}

    @Test(arguments: ["\(1 + 1)"])
    func interpolated(s: String) {}

    @Test(.disabled(), arguments: [1, 2])
    func disabledWithCases(n: Int) {}

    @Test(arguments: [[1, 2], [3]])
    func nestedArrays(values: [Int]) {}
}
