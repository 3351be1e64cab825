import ShipKPIJSON
import Foundation
import ShipKPICore

/// What was read of one input, for run.json.
package struct InputReport: Sendable {
    package var path: String
    package var bytes: Int64
    package var digest: String
    package var decompressedBytes: Int64
    /// When the input was read in byte ranges (by several processes): each range's SHA-256 in
    /// order; `sha256` is then empty.
    package var splitDigests: [String] = []
    /// Replayed from the state directory instead of read (`--state`).
    package var reused = false

    package init(path: String, bytes: Int64, digest: String, decompressedBytes: Int64, splitDigests: [String] = []) {
        self.path = path
        self.bytes = bytes
        self.digest = digest
        self.decompressedBytes = decompressedBytes
        self.splitDigests = splitDigests
    }
}
