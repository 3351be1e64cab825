import ShipKPICore
import ShipKPIXML

/// The rows of the per-order sections of report.xml, one function per section (see ``PerOrderCSV``).
package enum PerOrderXML {
    /// Depth of each section's rows in report.xml (for fragments written by other processes).
    package static let ordersDepth = 2
    package static let codDepth = 3
    package static let checksDepth = 2

    private static func instant(_ ms: Int64?) -> String? { ms.map { InstantFormat.utcString($0) } }

    package static func order(_ row: OrderRow, in rows: OrderRows, carriers: Carriers, currency: String, to xml: XMLStreamWriter) throws {
        try xml.startElement("order")
        try xml.attribute("carrier", carriers[row.carrier].id)
        try xml.attribute("order_code", String(decoding: rows.orderCode(row), as: UTF8.self))
        try xml.attribute("final_status", row.finalStatus.name)
        try xml.attribute("final_status_code", String(decoding: rows.statusCode(row), as: UTF8.self))
        try xml.attribute("first_event_at", instant(row.firstEventAt))
        try xml.attribute("final_event_at", instant(row.finalEventAt))
        try xml.attribute("picked_up_at", instant(row.pickedUpAt))
        try xml.attribute("delivered_at", instant(row.deliveredAt))
        try xml.attribute("failed_attempts", String(row.failedAttempts))
        try xml.attribute("feedback_requests", row.feedbackRequests.map { String($0) })
        try xml.amount("cod_amount", row.cod, currency: currency)
        try xml.attribute("currency", row.cod == nil ? nil : currency)
        try xml.attribute("needs_action", row.needsAction ? "true" : "false")
        try xml.endElement()
    }

    package static func cod(_ row: CODRow, carriers: Carriers, to xml: XMLStreamWriter) throws {
        try xml.startElement("row")
        try xml.attribute("carrier", carriers[row.carrier].id)
        try xml.attribute("order_code", row.orderCode)
        try xml.attribute("currency", row.currency)
        try xml.amount("cod_amount", row.cod, currency: row.currency)
        try xml.attribute("final_status", row.finalStatus?.name)
        try xml.attribute("delivered_at", instant(row.deliveredAt))
        try xml.amount("remitted_amount", row.remittance?.amount, currency: row.currency)
        try xml.amount("fee", row.remittance?.fee, currency: row.currency)
        try xml.amount("difference", row.difference, currency: row.currency)
        try xml.attribute("status", row.status.rawValue)
        try xml.attribute("days_since_delivery", row.daysSinceDelivery.map { String($0) })
        try xml.amount("net_paid", row.remittance?.netPaid, currency: row.currency)
        if let r = row.remittance {
            try xml.attribute("remitted_at", r.remittedAt)
            try xml.attribute("reference", r.reference)
        }
        try xml.endElement()
    }

    package static func check(_ row: CheckRow, carriers: Carriers, to xml: XMLStreamWriter) throws {
        try xml.startElement("finding")
        try xml.attribute("carrier", carriers[row.carrier].id)
        try xml.attribute("order_code", row.orderCode)
        try xml.attribute("code", row.finding.code)
        try xml.attribute("field", row.finding.field)
        try xml.attribute("message", row.finding.message)
        try xml.endElement()
    }
}
