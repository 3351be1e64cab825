import Foundation
import ShipKPICore
import ShipKPIDigest

/// What the map stage says of one split beside its records: the counts, the rejects' number,
/// the lines it owns (to number its rejects' lines in the whole file), its bytes' digest, and
/// a sample of its order keys (for cutting the order-key space into ranges).
package struct SplitMeta: Sendable, Codable {
    package var split: Int
    package var input: Int32
    /// Lines (or `.json` elements, or statement records) the split owns.
    package var lines: Int64
    package var rawBytes: Int64
    package var decompressedBytes: Int64
    package var digest: String
    /// The algorithm of `digest` (`--hash` of the map task).
    package var hash: HashAlgorithm
    package var counters: BatchCounters
    @SortedByKey package var rejects: [RejectReason: Int64]
    /// Records and rejects, and the input's first bytes (for the every-line-rejected diagnosis).
    package var records: Int64
    package var rejected: Int64
    package var head: [UInt8]
}
