// swift-tools-version:6.0
// Byline: who is in the news, who said what, and when.
//
// The dependency lists below are the architecture: HTTP1 and EventServer know nothing of analysis or storage,
// TextAnalysis knows nothing of HTTP or storage, Storage knows only SQLite, and App is the one place they meet.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// The event loop's classes (EventLoop, Connection) are touched by one thread only, and their dynamic exclusivity
// checks (swift_beginAccess, a thread-local lookup per property access) were ~7% of its user time per request
// in perf; release builds check statically only. Debug builds and tests keep the dynamic checks.
let eventLoop: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"],
                                                         .when(configuration: .release))]

let package = Package(
    name: "Byline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "byline", targets: ["AppMain"]),
        .executable(name: "ner-tool", targets: ["NERTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C modules
        .target(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: Libraries
        .target(name: "HTTP1", dependencies: [], swiftSettings: strict),
        .target(name: "EventServer", dependencies: ["HTTP1", "CLinux", "COpenSSL"], swiftSettings: eventLoop),
        .target(name: "TextAnalysis", dependencies: [], resources: [.copy("Resources")], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "App",
                dependencies: ["HTTP1", "EventServer", "TextAnalysis", "Storage",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                resources: [.copy("Resources")],
                swiftSettings: strict),
        .executableTarget(name: "AppMain", dependencies: ["App"], swiftSettings: strict),
        // A minimal server for scripts/bench-http until `byline serve` exists.
        .executableTarget(name: "bench-server", dependencies: ["EventServer", "HTTP1"], path: "Sources/BenchServer",
                          swiftSettings: strict),
        // Fuzz entry for the HTTP/1.1 parser; scripts/fuzz builds it with --sanitize=fuzzer (not run in CI).
        .executableTarget(name: "HTTP1Fuzz", dependencies: ["HTTP1"], swiftSettings: strict),
        // Dev tool for the entity tagger (train, tag, score, clusters, calibration, bench); see scripts/train-ner.sh.
        .executableTarget(name: "NERTool", dependencies: ["App", "TextAnalysis",
                                                       .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["CLinux"], swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "EventServerTests", dependencies: ["EventServer", "HTTP1", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "AppTests", dependencies: ["App", "HTTP1", "TextAnalysis", "Storage", "TestSupport"],
                    swiftSettings: strict),
    ]
)
