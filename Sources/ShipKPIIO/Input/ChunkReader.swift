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

/// What was read of one input, for run.json.
package struct InputReport: Sendable {
    package var path: String
    package var bytes: Int64
    package var sha256: String
    package var decompressedBytes: Int64
    /// When the input was read in byte ranges (by several processes): each range's SHA-256 in
    /// order; `sha256` is then empty.
    package var splitSHA256: [String] = []

    package init(path: String, bytes: Int64, sha256: String, decompressedBytes: Int64, splitSHA256: [String] = []) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.decompressedBytes = decompressedBytes
        self.splitSHA256 = splitSHA256
    }
}

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

/// Decodes a work unit into a batch (runs on a worker thread).
package enum UnitDecoder {
    package static func decode(_ unit: WorkUnit, decoder: RecordDecoder, maxLineBytes: Int, into batch: consuming EventBatch = EventBatch())
        -> EventBatch
    {
        var batch = batch
        batch.arena.reserveCapacity(unit.dataCount / 4)
        switch unit.kind {
        case .oversizedLine(let length):
            batch.counters.lines = 1
            batch.rejects.append(Reject(
                source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: unit.byteOffset), reason: .lineTooLong,
                detail: "a line of \(length) bytes exceeds --max-line-bytes \(maxLineBytes); it was skipped unread"))
        case .corruptGzip(let detail):
            batch.counters.lines = 1
            batch.rejects.append(Reject(
                source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: unit.byteOffset), reason: .corruptGzip,
                detail: detail + "; the data before it was kept"))
        case .lines:
            batch.counters.bytes = Int64(unit.dataCount)
            unit.buffer.withUnsafeBytes { raw in decodeLines(raw, unit, decoder, maxLineBytes, &batch) }
        case .document:
            batch.counters.bytes = Int64(unit.dataCount)
            unit.buffer.withUnsafeBytes { raw in decodeDocument(raw, unit, decoder, &batch) }
        }
        return batch
    }

    private static func decodeLines(_ raw: UnsafeRawBufferPointer, _ unit: WorkUnit, _ decoder: RecordDecoder, _ maxLineBytes: Int,
                                    _ batch: inout EventBatch) {
        guard let base = raw.baseAddress else { return }
        var p = 0
        let end = unit.dataCount
        if unit.atFileStart && end >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF { p = 3 }
        var line: Int64 = 0
        while p < end {
            let nl = memchr(base + p, 0x0A, end - p).map { base.distance(to: UnsafeRawPointer($0)) }
            let lineEnd = nl ?? end
            line += 1
            var len = lineEnd - p
            if len > 0 && raw[p + len - 1] == 0x0D { len -= 1 }
            if len > maxLineBytes {
                // Longer than the limit but short enough to arrive inside one chunk.
                batch.rejects.append(Reject(
                    source: SourcePosition(file: unit.fileIndex, line: line, byteOffset: unit.byteOffset + Int64(p)), reason: .lineTooLong,
                    detail: "a line of \(len) bytes exceeds --max-line-bytes \(maxLineBytes); it was skipped"))
            } else if isBlank(raw, p, len) {
                batch.counters.blankLines += 1
            } else {
                decoder.decode(
                    UnsafeRawBufferPointer(start: base + p, count: len),
                    source: SourcePosition(file: unit.fileIndex, line: line, byteOffset: unit.byteOffset + Int64(p)),
                    terminated: nl != nil || !unit.atFileEnd, into: &batch)
            }
            p = lineEnd + 1
        }
        batch.counters.lines = line
    }

    @inline(__always)
    private static func isBlank(_ raw: UnsafeRawBufferPointer, _ start: Int, _ len: Int) -> Bool {
        var i = start
        while i < start + len {
            if !isASCIIWhitespace(raw[i]) { return false }
            i += 1
        }
        return true
    }

    /// A `.json` file: one object, or an array whose elements are decoded one by one so that a
    /// bad element is one reject and its siblings are kept (SPEC §8).
    private static func decodeDocument(_ raw: UnsafeRawBufferPointer, _ unit: WorkUnit, _ decoder: RecordDecoder, _ batch: inout EventBatch) {
        guard let base = raw.baseAddress else { return }
        var start = 0
        let end = unit.dataCount
        if end >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF { start = 3 }
        var i = start
        while i < end && isASCIIWhitespace(raw[i]) { i += 1 }
        if i == end {
            batch.counters.blankLines += 1
            return
        }
        guard raw[i] == UInt8(ascii: "[") else {
            batch.counters.lines = 1
            decoder.decode(UnsafeRawBufferPointer(start: base + start, count: end - start),
                           source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: Int64(start)),
                           terminated: true, into: &batch)
            return
        }
        for element in JSONArraySplitter.elements(raw, from: i, to: end) {
            batch.counters.lines += 1
            decoder.decode(UnsafeRawBufferPointer(start: base + element.range.lowerBound, count: element.range.count),
                           source: SourcePosition(file: unit.fileIndex, line: Int64(element.index), byteOffset: Int64(element.range.lowerBound)),
                           terminated: element.complete, into: &batch)
        }
    }
}

/// Finds the elements of a top-level JSON array by scanning brackets and strings, so each can be
/// parsed (and rejected) on its own.
package enum JSONArraySplitter {
    package struct Element: Equatable {
        /// 1-based element index.
        package var index: Int
        package var range: Range<Int>
        /// False when the file ended inside this element (or after it without `]`).
        package var complete: Bool
    }

    /// Elements of the array starting at `from` (which holds `[`). Text after the closing `]`,
    /// or a missing `]`, becomes one more (invalid) element so that it is rejected, not ignored.
    package static func elements(_ raw: UnsafeRawBufferPointer, from: Int, to end: Int) -> [Element] {
        var out: [Element] = []
        var i = from + 1
        func skipSpace() { while i < end && isASCIIWhitespace(raw[i]) { i += 1 } }
        while true {
            skipSpace()
            if i >= end {
                // The file ends before `]`: a cut export.
                out.append(Element(index: out.count + 1, range: end ..< end, complete: false))
                return out
            }
            if raw[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                if i < end { out.append(Element(index: out.count + 1, range: i ..< end, complete: true)) }
                return out
            }
            let start = i
            var depth = 0
            var inString = false
            var stop: Int?
            while i < end {
                let b = raw[i]
                if inString {
                    if b == UInt8(ascii: "\\") { i += 2; continue }
                    if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    if depth == 0 { stop = i; break }
                    depth -= 1
                } else if b == UInt8(ascii: ",") && depth == 0 {
                    stop = i
                    break
                }
                i += 1
            }
            var last = min(i, end)
            while last > start && isASCIIWhitespace(raw[last - 1]) { last -= 1 }
            guard let stop else {
                out.append(Element(index: out.count + 1, range: start ..< last, complete: false))
                return out
            }
            out.append(Element(index: out.count + 1, range: start ..< last, complete: true))
            switch raw[stop] {
            case UInt8(ascii: ","): i = stop + 1
            case UInt8(ascii: "]"): i = stop
            default:
                // A stray `}` at the top of the array: the rest cannot be split reliably.
                out.append(Element(index: out.count + 1, range: stop ..< end, complete: true))
                return out
            }
        }
    }
}
