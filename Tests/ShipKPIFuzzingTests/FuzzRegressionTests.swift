import Foundation
import ShipKPICore
import ShipKPIFuzzing
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// Inputs that crashed or hung the decoder (found by `make fuzz` or built by hand as the nastiest
/// cases), replayed through exactly the paths the fuzz target runs (`FuzzHarness`: whole-buffer
/// `.lines` and `.document` units, `ChunkReader` in small chunks, redaction with and without API
/// keys, CSV, scalar parsers, aggregation and `finish()`).
///
/// Files live in `FuzzRegressions/` beside this file (``FuzzRegressions``); a name ending `.gz` is
/// stored compressed (e.g. the 20 MB string) and is replayed decompressed. Every other file is
/// replayed byte for byte.
@Suite struct FuzzRegressionTests {
    static var files: [String] { FuzzRegressions.names }

    @Test func theRegressionDirectoryIsFound() {
        #expect(Self.files.count >= 5, "no regression inputs in \(FuzzRegressions.directory.path)")
    }

    @Test(arguments: files)
    func replaysWithoutCrashing(_ name: String) throws {
        let bytes = try Self.contents(of: name)
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outcome = try FuzzHarness(scratchDirectory: scratch).run(bytes)
        // Every regression input is something a decoder must answer: events or rejects, never silence.
        #expect(outcome.events + outcome.rejects > 0, "\(name): \(outcome)")
    }

    /// The nesting and payload-chain cases are rejected or decoded as the spec says, not merely survived.
    @Test func payloadChainAndDeepNestingDecodeAsSpecified() throws {
        let b = try decodeBytes(try Self.contents(of: "payload-chain-scratch-uaf.json"), format: .document)
        // Envelopes are not unwrapped twice: the outer payload is read, and its OrderInfo wins.
        #expect(b.rejects.isEmpty && b.orders.count == 1 && b.events.isEmpty)
        let deep = try decodeBytes(try Self.contents(of: "deep-nesting-100k.json.gz"), format: .document)
        #expect(deep.rejects.map(\.reason) == [.tooDeep])
    }

    /// A JSON scalar followed by anything but whitespace is malformed JSON, not a scalar record
    /// (simdjson does not check what follows a root string or number; the shim now does).
    @Test func aScalarWithTrailingContentIsInvalidJSON() throws {
        let b = try decodeBytes(try Self.contents(of: "scalar-trailing-content.ndjson"))
        #expect(b.rejects.count == 8)
        #expect(b.rejects.allSatisfy { $0.reason == .invalidJSON }, "\(b.rejects.map(\.reason))")
        let crash = try decodeBytes(try Self.contents(of: "scalar-trailing-content-crash.ndjson"))
        #expect(crash.rejects.map(\.reason) == [.truncated])  // no newline: a cut last line
        // Well-formed scalars are still valid JSON of an unknown shape.
        let ok = try decodeLines([#""a""#, " 3 ", "-0.5e3", "true", "null"])
        #expect(ok.rejects.map(\.reason) == Array(repeating: .unknownShape, count: 5))
    }

    /// `null`, `true` and `false` followed by anything but whitespace or a delimiter are malformed
    /// JSON on every path: lines and `.json` elements, the DOM fast path and the On-Demand walk
    /// (`nully` was read as a JSON null and rejected as `unknown_shape` instead).
    @Test(arguments: [true, false])
    func aRootAtomWithTrailingLettersIsInvalidJSON(domFastPath: Bool) throws {
        let options = testOptions()
        let lines = try decodeLines(
            ["nully", "truex", "falsey", "null\u{0C}", " null y", "nul", "null", " true ", "false"],
            options: options, domFastPath: domFastPath)
        #expect(lines.rejects.map(\.reason) == Array(repeating: .invalidJSON, count: 6) + Array(repeating: .unknownShape, count: 3))
        let fuzzInput = try decodeBytes(try Self.contents(of: "root-atom-trailing-letters.ndjson"), options: options, domFastPath: domFastPath)
        // Lines 6 (`nully`) and 7 (`nully" z`) are malformed; nothing on them is a scalar record.
        let reasons = Dictionary(fuzzInput.rejects.map { ($0.source.line, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons[6] == .invalidJSON && reasons[7] == .invalidJSON, "\(fuzzInput.rejects)")
        #expect(!fuzzInput.rejects.contains { $0.reason == .unknownShape })
        let array = try decodeBytes(
            try Self.contents(of: "root-atom-trailing-letters-array.json"), options: options, format: .document,
            domFastPath: domFastPath)
        #expect(array.rejects.map(\.reason) == [.invalidJSON, .invalidJSON, .invalidJSON, .unknownShape, .unknownShape])
    }

    static func contents(of name: String) throws -> [UInt8] { try FuzzRegressions.contents(of: name) }
}
