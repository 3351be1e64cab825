import Foundation
import Glibc

/// One input of a run, in the order it is read.
package struct InputFile: Sendable, Equatable {
    package enum Format: Sendable, Equatable {
        /// One JSON document per line (`.ndjson`, `.jsonl`, stdin).
        case lines
        /// One document: an object, or an array whose elements are records (`.json`).
        case document
    }

    /// The path as shown in rejects and run.json (`-` for stdin).
    package var path: String
    package var format: Format
    package var gzip: Bool

    package var isStdin: Bool { path == "-" }

    package init(path: String, format: Format, gzip: Bool) {
        self.path = path
        self.format = format
        self.gzip = gzip
    }

    /// The format a file name implies, or nil when it is not an input file (SPEC §1).
    package static func classify(_ name: String) -> (Format, Bool)? {
        var base = name.lowercased()
        var gz = false
        if base.hasSuffix(".gz") {
            gz = true
            base.removeLast(3)
        }
        if base.hasSuffix(".ndjson") || base.hasSuffix(".jsonl") { return (.lines, gz) }
        if base.hasSuffix(".json") { return (.document, gz) }
        return nil
    }
}
