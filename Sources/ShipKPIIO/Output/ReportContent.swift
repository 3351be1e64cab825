import ShipKPICore
import ShipKPIXML

/// A computed report, as the writers render it: the merged tables, the per-order rows, and the
/// display paths of the inputs.
package struct ReportContent: Sendable {
    /// The run's carriers (ids, names, chart styles).
    package var registry: CarrierRegistry
    package var tables: ReportTables
    package var perOrder: any PerOrderSource
    /// Display paths of the inputs, then of the remittance files (as in rejects.ndjson).
    package var paths: [String]
    /// Display paths of the remittance files (`cod_reconciliation.csv`'s `remittance_file`).
    package var remittancePaths: [String]

    package init(registry: CarrierRegistry, tables: ReportTables, perOrder: any PerOrderSource, paths: [String],
                 remittancePaths: [String]) {
        self.registry = registry
        self.tables = tables
        self.perOrder = perOrder
        self.paths = paths
        self.remittancePaths = remittancePaths
    }
}

/// The per-order rows of a report (`orders.csv`, `cod_reconciliation.csv`, `order_checks.csv`
/// and their sections of report.xml), in report order. Either computed in this process from the
/// fold's state (``FoldedRows``), or rendered by folds in other processes and concatenated in
/// order-key order (``FragmentFiles``): the same renderers produce both, so the bytes are the same.
package protocol PerOrderSource: Sendable {
    func writeOrdersCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws
    func writeCODCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws
    func writeChecksCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws
    /// The rows of each section, into `w` whose section element (`orders`, `rows`,
    /// `orderChecks`) is open and has no child yet.
    func writeOrdersXML(_ w: XMLStreamWriter) throws
    func writeCODXML(_ w: XMLStreamWriter) throws
    func writeChecksXML(_ w: XMLStreamWriter) throws
}

/// The per-order rows of folds in this process, computed from their state. Several folds (in
/// order-key ranges, each sorted) are written one after the other.
package struct FoldedRows: PerOrderSource {
    package let folds: [FoldResult]
    package let carriers: Carriers
    package let currencies: PerCarrier<String>
    package let remittancePaths: [String]

    package init(folds: [FoldResult], carriers: Carriers, currencies: PerCarrier<String>, remittancePaths: [String]) {
        self.folds = folds
        self.carriers = carriers
        self.currencies = currencies
        self.remittancePaths = remittancePaths
    }

    package func writeOrdersCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.orders {
                PerOrderCSV.order(&csv, row, in: fold.orders, carriers: carriers, currency: currencies[row.carrier])
                try sink(&csv)
            }
        }
    }

    package func writeCODCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.cod {
                PerOrderCSV.cod(&csv, row, carriers: carriers, remittancePaths: remittancePaths)
                try sink(&csv)
            }
        }
    }

    package func writeChecksCSV(_ csv: inout CSVWriter, _ sink: CSVReports.Sink) throws {
        for fold in folds {
            for row in fold.checks {
                PerOrderCSV.check(&csv, row, carriers: carriers)
                try sink(&csv)
            }
        }
    }

    package func writeOrdersXML(_ w: XMLStreamWriter) throws {
        for fold in folds {
            for row in fold.orders { try PerOrderXML.order(w, row, in: fold.orders, carriers: carriers, currency: currencies[row.carrier]) }
        }
    }

    package func writeCODXML(_ w: XMLStreamWriter) throws {
        for fold in folds { for row in fold.cod { try PerOrderXML.cod(w, row, carriers: carriers) } }
    }

    package func writeChecksXML(_ w: XMLStreamWriter) throws {
        for fold in folds { for row in fold.checks { try PerOrderXML.check(w, row, carriers: carriers) } }
    }
}

/// The rows of the per-order sections of report.xml, one function per section (see ``PerOrderCSV``).
package enum PerOrderXML {
    /// Depth of each section's rows in report.xml (for fragments written by other processes).
    package static let ordersDepth = 2
    package static let codDepth = 3
    package static let checksDepth = 2

    private static func attr(_ w: XMLStreamWriter, _ name: String, _ value: String?) throws {
        if let value { try w.attribute(name, value) }
    }

    private static func instant(_ ms: Int64?) -> String? { ms.map { InstantFormat.utcString($0) } }

    private static func money(_ v: ExactDecimal?, _ currency: String) -> String? {
        v.map { $0.formatted(minFractionDigits: minorDigits(currency)) }
    }

    package static func order(_ w: XMLStreamWriter, _ row: OrderRow, in rows: OrderRows, carriers: Carriers, currency: String) throws {
        try w.startElement("order")
        try w.attribute("carrier", carriers[row.carrier].id)
        try w.attribute("order_code", String(decoding: rows.orderCode(row), as: UTF8.self))
        try w.attribute("final_status", row.finalStatus.name)
        try w.attribute("final_status_code", String(decoding: rows.statusCode(row), as: UTF8.self))
        try attr(w, "first_event_at", instant(row.firstEventAt))
        try attr(w, "final_event_at", instant(row.finalEventAt))
        try attr(w, "picked_up_at", instant(row.pickedUpAt))
        try attr(w, "delivered_at", instant(row.deliveredAt))
        try w.attribute("failed_attempts", String(row.failedAttempts))
        try attr(w, "feedback_requests", row.feedbackRequests.map { String($0) })
        try attr(w, "cod_amount", money(row.cod, currency))
        try attr(w, "currency", row.cod == nil ? nil : currency)
        try w.attribute("needs_action", row.needsAction ? "true" : "false")
        try w.endElement()
    }

    package static func cod(_ w: XMLStreamWriter, _ row: CODRow, carriers: Carriers) throws {
        try w.startElement("row")
        try w.attribute("carrier", carriers[row.carrier].id)
        try w.attribute("order_code", row.orderCode)
        try w.attribute("currency", row.currency)
        try attr(w, "cod_amount", money(row.cod, row.currency))
        try attr(w, "final_status", row.finalStatus?.name)
        try attr(w, "delivered_at", instant(row.deliveredAt))
        try attr(w, "remitted_amount", money(row.remittance?.amount, row.currency))
        try attr(w, "fee", money(row.remittance?.fee, row.currency))
        try attr(w, "difference", money(row.difference, row.currency))
        try w.attribute("status", row.status.rawValue)
        try attr(w, "days_since_delivery", row.daysSinceDelivery.map { String($0) })
        try attr(w, "net_paid", money(row.remittance?.netPaid, row.currency))
        if let r = row.remittance {
            try w.attribute("remitted_at", r.remittedAt)
            try w.attribute("reference", r.reference)
        }
        try w.endElement()
    }

    package static func check(_ w: XMLStreamWriter, _ row: CheckRow, carriers: Carriers) throws {
        try w.startElement("finding")
        try w.attribute("carrier", carriers[row.carrier].id)
        try w.attribute("order_code", row.orderCode)
        try w.attribute("code", row.finding.code)
        try w.attribute("field", row.finding.field)
        try w.attribute("message", row.finding.message)
        try w.endElement()
    }
}
