import ShipKPIJSON
import Foundation
import ShipKPICore

/// Reads one input in chunks of whole lines (SPEC §10: memory does not grow with file size).
///
/// A line longer than `maxLineBytes` is never buffered whole: once the limit is passed the reader
/// discards bytes up to the next newline and emits an `.oversizedLine` unit instead.
package struct ChunkReader {
    package static let padding = JSONExtractor.padding

    let file: InputFile
    let index: Int32
    let chunkSize: Int
    let maxLineBytes: Int
    /// Largest `.json` document read whole.
    let maxDocumentBytes: Int
    /// Only the lines that start in this byte range (a split of a plain NDJSON file, see
    /// ``RangeByteSource``); nil = the whole input.
    package var range: Range<Int64>?

    /// Where chunk buffers come from (reused across chunks); nil allocates each one.
    var allocate: (Int) -> [UInt8] = { count in [UInt8](unsafeUninitializedCapacity: count) { _, n in n = count } }

    package init(file: InputFile, index: Int32, chunkSize: Int, maxLineBytes: Int, maxDocumentBytes: Int = Int(UInt32.max) - 64) {
        self.file = file
        self.index = index
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Reads the whole input, calling `emit` for each unit in order; `progress` gets raw byte counts.
    package func run(emit: (WorkUnit) throws -> Void, progress: (Int64) -> Void) throws -> InputReport {
        if let range {
            precondition(file.format == .lines && !file.gzip, "only plain NDJSON inputs are read in byte ranges")
            let source = try RangeByteSource(path: file.path, range: range)
            let (total, _) = try readLines(source, from: source.firstLineOffset, endsFile: { source.reachedEndOfFile },
                                           emit: emit, progress: progress)
            return InputReport(path: file.path, bytes: Int64(range.count), sha256: source.sha256Hex(),
                               decompressedBytes: total - source.firstLineOffset)
        }
        let source: ByteSource = file.gzip ? try GzipByteSource(path: file.path) : try FileByteSource(path: file.path)
        var decompressed: Int64 = 0
        switch file.format {
        case .document:
            var buffer: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            var tooBig = false
            while true {
                let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                decompressed += Int64(n)
                progress(source.rawBytes)
                if buffer.count + n > maxDocumentBytes { tooBig = true; continue }
                buffer.append(contentsOf: chunk[0 ..< n])
            }
            if tooBig {
                try emit(WorkUnit(kind: .oversizedLine(length: decompressed), fileIndex: index, buffer: [], dataCount: 0,
                                  byteOffset: 0, atFileStart: true, atFileEnd: true))
            } else {
                let count = buffer.count
                let head = Array(buffer.prefix(WorkUnit.headBytes))
                buffer.append(contentsOf: repeatElement(0, count: Self.padding))
                var unit = WorkUnit(kind: .document, fileIndex: index, buffer: buffer, dataCount: count,
                                    byteOffset: 0, atFileStart: true, atFileEnd: true)
                unit.head = head
                try emit(unit)
            }
        case .lines:
            let (total, cutLineStart) = try readLines(source, from: 0, endsFile: { true }, emit: emit, progress: progress)
            decompressed = total
            if let corrupt = source.corruption {
                // The partial line at the break is part of this one reject (SPEC §8: one corrupt_gzip).
                try emit(WorkUnit(kind: .corruptGzip(detail: corrupt), fileIndex: index, buffer: [], dataCount: 0,
                                  byteOffset: cutLineStart, atFileStart: false, atFileEnd: true))
            }
            return InputReport(path: file.path, bytes: source.rawBytes, sha256: source.sha256Hex(), decompressedBytes: decompressed)
        }
        if let corrupt = source.corruption {
            try emit(WorkUnit(kind: .corruptGzip(detail: corrupt), fileIndex: index, buffer: [], dataCount: 0,
                              byteOffset: 0, atFileStart: false, atFileEnd: true))
        }
        return InputReport(path: file.path, bytes: source.rawBytes, sha256: source.sha256Hex(), decompressedBytes: decompressed)
    }

    /// Returns the bytes read and the offset where the last (possibly cut) line started.
    /// `start`: the stream's offset in the input; `endsFile`: whether the stream's end is the
    /// input's end (its last line may then lack a newline), asked when the stream ends.
    private func readLines(_ source: ByteSource, from start: Int64, endsFile: () -> Bool, emit: (WorkUnit) throws -> Void,
                           progress: (Int64) -> Void) throws -> (Int64, Int64) {
        var pending: [UInt8] = []        // start of a line that continues in the next read
        var pendingOffset: Int64 = start // its offset in the input
        var streamOffset: Int64 = start  // offset of the next byte read
        var atStart = start == 0         // a BOM is only looked for at the input's start
        var discarding = false           // inside an oversized line
        var discardStart: Int64 = 0
        while true {
            let keep = pending.count
            var buffer = allocate(keep + chunkSize + Self.padding)
            if keep > 0 { buffer.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: pending) } }
            let n = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[keep ..< keep + chunkSize]))
            }
            progress(source.rawBytes)
            streamOffset += Int64(n)
            if n == 0 {
                // End of input: whatever is pending is the last line, without a newline.
                if discarding {
                    try emitOversized(start: discardStart, end: streamOffset, emit)
                } else if keep > 0 && source.corruption == nil {
                    var unit = WorkUnit(kind: .lines, fileIndex: index, buffer: buffer, dataCount: keep,
                                        byteOffset: pendingOffset, atFileStart: atStart, atFileEnd: endsFile())
                    if atStart { unit.head = Array(buffer[0 ..< min(keep, WorkUnit.headBytes)]) }
                    try emit(unit)
                }
                return (streamOffset, pendingOffset)
            }
            let total = keep + n
            if discarding {
                // Skip to the end of the oversized line.
                guard let nl = lastNewline(buffer, from: keep, to: total, first: true) else {
                    pending = []
                    continue
                }
                try emitOversized(start: discardStart, end: pendingOffset + Int64(nl) + 1, emit)
                discarding = false
                pending = Array(buffer[(nl + 1) ..< total])
                pendingOffset += Int64(nl + 1)
                atStart = false
                continue
            }
            if let nl = lastNewline(buffer, from: keep, to: total, first: false) {
                let tail = Array(buffer[(nl + 1) ..< total])
                var unit = WorkUnit(kind: .lines, fileIndex: index, buffer: buffer, dataCount: nl + 1,
                                    byteOffset: pendingOffset, atFileStart: atStart, atFileEnd: false)
                if atStart { unit.head = Array(buffer[0 ..< min(total, WorkUnit.headBytes)]) }
                try emit(unit)
                atStart = false
                pending = tail
                pendingOffset += Int64(nl + 1)
            } else if total > maxLineBytes {
                // The line is already over the limit and still going: stop buffering it.
                discarding = true
                discardStart = pendingOffset
                pending = []
                if atStart { atStart = false }
            } else {
                pending = Array(buffer[0 ..< total])
            }
            // A chunk that ended a line may still leave an over-long partial line pending.
            if !discarding && pending.count > maxLineBytes {
                discarding = true
                discardStart = pendingOffset
                pending = []
            }
        }
    }

    private func emitOversized(start: Int64, end: Int64, _ emit: (WorkUnit) throws -> Void) throws {
        try emit(WorkUnit(kind: .oversizedLine(length: end - start), fileIndex: index, buffer: [], dataCount: 0,
                          byteOffset: start, atFileStart: false, atFileEnd: false))
    }

    /// The index of the last (or first) `\n` in `buffer[from..<to]`.
    private func lastNewline(_ buffer: [UInt8], from: Int, to: Int, first: Bool) -> Int? {
        buffer.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, to > from else { return nil }
            if first {
                guard let p = memchr(base + from, 0x0A, to - from) else { return nil }
                return base.distance(to: UnsafeRawPointer(p))
            }
            // Backwards scan (memrchr is a GNU extension): the last newline is near the end.
            var i = to - 1
            while i >= from {
                if raw[i] == 0x0A { return i }
                i -= 1
            }
            return nil
        }
    }
}
