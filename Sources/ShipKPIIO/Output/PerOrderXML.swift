import ShipKPICore
import ShipKPIXML

/// The rows of the per-order sections of report.xml, one function per section (see ``PerOrderCSV``).
package enum PerOrderXML {
    /// Depth of each section's rows in report.xml (for fragments written by other processes).
    package static let ordersDepth = 2
    package static let codDepth = 3
    package static let checksDepth = 2

    private static func instant(_ ms: Int64?) -> String? { ms.map { InstantFormat.utcString($0) } }

    package static func order(_ w: XMLStreamWriter, _ row: OrderRow, in rows: OrderRows, carriers: Carriers, currency: String) throws {
        try w.startElement("order")
        try w.attribute("carrier", carriers[row.carrier].id)
        try w.attribute("order_code", String(decoding: rows.orderCode(row), as: UTF8.self))
        try w.attribute("final_status", row.finalStatus.name)
        try w.attribute("final_status_code", String(decoding: rows.statusCode(row), as: UTF8.self))
        try w.attribute("first_event_at", instant(row.firstEventAt))
        try w.attribute("final_event_at", instant(row.finalEventAt))
        try w.attribute("picked_up_at", instant(row.pickedUpAt))
        try w.attribute("delivered_at", instant(row.deliveredAt))
        try w.attribute("failed_attempts", String(row.failedAttempts))
        try w.attribute("feedback_requests", row.feedbackRequests.map { String($0) })
        try w.amount("cod_amount", row.cod, currency: currency)
        try w.attribute("currency", row.cod == nil ? nil : currency)
        try w.attribute("needs_action", row.needsAction ? "true" : "false")
        try w.endElement()
    }

    package static func cod(_ w: XMLStreamWriter, _ row: CODRow, carriers: Carriers) throws {
        try w.startElement("row")
        try w.attribute("carrier", carriers[row.carrier].id)
        try w.attribute("order_code", row.orderCode)
        try w.attribute("currency", row.currency)
        try w.amount("cod_amount", row.cod, currency: row.currency)
        try w.attribute("final_status", row.finalStatus?.name)
        try w.attribute("delivered_at", instant(row.deliveredAt))
        try w.amount("remitted_amount", row.remittance?.amount, currency: row.currency)
        try w.amount("fee", row.remittance?.fee, currency: row.currency)
        try w.amount("difference", row.difference, currency: row.currency)
        try w.attribute("status", row.status.rawValue)
        try w.attribute("days_since_delivery", row.daysSinceDelivery.map { String($0) })
        try w.amount("net_paid", row.remittance?.netPaid, currency: row.currency)
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
