public func greet(_ name: String) -> String { "hello \(name)" }

// Not a candidate: func testNotScanned() {}
