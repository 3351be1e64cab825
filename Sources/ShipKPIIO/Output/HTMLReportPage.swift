import ShipKPICore
import ShipKPIXML

/// One rendering of the page: the document being built and what the sections share.
final class HTMLReportPage {
    let doc: HTMLDocument
    let report: ReportTables
    let paths: [String]
    let registry: CarrierRegistry
    /// Carriers with accepted events, in the registry's order.
    let carriers: [Carrier]
    /// Summary rows of those carriers, then `ALL`.
    let summaryRows: [SummaryRow]
    /// The `ALL` row (zeros when there are no events).
    let all: SummaryKPIs
    var hasEvents: Bool { all.events > 0 }

    init(report: ReportTables, paths: [String], registry: CarrierRegistry) throws {
        doc = try HTMLDocument(lang: "en")
        self.report = report
        self.paths = paths
        self.registry = registry
        carriers = report.carriers.all.filter { c in report.summary.contains { $0.scope == .carrier(c) } }
        summaryRows = report.summary
        all = report.summary.first { $0.scope == .all }?.kpis ?? SummaryKPIs(counts: SummaryCounts())
    }

    /// A carrier's id (`247express`), as the CSV files write it.
    func id(_ carrier: Carrier) -> String { report.id(carrier) }

    /// A scope's id: a carrier's, or `ALL`.
    func id(_ scope: CarrierScope) -> String { report.carriers.id(scope) }

    /// The ids of the carriers whose profile has `property`, for prose (`247express`, `a, b`).
    func carrierList(_ property: (CarrierProfile) -> Bool) -> String {
        registry.profiles.filter(property).map(\.id).joined(separator: ", ")
    }

    /// How a carrier is drawn in the charts.
    func style(_ carrier: Carrier) -> CarrierChartStyle { registry[carrier].chartStyle }

    /// Builds the whole page and returns the document.
    func build() throws -> HTMLDocument {
        try head()
        let main = try doc.element("main", in: doc.body)
        try masthead(in: main)
        try tableOfContents(in: main)
        try headline(in: main)
        try charts(in: main)
        try summaryTable(in: main)
        try dailyTable(in: main)
        try reasonsTable(in: main)
        try feedbackTable(in: main)
        try breakdowns(in: main)
        try codSection(in: main)
        try orderChecks(in: main)
        try needsAction(in: main)
        try dataQuality(in: main)
        try footer(in: main)
        return doc
    }

    // MARK: - Head, masthead, navigation

    private func head() throws {
        try doc.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"], in: doc.head)
        try doc.element("meta", ["name": "color-scheme", "content": "light"], in: doc.head)
        try doc.element("meta", ["name": "generator", "content": "shipkpi " + shipkpiVersion], in: doc.head)
        try doc.element(
            "title", text: "shipkpi report — as of " + HTMLFormat.instant(report.asOf) + " UTC", in: doc.head)
        try doc.addStyle(HTMLReportPage.css(registry))
    }

