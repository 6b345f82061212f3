// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "pstscope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pstscope", targets: ["pstscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Without its default traits: pstscope reads no swift-configuration sources.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // System libraries (Debian: libpff-dev + libbfio-dev, libxlsxwriter-dev).
        .systemLibrary(
            name: "CLibpff",
            pkgConfig: "libpff",
            providers: [.apt(["libpff-dev", "libbfio-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),

        // Stages, dependencies pointing one way (README, "Layout"): Ingest reads with PSTReader into
        // Store; Analysis and Reports read Store; pstscope drives them all.
        .target(
            name: "PSTReader",
            dependencies: ["CLibpff", "MailModel"]),
        .target(name: "PSTWriter"),
        .target(name: "OwnedFiles"),
        // Backups: whole files compressed with Zstandard.
        .target(name: "Archive", dependencies: ["CZstd", "OwnedFiles"]),
        // The vocabulary and small helpers every stage shares, at the bottom.
        .target(name: "MailModel"),
        .target(name: "Workdays", dependencies: ["MailModel"]),
        .target(name: "Synth", dependencies: ["PSTWriter", "Workdays", "MailModel"]),
        .target(
            name: "Store",
            dependencies: [
                "MailModel", "OwnedFiles",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(
            name: "Ingest",
            dependencies: [
                "PSTReader", "Store", "MailModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "Analysis", dependencies: ["Store", "Workdays", "MailModel"]),
        .target(
            name: "Reports",
            dependencies: [
                "Store", "MailModel", "CXlsxWriter",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // `pstscope serve`: the store read-only over HTTP, pages and a JSON API.
        .target(
            name: "Server",
            dependencies: [
                "Store", "Reports", "MailModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(
            name: "ImportSettings",
            dependencies: ["Ingest", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "pstscope",
            dependencies: [
                "Ingest", "Store", "Analysis", "Reports", "Workdays", "PSTReader", "PSTWriter", "Synth", "OwnedFiles", "MailModel",
                "Archive", "Server",
                "ImportSettings", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PSTReaderTests", dependencies: ["PSTReader", "MailModel", "TestSupport"]),
        .testTarget(name: "PSTWriterTests", dependencies: ["PSTWriter", "PSTReader", "TestSupport"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "PSTWriter", "PSTReader", "Workdays", "MailModel", "TestSupport"]),
        .testTarget(name: "WorkdaysTests", dependencies: ["Workdays", "MailModel"]),
        .testTarget(name: "OwnedFilesTests", dependencies: ["OwnedFiles", "TestSupport"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "TestSupport"]),
        .testTarget(name: "MailModelTests", dependencies: ["MailModel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "MailModel"]),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "Store", "Workdays", "Ingest", "Synth", "PSTWriter", "TestSupport", "MailModel",
                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "MailModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "Store", "MailModel", "PSTReader", "PSTWriter", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "pstscopeTests",
            dependencies: [
                "pstscope", "Ingest", "Store", "MailModel", "PSTReader", "Synth", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),

        // libFuzzer harnesses of the parsers of hostile input (Fuzz/; `make fuzz-harnesses`), corpus replay tools in other builds.
        .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: [.enableExperimentalFeature("Extern")]),
        .executableTarget(name: "FuzzTransportHeaders", dependencies: ["FuzzSupport", "PSTReader"], path: "Fuzz/TransportHeaders"),
        .executableTarget(name: "FuzzReadRecord", dependencies: ["FuzzSupport", "Ingest", "Store", "MailModel"], path: "Fuzz/ReadRecord"),
        .executableTarget(name: "FuzzFileHeader", dependencies: ["FuzzSupport", "PSTReader"], path: "Fuzz/FileHeader"),
        .executableTarget(name: "FuzzHolidayFile", dependencies: ["FuzzSupport", "Workdays", "MailModel"], path: "Fuzz/HolidayFile"),
        .executableTarget(
            name: "FuzzImportConfig",
            dependencies: ["FuzzSupport", "Ingest", "ImportSettings"],
            path: "Fuzz/ImportConfig"),
    ],
    swiftLanguageModes: [.v6]
)
