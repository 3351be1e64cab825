import ShipKPICore
import ShipKPIXML

/// The KPI sections of report.html: headline cards, summary, daily, reasons, feedback,
/// breakdowns, order checks, orders that need action.
extension HTMLReportPage {
    // MARK: - Headline

    /// The lines of the headline cards.
    private enum Headline: CaseIterable {
        case successRate, firstAttemptRate, deliveredResolved, leadP50, leadP90, open, stuck

        var title: String {
            switch self {
            case .successRate: KPIDefinitions.title("success_rate")
            case .firstAttemptRate: KPIDefinitions.title("first_attempt_rate")
            case .deliveredResolved: "Delivered / resolved"
            case .leadP50: KPIDefinitions.title("lead_time_p50_h")
            case .leadP90: KPIDefinitions.title("lead_time_p90_h")
            case .open: "Open orders"
            case .stuck: "Stuck: open 8+ days"
            }
        }

        /// (term, definition); the term is shown in bold when a line combines several KPIs.
        var definitions: [(term: String?, text: String)] {
            switch self {
            case .successRate: [(nil, KPIDefinitions.text("success_rate"))]
            case .firstAttemptRate: [(nil, KPIDefinitions.text("first_attempt_rate"))]
            case .deliveredResolved:
                [("Delivered", KPIDefinitions.text("delivered")), ("Resolved", KPIDefinitions.text("resolved"))]
            case .leadP50: [(nil, KPIDefinitions.text("lead_time_p50_h"))]
            case .leadP90: [(nil, KPIDefinitions.text("lead_time_p90_h"))]
            case .open: [(nil, KPIDefinitions.text("open"))]
            case .stuck:
                [("8–14 days", KPIDefinitions.text("open_8_14d")), ("15+ days", KPIDefinitions.text("open_15d_plus"))]
            }
        }
    }

    /// What a headline card shows: the big number, the line under it, whether the value is
    /// empty (zero denominator) and whether it calls for attention.
    private struct CardValue {
        var big: String
        var sub: String
        var missing = false
        var warn = false
    }

    /// `12 delivered` with a no-break space, so a line wraps only between items.
    private static func nb(_ n: Int64, _ word: String) -> String {
        HTMLFormat.grouped(n) + "\u{00A0}" + word
    }

    private func cardValue(_ line: Headline, of kpis: SummaryKPIs) -> CardValue {
        let nb = Self.nb
        switch line {
        case .successRate:
            guard let p = HTMLFormat.percent(kpis.successRate) else {
                return CardValue(big: HTMLFormat.dash, sub: "no resolved orders", missing: true)
            }
            return CardValue(big: p, sub: "\(nb(kpis.delivered, "delivered")) of \(nb(kpis.resolved, "resolved"))")
        case .firstAttemptRate:
            guard let p = HTMLFormat.percent(kpis.firstAttemptRate) else {
                let why = kpis.resolved == 0 ? "no resolved orders" : "no attempted orders"
                return CardValue(big: HTMLFormat.dash, sub: why, missing: true)
            }
            return CardValue(big: p, sub: "\(HTMLFormat.grouped(kpis.firstAttemptDelivered)) of \(nb(kpis.attempted, "attempted"))")
        case .deliveredResolved:
            return CardValue(
                big: "\(HTMLFormat.grouped(kpis.delivered)) / \(HTMLFormat.grouped(kpis.resolved))",
                sub: "\(nb(kpis.returned, "returned")) · \(nb(kpis.lost, "lost")) · \(nb(kpis.confiscated, "confiscated"))",
                missing: kpis.resolved == 0)
        case .leadP50, .leadP90:
            guard let hours = line == .leadP50 ? kpis.leadTimeP50 : kpis.leadTimeP90 else {
                return CardValue(big: HTMLFormat.dash, sub: "no delivered order with a pickup", missing: true)
            }
            let n = kpis.leadTimes
            return CardValue(
                big: hours + "\u{00A0}h", sub: "over " + nb(n, n == 1 ? "delivery" : "deliveries") + " with a pickup")
        case .open:
            return CardValue(
                big: HTMLFormat.grouped(kpis.open),
                sub: "\(nb(kpis.open0to2, "at 0–2\u{00A0}d")) · \(nb(kpis.open3to7, "at 3–7\u{00A0}d"))")
        case .stuck:
            let stuck = kpis.open8to14 + kpis.open15plus
            return CardValue(
                big: HTMLFormat.grouped(stuck),
                sub: "\(nb(kpis.open8to14, "at 8–14\u{00A0}d")) · \(nb(kpis.open15plus, "at 15+\u{00A0}d"))", warn: stuck > 0)
        }
    }

