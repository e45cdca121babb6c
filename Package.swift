// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "dossier",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .executable(name: "dossier-server", targets: ["dossier-server"]),
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"5.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
    ],
    targets: [
        // Shared libraries: Foundation only.
        .target(
            name: "DossierCore",
            path: "Sources/DossierCore",
            swiftSettings: swiftSettings
        ),

        // What both sides trust and check: the server's identity key and its signed invitations (swift-crypto).
        .target(
            name: "DossierTrust",
            dependencies: ["DossierCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/DossierTrust",
            swiftSettings: swiftSettings
        ),

        // Evidence files: SHA-256 as they stream, the content-addressed folder beside a replica, media types sniffed.
        .target(
            name: "DossierEvidence",
            dependencies: ["DossierCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/DossierEvidence",
            swiftSettings: swiftSettings
        ),

        // The C shim over libcurl (the client's HTTP transport).
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // Team server.
        .target(
            name: "DossierServer",
            dependencies: [
                "DossierCore",
                "DossierTrust",
                "DossierEvidence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Server/DossierServer",
            resources: [.copy("Web/Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dossier-server",
            dependencies: [
                "DossierServer",
                "DossierCore",
                "DossierTrust",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Server/dossier-server",
            swiftSettings: swiftSettings
        ),

        // Field client.
        .target(
            name: "DossierReplica",
            dependencies: [
                "DossierCore",
                "DossierTrust",
                "DossierEvidence",
                "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Client/DossierReplica",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DossierDemo",
            dependencies: [
                "DossierReplica",
                "DossierServer",
                "DossierCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Client/DossierDemo",
            resources: [.copy("Resources/seed-records.json"), .copy("Resources/articles")],
            swiftSettings: swiftSettings
        ),
        // The `dossier` commands (parse and print), and the thin executable that runs them.
        .target(
            name: "DossierCLI",
            dependencies: [
                "DossierReplica",
                "DossierDemo",
                "DossierCore",
                "DossierTrust",
                "DossierEvidence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Client/dossier/DossierCLI",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierCLI"],
            path: "Client/dossier/Main",
            swiftSettings: swiftSettings
        ),

        // Benchmarks (release builds only; never a test): the Kinto peer's workload against a real server.
        .executableTarget(
            name: "dossier-bench",
            dependencies: [
                "DossierReplica",
                "DossierCore",
                "DossierTrust",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/dossier-bench",
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "DossierCoreTests",
            dependencies: ["DossierCore", "DossierTestSupport"],
            path: "Tests/DossierCoreTests",
            swiftSettings: swiftSettings
        ),
        // Test support for every test target: seed changes, the real team server, the process runner, scratch folders.
        .target(
            name: "DossierTestSupport",
            dependencies: ["DossierCore", "DossierTrust"],
            path: "Tests/DossierTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierServerTests",
            dependencies: [
                "DossierServer",
                "DossierCore",
                "DossierTrust",
                "DossierTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/DossierServerTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierReplicaTests",
            dependencies: [
                "DossierReplica",
                "DossierCore",
                "DossierTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Tests/DossierReplicaTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierEvidenceTests",
            dependencies: ["DossierEvidence", "DossierTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/DossierEvidenceTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierTrustTests",
            dependencies: ["DossierTrust", "DossierCore", "DossierTestSupport"],
            path: "Tests/DossierTrustTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierCLITests",
            dependencies: [
                "DossierCLI",
                "DossierCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/DossierCLITests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierEndToEndTests",
            dependencies: ["DossierCore", "DossierEvidence", "DossierTrust", "DossierTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/DossierEndToEndTests",
            swiftSettings: swiftSettings
        ),
    ]
)
