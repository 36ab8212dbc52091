// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "scantrail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scantrail", targets: ["scantrail"]),
        .library(name: "ScantrailCore", targets: ["ScantrailCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "ScantrailCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ScantrailHTTP",
            dependencies: [
                "ScantrailCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "ScantrailTLS",
            dependencies: [
                "ScantrailCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "ScantrailOpenAPI",
            dependencies: ["ScantrailCore", .product(name: "Yams", package: "Yams")]
        ),
        // The JWT key lists, embedded as read-only data (their notices beside them in lists/).
        .target(
            name: "CScantrailKeys",
            exclude: ["lists"],
            cSettings: [.headerSearchPath("lists")]
        ),
        .target(
            name: "ScantrailChecks",
            dependencies: [
                "ScantrailCore", "ScantrailHTTP", "ScantrailTLS", "ScantrailOpenAPI", "CScantrailKeys",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ScantrailStore",
            dependencies: [
                "ScantrailCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ScantrailReports",
            dependencies: [
                "ScantrailCore", "ScantrailStore", "ScantrailTLS", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(
            name: "ScantrailApp",
            dependencies: [
                "ScantrailCore", "ScantrailHTTP", "ScantrailTLS", "ScantrailOpenAPI", "ScantrailChecks",
                "ScantrailStore",
                "ScantrailReports", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ScantrailMonitor",
            dependencies: [
                "ScantrailApp", "ScantrailStore", "ScantrailCore", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ScantrailServer",
            dependencies: [
                "ScantrailApp", "ScantrailReports", "ScantrailCore", "ScantrailStore", "ScantrailMonitor",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ScantrailDemo",
            dependencies: [
                "ScantrailCore", "ScantrailOpenAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ScantrailTestSupport",
            dependencies: [
                "ScantrailDemo", "ScantrailStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "ScantrailCLI",
            dependencies: [
                "ScantrailApp", "ScantrailCore", "ScantrailStore", "ScantrailReports", "ScantrailDemo", "ScantrailTLS",
                "ScantrailServer", "ScantrailMonitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "scantrail", dependencies: ["ScantrailCLI"]),
        .executableTarget(
            name: "server-benchmark",
            dependencies: [
                "ScantrailCore", "ScantrailHTTP", "ScantrailDemo", "ScantrailServer", "ScantrailStore", "ScantrailApp",
            ],
            path: "Benchmarks/ServerBenchmark"),
        .executableTarget(
            name: "store-benchmark", dependencies: ["ScantrailCore", "ScantrailStore", "ScantrailApp"],
            path: "Benchmarks/StoreBenchmark"),
        .executableTarget(
            name: "path-benchmark", dependencies: ["ScantrailCore", "ScantrailChecks", "ScantrailHTTP"],
            path: "Benchmarks/PathBenchmark"
        ),
        .executableTarget(
            name: "jwt-benchmark",
            dependencies: ["ScantrailChecks", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/JWTBenchmark"),
        .executableTarget(
            name: "api-benchmark",
            dependencies: [
                "ScantrailCore", "ScantrailChecks", "ScantrailHTTP", "ScantrailOpenAPI", "ScantrailDemo",
                "ScantrailTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/APIBenchmark"
        ),
        .testTarget(name: "ScantrailCoreTests", dependencies: ["ScantrailCore"]),
        .testTarget(
            name: "ScantrailHTTPTests",
            dependencies: [
                "ScantrailHTTP", "ScantrailDemo", "ScantrailTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "ScantrailChecksTests",
            dependencies: [
                "ScantrailChecks", "ScantrailHTTP", "ScantrailDemo", "ScantrailTestSupport", "ScantrailOpenAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["GraphQL"]
        ),
        .testTarget(
            name: "ScantrailTLSTests",
            dependencies: ["ScantrailTLS", "ScantrailTestSupport"]
        ),
        .testTarget(name: "ScantrailOpenAPITests", dependencies: ["ScantrailOpenAPI"], resources: [.copy("Documents")]),
        .testTarget(
            name: "ScantrailStoreTests",
            dependencies: [
                "ScantrailStore", "ScantrailTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "ScantrailReportsTests",
            dependencies: [
                "ScantrailReports", "ScantrailTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Validators"], resources: [.copy("Golden")]),
        .testTarget(
            name: "ScantrailAppTests",
            dependencies: [
                "ScantrailApp", "ScantrailDemo", "ScantrailTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ScantrailMonitorTests",
            dependencies: [
                "ScantrailMonitor", "ScantrailDemo", "ScantrailTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ScantrailServerTests",
            dependencies: [
                "ScantrailServer", "ScantrailHTTP", "ScantrailDemo", "ScantrailTestSupport", "ScantrailMonitor",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Browser"]
        ),
        .testTarget(
            name: "ScantrailCLITests",
            dependencies: [
                "scantrail", "ScantrailDemo", "ScantrailTestSupport", "ScantrailStore", "ScantrailServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
