/// What the map stage counts of the lines it reads (lines, blank lines, records by kind,
/// envelopes, bytes): added up over batches, splits and processes in any grouping.
package struct BatchCounters: Sendable, Equatable, Codable {
    package var lines: Int64 = 0
    package var blankLines: Int64 = 0
    package var records: [Int64] = Array(repeating: 0, count: RecordKind.allCases.count)
    package var envelopes: Int64 = 0
    package var bytes: Int64 = 0
    /// Remittance statement rows read (accepted by the statement reader; its rejects are rejects).
    package var remittanceRows: Int64 = 0

    package init() {}

    package mutating func add(_ other: BatchCounters) {
        lines += other.lines
        blankLines += other.blankLines
        for i in records.indices { records[i] += other.records[i] }
        envelopes += other.envelopes
        bytes += other.bytes
        remittanceRows += other.remittanceRows
    }

    package mutating func count(_ kind: RecordKind) { records[kind.index] += 1 }

    package func count(of kind: RecordKind) -> Int64 { records[kind.index] }

    /// Records of every kind, remittance rows included.
    package var totalRecords: Int64 { records.reduce(0, +) + remittanceRows }
}
