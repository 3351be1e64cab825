import ShipKPIJSON
import ShipKPIDigest
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
    /// The digest of the input's raw bytes.
    let hash: HashAlgorithm
    /// Largest `.json` document read whole.
    let maxDocumentBytes: Int
    /// Only the lines that start in this byte range (a split of a plain NDJSON file, see
    /// ``RangeByteSource``); nil = the whole input.
    package var range: Range<Int64>?

    /// Where chunk buffers come from (reused across chunks); nil allocates each one. A buffer may
    /// have more bytes than asked for.
    var allocate: (Int) -> [UInt8] = { count in [UInt8](unsafeUninitializedCapacity: count) { _, n in n = count } }
    /// Where a buffer the reader no longer needs goes (one outgrown by a long line).
    var reuse: ([UInt8]) -> Void = { _ in }

    package init(
        file: InputFile, index: Int32, chunkSize: Int, maxLineBytes: Int, hash: HashAlgorithm, maxDocumentBytes: Int = Int(UInt32.max) - 64
    ) {
        self.hash = hash
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
            let source = try RangeByteSource(path: file.path, range: range, hash: hash)
            let (total, _) = try readLines(
                source, from: source.firstLineOffset, endsFile: { source.reachedEndOfFile },
                emit: emit, progress: progress)
            return InputReport(
                path: file.path, bytes: Int64(range.count), digest: source.digestHex(),
                decompressedBytes: total - source.firstLineOffset)
        }
        let source: ByteSource = file.gzip ? try GzipByteSource(path: file.path, hash: hash) : try FileByteSource(path: file.path, hash: hash)
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
                try emit(
                    WorkUnit(
                        kind: .oversizedLine(length: decompressed), fileIndex: index, buffer: [], dataCount: 0,
                        byteOffset: 0, atFileStart: true, atFileEnd: true))
            } else {
                let count = buffer.count
                let head = Array(buffer.prefix(WorkUnit.headBytes))
                buffer.append(contentsOf: repeatElement(0, count: Self.padding))
                var unit = WorkUnit(
                    kind: .document, fileIndex: index, buffer: buffer, dataCount: count,
                    byteOffset: 0, atFileStart: true, atFileEnd: true)
                unit.head = head
                try emit(unit)
            }
        case .lines:
            let (total, cutLineStart) = try readLines(source, from: 0, endsFile: { true }, emit: emit, progress: progress)
            decompressed = total
            if let corrupt = source.corruption {
                // The partial line at the break is part of this one reject (SPEC §8: one corrupt_gzip).
                try emit(
                    WorkUnit(
                        kind: .corruptGzip(detail: corrupt), fileIndex: index, buffer: [], dataCount: 0,
                        byteOffset: cutLineStart, atFileStart: false, atFileEnd: true))
            }
            return InputReport(path: file.path, bytes: source.rawBytes, digest: source.digestHex(), decompressedBytes: decompressed)
        }
        if let corrupt = source.corruption {
            try emit(
                WorkUnit(
                    kind: .corruptGzip(detail: corrupt), fileIndex: index, buffer: [], dataCount: 0,
                    byteOffset: 0, atFileStart: false, atFileEnd: true))
        }
        return InputReport(path: file.path, bytes: source.rawBytes, digest: source.digestHex(), decompressedBytes: decompressed)
    }

    /// Where ``readLines(_:from:endsFile:emit:progress:)`` is in the stream between two reads.
    private struct LineState {
        /// The buffer the next read goes into; its first `pendingCount` bytes are the start of a
        /// line that continues in that read. A long line grows in it (no copy out and back per
        /// chunk); an empty buffer is allocated at the next read.
        var next: [UInt8] = []
        var pendingCount = 0
        /// Its offset in the input.
        var pendingOffset: Int64
        /// Offset of the next byte read.
        var streamOffset: Int64
        /// Whether the next unit starts the input (a BOM is only looked for there).
        var atStart: Bool
        /// Inside an oversized line, which started at `discardStart`.
        var discarding = false
        var discardStart: Int64 = 0

        init(start: Int64) {
            pendingOffset = start
            streamOffset = start
            atStart = start == 0
        }

        /// Stops buffering the pending line: it is over the limit.
        mutating func startDiscarding() {
            discarding = true
            discardStart = pendingOffset
            pendingCount = 0
        }
    }

    /// Returns the bytes read and the offset where the last (possibly cut) line started.
    /// `start`: the stream's offset in the input; `endsFile`: whether the stream's end is the
    /// input's end (its last line may then lack a newline), asked when the stream ends.
    private func readLines(
        _ source: ByteSource, from start: Int64, endsFile: () -> Bool, emit: (WorkUnit) throws -> Void,
        progress: (Int64) -> Void
    ) throws -> (Int64, Int64) {
        var state = LineState(start: start)
        while true {
            let keep = state.pendingCount
            var buffer = bufferForRead(&state)
            let n = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[keep ..< keep + chunkSize]))
            }
            progress(source.rawBytes)
            state.streamOffset += Int64(n)
            if n == 0 {
                try finishLines(
                    &state, buffer: buffer, keep: keep, corrupt: source.corruption != nil, endsFile: endsFile,
                    emit: emit)
                return (state.streamOffset, state.pendingOffset)
            }
            if state.discarding {
                try skipOversized(&state, buffer: consume buffer, from: keep, to: keep + n, emit: emit)
            } else {
                try emitLines(&state, buffer: consume buffer, from: keep, to: keep + n, emit: emit)
            }
        }
    }

    /// The buffer for the next read: the pending line's own when a chunk fits after it, else a
    /// larger one with the pending bytes copied (the outgrown one goes back for reuse).
    private func bufferForRead(_ state: inout LineState) -> [UInt8] {
        let keep = state.pendingCount
        let needed = keep + chunkSize + Self.padding
        var current: [UInt8] = []
        swap(&current, &state.next)
        if current.count >= needed { return current }
        var buffer = allocate(needed)
        if keep > 0 {
            current.withUnsafeBytes { from in buffer.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: from[0 ..< keep])) } }
        }
        if !current.isEmpty { reuse(current) }
        return buffer
    }

    /// End of input: whatever is pending is the last line, without a newline (unless the input
    /// is a corrupt gzip stream, whose cut line is part of the corrupt_gzip reject).
    private func finishLines(
        _ state: inout LineState, buffer: [UInt8], keep: Int, corrupt: Bool, endsFile: () -> Bool,
        emit: (WorkUnit) throws -> Void
    ) throws {
        if state.discarding {
            try emitOversized(start: state.discardStart, end: state.streamOffset, emit)
        } else if keep > 0 && !corrupt {
            var unit = WorkUnit(
                kind: .lines, fileIndex: index, buffer: buffer, dataCount: keep,
                byteOffset: state.pendingOffset, atFileStart: state.atStart, atFileEnd: endsFile())
            if state.atStart { unit.head = Array(buffer[0 ..< min(keep, WorkUnit.headBytes)]) }
            try emit(unit)
        }
    }

    /// Skips to the end of the oversized line: emits it once its newline is in `buffer[keep..<total]`,
    /// and keeps what follows as the pending line.
    private func skipOversized(
        _ state: inout LineState, buffer: consuming [UInt8], from keep: Int, to total: Int,
        emit: (WorkUnit) throws -> Void
    ) throws {
        guard let nl = lastNewline(buffer, from: keep, to: total, first: true) else {
            state.pendingCount = 0
            state.next = buffer  // read into again
            return
        }
        try emitOversized(start: state.discardStart, end: state.pendingOffset + Int64(nl) + 1, emit)
        state.discarding = false
        buffer.withUnsafeMutableBytes { raw in  // what follows the line moves to the start (memmove)
            raw.baseAddress!.copyMemory(from: raw.baseAddress! + nl + 1, byteCount: total - nl - 1)
        }
        state.next = buffer
        state.pendingCount = total - nl - 1
        state.pendingOffset += Int64(nl + 1)
        state.atStart = false
    }

    /// Emits the whole lines of `buffer[0..<total]` (the pending line, then `keep..<total` read)
    /// as one unit and keeps the rest as the pending line, or starts discarding a line that has
    /// grown over the limit.
    private func emitLines(
        _ state: inout LineState, buffer: consuming [UInt8], from keep: Int, to total: Int,
        emit: (WorkUnit) throws -> Void
    ) throws {
        if let nl = lastNewline(buffer, from: keep, to: total, first: false) {
            let tail = total - nl - 1
            // The next read's buffer, starting with the cut line (the emitted buffer is the worker's now).
            var next = allocate(tail + chunkSize + Self.padding)
            buffer.withUnsafeBytes { from in
                next.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: from.baseAddress! + nl + 1, byteCount: tail) }
            }
            let head = state.atStart ? Array(buffer[0 ..< min(total, WorkUnit.headBytes)]) : []
            var unit = WorkUnit(
                kind: .lines, fileIndex: index, buffer: buffer, dataCount: nl + 1,
                byteOffset: state.pendingOffset, atFileStart: state.atStart, atFileEnd: false)
            unit.head = head
            try emit(unit)
            state.atStart = false
            state.next = next
            state.pendingCount = tail
            state.pendingOffset += Int64(nl + 1)
        } else if total > maxLineBytes {
            // The line is already over the limit and still going: stop buffering it.
            state.startDiscarding()
            state.atStart = false
            state.next = buffer  // read into again
        } else {
            state.next = buffer  // the line grows in it
            state.pendingCount = total
        }
        // A chunk that ended a line may still leave an over-long partial line pending.
        if !state.discarding && state.pendingCount > maxLineBytes {
            state.startDiscarding()
        }
    }

    private func emitOversized(start: Int64, end: Int64, _ emit: (WorkUnit) throws -> Void) throws {
        try emit(
            WorkUnit(
                kind: .oversizedLine(length: end - start), fileIndex: index, buffer: [], dataCount: 0,
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
