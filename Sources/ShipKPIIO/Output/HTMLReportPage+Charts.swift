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

    /// A carrier's colour (its profile's chart style).
    func colour(_ carrier: Carrier) -> String { style(carrier).colour }

    /// A carrier's line dash (solid or dashed), so lines differ without colour.
    func dash(_ carrier: Carrier) -> String? { style(carrier).dash }

    /// One of the two drawings of every chart. The page carries both and its style sheet shows
    /// one: `wide` on screens wider than ``narrowBreakpoint`` CSS px and on paper, `narrow` on
    /// phones. Each is an `<svg>` with a `viewBox` and no fixed size, scaled to the width of the
    /// page (`width: 100%; height: auto`, at most 880 CSS px wide for `wide`, 480 for `narrow`), so
    /// its 11.5–14 unit text shows at roughly 10–16 CSS px wherever it is displayed. (An 880-unit
    /// chart squeezed onto a 412 px phone would shrink its labels to 5 px, hence a narrow drawing
    /// with the same content rearranged: labels above bars, legends and long lines wrapped, fewer
    /// date ticks.)
    struct ChartLayout: Sendable {
        /// `wide` or `narrow`; the CSS class of the chart's box is `chart-` + name.
        let name: String
        /// Width of the `viewBox` in SVG user units.
        let width: Double
        var isNarrow: Bool { name == "narrow" }

        static let wide = ChartLayout(name: "wide", width: 880)
        static let narrow = ChartLayout(name: "narrow", width: 400)
        static let all = [wide, narrow]
    }

    /// Viewport width (CSS px) at and under which the page switches to its narrow layout.
    static let narrowBreakpoint = 760

    /// A rough width of `text` in SVG units at font size `size` (DejaVu/Noto Sans average), used
    /// only to decide where long chart lines wrap.
    static func textWidth(_ text: String, size: Double = 12) -> Double {
        Double(text.count) * size * 0.56
    }

    /// `parts` joined with ` · ` into lines no wider than `width` units (greedy; a part is never cut).
    static func wrapParts(_ parts: [String], width: Double, size: Double = 12) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts {
            let candidate = current.isEmpty ? part : current + " · " + part
            if !current.isEmpty && textWidth(candidate, size: size) > width {
                lines.append(current)
                current = part
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Final statuses of the mix chart: name, colour, text colour on it.
    static let mix: [(name: String, colour: String, onColour: String, value: @Sendable (SummaryKPIs) -> Int64)] = [
        ("delivered", Palette.green, "#ffffff", { $0.delivered }),
        ("returned", Palette.orange, Palette.ink, { $0.returned }),
        ("lost", Palette.vermillion, "#ffffff", { $0.lost }),
        ("confiscated", Palette.purple, Palette.ink, { $0.confiscated }),
        ("cancelled", "#bdbdbd", Palette.ink, { $0.cancelled }),
        ("open", Palette.sky, Palette.ink, { $0.open }),
    ]

    // MARK: - Building blocks

    private func f(_ v: Double) -> String { HTMLFormat.coordinate(v) }

    /// `<figure>` with a caption, then the chart drawn once per ``ChartLayout`` (each `<svg>` in a
    /// `div.chart-box.chart-<layout>`), then the explanatory note. `draw` fills the `<svg>` for a
    /// layout and returns the height it used; the `viewBox` is set from it.
    @discardableResult
    private func chartFigure(
        in parent: HTMLNode, id: String, title: String, note: String,
        draw: (_ svg: HTMLNode, _ layout: ChartLayout) throws -> Double
    ) throws -> HTMLNode {
        let figure = try doc.element("figure", ["class": "chart", "id": id], in: parent)
        try doc.element("figcaption", text: title, in: figure)
        for layout in ChartLayout.all {
            let box = try doc.element("div", ["class": "chart-box chart-" + layout.name], in: figure)
            let svg = try doc.element(
                "svg", ["role": "img", "aria-label": title, "class": "chart-svg"], in: box)
            try doc.element("title", text: title, in: svg)
            let height = try draw(svg, layout)
            // No width/height attributes: the style sheet scales the chart to the page.
            try doc.setAttribute("viewBox", "0 0 \(f(layout.width)) \(f(height.rounded(.up)))", on: svg)
        }
        try self.note(note, in: figure)
        return figure
    }

    /// A chart (``chartFigure(in:id:title:note:draw:)``), or, when there is nothing to draw
    /// (`emptyMessage` given), a figure with its caption and that message instead.
    private func chart(
        in parent: HTMLNode, id: String, title: String, emptyMessage: String?, note: @autoclosure () -> String,
        draw: (_ svg: HTMLNode, _ layout: ChartLayout) throws -> Double
    ) throws {
        if let emptyMessage { return try emptyFigure(in: parent, id: id, title: title, message: emptyMessage) }
        try chartFigure(in: parent, id: id, title: title, note: note(), draw: draw)
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
            "rect", ["x": f(x), "y": f(y), "width": f(max(width, 0)), "height": f(max(height, 0)), "fill": fill],
            in: parent)
        if let cls { try doc.setAttribute("class", cls, on: node) }
        return node
    }

    /// A carrier's point marker (circle, square or diamond, from its chart style). `cls` is `pt`
    /// for data points, `key` in the legend.
    private func marker(
        _ carrier: Carrier, x: Double, y: Double, size: Double, cls: String = "pt", in parent: HTMLNode
    ) throws -> HTMLNode {
        switch style(carrier).marker {
        case .circle:
            let node = try doc.element(
                "circle", ["cx": f(x), "cy": f(y), "r": f(size), "fill": colour(carrier)], in: parent)
            try doc.setAttribute("class", cls, on: node)
            return node
        case .square:
            return try rect(
                x: x - size, y: y - size, width: 2 * size, height: 2 * size, fill: colour(carrier), in: parent,
                cls: cls)
        case .diamond:
            let r = size * 1.3
            let points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)].map { f($0.0) + "," + f($0.1) }.joined(separator: " ")
            let node = try doc.element("polygon", ["points": points, "fill": colour(carrier)], in: parent)
            try doc.setAttribute("class", cls, on: node)
            return node
        }
    }

    /// A carrier's volume bar: solid, or light with a solid outline (from its chart style), so
    /// carriers differ in black-and-white print too.
    @discardableResult
    private func carrierBar(
        _ carrier: Carrier, x: Double, y: Double, width: Double, height: Double, cls: String, in parent: HTMLNode
    ) throws -> HTMLNode {
        let node = try rect(x: x, y: y, width: width, height: height, fill: colour(carrier), in: parent, cls: cls)
        if style(carrier).bar == .outlined {
            try doc.setAttribute("fill-opacity", "0.35", on: node)
            try doc.setAttribute("stroke", colour(carrier), on: node)
            try doc.setAttribute("stroke-width", width >= 3 ? "1" : "0.5", on: node)
        }
        return node
    }

    /// A legend entry for a carrier in the daily chart: its line (dash and marker), its volume bar,
    /// then the name.
    private func carrierLegend(_ carrier: Carrier, x: Double, y: Double, in parent: HTMLNode) throws {
        let g = try doc.element("g", ["class": "legend"], in: parent)
        let l = try doc.element(
            "line",
            ["x1": f(x), "y1": f(y), "x2": f(x + 30), "y2": f(y), "stroke": colour(carrier), "stroke-width": "2.5"], in: g)
        if let dash = dash(carrier) { try doc.setAttribute("stroke-dasharray", dash, on: l) }
        _ = try marker(carrier, x: x + 15, y: y, size: 3.5, cls: "key", in: g)
        try carrierBar(carrier, x: x + 38, y: y - 6, width: 8, height: 12, cls: "key", in: g)
        try text(id(carrier), x: x + 52, y: y + 4, in: g)
    }

    // MARK: - Section

    func charts(in main: HTMLNode) throws {
        let section = try section("charts", in: main)
        try dailyChart(in: section)
        try reasonsChart(in: section)
        try statusMixChart(in: section)
        try codChart(in: section)
    }

    // MARK: - (a) Daily success rate and resolved orders

    /// Axis ticks for days `first...last`: every 1, 2, 7, 14 or 28 days (weeks start on Monday)
    /// up to 12 weeks, else the first of every 1, 2, 3, 6, 12… months; about `maxLabels` labels at
    /// most (12 on the wide chart, 5 on a phone).
    static func dayTicks(from first: Int32, to last: Int32, maxLabels: Int = 12) -> [(day: Int32, label: String)] {
        let span = Int(last) - Int(first)
        if span <= 84 {
            let step = [1, 2, 7, 14, 28].first { span / $0 + 1 <= maxLabels } ?? 28
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
            if months / candidate <= maxLabels { break }
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
        guard let firstDay = days.first, let lastDay = days.last else { return 0 ... 0 }
        let rated = Set(rows.filter { $0.successRate != nil }.map(\.day))
        var best: (range: ClosedRange<Int32>, score: Int)?
        var start = firstDay
        for (i, day) in days.enumerated() {
            let next = i + 1 < days.count ? days[i + 1] : nil
            if let next, Int(next) - Int(day) <= 31 { continue }
            let range = start ... day
            let score = rated.filter { range.contains($0) }.count
            if score >= (best?.score ?? -1) { best = (range, score) }
            if let next { start = next }
        }
        return best?.range ?? firstDay ... lastDay
    }

    /// The success-rate axis of the daily chart, fitted to the data, in ten-thousandths
    /// (10 000 = 100 %): it always ends at 100 % and starts at the lowest plotted rate rounded down
    /// to a multiple of the tick step (2, 5, 10, 20 or 25 points, the smallest giving at most five
    /// intervals), and never above 90 %, so it spans at least ten points and a day at 99 % does not
    /// look like a collapse. `lowest` is the lowest plotted rate.
    static func rateAxis(lowest: Int64) -> (min: Int64, step: Int64) {
        let low = max(0, min(lowest, 9_000))
        for step: Int64 in [200, 500, 1_000, 2_000, 2_500] {
            let axisMin = low / step * step
            if (10_000 - axisMin) / step <= 5 { return (axisMin, step) }
        }
        return (0, 2_500)
    }

    /// The count axis of the resolved-orders panel: a 1-2-5 step giving at most four intervals,
    /// and the top tick at or above `largest`.
    static func countAxis(largest: Int64) -> (top: Int64, step: Int64) {
        let largest = max(largest, 1)
        var magnitude: Int64 = 1
        while true {
            for m: Int64 in [1, 2, 5] {
                let step = m * magnitude
                let intervals = (largest + step - 1) / step
                if intervals <= 4 { return (intervals * step, step) }
            }
            guard magnitude <= Int64.max / 100 else { return (largest, largest) }
            magnitude *= 10
        }
    }

    /// Orders resolved on a daily row's date: delivered + returned + lost + confiscated (the
    /// success rate's denominator).
    static func resolved(_ row: DailyRow) -> Int64 {
        row.counts.delivered + row.counts.returned + row.counts.lost + row.counts.confiscated
    }

    private func dailyChart(in parent: HTMLNode) throws {
        let title = "Daily delivery success rate and resolved orders per carrier"
        let window = Self.dailyWindow(report.daily)
        let rows = report.daily.filter { window.contains($0.day) }
        guard let first = rows.map(\.day).min(), let last = rows.map(\.day).max(),
            let lowest = rows.compactMap({ $0.successRate.flatMap(HTMLFormat.tenThousandths) }).min()
        else {
            return try emptyFigure(
                in: parent, id: "chart-daily", title: title,
                message: rows.isEmpty
                    ? "No accepted events." : "No day has resolved orders yet, so there is no success rate to plot.")
        }
        let outside = Set(report.daily.filter { !window.contains($0.day) }.map(\.day)).sorted()
        let axis = Self.rateAxis(lowest: lowest)
        let axisNote =
            axis.min > 0
            ? "The success-rate axis starts at \(axis.min / 100)%, not 0, so that differences between days show;"
                + " read the percentages on the axis. "
            : ""
        let figure = try chartFigure(
            in: parent, id: "chart-daily", title: title,
            note: "Top: for each local date, delivered ÷ resolved (delivered + returned + lost + confiscated) among"
                + " orders whose latest status update falls on that date; days without resolved orders are gaps. " + axisNote
                + "Bottom: how many orders were resolved that day, so a day with few orders, whose rate swings widely,"
                + " is easy to spot. Hover a point or bar for its counts; the Daily table has every number."
        ) { svg, layout in
            try dailySVG(svg, layout: layout, rows: rows, first: first, last: last, axis: axis)
        }
        if let earliest = outside.first, let latest = outside.last {
            try self.note(
                "Not plotted: \(HTMLFormat.count(Int64(outside.count), "date")) far from the bulk of the data ("
                    + HTMLFormat.date(earliest) + (earliest == latest ? "" : " … " + HTMLFormat.date(latest))
                    + "), usually events with a wrong date; they are in the Daily table.", in: figure)
        }
    }

    /// Where the daily chart's panels sit in one layout, in SVG user units, and the maps from a
    /// day, a success rate (ten-thousandths) and a count of resolved orders to coordinates.
    private struct DailyGeometry {
        let narrow: Bool
        let left: Double
        let plotW: Double
        let rateTop: Double
        let rateH: Double
        let volTitleY: Double
        let volTop: Double
        let volH: Double
        let height: Double
        let first: Int32
        let last: Int32
        /// Days from `first` to `last`, both included.
        let days: Int
        /// Width of one day.
        let band: Double
        /// The success-rate axis (``rateAxis(lowest:)``).
        let axis: (min: Int64, step: Int64)
        /// The resolved-orders axis (``countAxis(largest:)``).
        let counts: (top: Int64, step: Int64)

        init(layout: ChartLayout, first: Int32, last: Int32, axis: (min: Int64, step: Int64), largest: Int64) {
            narrow = layout.isNarrow
            left = narrow ? 46.0 : 60.0
            let right = narrow ? 10.0 : 20.0
            plotW = layout.width - left - right
            rateTop = 64.0
            rateH = narrow ? 170.0 : 210.0
            volTitleY = rateTop + rateH + 34
            volTop = volTitleY + 14
            volH = narrow ? 80.0 : 100.0
            height = volTop + volH + 56
            self.first = first
            self.last = last
            days = Int(last) - Int(first) + 1
            band = plotW / Double(days)
            self.axis = axis
            counts = HTMLReportPage.countAxis(largest: largest)
        }

        /// Centre of a day's band.
        func x(_ day: Int32) -> Double { left + (Double(Int(day) - Int(first)) + 0.5) * band }
        /// Height of a success rate in the rate panel.
        func y(_ rate: Int64) -> Double {
            let rateSpan = Double(10_000 - axis.min)
            return rateTop + rateH - Double(rate - axis.min) / rateSpan * rateH
        }
        /// Height of a count in the resolved-orders panel.
        func vy(_ n: Int64) -> Double { volTop + volH - Double(n) / Double(counts.top) * volH }
    }

    /// The daily chart in one layout: legend, the success-rate panel, the resolved-orders panel,
    /// the date axis, then the bars and the rate lines drawn over them.
    private func dailySVG(
        _ svg: HTMLNode, layout: ChartLayout, rows: [DailyRow], first: Int32, last: Int32, axis: (min: Int64, step: Int64)
    ) throws -> Double {
        let geometry = DailyGeometry(
            layout: layout, first: first, last: last, axis: axis, largest: rows.map(Self.resolved).max() ?? 0)
        // One legend entry per carrier with its line, marker and bar.
        let present = report.carriers.all.filter { c in rows.contains { $0.carrier == c && Self.resolved($0) > 0 } }
        for (i, carrier) in present.enumerated() {
            try carrierLegend(
                carrier, x: (geometry.narrow ? 8 : geometry.left) + Double(i) * (geometry.narrow ? 175 : 200), y: 16,
                in: svg)
        }
        try dailyRatePanel(geometry, in: svg)
        try dailyVolumePanel(geometry, in: svg)
        try dailyDateAxis(geometry, in: svg)
        try dailyBars(geometry, rows: rows, carriers: present, in: svg)
        try dailyLines(geometry, rows: rows, carriers: present, in: svg)
        return geometry.height
    }

    /// The success-rate panel's title, grid and y ticks.
    private func dailyRatePanel(_ geometry: DailyGeometry, in svg: HTMLNode) throws {
        let axis = geometry.axis
        let left = geometry.left
        let rateTitle = try text(
            "Delivery success rate", x: geometry.narrow ? 8 : left, y: geometry.rateTop - 16, in: svg, cls: "panel-title")
        if axis.min > 0 {
            try doc.element("tspan", ["class": "axis-note"], text: "  axis starts at \(axis.min / 100)%", in: rateTitle)
        }
        let grid = try doc.element("g", ["class": "axis-y"], in: svg)
        for t in stride(from: axis.min, through: 10_000, by: Int(axis.step)) {
            let yy = geometry.y(t)
            try line(x1: left, y1: yy, x2: left + geometry.plotW, y2: yy, cls: t == axis.min ? "axis" : "grid", in: grid)
            try text("\(t / 100)%", x: left - 6, y: yy + 4, in: grid, anchor: "end", cls: "tick")
        }
    }

    /// The resolved-orders panel's title, grid and y ticks.
    private func dailyVolumePanel(_ geometry: DailyGeometry, in svg: HTMLNode) throws {
        let counts = geometry.counts
        let left = geometry.left
        try text("Resolved orders per day", x: geometry.narrow ? 8 : left, y: geometry.volTitleY, in: svg, cls: "panel-title")
        let volGrid = try doc.element("g", ["class": "axis-y"], in: svg)
        for t in stride(from: Int64(0), through: counts.top, by: Int(counts.step)) {
            let yy = geometry.vy(t)
            try line(x1: left, y1: yy, x2: left + geometry.plotW, y2: yy, cls: t == 0 ? "axis" : "grid", in: volGrid)
            try text(HTMLFormat.grouped(t), x: left - 6, y: yy + 4, in: volGrid, anchor: "end", cls: "tick")
        }
    }

    /// The x axis under the volume panel, with faint day ticks under the rate panel too, and the
    /// axis title with the date range.
    private func dailyDateAxis(_ geometry: DailyGeometry, in svg: HTMLNode) throws {
        let (first, last) = (geometry.first, geometry.last)
        let rateBottom = geometry.rateTop + geometry.rateH
        let volBottom = geometry.volTop + geometry.volH
        let xAxis = try doc.element("g", ["class": "axis-x"], in: svg)
        for tick in Self.dayTicks(from: first, to: last, maxLabels: geometry.narrow ? 5 : 12) {
            let xx = geometry.x(tick.day)
            try line(x1: xx, y1: rateBottom, x2: xx, y2: rateBottom + 4, cls: "axis", in: xAxis)
            try line(x1: xx, y1: volBottom, x2: xx, y2: volBottom + 5, cls: "axis", in: xAxis)
            try text(tick.label, x: xx, y: volBottom + 19, in: xAxis, anchor: "middle", cls: "tick")
        }
        let range = HTMLFormat.date(first) + (first == last ? "" : " to " + HTMLFormat.date(last))
        try text(
            geometry.narrow ? "Local date, " + range : "Local date (each carrier's reporting time zone), " + range,
            x: geometry.left + geometry.plotW / 2, y: geometry.height - 12, in: xAxis, anchor: "middle", cls: "axis-title")
    }

    /// The resolved-orders bars: one per carrier and day, side by side within the day's band.
    private func dailyBars(_ geometry: DailyGeometry, rows: [DailyRow], carriers present: [Carrier], in svg: HTMLNode) throws {
        let bars = try doc.element("g", ["class": "bars"], in: svg)
        let groupW = geometry.band * 0.8
        let barW = max(groupW / Double(max(present.count, 1)), 0.6)
        for (i, carrier) in present.enumerated() {
            for row in rows where row.carrier == carrier {
                let n = Self.resolved(row)
                guard n > 0 else { continue }
                let g = try doc.element("g", ["class": "mark"], in: bars)
                try doc.element(
                    "title",
                    text: "\(id(carrier)) · \(HTMLFormat.date(row.day)): \(HTMLFormat.count(n, "resolved order"))"
                        + " (\(HTMLFormat.grouped(row.counts.delivered)) delivered)",
                    in: g)
                try carrierBar(
                    carrier, x: geometry.x(row.day) - groupW / 2 + Double(i) * barW, y: geometry.vy(n), width: barW,
                    height: geometry.vy(0) - geometry.vy(n), cls: "bar bar-" + id(carrier), in: g)
            }
        }
    }

    /// The success-rate lines: per carrier, polylines over runs of consecutive days with a rate and
    /// a marker per day.
    private func dailyLines(_ geometry: DailyGeometry, rows: [DailyRow], carriers present: [Carrier], in svg: HTMLNode) throws {
        let dense = Double(geometry.days) > (geometry.narrow ? 25 : 62)
        for carrier in present {
            let series = try doc.element("g", ["class": "series series-" + id(carrier)], in: svg)
            for run in Self.rateRuns(rows.filter { $0.carrier == carrier }) where run.count > 1 {
                let points = run.map { f(geometry.x($0.day)) + "," + f(geometry.y($0.rate)) }.joined(separator: " ")
                let poly = try doc.element(
                    "polyline",
                    [
                        "points": points, "fill": "none", "stroke": colour(carrier), "stroke-width": dense ? "1.6" : "2",
                        "stroke-linejoin": "round",
                    ], in: series)
                if let dash = dash(carrier) { try doc.setAttribute("stroke-dasharray", dash, on: poly) }
            }
            for row in rows where row.carrier == carrier {
                guard let ratio = row.successRate, let rate = HTMLFormat.tenThousandths(ratio) else { continue }
                let mark = try marker(
                    carrier, x: geometry.x(row.day), y: geometry.y(rate), size: dense ? 2.2 : 3.2, in: series)
                try doc.element(
                    "title",
                    text: "\(id(carrier)) · \(HTMLFormat.date(row.day)): \(HTMLFormat.percent(ratio) ?? ratio) delivered"
                        + " (\(HTMLFormat.grouped(row.counts.delivered)) of \(HTMLFormat.count(Self.resolved(row), "resolved order")))",
                    in: mark)
            }
        }
    }

    /// One carrier's daily rows split into runs of consecutive days that have a success rate
    /// (in ten-thousandths): a day without a rate, or a missing day, ends a run.
    private static func rateRuns(_ rows: [DailyRow]) -> [[(day: Int32, rate: Int64)]] {
        var runs: [[(day: Int32, rate: Int64)]] = []
        var current: [(day: Int32, rate: Int64)] = []
        for row in rows {
            guard let rate = row.successRate.flatMap(HTMLFormat.tenThousandths) else {
                if !current.isEmpty { runs.append(current) }
                current = []
                continue
            }
            if let previous = current.last, Int(row.day) != Int(previous.day) + 1 {
                runs.append(current)
                current = []
            }
            current.append((row.day, rate))
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    // MARK: - (b) Reasons

    private func reasonsChart(in parent: HTMLNode) throws {
        let title = "Top reasons per carrier"
        let top = 8
        let byCarrier: [(Carrier, [ReasonRow])] = report.carriers.all.compactMap { c in
            let rows = report.reasons.filter { $0.carrier == c }
            return rows.isEmpty ? nil : (c, rows)
        }
        try chart(
            in: parent, id: "chart-reasons", title: title,
            emptyMessage: byCarrier.isEmpty ? "No status update carried a reason." : nil,
            note: "Bar length: the reason's share of the carrier's status updates that carry a reason; the numbers are"
                + " updates and share. Top \(top) per carrier; the Reasons table lists every code."
        ) { svg, layout in
            try reasonsSVG(svg, layout: layout, byCarrier: byCarrier, top: top)
        }
    }

    private func reasonsSVG(
        _ svg: HTMLNode, layout: ChartLayout, byCarrier: [(Carrier, [ReasonRow])], top: Int
    ) throws
        -> Double
    {
        let narrow = layout.isNarrow
        let labelX = 8.0
        // Wide: label, then the bar on the same line. Narrow: label above its bar.
        let barX = narrow ? labelX : 380.0
        let barMax = layout.width - barX - (narrow ? 112 : 130)
        let rowH = narrow ? 40.0 : 24.0
        let maxShare =
            byCarrier.flatMap { $0.1.prefix(top) }.compactMap { $0.share.flatMap(HTMLFormat.tenThousandths) }.max() ?? 1
        var yy = 8.0
        for (carrier, rows) in byCarrier {
            let total = rows.first?.carrierEvents ?? 0
            let summary = HTMLFormat.count(total, "status update") + " with a reason, " + HTMLFormat.count(Int64(rows.count), "code")
            if !narrow, carrier == byCarrier.first?.0 {
                try text("Status updates · share of the carrier's reasons", x: barX, y: yy + 18, in: svg, cls: "axis-title")
            }
            let head = try text("", x: labelX, y: yy + 18, in: svg, cls: "panel-title")
            try doc.text(id(carrier), in: head)
            if narrow {
                try text(summary, x: labelX, y: yy + 36, in: svg, cls: "muted")
                yy += 46
            } else {
                try doc.element("tspan", ["class": "muted"], text: "  " + summary, in: head)
                yy += 30
            }
            for row in rows.prefix(top) {
                let share = row.share.flatMap(HTMLFormat.tenThousandths) ?? 0
                let g = try doc.element("g", ["class": "mark"], in: svg)
                let label = row.counts.label.isEmpty ? row.code : row.code + " · " + row.counts.label
                try doc.element(
                    "title",
                    text: "\(id(carrier)) \(label) — \(row.counts.category.name), party \(row.counts.party.name): "
                        + "\(HTMLFormat.count(row.counts.events, "status update")) on \(HTMLFormat.count(row.counts.orders, "order")),"
                        + " \(HTMLFormat.percent(row.share) ?? HTMLFormat.dash) of the carrier's reasons",
                    in: g)
                try text(HTMLFormat.truncated(label, to: narrow ? 54 : 52), x: labelX, y: yy + 15, in: g)
                let barY = narrow ? yy + 21 : yy + 4
                let w = maxShare > 0 ? Double(share) / Double(maxShare) * barMax : 0
                try rect(x: barX, y: barY, width: max(w, 1), height: narrow ? 13 : 15, fill: colour(carrier), in: g)
                try text(
                    HTMLFormat.grouped(row.counts.events) + " · " + (HTMLFormat.percent(row.share) ?? HTMLFormat.dash),
                    x: barX + max(w, 1) + 8, y: barY + 11.5, in: g, cls: "value")
                yy += rowH
            }
            if rows.count > top {
                let rest = rows.dropFirst(top)
                let events = rest.reduce(Int64(0)) { $0 + $1.counts.events }
                let more = "+ " + HTMLFormat.count(Int64(rest.count), "more code") + " with " + HTMLFormat.count(events, "status update")
                try text(narrow ? more : more + " — see the Reasons table", x: labelX, y: yy + 15, in: svg, cls: "muted")
                yy += 22
            }
            yy += 10
        }
        return yy
    }

    // MARK: - (c) Final-status mix

    private func statusMixChart(in parent: HTMLNode) throws {
        try chart(
            in: parent, id: "chart-mix", title: "Final-status mix per carrier", emptyMessage: hasEvents ? nil : "No orders.",
            note:
                "Orders by their latest status, as a share of the carrier's orders. Open includes statuses the map does not know."
        ) { svg, layout in
            try statusMixSVG(svg, layout: layout)
        }
    }

    /// The final-status mix in one layout: the legend, one stacked bar per summary row, then the
    /// share scale.
    private func statusMixSVG(_ svg: HTMLNode, layout: ChartLayout) throws -> Double {
        let legendBottom = try statusMixLegend(layout: layout, in: svg)
        // Wide: name and count left of the bar. Narrow: name and count above a full-width bar.
        let barX = layout.isNarrow ? 8.0 : 150.0
        let barW = layout.width - barX - (layout.isNarrow ? 8 : 20)
        var yy = legendBottom + 30
        for row in summaryRows {
            yy = try statusMixBar(row, top: yy, barX: barX, barW: barW, layout: layout, in: svg)
        }
        try statusMixScale(top: yy, barX: barX, barW: barW, layout: layout, in: svg)
        return yy + 46
    }

    /// The status legend, wrapped onto as many lines as the width needs; returns the y of its
    /// last line.
    private func statusMixLegend(layout: ChartLayout, in svg: HTMLNode) throws -> Double {
        var lx = 8.0
        var ly = 8.0
        for status in Self.mix {
            let w = 20 + Self.textWidth(status.name, size: 12.5) + 18
            if lx > 8 && lx + w > layout.width - 8 {
                lx = 8
                ly += 22
            }
            let g = try doc.element("g", ["class": "legend"], in: svg)
            try rect(x: lx, y: ly, width: 14, height: 14, fill: status.colour, in: g, cls: "swatch")
            try text(status.name, x: lx + 20, y: ly + 12, in: g)
            lx += w
        }
        return ly
    }

    /// One summary row (a carrier or all carriers) of the mix: its name and order count, the
    /// stacked bar of final statuses and the wrapped list of counts under it. Returns the y where
    /// the next row starts.
    private func statusMixBar(
        _ row: SummaryRow, top: Double, barX: Double, barW: Double, layout: ChartLayout, in svg: HTMLNode
    ) throws -> Double {
        let narrow = layout.isNarrow
        var yy = top
        let kpis = row.kpis
        let name = row.scope == .all ? "ALL carriers" : id(row.scope)
        if narrow {
            let head = try text(name, x: 8, y: yy + 14, in: svg, cls: "panel-title")
            try doc.element("tspan", ["class": "muted"], text: "  " + HTMLFormat.count(kpis.orders, "order"), in: head)
            yy += 22
        } else {
            try text(name, x: 8, y: yy + 16, in: svg, cls: "panel-title")
            try text(HTMLFormat.count(kpis.orders, "order"), x: 8, y: yy + 33, in: svg, cls: "muted")
        }
        guard kpis.orders > 0 else {
            try rect(x: barX, y: yy + 2, width: barW, height: 24, fill: "none", in: svg, cls: "outline")
            try text("no orders", x: barX + 8, y: yy + 19, in: svg, cls: "muted")
            return yy + (narrow ? 40 : 66)
        }
        var x = barX
        var parts: [String] = []
        for status in Self.mix {
            let n = status.value(kpis)
            guard n > 0 else { continue }
            let w = Double(n) / Double(kpis.orders) * barW
            let share = HTMLFormat.percent(n, of: kpis.orders) ?? ""
            let g = try doc.element("g", ["class": "mark"], in: svg)
            try doc.element(
                "title",
                text:
                    "\(id(row.scope)) · \(status.name): \(HTMLFormat.count(n, "order")) (\(share) of \(HTMLFormat.grouped(kpis.orders)))",
                in: g)
            try rect(x: x, y: yy + 2, width: w, height: 24, fill: status.colour, in: g, cls: "seg")
            let label = HTMLFormat.grouped(n)
            if w >= Self.textWidth(label, size: 12) + 10 {
                let t = try text(label, x: x + w / 2, y: yy + 19, in: g, anchor: "middle", cls: "seg-label")
                try doc.setAttribute("fill", status.onColour, on: t)
            }
            parts.append("\(status.name) \(HTMLFormat.grouped(n)) (\(share))")
            x += w
        }
        let lines = Self.wrapParts(parts, width: layout.width - barX - 8)
        for (i, line) in lines.enumerated() {
            try text(line, x: barX, y: yy + 44 + Double(i) * 16, in: svg, cls: "value")
        }
        return yy + max(narrow ? 40 : 66, 34 + Double(lines.count) * 16 + 14)
    }

    /// The scale under the mix: 0–100 % of the carrier's orders.
    private func statusMixScale(top yy: Double, barX: Double, barW: Double, layout: ChartLayout, in svg: HTMLNode) throws {
        let narrow = layout.isNarrow
        let axis = try doc.element("g", ["class": "axis-x"], in: svg)
        try line(x1: barX, y1: yy + 2, x2: barX + barW, y2: yy + 2, cls: "axis", in: axis)
        for percent in stride(from: 0, through: 100, by: 25) {
            let xx = barX + Double(percent) / 100 * barW
            try line(x1: xx, y1: yy + 2, x2: xx, y2: yy + 7, cls: "axis", in: axis)
            let anchor = narrow && percent == 0 ? "start" : narrow && percent == 100 ? "end" : "middle"
            try text("\(percent)%", x: xx, y: yy + 20, in: axis, anchor: anchor, cls: "tick")
        }
        try text("Share of the carrier's orders", x: barX + barW / 2, y: yy + 38, in: axis, anchor: "middle", cls: "axis-title")
    }

    // MARK: - (d) COD status totals

    private func codChart(in parent: HTMLNode) throws {
        try chart(
            in: parent, id: "chart-cod", title: "Cash on delivery by reconciliation status",
            emptyMessage: report.cod.totals.isEmpty ? "No COD to reconcile." : nil,
            note: "For each status: the COD the orders should bring in (expected) and what the statements say was remitted,"
                + " exact amounts. The COD reconciliation section explains each status."
        ) { svg, layout in
            try codSVG(svg, layout: layout)
        }
    }

    private func codSVG(_ svg: HTMLNode, layout: ChartLayout) throws -> Double {
        let narrow = layout.isNarrow
        let totals = report.cod.totalsList
        let series: [(String, String)] = [("expected COD", Palette.blue), ("remitted", Palette.orange)]
        var lx = 8.0
        for (name, colour) in series {
            let g = try doc.element("g", ["class": "legend"], in: svg)
            try rect(x: lx, y: 8, width: 14, height: 14, fill: colour, in: g, cls: "swatch")
            try text(name, x: lx + 20, y: 20, in: g)
            lx += 140
        }
        // Wide: status and row count left of the bars. Narrow: above them.
        let labelX = 8.0
        let barX = narrow ? labelX : 200.0
        let barMax = layout.width - barX - (narrow ? 196 : 220)
        let rowH = narrow ? 62.0 : 46.0
        var yy = 30.0
        for currency in codCurrencies {
            let rows = totals.filter { $0.currency == currency }
            try text("Amounts in " + currency, x: labelX, y: yy + 20, in: svg, cls: "panel-title")
            yy += 30
            // Bar lengths only: the amounts themselves are written exactly beside the bars.
            let scale = rows.reduce(0.0) { m, t in max(m, Double(t.expected.units), Double(t.remitted.units)) }
            for t in rows {
                let g = try doc.element("g", ["class": "mark"], in: svg)
                try doc.element(
                    "title",
                    text:
                        "\(t.status.rawValue): \(HTMLFormat.count(t.rows, "row")), expected \(HTMLFormat.money(t.expected, currency))"
                        + " \(currency), remitted \(HTMLFormat.money(t.remitted, currency)) \(currency)",
                    in: g)
                let barsTop: Double
                if narrow {
                    let head = try text(t.status.rawValue, x: labelX, y: yy + 14, in: g, cls: "status-label")
                    try doc.element("tspan", ["class": "muted"], text: "  " + HTMLFormat.count(t.rows, "row"), in: head)
                    barsTop = yy + 20
                } else {
                    try text(t.status.rawValue, x: labelX, y: yy + 14, in: g, cls: "status-label")
                    try text(HTMLFormat.count(t.rows, "row"), x: labelX, y: yy + 30, in: g, cls: "muted")
                    barsTop = yy + 2
                }
                for (i, (name, colour)) in series.enumerated() {
                    let value = i == 0 ? t.expected : t.remitted
                    let w = scale > 0 ? Double(value.units) / scale * barMax : 0
                    let by = barsTop + Double(i) * 17
                    if w > 0 { try rect(x: barX, y: by, width: max(w, 1), height: 14, fill: colour, in: g) }
                    try text(
                        name + " " + HTMLFormat.money(value, currency), x: barX + max(w, 0) + 8, y: by + 11.5, in: g,
                        cls: "value")
                }
                yy += rowH
            }
        }
        return yy + 6
    }
}
