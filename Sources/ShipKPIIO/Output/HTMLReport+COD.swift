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
        for t in report.cod.totals where !seen.contains(t.currency) { seen.append(t.currency) }
        return seen
    }

    func codSection(in main: HTMLNode) throws {
        let cod = report.cod
        let section = try section(
            "cod", in: main,
            lead: "Cash on delivery (COD) each 247express order should bring in (the CODAmount of its order record) against"
                + " what the carrier's remittance statements say it collected and paid out: "
                + HTMLFormat.count(cod.remittanceRows, "remittance row") + " read. Amounts are exact, in each row's currency,"
                + " digits grouped by thousands.")
        guard !cod.rows.isEmpty else {
            return try empty(
                "No order with a COD amount and no remittance rows: nothing to reconcile."
                    + (cod.remittanceRows == 0 ? " Give the carrier's statements with --remittance FILE.csv." : ""),
                in: section)
        }

        // Key figures per currency.
        for currency in codCurrencies {
            let totals = cod.totals.filter { $0.currency == currency }
            func sum(_ statuses: [CODStatus], _ value: (CODTotal) -> ExactSum) -> ExactSum {
                totals.filter { statuses.contains($0.status) }.reduce(ExactSum.zero) { $0 + value($1) }
            }
            let remitted = totals.reduce(ExactSum.zero) { $0 + $1.remitted }
            let fees = totals.reduce(ExactSum.zero) { $0 + $1.fees }
            let net = totals.reduce(ExactSum.zero) { $0 + $1.netPaid }
            let figures: [(String, ExactSum, String, Bool)] = [
                (
                    "Expected from delivered orders", cod.expectedFromDelivered(currency: currency),
                    "COD of every delivered order, each counted once.", false
                ),
                ("Remitted", remitted, "What the statements say was collected, all rows.", false),
                ("Fees deducted", fees, "Fees the carrier kept.", false),
                ("Net paid", net, "Remitted minus fees: what reached the shop.", false),
                (
                    "Not remitted yet", sum([.notRemitted], \.expected), "COD of delivered orders with no remittance.",
                    totals.contains { $0.status == .notRemitted }
                ),
                (
                    "Short by", -sum([.short], \.difference), "What the carrier still owes on SHORT rows.",
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

        try doc.element("h3", text: "Totals per status and currency", in: section)
        let totalColumns: [HTMLColumn] = [
            HTMLColumn("Status"), .prose("What it means"), HTMLColumn("Currency"),
            .n("Rows", help: "Reconciliation rows: one per order, or one per remittance row for DUPLICATE."),
            .n("Expected COD", help: "Sum of the orders' CODAmount, each order once."),
            .n("Remitted", help: "Sum of the remittance rows' Amount."), .n("Fees", help: "Sum of the remittance rows' Fee."),
            .n("Net paid", help: "Remitted minus fees."),
            .n("Difference", help: "Remitted minus expected COD, for MATCHED, SHORT and OVER rows (negative when short)."),
        ]
        let totalRows: [[HTMLCell]] = cod.totals.map { t in
            [
                .text(t.status.rawValue, cls: "status status-" + t.status.rawValue),
                .prose(Self.codMeaning(t.status), cls: "meaning"),
                .text(t.currency), .number(t.rows), .money(t.expected, t.currency), .money(t.remitted, t.currency),
                .money(t.fees, t.currency), .money(t.netPaid, t.currency),
                [.matched, .short, .over].contains(t.status) ? .money(t.difference, t.currency) : .missing,
            ]
        }
        try table(in: section, columns: totalColumns, rows: totalRows, cls: "data cod-totals")

        try doc.element("h3", text: "Not remitted yet, by days since delivery", in: section)
        // Every bucket, empty ones included, as soon as anything is outstanding.
        let ageing = cod.ageing
        if ageing.isEmpty || !cod.totals.contains(where: { $0.status == .notRemitted }) {
            try empty("Every delivered order with COD has been remitted.", in: section)
        } else {
            try table(
                in: section,
                columns: [HTMLColumn("Days since delivery"), HTMLColumn("Currency"), .n("Orders"), .n("Amount not remitted")],
                rows: ageing.map { a in
                    [.text(Self.bucketLabel(a.bucket)), .text(a.currency), .number(a.orders), .money(a.amount, a.currency)]
                })
        }

        try doc.element("h3", text: "Rows to review", in: section)
        let quiet: Set<CODStatus> = [.matched, .notDue]
        let exceptions = cod.rows.filter { !quiet.contains($0.status) }
        let matched = cod.rows.filter { $0.status == .matched }.count
        let notDue = cod.rows.filter { $0.status == .notDue }.count
        if exceptions.isEmpty {
            try empty("Nothing to review: every row is MATCHED or NOT_DUE.", in: section)
        } else {
            let shown = exceptions.prefix(HTMLReport.listLimit)
            // One currency (the usual case) goes in the caption instead of a column on every row.
            let currencies = Set(shown.map(\.currency))
            let single = currencies.count == 1 ? currencies.first : nil
            var columns: [HTMLColumn] = [HTMLColumn("Order code"), HTMLColumn("Status"), HTMLColumn("Order status")]
            if single == nil { columns.append(HTMLColumn("Currency")) }
            columns += [
                .n("COD"), .n("Remitted"), .n("Fee"), .n("Difference", help: "Remitted minus COD (negative when short)."),
                .n("Delivered (UTC date)"), .n("Days since delivery"), HTMLColumn("Remitted at"), .prose("Reference"),
            ]
            let rows: [[HTMLCell]] = shown.map { r in
                var cells: [HTMLCell] = [
                    .code(r.orderCode), .text(r.status.rawValue, cls: "status status-" + r.status.rawValue),
                    .text(
                        r.finalStatus?.name ?? "", title: r.finalStatus == nil ? "no accepted status update for this order" : nil),
                ]
                if single == nil { cells.append(.text(r.currency)) }
                cells += [
                    .money(r.cod, r.currency), .money(r.remittance?.amount, r.currency),
                    .money(r.remittance?.fee, r.currency), .money(r.difference, r.currency), .day(r.deliveredAt),
                    .number(r.daysSinceDelivery.map { HTMLFormat.grouped($0) }),
                    .text(r.remittance?.remittedAt ?? ""), .text(r.remittance?.reference ?? ""),
                ]
                return cells
            }
            try table(in: section, caption: single.map { "Amounts in " + $0 }, columns: columns, rows: rows)
            try capNote(
                shown: shown.count, total: exceptions.count, "row to review", "rows to review",
                whereAll: "cod_reconciliation.csv has every row",
                in: section)
        }
        try note(
            "\(HTMLFormat.count(Int64(matched), "MATCHED row")) and \(HTMLFormat.count(Int64(notDue), "NOT_DUE row"))"
                + " are counted in the totals above and listed in cod_reconciliation.csv.", in: section)
    }

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
