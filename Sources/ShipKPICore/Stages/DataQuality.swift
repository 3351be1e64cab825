/// Everything the data-quality section reports.
package struct DataQuality: Sendable {
    /// What the map stage counted (lines, blank lines, records by kind, envelopes, bytes).
    package var counters: BatchCounters
    package var quality: QualityCounts
    /// Rejects by reason, reasons in byte order.
    package var rejects: [(reason: RejectReason, count: Int64)]
    package var rejectTotal: Int64
    /// Unmapped status codes, by carrier then code.
    package var unknownCodes: [UnknownCode]

    package var filteredOut: Int64 { quality.filteredOut }
    package var orderRecords: Int64 { quality.orderRecords }
    package var remittanceRows: Int64 { quality.remittanceRows }
    package func acceptedEvents(_ carrier: Carrier) -> Int64 { quality.acceptedEvents[carrier] ?? 0 }
    package func duplicates(_ carrier: Carrier) -> Int64 { quality.duplicates[carrier] ?? 0 }
    package func dateFallbacks(_ carrier: Carrier, _ source: DateSource) -> Int64 { quality.dateSource(carrier, source) }
}
