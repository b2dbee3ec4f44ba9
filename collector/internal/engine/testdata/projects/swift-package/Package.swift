// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "App",
    dependencies: [
        .package(url: "https://github.com/apple/swift-testing.git", from: "0.10.0"),
    ],
    targets: [
        .target(name: "App"),
        .testTarget(name: "AppTests", dependencies: ["App", .product(name: "Testing", package: "swift-testing")]),
        .testTarget(name: "LegacyTests", dependencies: ["App"]),
    ]
)