    /// Headline KPIs as one card (column) per carrier and `ALL`, each KPI's definition beside it.
    ///
    /// On a phone the style sheet lays the same table out as a grid (`--cards` columns): each KPI
    /// and its definition across the full width, then every carrier's value side by side under it,
    /// each value box labelled with its carrier (`card-carrier`, hidden on wider screens).
    func headline(in main: HTMLNode) throws {
        let section = try section("headline", in: main)
        let table = try doc.element(
            "table", ["class": "scorecard", "style": "--cards: \(summaryRows.count)"], in: section)
        let head = try doc.element("thead", in: table)
        let tr = try doc.element("tr", in: head)
        try doc.element("th", ["scope": "col", "class": "kpi-head"], text: "What it measures", in: tr)
        for row in summaryRows {
            let th = try doc.element("th", ["scope": "col"], in: tr)
            try doc.setAttribute("class", "card card-" + id(row.scope), on: th)
            try doc.element("span", ["class": "card-name"], text: row.scope == .all ? "ALL carriers" : id(row.scope), in: th)
            try doc.element(
                "span", ["class": "sub"],
                text: HTMLFormat.count(row.kpis.orders, "order") + " · " + HTMLFormat.count(row.kpis.events, "event"), in: th)
        }
        let body = try doc.element("tbody", in: table)
        for line in Headline.allCases {
            let tr = try doc.element("tr", in: body)
            let th = try doc.element("th", ["scope": "row", "class": "kpi"], in: tr)
            try doc.element("span", ["class": "kpi-name"], text: line.title, in: th)
            for (term, text) in line.definitions {
                let def = try doc.element("span", ["class": "def"], in: th)
                if let term { try doc.element("b", text: term + ": ", in: def) }
                try doc.text(text, in: def)
            }
            for row in summaryRows {
                let v = cardValue(line, of: row.kpis)
                let td = try doc.element("td", in: tr)
                try doc.setAttribute("class", "card card-" + id(row.scope) + (v.warn ? " warn" : ""), on: td)
                try doc.element("span", ["class": "card-carrier"], text: id(row.scope), in: td)
                try doc.element("span", ["class": v.missing ? "big muted" : "big"], text: v.big, in: td)
                try doc.element("span", ["class": "sub"], text: v.sub, in: td)
            }
        }
    }

    // MARK: - Summary

    /// The summary value of column `name` for a group's counts.
    func summaryCell(_ name: String, of kpis: SummaryKPIs) -> HTMLCell {
        switch name {
        case "events": .number(kpis.events)
        case "orders": .number(kpis.orders)
        case "delivered": .number(kpis.delivered)
        case "returned": .number(kpis.returned)
        case "lost": .number(kpis.lost)
        case "confiscated": .number(kpis.confiscated)
        case "cancelled": .number(kpis.cancelled)
        case "open": .number(kpis.open)
        case "resolved": .number(kpis.resolved)
        case "success_rate": .percent(kpis.successRate)
        case "attempted": .number(kpis.attempted)
        case "first_attempt_delivered": .number(kpis.firstAttemptDelivered)
        case "first_attempt_rate": .percent(kpis.firstAttemptRate)
        case "failed_attempts": .number(kpis.failedAttempts)
        case "lead_time_p50_h": .number(kpis.leadTimeP50)
        case "lead_time_p90_h": .number(kpis.leadTimeP90)
        case "lead_time_mean_h": .number(kpis.leadTimeMean)
        case "open_0_2d": .number(kpis.open0to2)
        case "open_3_7d": .number(kpis.open3to7)
        case "open_8_14d": .number(kpis.open8to14)
        case "open_15d_plus": .number(kpis.open15plus)
        default: .missing
        }
    }

