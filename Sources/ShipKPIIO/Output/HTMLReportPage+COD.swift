import ShipKPICore
import ShipKPIXML

/// The COD reconciliation section of report.html (SPEC §6), written for finance.
extension HTMLReportPage {
    /// The finance explanation of a COD status (``KPIDefinitions/codStatuses``).
    static func codMeaning(_ status: CODStatus) -> String {
        KPIDefinitions.codStatuses.first { $0.status == status.rawValue }?.text ?? ""
    }

    /// Currencies of the COD totals, in the report's (sorted) order, each once.
    var codCurrencies: [String] {
        var seen: [String] = []
        for t in report.cod.totalsList where !seen.contains(t.currency) { seen.append(t.currency) }
        return seen
    }

    /// The COD section: key figures per currency, totals per status, the ageing of what is not
    /// remitted yet and the rows to review.
    func codSection(in main: HTMLNode) throws {
        let cod = report.cod
        let section = try section(
            "cod", in: main,
            lead:
                "Cash on delivery (COD) each \(carrierList(\.traits.sendsRemittanceStatements)) order should bring in (the CODAmount of its order record) against"
                + " what the carrier's remittance statements say it collected and paid out: "
                + HTMLFormat.count(cod.remittanceRows, "remittance row") + " read. Amounts are exact, in each row's currency,"
                + " digits grouped by thousands.")
        guard !cod.totals.isEmpty else {
            return try empty(
                "No order with a COD amount and no remittance rows: nothing to reconcile."
                    + (cod.remittanceRows == 0 ? " Give the carrier's statements with --remittance FILE.csv." : ""),
                in: section)
        }
        for currency in codCurrencies { try codFigures(currency: currency, in: section) }
        try codTotals(in: section)
        try codAgeing(in: section)
        try codReview(in: section)
        let matched = cod.rowsByStatus[.matched] ?? 0
        let notDue = cod.rowsByStatus[.notDue] ?? 0
        try note(
            "\(HTMLFormat.count(matched, "MATCHED row")) and \(HTMLFormat.count(notDue, "NOT_DUE row"))"
                + " are counted in the totals above and listed in cod_reconciliation.csv.", in: section)
    }

    /// The key-figure cards of one currency: expected, remitted, fees, net paid, not remitted yet
    /// and short by (the last two flagged when any row has that status).
    private func codFigures(currency: String, in section: HTMLNode) throws {
        let cod = report.cod
        let totals = cod.totalsList.filter { $0.currency == currency }
        func sum(_ value: (CODTotal) -> ExactSum, for statuses: [CODStatus]) -> ExactSum {
            totals.filter { statuses.contains($0.status) }.reduce(ExactSum.zero) { $0 + value($1) }
        }
        let remitted = totals.reduce(ExactSum.zero) { $0 + $1.remitted }
        let fees = totals.reduce(ExactSum.zero) { $0 + $1.fees }
        let net = totals.reduce(ExactSum.zero) { $0 + $1.netPaid }
        let figures: [(label: String, value: ExactSum, help: String, warn: Bool)] = [
            (
                "Expected from delivered orders", cod.expectedFromDelivered(currency: currency),
                "COD of every delivered order, each counted once.", false
            ),
            ("Remitted", remitted, "What the statements say was collected, all rows.", false),
            ("Fees deducted", fees, "Fees the carrier kept.", false),
            ("Net paid", net, "Remitted minus fees: what reached the shop.", false),
            (
                "Not remitted yet", sum(\.expected, for: [.notRemitted]), "COD of delivered orders with no remittance.",
                totals.contains { $0.status == .notRemitted }
            ),
            (
                "Short by", -sum(\.difference, for: [.short]), "What the carrier still owes on SHORT rows.",
                totals.contains { $0.status == .short }
            ),
        ]
        let grid = try doc.element("div", ["class": "figures"], in: section)
        for (label, value, help, warn) in figures {
            let card = try doc.element("div", ["class": warn ? "figure warn" : "figure"], in: grid)
            try doc.element("span", ["class": "figure-label"], text: label, in: card)
            let big = try doc.element("span", ["class": "figure-value"], in: card)
            try doc.text(HTMLFormat.money(value, currency) + " ", in: big)
            try doc.element("span", ["class": "currency"], text: currency, in: big)
            try doc.element("span", ["class": "sub"], text: help, in: card)
        }
    }

    /// The table of totals per status and currency.
    private func codTotals(in section: HTMLNode) throws {
        try doc.element("h3", text: "Totals per status and currency", in: section)
        let totalColumns: [HTMLColumn] = [
            HTMLColumn("Status"), .prose("What it means"), HTMLColumn("Currency"),
            .n("Rows", help: "Reconciliation rows: one per order, or one per remittance row for DUPLICATE."),
            .n("Expected COD", help: "Sum of the orders' CODAmount, each order once."),
            .n("Remitted", help: "Sum of the remittance rows' Amount."), .n("Fees", help: "Sum of the remittance rows' Fee."),
            .n("Net paid", help: "Remitted minus fees."),
            .n("Difference", help: "Remitted minus expected COD, for MATCHED, SHORT and OVER rows (negative when short)."),
        ]
        let totalRows: [[HTMLCell]] = report.cod.totalsList.map { total in
            [
                .text(total.status.rawValue, cls: "status status-" + total.status.rawValue),
                .prose(Self.codMeaning(total.status), cls: "meaning"),
                .text(total.currency), .number(total.rows), .money(total.expected, total.currency),
                .money(total.remitted, total.currency), .money(total.fees, total.currency),
                .money(total.netPaid, total.currency),
                [.matched, .short, .over].contains(total.status) ? .money(total.difference, total.currency) : .missing,
            ]
        }
        try table(in: section, columns: totalColumns, rows: totalRows, cls: "data cod-totals")
    }

