import ShipKPIJSON
import Foundation
import ShipKPICore

/// A unit of parse work: a run of complete lines, a whole `.json` document, or a marker for an
/// oversized line or a corrupt gzip stream (which become rejects).
package struct WorkUnit: Sendable {
    package enum Kind: Sendable {
        case lines
        case document
        case oversizedLine(length: Int64)
        case corruptGzip(detail: String)
    }

    package var kind: Kind
    package var fileIndex: Int32
    /// Data bytes, followed by at least ``padding`` readable bytes (simdjson reads ahead).
    package var buffer: [UInt8]
    package var dataCount: Int
    /// Offset of `buffer[0]` in the (decompressed) input.
    package var byteOffset: Int64
    package var atFileStart: Bool
    /// The input ends with this unit: its last line may lack a newline.
    package var atFileEnd: Bool
    /// The input's first bytes (at most ``headBytes``), on the first unit of an input only: what
    /// the run looks at to say why an input it could not read at all is not an export.
    package var head: [UInt8] = []
    package static let headBytes = 512

    package init(kind: Kind, fileIndex: Int32, buffer: [UInt8], dataCount: Int, byteOffset: Int64, atFileStart: Bool, atFileEnd: Bool) {
        self.kind = kind
        self.fileIndex = fileIndex
        self.buffer = buffer
        self.dataCount = dataCount
        self.byteOffset = byteOffset
        self.atFileStart = atFileStart
        self.atFileEnd = atFileEnd
    }

    /// Line numbers in the unit's batch are relative (1 = the unit's first line) for `.lines`, and
    /// absolute element indices for `.document`.
    package var relativeLines: Bool {
        if case .document = kind { return false }
        return true
    }
}