    /// summary.csv turned on its side: one row per KPI (every column), one column per carrier and
    /// ALL, and the KPI's definition.
    func summaryTable(in main: HTMLNode) throws {
        let section = try section(
            "summary", in: main,
            lead: "Every column of summary.csv, one row per KPI, with what it means. Rates are percentages of the exact"
                + " 4-decimal ratios (hover a rate for the ratio); lead times are hours; — means no value (nothing to divide by)."
        )
        let wrap = try doc.element("div", ["class": "scroll"], in: section)
        // On a phone the style sheet turns this into a grid (`--cards` value columns), each definition
        // on a line of its own under its KPI.
        let table = try doc.element(
            "table", ["class": "data summary", "style": "--cards: \(summaryRows.count)"], in: wrap)
        let head = try doc.element("thead", in: table)
        let tr = try doc.element("tr", in: head)
        try doc.element("th", ["scope": "col"], text: "KPI", in: tr)
        for row in summaryRows {
            try doc.element("th", ["scope": "col", "class": "n carrier-col"], text: id(row.scope), in: tr)
        }
        try doc.element("th", ["scope": "col", "class": "wrap"], text: "Definition", in: tr)
        let body = try doc.element("tbody", in: table)
        for name in CSVReports.summaryColumns {
            let tr = try doc.element("tr", in: body)
            let th = try doc.element("th", ["scope": "row"], in: tr)
            try doc.text(KPIDefinitions.title(name), in: th)
            try doc.element("span", ["class": "colname"], text: name, in: th)
            for row in summaryRows {
                try cell(summaryCell(name, of: row.kpis), numericColumn: true, in: tr)
            }
            try doc.element("td", ["class": "wrap def-cell"], text: KPIDefinitions.text(name), in: tr)
        }
    }

    // MARK: - Daily

    func dailyTable(in main: HTMLNode) throws {
        let section = try section(
            "daily", in: main,
            lead: "One row per carrier and local date with accepted events. Events, picked up, out for delivery and failed"
                + " attempts count status updates of that day; delivered … cancelled count orders whose latest status"
                + " update falls on that day, and the success rate is delivered ÷ (delivered + returned + lost + confiscated)"
                + " of those orders.")
        guard !report.daily.isEmpty else { return try empty("No accepted events, so no daily rows.", in: section) }
        let columns: [HTMLColumn] = [
            HTMLColumn("Carrier"), HTMLColumn("Date"), .n("Events"),
            .n("Orders touched", help: "Orders with at least one status update that day."),
            .n("Picked up"), .n("Out for delivery"), .kpi("failed_attempts"), .n("Delivered"), .n("Returned"), .n("Lost"),
            .n("Confiscated"), .n("Cancelled"), .kpi("success_rate", title: "Success rate"),
        ]
        let rows: [[HTMLCell]] = report.daily.map { r in
            let c = r.counts
            return [
                .text(id(r.carrier)), .number(HTMLFormat.date(r.day)), .number(c.events), .number(c.ordersTouched),
                .number(c.pickedUp), .number(c.outForDelivery), .number(c.failedAttempts), .number(r.delivered),
                .number(r.returned), .number(r.lost), .number(r.confiscated), .number(r.cancelled), .percent(r.successRate),
            ]
        }
        try table(in: section, columns: columns, rows: rows)
    }

    // MARK: - Reasons

    func reasonsTable(in main: HTMLNode) throws {
        let section = try section(
            "reasons", in: main,
            lead:
                "Why deliveries are delayed or fail, as the carriers report it: every accepted status update with a reason counts"
                + " once under its carrier's raw code. Category and party come from the status map (OTHER / unknown when"
                + " the map does not know the code). " + KPIDefinitions.title("reason_share") + ": "
                + KPIDefinitions.text("reason_share"))
        guard !report.reasons.isEmpty else { return try empty("No status update carried a reason.", in: section) }
        let columns: [HTMLColumn] = [
            HTMLColumn("Carrier"), HTMLColumn("Code"), .prose("Label"), HTMLColumn("Category"), HTMLColumn("Party"),
            .n("Events"), .n("Orders"), .kpi("reason_share", title: "Share"),
        ]
        let shown = report.reasons.prefix(HTMLReport.listLimit)
        let rows: [[HTMLCell]] = shown.map { r in
            [
                .text(id(r.carrier)), .code(r.code), .text(r.counts.label), .text(r.counts.category.name), .text(r.counts.party.name),
                .number(r.counts.events), .number(r.counts.orders), .percent(r.share),
            ]
        }
        try table(in: section, columns: columns, rows: rows)
        if shown.count < report.reasons.count {
            try capNote(
                shown: shown.count, total: report.reasons.count, "reason", "reasons", whereAll: "reasons.csv has all of them",
                in: section)
        }
    }

