// swift-tools-version:6.0
import PackageDescription

let releaseSpeed: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
    name: "shipkpi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shipkpi", targets: ["shipkpi"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries: headers and link flags come from pkg-config; `make deps` installs them.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // No pkgConfig: its only flag (-DSIMDJSON_THREADS_ENABLED=1) is one SwiftPM refuses with a
        // warning; the shim defines it itself, and the module map links libsimdjson.
        .systemLibrary(name: "CSimdJSON", providers: [.apt(["libsimdjson-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // C++ over simdjson; exports a C ABI only: the old record decoder (skp_json.h, used by
        // ShipKPIIO until the integration) and the schema-driven extractor (sj_extract.h, extract/).
        .target(
            name: "CShipJSON",
            dependencies: ["CSimdJSON"],
            cxxSettings: [.unsafeFlags(["-O3", "-std=c++17", "-fno-exceptions"])],
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // Release builds skip dynamic exclusivity checks (the hot loops are checked statically;
        // the checks on every class-property access cost ~5% of a run, measured with callgrind)
        // and let small generic code (OptionSet, Array helpers) specialise across modules.
        .target(name: "ShipKPICore", swiftSettings: releaseSpeed),
        // One owner module per C library: each is the only importer of its C module (`internal
        // import`), and no C type appears in its interface.
        .target(name: "ShipKPIXML", dependencies: ["CLibXML2"], swiftSettings: releaseSpeed),
        .target(name: "ShipKPIGzip", dependencies: ["CZlib"], swiftSettings: releaseSpeed),
        .target(name: "ShipKPIDigest", dependencies: ["CCrypto", "CXXHash"], swiftSettings: releaseSpeed),
        // On the hot path (one call per document, reads inlined into the caller).
        .target(name: "ShipKPIJSON", dependencies: ["CShipJSON"], swiftSettings: releaseSpeed),
        .target(
            name: "ShipKPIIO",
            dependencies: [
                "ShipKPICore", "ShipKPIXML", "ShipKPIGzip", "ShipKPIDigest", "ShipKPIJSON",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: releaseSpeed
        ),
        // Tools built on the library, outside it: the export generator (`shipkpi generate`), and
        // the fuzz harness the libFuzzer target below and the fuzz-regression tests share.
        .target(name: "ShipKPIGenerate", dependencies: ["ShipKPIIO", "ShipKPICore"], swiftSettings: releaseSpeed),
        .target(name: "ShipKPIFuzzing", dependencies: ["ShipKPIIO", "ShipKPICore", "ShipKPIDigest"]),
        .executableTarget(
            name: "shipkpi",
            dependencies: [
                "ShipKPIIO", "ShipKPICore", "ShipKPIDigest", "ShipKPIGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ShipKPICoreTests", dependencies: ["ShipKPICore"]),
        .testTarget(name: "ShipKPIXMLTests", dependencies: ["ShipKPIXML"]),
        .testTarget(name: "ShipKPIGzipTests", dependencies: ["ShipKPIGzip"]),
        .testTarget(name: "ShipKPIDigestTests", dependencies: ["ShipKPIDigest"]),
        .testTarget(name: "ShipKPIJSONTests", dependencies: ["ShipKPIJSON", "CShipJSON", "ShipKPIIO", "ShipKPICore", "ShipKPITestSupport"]),
        // Helpers the test targets above Core share (decoding, carriers by id, temporary
        // directories removed when the tests end); a library only tests depend on.
        .target(name: "ShipKPITestSupport", dependencies: ["ShipKPIIO", "ShipKPICore", "ShipKPIDigest"], path: "Tests/ShipKPITestSupport"),
        // Test data read through #filePath, not bundled as resources.
        .testTarget(name: "ShipKPIIOTests", dependencies: ["ShipKPIIO", "ShipKPICore", "ShipKPIDigest", "ShipKPITestSupport"]),
        .testTarget(name: "ShipKPIGenerateTests", dependencies: ["ShipKPIGenerate", "ShipKPIIO", "ShipKPICore", "ShipKPITestSupport"]),
        .testTarget(
            name: "ShipKPIFuzzingTests", dependencies: ["ShipKPIFuzzing", "ShipKPIIO", "ShipKPICore", "ShipKPITestSupport"],
            exclude: ["FuzzRegressions"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ShipKPIIO", "ShipKPICore", "ShipKPIXML", "ShipKPIJSON", "ShipKPIDigest", "ShipKPITestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden", "update-golden.sh"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (`make fuzz`): only when SHIPKPI_FUZZ is set, because it must be linked
// with libFuzzer (`-sanitize=fuzzer`), which a plain `swift build` does not do. `Extern` gives the
// C declaration of libFuzzer's `LLVMFuzzerRunDriver`.
if Context.environment["SHIPKPI_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "ShipKPIFuzz",
            dependencies: ["ShipKPIFuzzing"],
            exclude: ["shipkpi.dict"],
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-enable-experimental-feature", "Extern"])]
        ))
    package.products.append(.executable(name: "ShipKPIFuzz", targets: ["ShipKPIFuzz"]))
}
