import ShipKPICore

/// Minor-unit digits of a currency, for formatting amounts: its ISO 4217 exponent
/// (``CurrencyExponent``: VND 0, MXN 2, KWD 3).
package func minorDigits(_ currency: String) -> Int {
    CurrencyExponent.digits(currency)
}

/// Writes the CSV files from a computed report. Column names and order are the contract; extra
/// columns only ever follow them. The per-order files (`orders.csv`, `cod_reconciliation.csv`,
/// `order_checks.csv`) take their rows from the report's ``PerOrderSource`` — rendered here from
/// fold state, or copied from fragments the folds of another process rendered with the same
/// ``PerOrderCSV`` functions.
package struct CSVReports {
    package let report: ReportContent
    package let bom: Bool

    package init(report: ReportContent, bom: Bool) {
        self.report = report
        self.bom = bom
    }

    package static let summaryColumns = [
        "events", "orders", "delivered", "returned", "lost", "confiscated", "cancelled", "open", "resolved",
        "success_rate", "attempted", "first_attempt_delivered", "first_attempt_rate", "failed_attempts",
        "lead_time_p50_h", "lead_time_p90_h", "lead_time_mean_h", "open_0_2d", "open_3_7d", "open_8_14d", "open_15d_plus",
    ]
    package static let dailyColumns = [
        "carrier", "date", "events", "orders_touched", "picked_up", "out_for_delivery", "failed_attempts",
        "delivered", "returned", "lost", "confiscated", "cancelled", "success_rate",
    ]
    package static let reasonColumns = ["carrier", "code", "label", "category", "party", "events", "orders", "share"]
    package static let feedbackColumns = [
        "carrier", "orders", "orders_with_requests", "total_requests", "mean_requests",
        "orders_0", "orders_1", "orders_2", "orders_3", "orders_4", "orders_5_plus",
    ]
    package static let orderColumns = [
        "carrier", "order_code", "final_status", "final_status_code", "first_event_at", "final_event_at",
        "picked_up_at", "delivered_at", "failed_attempts", "feedback_requests", "cod_amount", "currency", "needs_action",
    ]
    package static let codColumns = [
        "carrier", "order_code", "currency", "cod_amount", "final_status", "delivered_at", "remitted_amount", "fee",
        "difference", "status", "days_since_delivery",
        // Extra columns (allowed after the contract's):
        "net_paid", "remitted_at", "reference", "remittance_file", "remittance_line",
    ]
    package static let checkColumns = ["carrier", "order_code", "code", "field", "message"]

    /// Called after each row of the large tables: flushes the writer's buffer to the file when it
    /// is big, so a table of a million orders never sits in memory whole.
    package typealias Sink = (inout CSVWriter) throws -> Void

    /// File name → writer, in the order they are written.
    package func files() -> [(String, (inout CSVWriter, Sink) throws -> Void)] {
        let tables = report.tables
        let perOrder = report.perOrder
        return [
            ("summary.csv", { w, _ in summary(tables, to: &w) }),
            ("daily.csv", { w, _ in daily(tables, to: &w) }),
            ("reasons.csv", { w, _ in reasons(tables, to: &w) }),
            ("feedback.csv", { w, _ in feedback(tables, to: &w) }),
            (
                "orders.csv",
                { w, sink in
                    w.writeRow(Self.orderColumns.map { .raw($0) })
                    try perOrder.writeOrdersCSV(&w, sink: sink)
                }
            ),
            (
                "cod_reconciliation.csv",
                { w, sink in
                    w.writeRow(Self.codColumns.map { .raw($0) })
                    try perOrder.writeCODCSV(&w, sink: sink)
                }
            ),
            (
                "order_checks.csv",
                { w, sink in
                    w.writeRow(Self.checkColumns.map { .raw($0) })
                    try perOrder.writeChecksCSV(&w, sink: sink)
                }
            ),
            ("breakdown_province.csv", { w, _ in breakdown(tables.breakdownProvince, carriers: tables.carriers, to: &w) }),
            ("breakdown_service.csv", { w, _ in breakdown(tables.breakdownService, carriers: tables.carriers, to: &w) }),
            ("breakdown_courier.csv", { w, _ in breakdown(tables.breakdownCourier, carriers: tables.carriers, to: &w) }),
        ]
    }

    private func optional(_ value: String?, to csv: inout CSVWriter) {
        if let value { csv.appendRaw(value) } else { csv.appendEmpty() }
    }

    private func counts(_ kpis: SummaryKPIs, to csv: inout CSVWriter) {
        for v in [kpis.events, kpis.orders, kpis.delivered, kpis.returned, kpis.lost, kpis.confiscated, kpis.cancelled, kpis.open, kpis.resolved] {
            csv.appendInteger(Int(v))
        }
        optional(kpis.successRate, to: &csv)
        csv.appendInteger(Int(kpis.attempted))
        csv.appendInteger(Int(kpis.firstAttemptDelivered))
        optional(kpis.firstAttemptRate, to: &csv)
        csv.appendInteger(Int(kpis.failedAttempts))
        optional(kpis.leadTimeP50, to: &csv)
        optional(kpis.leadTimeP90, to: &csv)
        optional(kpis.leadTimeMean, to: &csv)
        for v in [kpis.open0to2, kpis.open3to7, kpis.open8to14, kpis.open15plus] { csv.appendInteger(Int(v)) }
    }

    func summary(_ tables: ReportTables, to csv: inout CSVWriter) {
        csv.writeRow((["carrier"] + Self.summaryColumns).map { .raw($0) })
        for row in tables.summary {
            csv.appendRaw(tables.carriers.id(row.scope))
            counts(row.kpis, to: &csv)
            csv.endRow()
        }
    }

    func daily(_ tables: ReportTables, to csv: inout CSVWriter) {
        csv.writeRow(Self.dailyColumns.map { .raw($0) })
        for row in tables.daily {
            csv.appendRaw(tables.id(row.carrier))
            csv.appendRaw { InstantFormat.appendDate(dayNumber: Int(row.day), to: &$0) }
            let c = row.counts
            for v in [
                c.events, c.ordersTouched, c.pickedUp, c.outForDelivery, c.failedAttempts,
                c.delivered, c.returned, c.lost, c.confiscated, c.cancelled,
            ] {
                csv.appendInteger(Int(v))
            }
            optional(c.successRate, to: &csv)
            csv.endRow()
        }
    }

    func reasons(_ tables: ReportTables, to csv: inout CSVWriter) {
        csv.writeRow(Self.reasonColumns.map { .raw($0) })
        for row in tables.reasons {
            csv.appendRaw(tables.id(row.carrier))
            csv.appendText(row.code)
            csv.appendText(row.counts.label)
            csv.appendRaw(row.counts.category.name)
            csv.appendRaw(row.counts.party.name)
            csv.appendInteger(Int(row.counts.events))
            csv.appendInteger(Int(row.counts.orders))
            optional(row.share, to: &csv)
            csv.endRow()
        }
    }

    func feedback(_ tables: ReportTables, to csv: inout CSVWriter) {
        csv.writeRow(Self.feedbackColumns.map { .raw($0) })
        for (carrier, f) in tables.feedback {
            csv.appendRaw(tables.id(carrier))
            csv.appendInteger(Int(f.orders))
            csv.appendInteger(Int(f.ordersWithRequests))
            csv.appendInteger(Int(f.totalRequests))
            optional(f.meanRequests, to: &csv)
            for v in f.histogram { csv.appendInteger(Int(v)) }
            csv.endRow()
        }
    }

    func breakdown(_ rows: [SummaryRow], carriers: Carriers, to csv: inout CSVWriter) {
        csv.writeRow((["carrier", "group"] + Self.summaryColumns).map { .raw($0) })
        for row in rows {
            csv.appendRaw(carriers.id(row.scope))
            csv.appendText(row.group ?? "")
            counts(row.kpis, to: &csv)
            csv.endRow()
        }
    }
}
