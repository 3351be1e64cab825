/// The data-quality counts the fold stage adds to what the map stage counted: events and order
/// records left out by the filters, duplicates, date fallbacks and accepted events per carrier,
/// order records and remittance rows used, and the newest event dated by itself.
package struct QualityCounts: Sendable, Equatable, Codable {
    package var filteredOut: Int64 = 0
    package var duplicates: [Carrier: Int64] = [:]
    /// Accepted events per carrier and date source (`event`, `received_at`, `as_of`).
    package var dateSources: [Carrier: [Int64]] = [:]
    package var acceptedEvents: [Carrier: Int64] = [:]
    package var orderRecords: Int64 = 0
    package var remittanceRows: Int64 = 0
    /// Instant (ms) of the newest accepted event dated by itself or its envelope (not by as-of).
    package var newestDatedInstant: Int64?

    package init() {}

    package mutating func merge(_ o: QualityCounts) {
        filteredOut += o.filteredOut
        for (c, n) in o.duplicates { duplicates[c, default: 0] += n }
        for (c, v) in o.dateSources {
            var mine = dateSources[c] ?? [0, 0, 0]
            for i in mine.indices { mine[i] += v[i] }
            dateSources[c] = mine
        }
        for (c, n) in o.acceptedEvents { acceptedEvents[c, default: 0] += n }
        orderRecords += o.orderRecords
        remittanceRows += o.remittanceRows
        if let n = o.newestDatedInstant { newestDatedInstant = max(newestDatedInstant ?? n, n) }
    }

    package func dateSource(_ carrier: Carrier, _ source: DateSource) -> Int64 {
        dateSources[carrier]?[Int(source.rawValue)] ?? 0
    }
}
