import ShipKPIJSON
import Foundation
import ShipKPICore

/// What was read of one input, for run.json.
package struct InputReport: Sendable {
    package var path: String
    package var bytes: Int64
    package var sha256: String
    package var decompressedBytes: Int64
    /// When the input was read in byte ranges (by several processes): each range's SHA-256 in
    /// order; `sha256` is then empty.
    package var splitSHA256: [String] = []
    /// Replayed from the state directory instead of read (`--state`).
    package var reused = false

    package init(path: String, bytes: Int64, sha256: String, decompressedBytes: Int64, splitSHA256: [String] = []) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.decompressedBytes = decompressedBytes
        self.splitSHA256 = splitSHA256
    }
}