    // MARK: - Feedback

    func feedbackTable(in main: HTMLNode) throws {
        let ids = report.feedback.map { id($0.carrier) }.joined(separator: ", ")
        let section = try section(
            "feedback", in: main,
            lead: KPIDefinitions.title("feedback_requests") + " (\(ids) only): " + KPIDefinitions.text("feedback_requests"))
        guard report.feedback.contains(where: { $0.counts.orders > 0 }) else {
            return try empty("No \(ids) orders in this run.", in: section)
        }
        let columns: [HTMLColumn] = [
            HTMLColumn("Carrier"), .n("Orders"), .n("Orders with requests"), .n("Total requests"),
            .n("Mean requests", help: "Total requests divided by orders, 2 decimals (feedback.csv has 4)."), .n("0"), .n("1"),
            .n("2"), .n("3"), .n("4"), .n("5+"),
        ]
        let rows: [[HTMLCell]] = report.feedback.map { carrier, f in
            [
                .text(id(carrier)), .number(f.orders), .number(f.ordersWithRequests), .number(f.totalRequests),
                .number(HTMLFormat.mean(f.totalRequests, over: f.orders), title: f.meanRequests.map { "mean_requests " + $0 }),
            ] + f.histogram.map { .number($0) }
        }
        try table(in: section, caption: "Orders by number of feedback requests (0 … 5+)", columns: columns, rows: rows)
    }

    // MARK: - Breakdowns

    func breakdowns(in main: HTMLNode) throws {
        let section = try section(
            "breakdowns", in: main,
            lead: "The summary KPIs per province and service type (from the \(carrierList(\.traits.sendsOrderRecords)) order record) and per courier (the"
                + " last status update naming one). Orders without the attribute are left out. Largest groups first; the"
                + " breakdown CSV files have every summary column.")
        let parts: [(String, String, [SummaryRow])] = [
            ("By province", "breakdown_province.csv", report.breakdownProvince),
            ("By service type", "breakdown_service.csv", report.breakdownService),
            ("By courier", "breakdown_courier.csv", report.breakdownCourier),
        ]
        let columns: [HTMLColumn] = [
            HTMLColumn("Carrier"), HTMLColumn("Group"), .kpi("orders"), .kpi("delivered"), .kpi("resolved"), .kpi("cancelled"),
            .kpi("open"),
            .n("Open 8+ days", help: KPIDefinitions.text("open_8_14d") + " " + KPIDefinitions.text("open_15d_plus")),
            .kpi("success_rate", title: "Success rate"), .kpi("first_attempt_rate", title: "First-attempt rate"),
            .kpi("failed_attempts"), .kpi("lead_time_p50_h", title: "Lead p50 (h)"),
            .kpi("lead_time_p90_h", title: "Lead p90 (h)"),
        ]
        for (title, file, rows) in parts {
            try doc.element("h3", text: title, in: section)
            guard !rows.isEmpty else {
                try empty("No order has this attribute.", in: section)
                continue
            }
            // Carrier, then most orders first, then the report's (byte) order of the group.
            let ordered = rows.enumerated().sorted { a, b in
                if a.element.scope != b.element.scope { return a.offset < b.offset }
                if a.element.kpis.orders != b.element.kpis.orders { return a.element.kpis.orders > b.element.kpis.orders }
                return a.offset < b.offset
            }.map(\.element)
            let shown = ordered.prefix(HTMLReport.listLimit)
            let cells: [[HTMLCell]] = shown.map { r in
                let c = r.kpis
                return [
                    .text(id(r.scope)), .text(r.group ?? ""), .number(c.orders), .number(c.delivered), .number(c.resolved),
                    .number(c.cancelled), .number(c.open), .number(c.open8to14 + c.open15plus), .percent(c.successRate),
                    .percent(c.firstAttemptRate), .number(c.failedAttempts), .number(c.leadTimeP50), .number(c.leadTimeP90),
                ]
            }
            try table(in: section, columns: columns, rows: cells)
            if shown.count < rows.count {
                try capNote(
                    shown: shown.count, total: rows.count, "group", "groups", whereAll: file + " has all of them", in: section)
            }
        }
    }

