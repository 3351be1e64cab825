import ShipKPICore
import ShipKPIXML

/// The inline SVG charts of report.html, built as elements of the libxml2 tree (never as markup
/// text), so labels from input are escaped like any other text.
///
/// Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies);
/// carriers also differ by line dash and marker shape, and every number is written as text, so
/// the charts still read in black-and-white print. Each mark has a `<title>` tooltip.
extension HTMLReportPage {
    /// Okabe–Ito colours.
    enum Palette {
        static let blue = "#0072B2"
        static let vermillion = "#D55E00"
        static let orange = "#E69F00"
        static let green = "#009E73"
        static let sky = "#56B4E9"
        static let purple = "#CC79A7"
        static let grey = "#9a9a9a"
        static let ink = "#1b1f24"
    }

    static func colour(_ carrier: Carrier) -> String {
        switch carrier {
        case .express247: Palette.blue
        case .houndExpress: Palette.vermillion
        }
    }

    /// Line dash per carrier (solid / dashed) so lines differ without colour.
    static func dash(_ carrier: Carrier) -> String? {
        carrier == .houndExpress ? "7 4" : nil
    }

    /// Chart width in SVG user units; the SVG scales to the page (never wider than this).
    static let chartWidth = 960.0

    /// Final statuses of the mix chart: name, colour, text colour on it.
    static let mix: [(name: String, colour: String, onColour: String, value: @Sendable (SummaryCounts) -> Int64)] = [
        ("delivered", Palette.green, "#ffffff", { $0.delivered }),
        ("returned", Palette.orange, Palette.ink, { $0.returned }),
        ("lost", Palette.vermillion, "#ffffff", { $0.lost }),
        ("confiscated", Palette.purple, Palette.ink, { $0.confiscated }),
        ("cancelled", "#bdbdbd", Palette.ink, { $0.cancelled }),
        ("open", Palette.sky, Palette.ink, { $0.open }),
    ]

    // MARK: - Building blocks

    private func f(_ v: Double) -> String { HTMLFormat.coordinate(v) }

    /// `<figure>` with a caption, an `<svg>` of the given height and an explanatory note.
    private func figure(
        in parent: HTMLNode, id: String, title: String, note: String, height: Double
    ) throws -> (figure: HTMLNode, svg: HTMLNode) {
        let figure = try doc.element("figure", ["class": "chart", "id": id], in: parent)
        try doc.element("figcaption", text: title, in: figure)
        // Scrolls sideways on a phone rather than shrinking the labels below legibility.
        let scroll = try doc.element("div", ["class": "chart-scroll"], in: figure)
        let svg = try doc.element(
            "svg",
            [
                "viewBox": "0 0 \(f(Self.chartWidth)) \(f(height))", "width": f(Self.chartWidth), "height": f(height),
                "role": "img", "aria-label": title, "class": "chart-svg",
            ], in: scroll)
        try doc.element("title", text: title, in: svg)
        try self.note(note, in: figure)
        return (figure, svg)
    }

    private func emptyFigure(in parent: HTMLNode, id: String, title: String, message: String) throws {
        let figure = try doc.element("figure", ["class": "chart", "id": id], in: parent)
        try doc.element("figcaption", text: title, in: figure)
        try empty(message, in: figure)
    }

    @discardableResult
    private func text(
        _ s: String, x: Double, y: Double, in parent: HTMLNode, anchor: String = "start", cls: String? = nil
    ) throws -> HTMLNode {
        let node = try doc.element("text", ["x": f(x), "y": f(y)], text: s, in: parent)
        if anchor != "start" { try doc.setAttribute("text-anchor", anchor, on: node) }
        if let cls { try doc.setAttribute("class", cls, on: node) }
        return node
    }

    private func line(x1: Double, y1: Double, x2: Double, y2: Double, cls: String, in parent: HTMLNode) throws {
        try doc.element("line", ["x1": f(x1), "y1": f(y1), "x2": f(x2), "y2": f(y2), "class": cls], in: parent)
    }