    private func masthead(in main: HTMLNode) throws {
        let header = try doc.element("header", ["class": "masthead"], in: main)
        try doc.element("p", ["class": "kicker"], text: "shipkpi " + shipkpiVersion + " · delivery KPI report", in: header)
        try doc.element("h1", text: "Deliveries, cash on delivery and data quality", in: header)

        let meta = try doc.element("p", ["class": "meta"], in: header)
        try doc.text("As of ", in: meta)
        try doc.element(
            "strong", ["title": HTMLFormat.instantISO(report.asOf)],
            text: HTMLFormat.instant(report.asOf) + " UTC", in: meta)
        try doc.text(" · Carriers: ", in: meta)
        if carriers.isEmpty {
            try doc.text("none (no accepted events)", in: meta)
        } else {
            for (i, carrier) in carriers.enumerated() {
                if i > 0 { try doc.text(", ", in: meta) }
                try doc.element("span", ["class": "chip chip-\(id(carrier))"], text: id(carrier), in: meta)
                try doc.text(" (" + report.currency(carrier) + ")", in: meta)
            }
        }
        if let first = report.daily.map(\.day).min(), let last = report.daily.map(\.day).max() {
            try doc.text(
                " · Local dates " + HTMLFormat.date(first) + (first == last ? "" : " to " + HTMLFormat.date(last)), in: meta)
        }

        let q = report.dataQuality
        let run = try doc.element("p", ["class": "runline"], in: header)
        let parts: [(Int64, String, String)] = [
            (all.events, "event accepted", "events accepted"),
            (all.orders, "order", "orders"),
            (q.rejectTotal, "reject", "rejects"),
            (q.quality.duplicates.values.reduce(0, +), "duplicate", "duplicates"),
            (q.orderRecords, "order record", "order records"),
            (q.remittanceRows, "remittance row", "remittance rows"),
        ]
        for (i, (n, one, many)) in parts.enumerated() {
            if i > 0 { try doc.text(" · ", in: run) }
            try doc.element("strong", text: HTMLFormat.grouped(n), in: run)
            try doc.text(" " + (n == 1 ? one : many), in: run)
        }
        try doc.text(" · from " + HTMLFormat.count(Int64(paths.count), "input file"), in: run)

        if !hasEvents {
            let notice = try doc.element("p", ["class": "notice"], in: header)
            try doc.element("strong", text: "No accepted events. ", in: notice)
            try doc.text(
                "Nothing was left to report after rejects, duplicates and filters were removed"
                    + " — check the inputs, the --from/--to/--carrier filters and the data-quality section below.",
                in: notice)
        }
    }

    private static let sections: [(id: String, title: String)] = [
        ("headline", "Headline"), ("charts", "Charts"), ("summary", "Summary"), ("daily", "Daily"),
        ("reasons", "Reasons"), ("feedback", "Feedback"), ("breakdowns", "Breakdowns"),
        ("cod", "COD reconciliation"), ("order-checks", "Order checks"), ("needs-action", "Needs action"),
        ("data-quality", "Data quality"),
    ]

    private func tableOfContents(in main: HTMLNode) throws {
        let nav = try doc.element("nav", ["class": "toc", "aria-label": "Sections"], in: main)
        for s in Self.sections {
            try doc.element("a", ["href": "#" + s.id], text: s.title, in: nav)
        }
    }

    /// A `<section id>` with its `<h2>`, and an optional lead paragraph.
    func section(_ id: String, in main: HTMLNode, lead: String? = nil) throws -> HTMLNode {
        let title = Self.sections.first { $0.id == id }?.title ?? id
        let node = try doc.element("section", ["id": id], in: main)
        try doc.element("h2", text: title, in: node)
        if let lead { try doc.element("p", ["class": "lead"], text: lead, in: node) }
        return node
    }

    private func footer(in main: HTMLNode) throws {
        let footer = try doc.element("footer", in: main)
        try doc.element(
            "p",
            text: "shipkpi " + shipkpiVersion + " · as of " + HTMLFormat.instantISO(report.asOf)
                + " · Times are UTC; dates are local to each carrier's reporting time zone."
                + " Every row is in the CSV files next to this page (summary.csv, daily.csv, reasons.csv, orders.csv,"
                + " cod_reconciliation.csv, order_checks.csv, breakdown_*.csv) and in report.xml.",
            in: footer)
    }

    // MARK: - Shared building blocks

    /// A paragraph in the muted note style.
    @discardableResult
    func note(_ text: String, in parent: HTMLNode) throws -> HTMLNode {
        try doc.element("p", ["class": "note"], text: text, in: parent)
    }

    /// A boxed "nothing to show" message.
    func empty(_ text: String, in parent: HTMLNode) throws {
        try doc.element("p", ["class": "empty"], text: text, in: parent)
    }

    /// The note under a capped list: how many rows exist and where all of them are (`whereAll`,
    /// e.g. "orders.csv has all of them").
    func capNote(shown: Int, total: Int, _ singular: String, _ plural: String, whereAll: String, in parent: HTMLNode) throws {
        guard total > 0 else { return }
        let count = HTMLFormat.count(Int64(total), singular, plural)
        if shown < total {
            try note("Showing the first \(HTMLFormat.grouped(Int64(shown))) of \(count). \(whereAll).", in: parent)
        } else {
            try note("\(count) in total. \(whereAll).", in: parent)
        }
    }
}
