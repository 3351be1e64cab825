// The libFuzzer target (`make fuzz`). Built only when SHIPKPI_FUZZ is set (see Package.swift), with
// `-sanitize=fuzzer,address`. Everything a hostile input goes through lives in `FuzzHarness`
// (ShipKPIFuzzing), shared with the fuzz-regression tests
// (Tests/ShipKPIFuzzingTests/FuzzRegressionTests.swift).
//
// Why a `@main` that calls `LLVMFuzzerRunDriver` instead of libFuzzer's own `main`: SwiftPM links
// every executable with `--defsym main=<Module>_main` (so that tests can link executable modules),
// so the module must define its entry point; it hands control to libFuzzer's driver, which parses
// the usual libFuzzer flags and calls `LLVMFuzzerTestOneInput` for each input.

import Foundation
import ShipKPIFuzzing

// swift-format-ignore: AlwaysUseLowerCamelCase
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Created on the first input; libFuzzer calls the target from one thread only.
nonisolated(unsafe) private var harness: FuzzHarness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if harness == nil {
        let directory = ProcessInfo.processInfo.environment["SHIPKPI_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
        do {
            harness = try FuzzHarness(scratchDirectory: directory)
        } catch {
            fatalError("cannot set up the fuzz harness: \(error)")
        }
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try harness?.run(bytes)
    } catch {
        // Only the scratch file's I/O throws: an environment problem, not a finding.
        fatalError("fuzz harness I/O failed: \(error)")
    }
    return 0
}

@main
enum ShipKPIFuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}
