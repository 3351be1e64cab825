import ShipKPICore
import ShipKPIXML

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
