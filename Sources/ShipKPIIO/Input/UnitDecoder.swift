import ShipKPIJSON
import Foundation
import ShipKPICore

/// Decodes a work unit into a batch (runs on a worker thread).
package enum UnitDecoder {
    package static func decode(
        _ unit: WorkUnit, decoder: RecordDecoder, maxLineBytes: Int, into batch: consuming EventBatch = EventBatch()
    )
        -> EventBatch
    {
        var batch = batch
        batch.arena.reserveCapacity(unit.dataCount / 4)
        switch unit.kind {
        case .oversizedLine(let length):
            batch.counters.lines = 1
            batch.rejects.append(
                Reject(
                    source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: unit.byteOffset), reason: .lineTooLong,
                    detail: "a line of \(length) bytes exceeds --max-line-bytes \(maxLineBytes); it was skipped unread"))
        case .corruptGzip(let detail):
            batch.counters.lines = 1
            batch.rejects.append(
                Reject(
                    source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: unit.byteOffset), reason: .corruptGzip,
                    detail: detail + "; the data before it was kept"))
        case .lines:
            batch.counters.bytes = Int64(unit.dataCount)
            unit.buffer.withUnsafeBytes { raw in decodeLines(raw, of: unit, decoder: decoder, maxLineBytes: maxLineBytes, into: &batch) }
        case .document:
            batch.counters.bytes = Int64(unit.dataCount)
            unit.buffer.withUnsafeBytes { raw in decodeDocument(raw, of: unit, decoder: decoder, into: &batch) }
        }
        return batch
    }

    private static func decodeLines(
        _ raw: UnsafeRawBufferPointer, of unit: WorkUnit, decoder: RecordDecoder, maxLineBytes: Int,
        into batch: inout EventBatch
    ) {
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
                batch.rejects.append(
                    Reject(
                        source: SourcePosition(file: unit.fileIndex, line: line, byteOffset: unit.byteOffset + Int64(p)), reason: .lineTooLong,
                        detail: "a line of \(len) bytes exceeds --max-line-bytes \(maxLineBytes); it was skipped"))
            } else if isBlank(raw, from: p, count: len) {
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
    private static func isBlank(_ raw: UnsafeRawBufferPointer, from start: Int, count len: Int) -> Bool {
        var i = start
        while i < start + len {
            if !isASCIIWhitespace(raw[i]) { return false }
            i += 1
        }
        return true
    }

    /// A `.json` file: one object, or an array whose elements are decoded one by one so that a
    /// bad element is one reject and its siblings are kept (SPEC §8).
    private static func decodeDocument(_ raw: UnsafeRawBufferPointer, of unit: WorkUnit, decoder: RecordDecoder, into batch: inout EventBatch) {
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
            decoder.decode(
                UnsafeRawBufferPointer(start: base + start, count: end - start),
                source: SourcePosition(file: unit.fileIndex, line: 1, byteOffset: Int64(start)),
                terminated: true, into: &batch)
            return
        }
        for element in JSONArraySplitter.elements(raw, from: i, to: end) {
            batch.counters.lines += 1
            decoder.decode(
                UnsafeRawBufferPointer(start: base + element.range.lowerBound, count: element.range.count),
                source: SourcePosition(file: unit.fileIndex, line: Int64(element.index), byteOffset: Int64(element.range.lowerBound)),
                terminated: element.complete, into: &batch)
        }
    }
}
