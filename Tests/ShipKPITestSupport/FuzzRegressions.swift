import ShipKPIDigest
import Foundation
import ShipKPIIO

/// The inputs that crashed or hung the decoder (found by `make fuzz` or built by hand), kept in
/// `Tests/ShipKPIFuzzingTests/FuzzRegressions/`: replayed by the fuzz-regression tests and part
/// of the extractor's corpus. A name ending `.gz` is stored compressed and read decompressed.
package enum FuzzRegressions {
    package static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ShipKPIFuzzingTests").appendingPathComponent("FuzzRegressions")

    /// The files' names (hidden files left out), sorted.
    package static var names: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The bytes of file `name` (decompressed for `.gz`).
    package static func contents(of name: String) throws -> [UInt8] {
        try fileContents(atPath: directory.appendingPathComponent(name).path)
    }
}

/// The bytes of the file at `path`, decompressed when its name ends `.gz` (a damaged gzip stream
/// is an error, not a short result).
package func fileContents(atPath path: String) throws -> [UInt8] {
    guard path.hasSuffix(".gz") else { return Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    let source = try GzipByteSource(path: path, hash: .xxh3)
    let out = try source.readAll()
    if let corruption = source.corruption { throw ShipKPIError.io("\(path): \(corruption)") }
    return out
}