    /// The COD not remitted yet, by days since delivery: every bucket, empty ones included, as
    /// soon as anything is outstanding.
    private func codAgeing(in section: HTMLNode) throws {
        let cod = report.cod
        try doc.element("h3", text: "Not remitted yet, by days since delivery", in: section)
        let ageing = cod.ageingList
        if ageing.isEmpty || !cod.totalsList.contains(where: { $0.status == .notRemitted }) {
            try empty("Every delivered order with COD has been remitted.", in: section)
        } else {
            try table(
                in: section,
                columns: [HTMLColumn("Days since delivery"), HTMLColumn("Currency"), .n("Orders"), .n("Amount not remitted")],
                rows: ageing.map { bucket in
                    [
                        .text(Self.bucketLabel(bucket.bucket)), .text(bucket.currency), .number(bucket.orders),
                        .money(bucket.amount, bucket.currency),
                    ]
                })
        }
    }

    /// The rows to review (neither MATCHED nor NOT_DUE), largest amount at stake first, capped.
    private func codReview(in section: HTMLNode) throws {
        try doc.element("h3", text: "Rows to review", in: section)
        let review = report.cod.review
        guard review.total != 0 else {
            return try empty("Nothing to review: every row is MATCHED or NOT_DUE.", in: section)
        }
        try doc.element("p", ["class": "lead"], text: Self.reviewLead, in: section)
        let shown = review.elements
        // One currency (the usual case) goes in the caption instead of a column on every row.
        let currencies = Set(shown.map(\.currency))
        let single = currencies.count == 1 ? currencies.first : nil
        var columns: [HTMLColumn] = [
            HTMLColumn("Order code"),
            HTMLColumn("Status", help: "Reconciliation status, and under it the order's latest delivery status."),
        ]
        if single == nil { columns.append(HTMLColumn("Currency")) }
        columns += [
            .n("At stake", help: Self.atStakeHelp), .n("COD"), .n("Remitted"), .n("Fee"),
            .n("Difference", help: "Remitted minus COD (negative when short)."),
            .n("Delivered (UTC date)", help: "Date of delivery; for NOT_REMITTED, the days since then."),
            HTMLColumn("Remitted at"), .prose("Reference"),
        ]
        let rows: [[HTMLCell]] = shown.map { row in
            var status = HTMLCell.text(row.status.rawValue, cls: "status status-" + row.status.rawValue)
            status.sub = row.finalStatus.map { "order " + $0.name } ?? "no status update"
            var cells: [HTMLCell] = [.code(row.orderCode), status]
            if single == nil { cells.append(.text(row.currency)) }
            var stake = HTMLCell.money(row.stake, row.currency)
            stake.cls = "at-stake"
            var delivered = HTMLCell.day(row.deliveredAt)
            delivered.sub = row.daysSinceDelivery.map { $0 == 0 ? "under 1 day ago" : HTMLFormat.count($0, "day") + " ago" }
            var remittedAt = HTMLCell.text(row.remittedAt)
            remittedAt.cls = "when"
            cells += [
                stake, .money(row.cod, row.currency), .money(row.remitted, row.currency),
                .money(row.fee, row.currency), .money(row.difference, row.currency), delivered, remittedAt,
                .text(row.reference),
            ]
            return cells
        }
        try table(
            in: section, caption: single.map { "Amounts in " + $0 }, columns: columns, rows: rows, cls: "data review")
        try capNote(
            shown: shown.count, total: Int(review.total), "row to review", "rows to review",
            whereAll: "cod_reconciliation.csv has every row",
            in: section)
    }

    // MARK: - Rows to review

    /// The lead of the rows-to-review list: what "amount at stake" means and the order of the rows.
    static let reviewLead =
        "Every row that is neither MATCHED nor NOT_DUE, largest amount at stake first. The amount at stake is"
        + " what the row puts in question: for SHORT the shortfall (COD minus remitted), for OVER the excess"
        + " (remitted minus COD), for NOT_REMITTED the COD not remitted yet, for UNEXPECTED the amount remitted,"
        + " and for DUPLICATE the amount remitted on that row. Rows are grouped by currency; equal amounts are"
        + " ordered by order code, then by their position in the remittance statements."

    /// The `At stake` column's help.
    static let atStakeHelp =
        "SHORT: COD minus remitted. OVER: remitted minus COD. NOT_REMITTED: the COD. UNEXPECTED and DUPLICATE:"
        + " the amount remitted on the row."

    /// `0-7d` → `0–7 days`.
    static func bucketLabel(_ bucket: String) -> String {
        switch bucket {
        case "0-7d": "0–7 days"
        case "8-14d": "8–14 days"
        case "15-30d": "15–30 days"
        case "31d+": "31 days or more"
        default: bucket
        }
    }
}
