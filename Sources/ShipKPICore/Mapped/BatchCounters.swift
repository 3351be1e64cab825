/// What the map stage counts of the lines it reads (lines, blank lines, records by kind,
/// envelopes, bytes): added up over batches, splits and processes in any grouping.
package struct BatchCounters: Sendable, Equatable, Codable {
    package var lines: Int64 = 0
    package var blankLines: Int64 = 0
    /// Records by kind (``Carriers/recordKinds`` order); kinds past the end were not seen.
    package private(set) var records: [Int64] = []
    package var envelopes: Int64 = 0
    package var bytes: Int64 = 0
    /// Remittance statement rows read (accepted by the statement reader; its rejects are rejects).
    package var remittanceRows: Int64 = 0

    package init() {}

    package mutating func add(_ other: BatchCounters) {
        lines += other.lines
        blankLines += other.blankLines
        if records.count < other.records.count { records += Array(repeating: 0, count: other.records.count - records.count) }
        for i in other.records.indices { records[i] += other.records[i] }
        envelopes += other.envelopes
        bytes += other.bytes
        remittanceRows += other.remittanceRows
    }

    @inline(__always)
    package mutating func count(_ kind: RecordKind, _ n: Int64 = 1) {
        if kind.index >= records.count { records += Array(repeating: 0, count: kind.index + 1 - records.count) }
        records[kind.index] += n
    }

    package func count(of kind: RecordKind) -> Int64 { kind.index < records.count ? records[kind.index] : 0 }

    /// Equal when every count is (a kind never seen counts 0).
    package static func == (a: BatchCounters, b: BatchCounters) -> Bool {
        let n = max(a.records.count, b.records.count)
        for i in 0 ..< n where a.count(of: RecordKind(index: i)) != b.count(of: RecordKind(index: i)) { return false }
        return a.lines == b.lines && a.blankLines == b.blankLines && a.envelopes == b.envelopes && a.bytes == b.bytes
            && a.remittanceRows == b.remittanceRows
    }

    /// Records of every kind, remittance rows included.
    package var totalRecords: Int64 { records.reduce(0, +) + remittanceRows }
}
