/// The container of every file the stages exchange (`shipkpi map`, `partition`, `fold` and
/// `merge`, and the state kept between nightly runs): a header, typed sections, and a checksum.
///
/// ```
/// "SKPSTAGE"                       8 bytes, magic
/// format version                   u32 LE (``formatVersion``)
/// kind                             u32 LE (``Kind``)
/// sections, each:                  tag u32 LE, length u64 LE, `length` bytes
/// end:                             tag 0, length 8, checksum u64 LE
/// ```
///
/// The checksum is a 64-bit hash (``ByteHash`` with a fixed seed) of every byte before the end
/// section: a truncated or corrupted file, or one of another format version, is refused as a
/// whole, never half-read. Numbers are little-endian; texts are UTF-8 with a u32 length.
package enum StageFile {
    package static let magic: [UInt8] = Array("SKPSTAGE".utf8)
    /// Raised whenever the meaning of a byte changes; a file of another version is refused.
    package static let formatVersion: UInt32 = 3
    /// The checksum's seed (fixed: files cross processes and runs).
    static let checksumSeed: UInt64 = 0x5348_4950_4B50_4931

    package enum Kind: UInt32, Sendable {
        /// One split mapped by `shipkpi map`: its meta, rejects and records.
        case mappedSplit = 1
        /// A mapped split's records cut into order-key ranges by `shipkpi partition`.
        case partitioned = 2
        /// What `shipkpi fold` made of one range of order keys.
        case foldResult = 3
        /// One input's mapped records kept between runs (`--state`): its meta, rejects and records.
        case inputState = 4
    }

    package enum Tag: UInt32, Sendable {
        case end = 0
        /// JSON (``SplitMeta``).
        case meta = 1
        /// Rejects (``StageCodec/encodeRejects(_:)``).
        case rejects = 2
        /// Mapped records of one split (``StageCodec/encodeBatch(_:)``), preceded by the split id (u32).
        case records = 3
        /// JSON (``Partial``).
        case partial = 4
        /// Lead times (``StageCodec/encodeLeadTimes(_:)``).
        case leadTimes = 5
        /// Rendered rows of the per-order outputs, in order-key order.
        case ordersCSV = 10
        case codCSV = 11
        case checksCSV = 12
        case ordersXML = 13
        case codXML = 14
        case checksXML = 15
        /// Sorted sample of order keys (``StageCodec/encodeKeys(_:)``).
        case keySample = 16
        /// Records of one partition: partition index (u32), then a `records` payload.
        case partition = 17
    }

    /// Builds a file section by section.
    package struct Writer {
        package private(set) var bytes: [UInt8] = []

        package init(kind: Kind) {
            bytes = StageFile.magic
            append32(&bytes, StageFile.formatVersion)
            append32(&bytes, kind.rawValue)
        }

        package mutating func section(_ tag: Tag, _ payload: [UInt8]) {
            append32(&bytes, tag.rawValue)
            append64(&bytes, UInt64(payload.count))
            bytes += payload
        }

        /// The finished file (the end section with the checksum appended).
        package mutating func finish() -> [UInt8] {
            let checksum = bytes.withUnsafeBytes { ByteHash.hash($0, seed: StageFile.checksumSeed) }
            append32(&bytes, Tag.end.rawValue)
            append64(&bytes, 8)
            append64(&bytes, checksum)
            return bytes
        }
    }

    /// Why a stage file was refused.
    package enum Failure: Error, Sendable, CustomStringConvertible, Equatable {
        case notAStageFile
        case otherVersion(UInt32)
        case otherKind(UInt32)
        case truncated
        case checksumMismatch
        /// The checksum matched but a section does not parse (a file written by a broken writer).
        case malformed

        package var description: String {
            switch self {
            case .notAStageFile: "not a shipkpi stage file"
            case .otherVersion(let v): "written by another format version (\(v), this program reads \(StageFile.formatVersion))"
            case .otherKind(let k): "a stage file of another kind (\(k))"
            case .truncated: "truncated"
            case .checksumMismatch: "corrupt (checksum mismatch)"
            case .malformed: "malformed"
            }
        }
    }

    /// Splits bytes holding several stage files one after the other (what a fold reads on its
    /// standard input) into the files.
    package static func split(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> [UnsafeRawBufferPointer] {
        var out: [UnsafeRawBufferPointer] = []
        var start = 0
        while start < bytes.count {
            guard start + 16 <= bytes.count, Array(bytes[start ..< start + 8]) == magic else { throw .notAStageFile }
            var at = start + 16
            while true {
                guard at + 12 <= bytes.count else { throw .truncated }
                let tag = read32(bytes, at: at)
                let length = read64(bytes, at: at + 4)
                guard length <= UInt64(bytes.count - at - 12) else { throw .truncated }
                at += 12 + Int(length)
                if tag == Tag.end.rawValue { break }
            }
            out.append(UnsafeRawBufferPointer(rebasing: bytes[start ..< at]))
            start = at
        }
        return out
    }

    /// The sections of a complete, intact file of `kind`, in order. `checksum: false` skips the
    /// checksum (for a file checked already, that nobody can have changed since).
    package static func sections(
        _ file: UnsafeRawBufferPointer, kind: Kind, checksum verify: Bool = true
    ) throws(Failure)
        -> [(tag: UInt32, payload: UnsafeRawBufferPointer)]
    {
        guard file.count >= 16, Array(file[0 ..< 8]) == magic else { throw .notAStageFile }
        let version = read32(file, at: 8)
        guard version == formatVersion else { throw .otherVersion(version) }
        let k = read32(file, at: 12)
        guard k == kind.rawValue else { throw .otherKind(k) }
        var at = 16
        var out: [(tag: UInt32, payload: UnsafeRawBufferPointer)] = []
        while true {
            guard at + 12 <= file.count else { throw .truncated }
            let tag = read32(file, at: at)
            let length = read64(file, at: at + 4)
            guard length <= UInt64(file.count - at - 12) else { throw .truncated }
            let payload = UnsafeRawBufferPointer(rebasing: file[at + 12 ..< at + 12 + Int(length)])
            if tag == Tag.end.rawValue {
                guard length == 8, at + 20 == file.count else { throw .truncated }
                if !verify { return out }
                let checksum = ByteHash.hash(UnsafeRawBufferPointer(rebasing: file[0 ..< at]), seed: checksumSeed)
                guard read64(payload, at: 0) == checksum else { throw .checksumMismatch }
                return out
            }
            out.append((tag, payload))
            at += 12 + Int(length)
        }
    }
}

@inline(__always)
package func append32(_ out: inout [UInt8], _ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { out += $0 }
}

@inline(__always)
package func append64(_ out: inout [UInt8], _ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { out += $0 }
}

@inline(__always)
package func read32(_ bytes: UnsafeRawBufferPointer, at: Int) -> UInt32 {
    UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
}

@inline(__always)
package func read64(_ bytes: UnsafeRawBufferPointer, at: Int) -> UInt64 {
    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
}