    // MARK: - Order checks

    func orderChecks(in main: HTMLNode) throws {
        let section = try section(
            "order-checks", in: main,
            lead: "\(carrierList(\.traits.sendsOrderRecords)) order records checked against the carrier's own rules (the carrier's error code where it has"
                + " one). A finding never rejects the record; it tells the shop what to fix before the carrier refuses it.")
        let checks = report.checks
        guard checks.total > 0 else { return try empty("Every order record passed the checks.", in: section) }

        // Findings per rule, most frequent first (ties in code, field, message order).
        try table(
            in: section, caption: "Findings by rule",
            columns: [HTMLColumn("Carrier code"), HTMLColumn("Field"), .prose("Rule"), .n("Findings")],
            rows: checks.rules.map { [.code($0.rule.code), .code($0.rule.field), .prose($0.rule.message), .number($0.findings)] })

        let shown = checks.first.elements
        try table(
            in: section, caption: "Findings by order",
            columns: [
                HTMLColumn("Carrier"), HTMLColumn("Order code"), HTMLColumn("Carrier code"), HTMLColumn("Field"), .prose("Rule"),
            ],
            rows: shown.map {
                [
                    .text(self.id($0.carrier)), .code($0.orderCode), .code($0.finding.code), .code($0.finding.field),
                    .prose($0.finding.message),
                ]
            })
        try capNote(
            shown: shown.count, total: Int(checks.total), "finding", "findings", whereAll: "order_checks.csv has all of them",
            in: section)
    }

    // MARK: - Needs action

    /// Why an open order needs action, in words.
    private func actionReason(_ row: NeedsActionRow, age: Int64) -> String {
        var reasons: [String] = []
        switch row.finalStatus {
        case .attemptFailed: reasons.append("failed attempt")
        case .returning: reasons.append("return pending")
        case .unknown: reasons.append("unknown status")
        default: break
        }
        if age >= 8 { reasons.append("open \(HTMLFormat.grouped(age)) d") }
        return reasons.joined(separator: ", ")
    }

    /// `ATTEMPT_FAILED (16)`.
    private func statusWithCode(_ row: NeedsActionRow) -> String {
        row.finalCode.isEmpty ? row.finalStatus.name : row.finalStatus.name + " (" + HTMLFormat.truncated(row.finalCode, to: 24) + ")"
    }

    func needsAction(in main: HTMLNode) throws {
        let section = try section(
            "needs-action", in: main, lead: KPIDefinitions.title("needs_action") + ": " + KPIDefinitions.text("needs_action"))
        let list = report.needsAction
        guard list.total > 0 else { return try empty("No open order needs action.", in: section) }
        let rows: [[HTMLCell]] = list.elements.map { row in
            let age = floorDiv(report.asOf - row.firstEventAt, 86_400_000)
            let currency = report.currency(row.carrier)
            return [
                .text(id(row.carrier)),
                .code(row.orderCode),
                .text(actionReason(row, age: age), cls: "why"),
                .text(
                    statusWithCode(row), title: "canonical status " + row.finalStatus.name + ", raw carrier code " + row.finalCode,
                    cls: "status status-" + row.finalStatus.name),
                .instant(row.firstEventAt),
                .instant(row.finalEventAt),
                .number(HTMLFormat.grouped(age)),
                .number(Int64(row.failedAttempts)),
                .number(row.feedbackRequests.map { HTMLFormat.grouped(Int64($0)) }),
                .money(row.cod, currency),
            ]
        }
        let columns: [HTMLColumn] = [
            HTMLColumn("Carrier"), HTMLColumn("Order code"), HTMLColumn("Why"),
            HTMLColumn("Latest status", help: "Canonical status, then the carrier's raw status code in brackets."),
            .n("First update (UTC)"), .n("Latest update (UTC)"),
            .n("Age (days)", help: "Whole days from the order's first status update to the report's as-of instant."),
            .kpi("failed_attempts"), .kpi("feedback_requests", title: "Feedback requests"),
            .n("COD", help: "Cash on delivery of the order record, in the carrier's currency."),
        ]
        try table(in: section, columns: columns, rows: rows)
        try capNote(
            shown: rows.count, total: Int(list.total), "order", "orders",
            whereAll: "orders.csv has every order, these with needs_action = true", in: section)
    }
}