    @discardableResult
    private func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, in parent: HTMLNode, cls: String? = nil
    ) throws -> HTMLNode {
        let node = try doc.element(
            "rect", ["x": f(x), "y": f(y), "width": f(max(width, 0)), "height": f(height), "fill": fill], in: parent)
        if let cls { try doc.setAttribute("class", cls, on: node) }
        return node
    }

    /// A carrier's point marker: circle (247express) or square (houndexpress). `cls` is `pt` for
    /// data points, `key` in the legend.
    private func marker(
        _ carrier: Carrier, x: Double, y: Double, size: Double, cls: String = "pt", in parent: HTMLNode
    ) throws -> HTMLNode {
        switch carrier {
        case .express247:
            let node = try doc.element(
                "circle", ["cx": f(x), "cy": f(y), "r": f(size), "fill": Self.colour(carrier)], in: parent)
            try doc.setAttribute("class", cls, on: node)
            return node
        case .houndExpress:
            return try rect(
                x: x - size, y: y - size, width: 2 * size, height: 2 * size, fill: Self.colour(carrier), in: parent,
                cls: cls)
        }
    }

    /// A legend entry for a carrier line: a short line with its dash and marker, then the name.
    private func carrierLegend(_ carrier: Carrier, x: Double, y: Double, in parent: HTMLNode) throws {
        let g = try doc.element("g", ["class": "legend"], in: parent)
        let l = try doc.element(
            "line",
            ["x1": f(x), "y1": f(y), "x2": f(x + 30), "y2": f(y), "stroke": Self.colour(carrier), "stroke-width": "2.5"], in: g)
        if let dash = Self.dash(carrier) { try doc.setAttribute("stroke-dasharray", dash, on: l) }
        _ = try marker(carrier, x: x + 15, y: y, size: 3.5, cls: "key", in: g)
        try text(carrier.id, x: x + 38, y: y + 4, in: g)
    }

    // MARK: - Section

    func charts(in main: HTMLNode) throws {
        let section = try section("charts", in: main)
        try dailyChart(in: section)
        try reasonsChart(in: section)
        try statusMixChart(in: section)
        try codChart(in: section)
    }

    // MARK: - (a) Daily success rate

    /// Axis ticks for days `first...last`: every 1, 2, 7 or 14 days (weeks start on Monday) up to
    /// 12 weeks, else the first of every 1, 2, 3, 6, 12… months, never more than about 12 labels.
    static func dayTicks(from first: Int32, to last: Int32) -> [(day: Int32, label: String)] {
        let span = Int(last) - Int(first)
        if span <= 84 {
            let step = [1, 2, 7, 14].first { span / $0 + 1 <= 12 } ?? 14
            var start = Int(first)
            if step >= 7 {
                // Day 4 (1970-01-05) was a Monday.
                while ((start - 4) % 7 + 7) % 7 != 0 { start += 1 }
            }
            return stride(from: start, through: Int(last), by: step).map { (Int32($0), HTMLFormat.shortDate(Int32($0))) }
        }
        let (y0, m0, _) = CivilDate.civilFromDays(Int(first))
        let (y1, m1, _) = CivilDate.civilFromDays(Int(last))
        let months = (y1 - y0) * 12 + (m1 - m0) + 1
        var step = 1
        for candidate in [1, 2, 3, 6, 12, 24, 60, 120, 1200] {
            step = candidate
            if months / candidate <= 12 { break }
        }
        var ticks: [(Int32, String)] = []
        var index = 0
        while true {
            let monthIndex = (m0 - 1) + index
            let year = y0 + monthIndex / 12
            let month = monthIndex % 12 + 1
            let day = CivilDate.daysFromCivil(year: year, month: month, day: 1)
            if day > Int(last) { break }
            if day >= Int(first) && (monthIndex - (m0 - 1)) % step == 0 {
                ticks.append((Int32(day), HTMLFormat.monthLabel(Int32(day))))
            }
            index += 1
            if index > 100_000 { break }
        }
        return ticks
    }

    /// The dates the daily chart plots: the daily rows split into clusters wherever two dates with
    /// data are more than 31 days apart, and the cluster with the most days that have a success
    /// rate (the latest on ties). A stray event dated years away (a test record, a wrong clock)
    /// would otherwise squeeze months of data into a few pixels.
    static func dailyWindow(_ rows: [DailyRow]) -> ClosedRange<Int32> {
        let days = Set(rows.map(\.day)).sorted()
        guard let firstDay = days.first, let lastDay = days.last else { return 0...0 }
        let rated = Set(rows.filter { $0.successRate != nil }.map(\.day))
        var best: (range: ClosedRange<Int32>, score: Int)?
        var start = firstDay
        for (i, day) in days.enumerated() {
            let next = i + 1 < days.count ? days[i + 1] : nil
            if let next, Int(next) - Int(day) <= 31 { continue }
            let range = start...day
            let score = rated.filter { range.contains($0) }.count
            if score >= (best?.score ?? -1) { best = (range, score) }
            if let next { start = next }
        }
        return best?.range ?? firstDay...lastDay
    }

    private func dailyChart(in parent: HTMLNode) throws {
        let title = "Daily delivery success rate per carrier"
        let window = Self.dailyWindow(report.daily)
        let rows = report.daily.filter { window.contains($0.day) }
        guard let first = rows.map(\.day).min(), let last = rows.map(\.day).max(), rows.contains(where: { $0.successRate != nil })
        else {
            return try emptyFigure(
                in: parent, id: "chart-daily", title: title,
                message: rows.isEmpty
                    ? "No accepted events." : "No day has resolved orders yet, so there is no success rate to plot.")
        }
        let outside = Set(report.daily.filter { !window.contains($0.day) }.map(\.day)).sorted()
        let width = Self.chartWidth
        let height = 340.0
        let left = 58.0
        let right = 22.0
        let top = 46.0
        let bottom = 62.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        let span = Double(Int(last) - Int(first))
        func x(_ day: Int32) -> Double { span == 0 ? left + plotW / 2 : left + Double(Int(day) - Int(first)) / span * plotW }
        func y(_ tenThousandths: Int64) -> Double { top + plotH - Double(tenThousandths) / 10_000 * plotH }

        let (figure, svg) = try figure(
            in: parent, id: "chart-daily", title: title,
            note: "Each point: orders whose latest status update falls on that local date, delivered ÷ (delivered + returned"
                + " + lost + confiscated). Days without resolved orders are gaps. Days with few resolved orders swing"
                + " widely; hover a point for its counts, and see the Daily table for every number.",
            height: height)
        if let earliest = outside.first, let latest = outside.last {
            try self.note(
                "Not plotted: \(HTMLFormat.count(Int64(outside.count), "date")) far from the bulk of the data ("
                    + HTMLFormat.date(earliest) + (earliest == latest ? "" : " … " + HTMLFormat.date(latest))
                    + "), usually events with a wrong date; they are in the Daily table.", in: figure)
        }

        // Legend.
        let present = Carrier.allCases.filter { c in rows.contains { $0.carrier == c && $0.successRate != nil } }
        for (i, carrier) in present.enumerated() {
            try carrierLegend(carrier, x: left + Double(i) * 170, y: 18, in: svg)
        }

        // Grid and y axis.
        let grid = try doc.element("g", ["class": "axis-y"], in: svg)
        for p in stride(from: 0, through: 100, by: 25) {
            let yy = y(Int64(p) * 100)
            try line(x1: left, y1: yy, x2: left + plotW, y2: yy, cls: p == 0 ? "axis" : "grid", in: grid)
            try text("\(p)%", x: left - 8, y: yy + 4, in: grid, anchor: "end", cls: "tick")
        }
        let yTitle = try text("Success rate", x: 0, y: 0, in: grid, anchor: "middle", cls: "axis-title")
        try doc.setAttribute("transform", "translate(14 \(f(top + plotH / 2))) rotate(-90)", on: yTitle)

        // X axis.
        let axis = try doc.element("g", ["class": "axis-x"], in: svg)
        for tick in Self.dayTicks(from: first, to: last) {
            let xx = x(tick.day)
            try line(x1: xx, y1: top + plotH, x2: xx, y2: top + plotH + 5, cls: "axis", in: axis)
            try text(tick.label, x: xx, y: top + plotH + 19, in: axis, anchor: "middle", cls: "tick")
        }
        let range = HTMLFormat.date(first) + (first == last ? "" : " to " + HTMLFormat.date(last))
        try text(
            "Local date (each carrier's reporting time zone), " + range, x: left + plotW / 2, y: height - 12, in: axis,
            anchor: "middle", cls: "axis-title")

        // Series: polylines over runs of consecutive days with a rate, a marker per day.
        let dense = span > 62
        for carrier in present {
            let series = try doc.element("g", ["class": "series"], in: svg)
            var runs: [[(Int32, Int64)]] = []
            var current: [(Int32, Int64)] = []
            for row in rows where row.carrier == carrier {
                guard let rate = row.successRate.flatMap(HTMLFormat.tenThousandths) else {
                    if !current.isEmpty { runs.append(current) }
                    current = []
                    continue
                }
                if let previous = current.last, Int(row.day) != Int(previous.0) + 1 {
                    runs.append(current)
                    current = []
                }
                current.append((row.day, rate))
            }
            if !current.isEmpty { runs.append(current) }
            for run in runs where run.count > 1 {
                let points = run.map { f(x($0.0)) + "," + f(y($0.1)) }.joined(separator: " ")
                let poly = try doc.element(
                    "polyline",
                    [
                        "points": points, "fill": "none", "stroke": Self.colour(carrier), "stroke-width": dense ? "1.5" : "2",
                        "stroke-linejoin": "round",
                    ], in: series)
                if let dash = Self.dash(carrier) { try doc.setAttribute("stroke-dasharray", dash, on: poly) }
            }
            for row in rows where row.carrier == carrier {
                guard let ratio = row.successRate, let rate = HTMLFormat.tenThousandths(ratio) else { continue }
                let resolved = row.delivered + row.returned + row.lost + row.confiscated
                let mark = try marker(carrier, x: x(row.day), y: y(rate), size: dense ? 2 : 3.2, in: series)
                try doc.element(
                    "title",
                    text: "\(carrier.id) · \(HTMLFormat.date(row.day)): \(HTMLFormat.percent(ratio) ?? ratio) delivered"
                        + " (\(HTMLFormat.grouped(row.delivered)) of \(HTMLFormat.count(resolved, "resolved order")))",
                    in: mark)
            }
        }
    }

    // MARK: - (b) Reasons

    private func reasonsChart(in parent: HTMLNode) throws {
        let title = "Top reasons per carrier"
        let top = 8
        let byCarrier: [(Carrier, [ReasonRow])] = Carrier.allCases.compactMap { c in
            let rows = report.reasons.filter { $0.carrier == c }
            return rows.isEmpty ? nil : (c, rows)
        }
        guard !byCarrier.isEmpty else {
            return try emptyFigure(in: parent, id: "chart-reasons", title: title, message: "No status update carried a reason.")
        }
        let rowH = 24.0
        let headH = 30.0
        let moreH = 22.0
        var height = 8.0
        for (_, rows) in byCarrier { height += headH + Double(min(rows.count, top)) * rowH + (rows.count > top ? moreH : 0) + 10 }
        let (_, svg) = try figure(
            in: parent, id: "chart-reasons", title: title,
            note: "Bar length: the reason's share of the carrier's status updates that carry a reason; the numbers are"
                + " updates and share. Top \(top) per carrier; the Reasons table lists every code.",
            height: height)
        let labelX = 8.0
        let barX = 400.0
        let barMax = 420.0
        let maxShare =
            byCarrier.flatMap { $0.1.prefix(top) }.compactMap { $0.share.flatMap(HTMLFormat.tenThousandths) }.max() ?? 1
        var yy = 8.0
        for (carrier, rows) in byCarrier {
            let total = rows.first?.carrierEvents ?? 0
            if carrier == byCarrier.first?.0 {
                try text("Status updates · share of the carrier's reasons", x: barX, y: yy + 18, in: svg, cls: "axis-title")
            }
            let head = try text("", x: labelX, y: yy + 18, in: svg, cls: "panel-title")
            try doc.text(carrier.id, in: head)
            let sub = try doc.element("tspan", ["class": "muted"], in: head)
            try doc.text(
                "  " + HTMLFormat.count(total, "status update") + " with a reason, "
                    + HTMLFormat.count(Int64(rows.count), "code"),
                in: sub)
            yy += headH
            for row in rows.prefix(top) {
                let share = row.share.flatMap(HTMLFormat.tenThousandths) ?? 0
                let g = try doc.element("g", ["class": "mark"], in: svg)
                let label = row.stats.label.isEmpty ? row.code : row.code + " · " + row.stats.label
                try doc.element(
                    "title",
                    text: "\(carrier.id) \(label) — \(row.stats.category.name), party \(row.stats.party.name): "
                        + "\(HTMLFormat.count(row.stats.events, "status update")) on \(HTMLFormat.count(row.stats.orders, "order")),"
                        + " \(HTMLFormat.percent(row.share) ?? HTMLFormat.dash) of the carrier's reasons",
                    in: g)
                try text(HTMLFormat.truncated(label, 52), x: labelX, y: yy + 15, in: g)
                let w = maxShare > 0 ? Double(share) / Double(maxShare) * barMax : 0
                try rect(x: barX, y: yy + 4, width: max(w, 1), height: 15, fill: Self.colour(carrier), in: g)
                try text(
                    HTMLFormat.grouped(row.stats.events) + " · " + (HTMLFormat.percent(row.share) ?? HTMLFormat.dash),
                    x: barX + max(w, 1) + 8, y: yy + 16, in: g, cls: "value")
                yy += rowH
            }
            if rows.count > top {
                let rest = rows.dropFirst(top)
                let events = rest.reduce(Int64(0)) { $0 + $1.stats.events }
                try text(
                    "+ " + HTMLFormat.count(Int64(rest.count), "more code") + " with "
                        + HTMLFormat.count(events, "status update") + " — see the Reasons table",
                    x: labelX, y: yy + 15, in: svg, cls: "muted")
                yy += moreH
            }
            yy += 10
        }
    }

    // MARK: - (c) Final-status mix

    private func statusMixChart(in parent: HTMLNode) throws {
        let title = "Final-status mix per carrier"
        guard hasEvents else {
            return try emptyFigure(in: parent, id: "chart-mix", title: title, message: "No orders.")
        }
        let rowH = 66.0
        let legendH = 34.0
        let axisH = 44.0
        let height = legendH + Double(summaryRows.count) * rowH + axisH
        let (_, svg) = try figure(
            in: parent, id: "chart-mix", title: title,
            note:
                "Orders by their latest status, as a share of the carrier's orders. Open includes statuses the map does not know.",
            height: height)
        // Legend.
        var lx = 8.0
        for status in Self.mix {
            let g = try doc.element("g", ["class": "legend"], in: svg)
            try rect(x: lx, y: 8, width: 14, height: 14, fill: status.colour, in: g, cls: "swatch")
            try text(status.name, x: lx + 20, y: 20, in: g)
            lx += 28 + Double(status.name.count) * 7.2 + 16
        }
        let barX = 150.0
        let barW = Self.chartWidth - barX - 20
        var yy = legendH
        for row in summaryRows {
            let c = row.counts
            try text(row.carrier == "ALL" ? "ALL carriers" : row.carrier, x: 8, y: yy + 16, in: svg, cls: "panel-title")
            try text(HTMLFormat.count(c.orders, "order"), x: 8, y: yy + 33, in: svg, cls: "muted")
            guard c.orders > 0 else {
                try rect(x: barX, y: yy + 2, width: barW, height: 24, fill: "none", in: svg, cls: "outline")
                try text("no orders", x: barX + 8, y: yy + 19, in: svg, cls: "muted")
                yy += rowH
                continue
            }
            var x = barX
            var parts: [String] = []
            for status in Self.mix {
                let n = status.value(c)
                guard n > 0 else { continue }
                let w = Double(n) / Double(c.orders) * barW
                let share = HTMLFormat.percent(n, of: c.orders) ?? ""
                let g = try doc.element("g", ["class": "mark"], in: svg)
                try doc.element(
                    "title",
                    text:
                        "\(row.carrier) · \(status.name): \(HTMLFormat.count(n, "order")) (\(share) of \(HTMLFormat.grouped(c.orders)))",
                    in: g)
                try rect(x: x, y: yy + 2, width: w, height: 24, fill: status.colour, in: g, cls: "seg")
                let label = HTMLFormat.grouped(n)
                if w >= Double(label.count) * 7.5 + 8 {
                    let t = try text(label, x: x + w / 2, y: yy + 19, in: g, anchor: "middle", cls: "seg-label")
                    try doc.setAttribute("fill", status.onColour, on: t)
                }
                parts.append("\(status.name) \(HTMLFormat.grouped(n)) (\(share))")
                x += w
            }
            try text(parts.joined(separator: " · "), x: barX, y: yy + 44, in: svg, cls: "value")
            yy += rowH
        }
        // Scale: share of the carrier's orders.
        let axis = try doc.element("g", ["class": "axis-x"], in: svg)
        try line(x1: barX, y1: yy + 2, x2: barX + barW, y2: yy + 2, cls: "axis", in: axis)
        for p in stride(from: 0, through: 100, by: 25) {
            let xx = barX + Double(p) / 100 * barW
            try line(x1: xx, y1: yy + 2, x2: xx, y2: yy + 7, cls: "axis", in: axis)
            try text("\(p)%", x: xx, y: yy + 20, in: axis, anchor: "middle", cls: "tick")
        }
        try text("Share of the carrier's orders", x: barX + barW / 2, y: yy + 38, in: axis, anchor: "middle", cls: "axis-title")
    }

    // MARK: - (d) COD status totals

    private func codChart(in parent: HTMLNode) throws {
        let title = "Cash on delivery by reconciliation status"
        let totals = report.cod.totals
        guard !totals.isEmpty else {
            return try emptyFigure(in: parent, id: "chart-cod", title: title, message: "No COD to reconcile.")
        }
        let currencies = codCurrencies
        let rowH = 46.0
        let headH = 30.0
        let legendH = 30.0
        let height =
            legendH
            + currencies.reduce(0.0) { sum, cur in
                sum + headH + Double(totals.filter { $0.currency == cur }.count) * rowH
            } + 6
        let (_, svg) = try figure(
            in: parent, id: "chart-cod", title: title,
            note: "For each status: the COD the orders should bring in (expected) and what the statements say was remitted,"
                + " exact amounts. The COD reconciliation section explains each status.",
            height: height)
        let series: [(String, String)] = [("expected COD", Palette.blue), ("remitted", Palette.orange)]
        var lx = 8.0
        for (name, colour) in series {
            let g = try doc.element("g", ["class": "legend"], in: svg)
            try rect(x: lx, y: 8, width: 14, height: 14, fill: colour, in: g, cls: "swatch")
            try text(name, x: lx + 20, y: 20, in: g)
            lx += 140
        }
        let labelX = 8.0
        let barX = 200.0
        let barMax = 500.0
        var yy = legendH
        for currency in currencies {
            let rows = totals.filter { $0.currency == currency }
            try text("Amounts in " + currency, x: labelX, y: yy + 20, in: svg, cls: "panel-title")
            yy += headH
            let scale = rows.reduce(0.0) { m, t in max(m, Double(t.expected.units), Double(t.remitted.units)) }
            for t in rows {
                let g = try doc.element("g", ["class": "mark"], in: svg)
                try doc.element(
                    "title",
                    text:
                        "\(t.status.rawValue): \(HTMLFormat.count(t.rows, "row")), expected \(HTMLFormat.money(t.expected, currency))"
                        + " \(currency), remitted \(HTMLFormat.money(t.remitted, currency)) \(currency)",
                    in: g)
                try text(t.status.rawValue, x: labelX, y: yy + 14, in: g, cls: "status-label")
                try text(HTMLFormat.count(t.rows, "row"), x: labelX, y: yy + 30, in: g, cls: "muted")
                for (i, (name, colour)) in series.enumerated() {
                    let value = i == 0 ? t.expected : t.remitted
                    let w = scale > 0 ? Double(value.units) / scale * barMax : 0
                    let by = yy + 2 + Double(i) * 17
                    if w > 0 { try rect(x: barX, y: by, width: max(w, 1), height: 14, fill: colour, in: g) }
                    try text(
                        name + " " + HTMLFormat.money(value, currency), x: barX + max(w, 0) + 8, y: by + 11.5, in: g,
                        cls: "value")
                }
                yy += rowH
            }
        }
    }
}
