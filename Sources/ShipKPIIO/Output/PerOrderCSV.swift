import ShipKPICore

/// The rows of the per-order CSV files, one function per file; the in-process writers and the
/// fold stage's fragments both render with these, so both give the same bytes.
package enum PerOrderCSV {
    private static func instant(_ ms: Int64?, to csv: inout CSVWriter) {
        if let ms { csv.appendRaw { InstantFormat.appendUTC(ms, to: &$0) } } else { csv.appendEmpty() }
    }

    private static func amount(_ value: ExactDecimal?, currency: String, to csv: inout CSVWriter) {
        if let value { csv.appendRaw(value.formatted(minFractionDigits: minorDigits(currency))) } else { csv.appendEmpty() }
    }

    /// One `orders.csv` row.
    package static func order(_ row: OrderRow, in rows: OrderRows, carriers: Carriers, currency: String, to csv: inout CSVWriter) {
        csv.appendRaw(carriers[row.carrier].id)
        rows.orderCode(row).withUnsafeBytes { csv.appendText($0) }
        csv.appendRaw(row.finalStatus.name)
        rows.statusCode(row).withUnsafeBytes { csv.appendText($0) }
        instant(row.firstEventAt, to: &csv)
        instant(row.finalEventAt, to: &csv)
        instant(row.pickedUpAt, to: &csv)
        instant(row.deliveredAt, to: &csv)
        csv.appendInteger(Int(row.failedAttempts))
        if let f = row.feedbackRequests { csv.appendInteger(Int(f)) } else { csv.appendEmpty() }
        amount(row.cod, currency: currency, to: &csv)
        if row.cod != nil { csv.appendRaw(currency) } else { csv.appendEmpty() }
        csv.appendRaw(row.needsAction ? "true" : "false")
        csv.endRow()
    }

    /// One `cod_reconciliation.csv` row.
    package static func cod(_ row: CODRow, carriers: Carriers, remittancePaths: [String], to csv: inout CSVWriter) {
        csv.appendRaw(carriers[row.carrier].id)
        csv.appendText(row.orderCode)
        csv.appendRaw(row.currency)
        amount(row.cod, currency: row.currency, to: &csv)
        if let s = row.finalStatus { csv.appendRaw(s.name) } else { csv.appendEmpty() }
        instant(row.deliveredAt, to: &csv)
        amount(row.remittance?.amount, currency: row.currency, to: &csv)
        amount(row.remittance?.fee, currency: row.currency, to: &csv)
        amount(row.difference, currency: row.currency, to: &csv)
        csv.appendRaw(row.status.rawValue)
        if let d = row.daysSinceDelivery { csv.appendInteger(Int(d)) } else { csv.appendEmpty() }
        amount(row.remittance?.netPaid, currency: row.currency, to: &csv)
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
    package static func check(_ row: CheckRow, carriers: Carriers, to csv: inout CSVWriter) {
        csv.appendRaw(carriers[row.carrier].id)
        csv.appendText(row.orderCode)
        csv.appendRaw(row.finding.code)
        csv.appendRaw(row.finding.field)
        csv.appendRaw(row.finding.message)
        csv.endRow()
    }
}
