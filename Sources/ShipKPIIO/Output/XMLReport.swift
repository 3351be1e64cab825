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
    private func write(_ w: XMLStreamWriter) throws {
        try w.startDocument()
        try w.element("shipkpiReport") {
            try w.attribute("version", shipkpiVersion)
            try w.attribute("as_of", InstantFormat.utcString(report.asOf))
            try writeDefinitions(w)
            try w.element("summary") {
                for row in report.summary { try summaryRow(row, in: w) }
            }
            try writeDaily(w)
            try writeReasons(w)
            try writeFeedback(w)
            try w.element("orders") { try content.perOrder.writeOrdersXML(w) }
            try writeCOD(w)
            try w.element("orderChecks") { try content.perOrder.writeChecksXML(w) }
            try writeBreakdowns(w)
            try writeQuality(w)
        }
        try w.endDocument()
    }

    /// `definitions`: every KPI and COD status with its explanation.
    private func writeDefinitions(_ w: XMLStreamWriter) throws {
        try w.element("definitions") {
            for d in KPIDefinitions.all {
                try w.element("kpi") {
                    try w.attribute("name", d.name)
                    try w.attribute("title", d.title)
                    try w.text(d.text)
                }
            }
            for d in KPIDefinitions.codStatuses {
                try w.element("codStatus") {
                    try w.attribute("name", d.status)
                    try w.text(d.text)
                }
            }
        }
    }

    /// `daily`: one row per carrier and local date (daily.csv).
    private func writeDaily(_ w: XMLStreamWriter) throws {
        try w.element("daily") {
            for row in report.daily {
                try w.element("row") {
                    try w.attribute("carrier", report.id(row.carrier))
                    try w.attribute("date", InstantFormat.dateString(dayNumber: Int(row.day)))
                    let c = row.counts
                    try w.attribute("events", c.events)
                    try w.attribute("orders_touched", c.ordersTouched)
                    try w.attribute("picked_up", c.pickedUp)
                    try w.attribute("out_for_delivery", c.outForDelivery)
                    try w.attribute("failed_attempts", c.failedAttempts)
                    try w.attribute("delivered", c.delivered)
                    try w.attribute("returned", c.returned)
                    try w.attribute("lost", c.lost)
                    try w.attribute("confiscated", c.confiscated)
                    try w.attribute("cancelled", c.cancelled)
                    try w.attribute("success_rate", c.successRate)
                }
            }
        }
    }

    /// `reasons`: one row per carrier and reason code (reasons.csv).
    private func writeReasons(_ w: XMLStreamWriter) throws {
        try w.element("reasons") {
            for row in report.reasons {
                try w.element("row") {
                    try w.attribute("carrier", report.id(row.carrier))
                    try w.attribute("code", row.code)
                    try w.attribute("label", row.counts.label)
                    try w.attribute("category", row.counts.category.name)
                    try w.attribute("party", row.counts.party.name)
                    try w.attribute("events", row.counts.events)
                    try w.attribute("orders", row.counts.orders)
                    try w.attribute("share", row.share)
                }
            }
        }
    }

    /// `feedback`: one row per carrier with the histogram of feedback requests (feedback.csv).
    private func writeFeedback(_ w: XMLStreamWriter) throws {
        try w.element("feedback") {
            for (carrier, feedback) in report.feedback {
                try w.element("row") {
                    try w.attribute("carrier", report.id(carrier))
                    try w.attribute("orders", feedback.orders)
                    try w.attribute("orders_with_requests", feedback.ordersWithRequests)
                    try w.attribute("total_requests", feedback.totalRequests)
                    try w.attribute("mean_requests", feedback.meanRequests)
                    for (i, n) in feedback.histogram.enumerated() {
                        try w.attribute(i == 5 ? "orders_5_plus" : "orders_\(i)", n)
                    }
                }
            }
        }
    }

    /// `breakdowns`: the summary rows by province, service and courier.
    private func writeBreakdowns(_ w: XMLStreamWriter) throws {
        try w.element("breakdowns") {
            let breakdowns = [
                ("province", report.breakdownProvince), ("service", report.breakdownService),
                ("courier", report.breakdownCourier),
            ]
            for (by, rows) in breakdowns {
                try w.element("breakdown") {
                    try w.attribute("by", by)
                    for row in rows { try summaryRow(row, in: w) }
                }
            }
        }
    }

    /// A `row` of the summary or of a breakdown (summary.csv, breakdown_*.csv).
    private func summaryRow(_ row: SummaryRow, in w: XMLStreamWriter) throws {
        try w.element("row") {
            try w.attribute("carrier", report.carriers.id(row.scope))
            if let group = row.group { try w.attribute("group", group) }
            let c = row.kpis
            try w.attribute("events", c.events)
            try w.attribute("orders", c.orders)
            try w.attribute("delivered", c.delivered)
            try w.attribute("returned", c.returned)
            try w.attribute("lost", c.lost)
            try w.attribute("confiscated", c.confiscated)
            try w.attribute("cancelled", c.cancelled)
            try w.attribute("open", c.open)
            try w.attribute("resolved", c.resolved)
            try w.attribute("success_rate", c.successRate)
            try w.attribute("attempted", c.attempted)
            try w.attribute("first_attempt_delivered", c.firstAttemptDelivered)
            try w.attribute("first_attempt_rate", c.firstAttemptRate)
            try w.attribute("failed_attempts", c.failedAttempts)
            try w.attribute("lead_time_p50_h", c.leadTimeP50)
            try w.attribute("lead_time_p90_h", c.leadTimeP90)
            try w.attribute("lead_time_mean_h", c.leadTimeMean)
            try w.attribute("open_0_2d", c.open0to2)
            try w.attribute("open_3_7d", c.open3to7)
            try w.attribute("open_8_14d", c.open8to14)
            try w.attribute("open_15d_plus", c.open15plus)
        }
    }

    /// `codReconciliation`: totals per status and currency, the ageing of what is not remitted
    /// yet, and every reconciliation row (cod_reconciliation.csv).
    private func writeCOD(_ w: XMLStreamWriter) throws {
        let cod = report.cod
        try w.element("codReconciliation") {
            try w.attribute("remittance_rows", cod.remittanceRows)
            try w.element("totals") {
                for total in cod.totalsList {
                    try w.element("total") {
                        try w.attribute("status", total.status.rawValue)
                        try w.attribute("currency", total.currency)
                        try w.attribute("rows", total.rows)
                        try w.amount("expected", total.expected, currency: total.currency)
                        try w.amount("remitted", total.remitted, currency: total.currency)
                        try w.amount("fees", total.fees, currency: total.currency)
                        try w.amount("net_paid", total.netPaid, currency: total.currency)
                        try w.amount("difference", total.difference, currency: total.currency)
                    }
                }
            }
            try w.element("ageing") {
                for bucket in cod.ageingList {
                    try w.element("bucket") {
                        try w.attribute("days", bucket.bucket)
                        try w.attribute("currency", bucket.currency)
                        try w.attribute("orders", bucket.orders)
                        try w.amount("amount", bucket.amount, currency: bucket.currency)
                    }
                }
            }
            try w.element("rows") { try content.perOrder.writeCODXML(w) }
        }
    }

    /// `dataQuality`: what was read, records by kind, per-carrier counts, rejects by reason,
    /// unknown status codes and the inputs.
    private func writeQuality(_ w: XMLStreamWriter) throws {
        let quality = report.dataQuality
        let counters = quality.counters
        try w.element("dataQuality") {
            try w.attribute("lines", counters.lines)
            try w.attribute("blank_lines", counters.blankLines)
            try w.attribute("envelopes", counters.envelopes)
            try w.attribute("filtered_out", quality.filteredOut)
            try w.attribute("order_records", quality.orderRecords)
            try w.attribute("remittance_rows", quality.remittanceRows)
            try w.element("records") {
                for (i, kind) in report.carriers.recordKinds.enumerated() {
                    try w.element("kind") {
                        try w.attribute("name", kind.id)
                        try w.attribute("count", counters.count(of: RecordKind(index: i)))
                    }
                }
            }
            try w.element("carriers") {
                for carrier in report.carriers.all {
                    try w.element("carrier") {
                        try w.attribute("id", report.id(carrier))
                        try w.attribute("accepted_events", quality.acceptedEvents(carrier))
                        try w.attribute("duplicates", quality.duplicates(carrier))
                        try w.attribute("date_fallbacks_received_at", quality.dateFallbacks(carrier, .receivedAt))
                        try w.attribute("date_fallbacks_as_of", quality.dateFallbacks(carrier, .asOf))
                    }
                }
            }
            try w.element("rejects") {
                try w.attribute("total", quality.rejectTotal)
                for reject in quality.rejects {
                    try w.element("reason") {
                        try w.attribute("code", reject.reason.rawValue)
                        try w.attribute("count", reject.count)
                    }
                }
            }
            try w.element("unknownStatusCodes") {
                for unknown in quality.unknownCodes {
                    try w.element("code") {
                        try w.attribute("carrier", report.id(unknown.carrier))
                        try w.attribute("code", unknown.code)
                        try w.attribute("events", unknown.events)
                    }
                }
            }
            try w.element("inputs") {
                for path in paths { try w.element("input") { try w.attribute("path", path) } }
            }
        }
    }
}
