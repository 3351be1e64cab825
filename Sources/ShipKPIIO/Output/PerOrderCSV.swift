import ShipKPICore

/// The rows of the per-order CSV files, one function per file; the in-process writers and the
/// fold stage's fragments both render with these, so both give the same bytes.
package enum PerOrderCSV {
    private static func instant(_ csv: inout CSVWriter, _ ms: Int64?) {
        if let ms { csv.appendRaw { InstantFormat.appendUTC(ms, to: &$0) } } else { csv.appendEmpty() }
    }

    private static func amount(_ csv: inout CSVWriter, _ value: ExactDecimal?, _ currency: String) {
        if let value { csv.appendRaw(value.formatted(minFractionDigits: minorDigits(currency))) } else { csv.appendEmpty() }
    }

    /// One `orders.csv` row.
    package static func order(_ csv: inout CSVWriter, _ row: OrderRow, in rows: OrderRows, carriers: Carriers, currency: String) {
        csv.appendRaw(carriers[row.carrier].id)
        rows.orderCode(row).withUnsafeBytes { csv.appendText($0) }
        csv.appendRaw(row.finalStatus.name)
        rows.statusCode(row).withUnsafeBytes { csv.appendText($0) }
        instant(&csv, row.firstEventAt)
        instant(&csv, row.finalEventAt)
        instant(&csv, row.pickedUpAt)
        instant(&csv, row.deliveredAt)
        csv.appendInteger(Int(row.failedAttempts))
        if let f = row.feedbackRequests { csv.appendInteger(Int(f)) } else { csv.appendEmpty() }
        amount(&csv, row.cod, currency)
        if row.cod != nil { csv.appendRaw(currency) } else { csv.appendEmpty() }
        csv.appendRaw(row.needsAction ? "true" : "false")
        csv.endRow()
    }

    /// One `cod_reconciliation.csv` row.
    package static func cod(_ csv: inout CSVWriter, _ row: CODRow, carriers: Carriers, remittancePaths: [String]) {
        csv.appendRaw(carriers[row.carrier].id)
        csv.appendText(row.orderCode)
        csv.appendRaw(row.currency)
        amount(&csv, row.cod, row.currency)
        if let s = row.finalStatus { csv.appendRaw(s.name) } else { csv.appendEmpty() }
        instant(&csv, row.deliveredAt)
        amount(&csv, row.remittance?.amount, row.currency)
        amount(&csv, row.remittance?.fee, row.currency)
        amount(&csv, row.difference, row.currency)
        csv.appendRaw(row.status.rawValue)
        if let d = row.daysSinceDelivery { csv.appendInteger(Int(d)) } else { csv.appendEmpty() }
        amount(&csv, row.remittance?.netPaid, row.currency)
        if let r = row.remittance {
            csv.appendText(r.remittedAt)
            csv.appendText(r.reference)
            let file = Int(r.source.file)
            csv.appendText(file >= 0 && file < remittancePaths.count ? remittancePaths[file] : "")
            csv.appendInteger(Int(r.source.line))
        } else {
            csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty(); csv.appendEmpty()
        }
        csv.endRow()
    }

    /// One `order_checks.csv` row.
    package static func check(_ csv: inout CSVWriter, _ row: CheckRow, carriers: Carriers) {
        csv.appendRaw(carriers[row.carrier].id)
        csv.appendText(row.orderCode)
        csv.appendRaw(row.finding.code)
        csv.appendRaw(row.finding.field)
        csv.appendRaw(row.finding.message)
        csv.endRow()
    }
}
