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

    private func attr(_ w: XMLStreamWriter, _ name: String, _ value: String?) throws {
        if let value { try w.attribute(name, value) }
    }

    private func attr(_ w: XMLStreamWriter, _ name: String, _ value: Int64) throws {
        try w.attribute(name, String(value))
    }


    private func money(_ v: ExactDecimal?, _ currency: String) -> String? {
        v.map { $0.formatted(minFractionDigits: minorDigits(currency)) }
    }

    /// The whole document, section by section in the schema's order.
    private func write(_ w: XMLStreamWriter) throws {
        try w.startDocument()
        try w.startElement("shipkpiReport")
        try w.attribute("version", shipkpiVersion)
        try w.attribute("as_of", InstantFormat.utcString(report.asOf))
        try writeDefinitions(w)
        try w.startElement("summary")
        for row in report.summary { try summaryRow(w, "row", row) }
        try w.endElement()
        try writeDaily(w)
        try writeReasons(w)
        try writeFeedback(w)
        try w.startElement("orders")
        try content.perOrder.writeOrdersXML(w)
        try w.endElement()
        try writeCOD(w)
        try w.startElement("orderChecks")
        try content.perOrder.writeChecksXML(w)
        try w.endElement()
        try writeBreakdowns(w)
        try writeQuality(w)
        try w.endElement()
        try w.endDocument()
    }

    /// `definitions`: every KPI and COD status with its explanation.
    private func writeDefinitions(_ w: XMLStreamWriter) throws {
        try w.startElement("definitions")
        for d in KPIDefinitions.all {
            try w.startElement("kpi")
            try w.attribute("name", d.name)
            try w.attribute("title", d.title)
            try w.text(d.text)
            try w.endElement()
        }
        for d in KPIDefinitions.codStatuses {
            try w.startElement("codStatus")
            try w.attribute("name", d.status)
            try w.text(d.text)
            try w.endElement()
        }
        try w.endElement()
    }

    /// `daily`: one row per carrier and local date (daily.csv).
    private func writeDaily(_ w: XMLStreamWriter) throws {
        try w.startElement("daily")
        for row in report.daily {
            try w.startElement("row")
            try w.attribute("carrier", report.id(row.carrier))
            try w.attribute("date", InstantFormat.dateString(dayNumber: Int(row.day)))
            let c = row.counts
            try attr(w, "events", c.events)
            try attr(w, "orders_touched", c.ordersTouched)
            try attr(w, "picked_up", c.pickedUp)
            try attr(w, "out_for_delivery", c.outForDelivery)
            try attr(w, "failed_attempts", c.failedAttempts)
            try attr(w, "delivered", c.delivered)
            try attr(w, "returned", c.returned)
            try attr(w, "lost", c.lost)
            try attr(w, "confiscated", c.confiscated)
            try attr(w, "cancelled", c.cancelled)
            try attr(w, "success_rate", c.successRate)
            try w.endElement()
        }
        try w.endElement()
    }

    /// `reasons`: one row per carrier and reason code (reasons.csv).
    private func writeReasons(_ w: XMLStreamWriter) throws {
        try w.startElement("reasons")
        for row in report.reasons {
            try w.startElement("row")
            try w.attribute("carrier", report.id(row.carrier))
            try w.attribute("code", row.code)
            try w.attribute("label", row.counts.label)
            try w.attribute("category", row.counts.category.name)
            try w.attribute("party", row.counts.party.name)
            try attr(w, "events", row.counts.events)
            try attr(w, "orders", row.counts.orders)
            try attr(w, "share", row.share)
            try w.endElement()
        }
        try w.endElement()
    }

    /// `feedback`: one row per carrier with the histogram of feedback requests (feedback.csv).
    private func writeFeedback(_ w: XMLStreamWriter) throws {
        try w.startElement("feedback")
        for (carrier, f) in report.feedback {
            try w.startElement("row")
            try w.attribute("carrier", report.id(carrier))
            try attr(w, "orders", f.orders)
            try attr(w, "orders_with_requests", f.ordersWithRequests)
            try attr(w, "total_requests", f.totalRequests)
            try attr(w, "mean_requests", f.meanRequests)
            for (i, n) in f.histogram.enumerated() { try attr(w, i == 5 ? "orders_5_plus" : "orders_\(i)", n) }
            try w.endElement()
        }
        try w.endElement()
    }

    /// `breakdowns`: the summary rows by province, service and courier.
    private func writeBreakdowns(_ w: XMLStreamWriter) throws {
        try w.startElement("breakdowns")
        for (by, rows) in [("province", report.breakdownProvince), ("service", report.breakdownService), ("courier", report.breakdownCourier)] {
            try w.startElement("breakdown")
            try w.attribute("by", by)
            for row in rows { try summaryRow(w, "row", row) }
            try w.endElement()
        }
        try w.endElement()
    }

    private func summaryRow(_ w: XMLStreamWriter, _ name: String, _ row: SummaryRow) throws {
        try w.startElement(name)
        try w.attribute("carrier", report.carriers.id(row.scope))
        if let group = row.group { try w.attribute("group", group) }
        let c = row.kpis
        try attr(w, "events", c.events)
        try attr(w, "orders", c.orders)
        try attr(w, "delivered", c.delivered)
        try attr(w, "returned", c.returned)
        try attr(w, "lost", c.lost)
        try attr(w, "confiscated", c.confiscated)
        try attr(w, "cancelled", c.cancelled)
        try attr(w, "open", c.open)
        try attr(w, "resolved", c.resolved)
        try attr(w, "success_rate", c.successRate)
        try attr(w, "attempted", c.attempted)
        try attr(w, "first_attempt_delivered", c.firstAttemptDelivered)
        try attr(w, "first_attempt_rate", c.firstAttemptRate)
        try attr(w, "failed_attempts", c.failedAttempts)
        try attr(w, "lead_time_p50_h", c.leadTimeP50)
        try attr(w, "lead_time_p90_h", c.leadTimeP90)
        try attr(w, "lead_time_mean_h", c.leadTimeMean)
        try attr(w, "open_0_2d", c.open0to2)
        try attr(w, "open_3_7d", c.open3to7)
        try attr(w, "open_8_14d", c.open8to14)
        try attr(w, "open_15d_plus", c.open15plus)
        try w.endElement()
    }

    private func writeCOD(_ w: XMLStreamWriter) throws {
        let cod = report.cod
        try w.startElement("codReconciliation")
        try attr(w, "remittance_rows", cod.remittanceRows)
        try w.startElement("totals")
        for t in cod.totalsList {
            try w.startElement("total")
            try w.attribute("status", t.status.rawValue)
            try w.attribute("currency", t.currency)
            try attr(w, "rows", t.rows)
            try attr(w, "expected", money(t.expected, t.currency))
            try attr(w, "remitted", money(t.remitted, t.currency))
            try attr(w, "fees", money(t.fees, t.currency))
            try attr(w, "net_paid", money(t.netPaid, t.currency))
            try attr(w, "difference", money(t.difference, t.currency))
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("ageing")
        for a in cod.ageingList {
            try w.startElement("bucket")
            try w.attribute("days", a.bucket)
            try w.attribute("currency", a.currency)
            try attr(w, "orders", a.orders)
            try attr(w, "amount", money(a.amount, a.currency))
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("rows")
        try content.perOrder.writeCODXML(w)
        try w.endElement()
        try w.endElement()
    }

    private func writeQuality(_ w: XMLStreamWriter) throws {
        let q = report.dataQuality
        let c = q.counters
        try w.startElement("dataQuality")
        try attr(w, "lines", c.lines)
        try attr(w, "blank_lines", c.blankLines)
        try attr(w, "envelopes", c.envelopes)
        try attr(w, "filtered_out", q.filteredOut)
        try attr(w, "order_records", q.orderRecords)
        try attr(w, "remittance_rows", q.remittanceRows)
        try w.startElement("records")
        for (i, kind) in report.carriers.recordKinds.enumerated() {
            try w.startElement("kind")
            try w.attribute("name", kind.id)
            try attr(w, "count", c.count(of: RecordKind(index: i)))
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("carriers")
        for carrier in report.carriers.all {
            try w.startElement("carrier")
            try w.attribute("id", report.id(carrier))
            try attr(w, "accepted_events", q.acceptedEvents(carrier))
            try attr(w, "duplicates", q.duplicates(carrier))
            try attr(w, "date_fallbacks_received_at", q.dateFallbacks(carrier, .receivedAt))
            try attr(w, "date_fallbacks_as_of", q.dateFallbacks(carrier, .asOf))
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("rejects")
        try attr(w, "total", q.rejectTotal)
        for r in q.rejects {
            try w.startElement("reason")
            try w.attribute("code", r.reason.rawValue)
            try attr(w, "count", r.count)
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("unknownStatusCodes")
        for u in q.unknownCodes {
            try w.startElement("code")
            try w.attribute("carrier", report.id(u.carrier))
            try w.attribute("code", u.code)
            try attr(w, "events", u.events)
            try w.endElement()
        }
        try w.endElement()
        try w.startElement("inputs")
        for p in paths {
            try w.startElement("input")
            try w.attribute("path", p)
            try w.endElement()
        }
        try w.endElement()
        try w.endElement()
    }
}
