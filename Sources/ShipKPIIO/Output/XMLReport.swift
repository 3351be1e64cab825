import ShipKPICore
import ShipKPIXML

/// `report.xml` (SPEC §7): everything the CSV files hold plus the data-quality section, written
/// as a stream through libxml2 and valid against `report.xsd` (`XMLReport.schema`).
///
/// Values are attributes named like the CSV columns; an empty CSV cell is an absent attribute.
package struct XMLReport {
    package let content: ReportContent
    private var report: ReportTables { content.tables }
    private var paths: [String] { content.paths }

    package init(content: ReportContent) {
        self.content = content
    }

    package func write(to path: String) throws {
        let w = try XMLStreamWriter(path: path)
        try write(w)
        try w.close()
    }

    /// The document in memory (tests).
    package func bytes() throws -> [UInt8] {
        let w = try XMLStreamWriter.inMemory()
        try write(w)
        try w.close()
        return try w.bytes()
    }

    /// The whole document, section by section in the schema's order.
    private func write(_ xml: XMLStreamWriter) throws {
        try xml.startDocument()
        try xml.element("shipkpiReport") {
            try xml.attribute("version", shipkpiVersion)
            try xml.attribute("as_of", InstantFormat.utcString(report.asOf))
            try writeDefinitions(xml)
            try xml.element("summary") {
                for row in report.summary { try summaryRow(row, in: xml) }
            }
            try writeDaily(xml)
            try writeReasons(xml)
            try writeFeedback(xml)
            try xml.element("orders") { try content.perOrder.writeOrdersXML(xml) }
            try writeCOD(xml)
            try xml.element("orderChecks") { try content.perOrder.writeChecksXML(xml) }
            try writeBreakdowns(xml)
            try writeQuality(xml)
        }
        try xml.endDocument()
    }

    /// `definitions`: every KPI and COD status with its explanation.
    private func writeDefinitions(_ xml: XMLStreamWriter) throws {
        try xml.element("definitions") {
            for d in KPIDefinitions.all {
                try xml.element("kpi") {
                    try xml.attribute("name", d.name)
                    try xml.attribute("title", d.title)
                    try xml.text(d.text)
                }
            }
            for d in KPIDefinitions.codStatuses {
                try xml.element("codStatus") {
                    try xml.attribute("name", d.status)
                    try xml.text(d.text)
                }
            }
        }
    }

    /// `daily`: one row per carrier and local date (daily.csv).
    private func writeDaily(_ xml: XMLStreamWriter) throws {
        try xml.element("daily") {
            for row in report.daily {
                try xml.element("row") {
                    try xml.attribute("carrier", report.id(row.carrier))
                    try xml.attribute("date", InstantFormat.dateString(dayNumber: Int(row.day)))
                    let c = row.counts
                    try xml.attribute("events", c.events)
                    try xml.attribute("orders_touched", c.ordersTouched)
                    try xml.attribute("picked_up", c.pickedUp)
                    try xml.attribute("out_for_delivery", c.outForDelivery)
                    try xml.attribute("failed_attempts", c.failedAttempts)
                    try xml.attribute("delivered", c.delivered)
                    try xml.attribute("returned", c.returned)
                    try xml.attribute("lost", c.lost)
                    try xml.attribute("confiscated", c.confiscated)
                    try xml.attribute("cancelled", c.cancelled)
                    try xml.attribute("success_rate", c.successRate)
                }
            }
        }
    }

    /// `reasons`: one row per carrier and reason code (reasons.csv).
    private func writeReasons(_ xml: XMLStreamWriter) throws {
        try xml.element("reasons") {
            for row in report.reasons {
                try xml.element("row") {
                    try xml.attribute("carrier", report.id(row.carrier))
                    try xml.attribute("code", row.code)
                    try xml.attribute("label", row.counts.label)
                    try xml.attribute("category", row.counts.category.name)
                    try xml.attribute("party", row.counts.party.name)
                    try xml.attribute("events", row.counts.events)
                    try xml.attribute("orders", row.counts.orders)
                    try xml.attribute("share", row.share)
                }
            }
        }
    }

    /// `feedback`: one row per carrier with the histogram of feedback requests (feedback.csv).
    private func writeFeedback(_ xml: XMLStreamWriter) throws {
        try xml.element("feedback") {
            for (carrier, feedback) in report.feedback {
                try xml.element("row") {
                    try xml.attribute("carrier", report.id(carrier))
                    try xml.attribute("orders", feedback.orders)
                    try xml.attribute("orders_with_requests", feedback.ordersWithRequests)
                    try xml.attribute("total_requests", feedback.totalRequests)
                    try xml.attribute("mean_requests", feedback.meanRequests)
                    for (i, n) in feedback.histogram.enumerated() {
                        try xml.attribute(i == 5 ? "orders_5_plus" : "orders_\(i)", n)
                    }
                }
            }
        }
    }

    /// `breakdowns`: the summary rows by province, service and courier.
    private func writeBreakdowns(_ xml: XMLStreamWriter) throws {
        try xml.element("breakdowns") {
            let breakdowns = [
                ("province", report.breakdownProvince), ("service", report.breakdownService),
                ("courier", report.breakdownCourier),
            ]
            for (by, rows) in breakdowns {
                try xml.element("breakdown") {
                    try xml.attribute("by", by)
                    for row in rows { try summaryRow(row, in: xml) }
                }
            }
        }
    }

    /// A `row` of the summary or of a breakdown (summary.csv, breakdown_*.csv).
    private func summaryRow(_ row: SummaryRow, in xml: XMLStreamWriter) throws {
        try xml.element("row") {
            try xml.attribute("carrier", report.carriers.id(row.scope))
            if let group = row.group { try xml.attribute("group", group) }
            let c = row.kpis
            try xml.attribute("events", c.events)
            try xml.attribute("orders", c.orders)
            try xml.attribute("delivered", c.delivered)
            try xml.attribute("returned", c.returned)
            try xml.attribute("lost", c.lost)
            try xml.attribute("confiscated", c.confiscated)
            try xml.attribute("cancelled", c.cancelled)
            try xml.attribute("open", c.open)
            try xml.attribute("resolved", c.resolved)
            try xml.attribute("success_rate", c.successRate)
            try xml.attribute("attempted", c.attempted)
            try xml.attribute("first_attempt_delivered", c.firstAttemptDelivered)
            try xml.attribute("first_attempt_rate", c.firstAttemptRate)
            try xml.attribute("failed_attempts", c.failedAttempts)
            try xml.attribute("lead_time_p50_h", c.leadTimeP50)
            try xml.attribute("lead_time_p90_h", c.leadTimeP90)
            try xml.attribute("lead_time_mean_h", c.leadTimeMean)
            try xml.attribute("open_0_2d", c.open0to2)
            try xml.attribute("open_3_7d", c.open3to7)
            try xml.attribute("open_8_14d", c.open8to14)
            try xml.attribute("open_15d_plus", c.open15plus)
        }
    }

    /// `codReconciliation`: totals per status and currency, the ageing of what is not remitted
    /// yet, and every reconciliation row (cod_reconciliation.csv).
    private func writeCOD(_ xml: XMLStreamWriter) throws {
        let cod = report.cod
        try xml.element("codReconciliation") {
            try xml.attribute("remittance_rows", cod.remittanceRows)
            try xml.element("totals") {
                for total in cod.totalsList {
                    try xml.element("total") {
                        try xml.attribute("status", total.status.rawValue)
                        try xml.attribute("currency", total.currency)
                        try xml.attribute("rows", total.rows)
                        try xml.amount("expected", total.expected, currency: total.currency)
                        try xml.amount("remitted", total.remitted, currency: total.currency)
                        try xml.amount("fees", total.fees, currency: total.currency)
                        try xml.amount("net_paid", total.netPaid, currency: total.currency)
                        try xml.amount("difference", total.difference, currency: total.currency)
                    }
                }
            }
            try xml.element("ageing") {
                for bucket in cod.ageingList {
                    try xml.element("bucket") {
                        try xml.attribute("days", bucket.bucket)
                        try xml.attribute("currency", bucket.currency)
                        try xml.attribute("orders", bucket.orders)
                        try xml.amount("amount", bucket.amount, currency: bucket.currency)
                    }
                }
            }
            try xml.element("rows") { try content.perOrder.writeCODXML(xml) }
        }
    }

    /// `dataQuality`: what was read, records by kind, per-carrier counts, rejects by reason,
    /// unknown status codes and the inputs.
    private func writeQuality(_ xml: XMLStreamWriter) throws {
        let quality = report.dataQuality
        let counters = quality.counters
        try xml.element("dataQuality") {
            try xml.attribute("lines", counters.lines)
            try xml.attribute("blank_lines", counters.blankLines)
            try xml.attribute("envelopes", counters.envelopes)
            try xml.attribute("filtered_out", quality.filteredOut)
            try xml.attribute("order_records", quality.orderRecords)
            try xml.attribute("remittance_rows", quality.remittanceRows)
            try xml.element("records") {
                for (i, kind) in report.carriers.recordKinds.enumerated() {
                    try xml.element("kind") {
                        try xml.attribute("name", kind.id)
                        try xml.attribute("count", counters.count(of: RecordKind(index: i)))
                    }
                }
            }
            try xml.element("carriers") {
                for carrier in report.carriers.all {
                    try xml.element("carrier") {
                        try xml.attribute("id", report.id(carrier))
                        try xml.attribute("accepted_events", quality.acceptedEvents(carrier))
                        try xml.attribute("duplicates", quality.duplicates(carrier))
                        try xml.attribute("date_fallbacks_received_at", quality.dateFallbacks(carrier, .receivedAt))
                        try xml.attribute("date_fallbacks_as_of", quality.dateFallbacks(carrier, .asOf))
                    }
                }
            }
            try xml.element("rejects") {
                try xml.attribute("total", quality.rejectTotal)
                for reject in quality.rejects {
                    try xml.element("reason") {
                        try xml.attribute("code", reject.reason.rawValue)
                        try xml.attribute("count", reject.count)
                    }
                }
            }
            try xml.element("unknownStatusCodes") {
                for unknown in quality.unknownCodes {
                    try xml.element("code") {
                        try xml.attribute("carrier", report.id(unknown.carrier))
                        try xml.attribute("code", unknown.code)
                        try xml.attribute("events", unknown.events)
                    }
                }
            }
            try xml.element("inputs") {
                for path in paths { try xml.element("input") { try xml.attribute("path", path) } }
            }
        }
    }
}
