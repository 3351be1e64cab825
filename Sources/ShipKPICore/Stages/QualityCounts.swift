/// The data-quality counts the fold stage adds to what the map stage counted: events and order
/// records left out by the filters, duplicates, date fallbacks and accepted events per carrier,
/// order records and remittance rows used, and the newest event dated by itself.
package struct QualityCounts: Sendable, Equatable, Codable {
    package var filteredOut: Int64 = 0
    @SortedByKey package var duplicates: [Carrier: Int64] = [:]
    /// Accepted events per carrier and date source (`event`, `received_at`, `as_of`).
    @SortedByKey package var dateSources: [Carrier: [Int64]] = [:]
    @SortedByKey package var acceptedEvents: [Carrier: Int64] = [:]
    package var orderRecords: Int64 = 0
    package var remittanceRows: Int64 = 0
    /// Instant (ms) of the newest accepted event dated by itself or its envelope (not by as-of).
    package var newestDatedInstant: Int64?

    package init() {}

    package mutating func merge(_ other: QualityCounts) {
        filteredOut += other.filteredOut
        for (c, n) in other.duplicates { duplicates[c, default: 0] += n }
        for (c, v) in other.dateSources {
            var mine = dateSources[c] ?? [0, 0, 0]
            for i in mine.indices { mine[i] += v[i] }
            dateSources[c] = mine
        }
        for (c, n) in other.acceptedEvents { acceptedEvents[c, default: 0] += n }
        orderRecords += other.orderRecords
        remittanceRows += other.remittanceRows
        if let n = other.newestDatedInstant { newestDatedInstant = max(newestDatedInstant ?? n, n) }
    }

    package func dateSource(_ carrier: Carrier, _ source: DateSource) -> Int64 {
        dateSources[carrier]?[Int(source.rawValue)] ?? 0
    }
}
