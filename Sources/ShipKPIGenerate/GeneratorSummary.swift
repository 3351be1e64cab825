import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// What a generation run wrote, and what a correct reader must make of it.
package struct GeneratorSummary: Sendable {
    package var files: [GeneratedFile] = []
    package var orders247 = 0
    package var ordersHound = 0
    /// 247Express order-record lines (including re-sent records).
    package var orderRecords: Int64 = 0
    /// Distinct status events (what a reader keeps after removing duplicates), per carrier.
    package var distinctEvents247: Int64 = 0
    package var distinctEventsHound: Int64 = 0
    /// Status-event records written, valid ones only (lines, plus status-log items).
    package var eventRecords: Int64 = 0
    package var statusLogDocuments: Int64 = 0
    package var statusLogItems: Int64 = 0
    package var envelopes: Int64 = 0
    /// Intentionally malformed lines: each is exactly one reject.
    package var malformedLines: Int64 = 0
    package var bigPODLines: Int64 = 0
    package var remittanceRows: Int64 = 0
    /// Remittance rows by what the reconciliation should find.
    package var remittedExact: Int64 = 0
    package var remittedShort: Int64 = 0
    package var remittedOver: Int64 = 0
    package var remittedTwice: Int64 = 0
    package var remittedUndelivered: Int64 = 0
    package var remittedUnknownOrder: Int64 = 0
    /// Delivered orders with COD that the carrier never remits.
    package var neverRemitted: Int64 = 0
    package var seconds: Double = 0

    /// Duplicate status events a reader must find (records written − distinct events).
    package var duplicateEvents: Int64 { eventRecords - distinctEvents247 - distinctEventsHound }
    package var totalBytes: Int64 { files.reduce(0) { $0 + $1.bytes } }

    package var summaryLine: String {
        let mb = Double(totalBytes) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        return "shipkpi generate: \(orders247 + ordersHound) orders, \(distinctEvents247 + distinctEventsHound) events, "
            + "\(files.count) files, \(String(format: "%.1f", mb)) MB (\(duplicateEvents) duplicates, \(malformedLines) malformed, "
            + "\(bigPODLines) big POD lines, \(remittanceRows) remittance rows) in \(String(format: "%.2f", seconds)) s "
            + "(\(String(format: "%.0f", rate)) MB/s)"
    }
}
