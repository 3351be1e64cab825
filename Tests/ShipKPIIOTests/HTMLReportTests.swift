import Foundation
import ShipKPICore
import ShipKPIXML
import ShipKPITestSupport
import Testing

@testable import ShipKPIIO

/// report.html, rendered from reports built by the real decoder and aggregator.
@Suite struct HTMLReportTests {
    // MARK: - Building reports

    /// 2026-04-01T00:00:00Z in ms.
    static let asOf = Int64(CivilDate.daysFromCivil(year: 2026, month: 4, day: 1)) * 86_400_000

    /// A JSON line (keys sorted, control characters escaped as `\u0001`, so the line is valid JSON).
    static func json(_ object: [String: Any]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A 247Express webhook event at `2026-03-dd hh:00` Vietnam time.
    static func event247(
        _ code: String, _ status: Int, day: Int, hour: Int = 9, extra: [String: Any] = [:]
    ) -> String {
        var object: [String: Any] = [
            "OrderCode": code, "Status": String(status),
            "Time": String(format: "2026-03-%02dT%02d:00:00+07:00", day, hour),
        ]
        for (k, v) in extra { object[k] = v }
        return json(object)
    }

    /// A HoundExpress changeOrderStatus event at `2026-03-dd hh:00Z`.
    static func eventHound(_ guide: String, _ status: Int, day: Int, hour: Int = 15) -> String {
        let ms = (Int64(CivilDate.daysFromCivil(year: 2026, month: 3, day: day)) * 24 + Int64(hour)) * 3_600_000
        return json(["guide": ["guideNumber": guide, "currentStatus": ["date": ms, "status": status]]])
    }

    /// A 247Express order record.
    static func order247(_ code: String, province: String = "Hồ Chí Minh", service: String = "DE", cod: Int = 0) -> String {
        json([
            "OrderCode": code, "ServiceTypeID": service, "ReceiverProvinceName": province, "ReceiverDistrictName": "Quận 7",
            "ReceiverAddress": "12 Tân Trào", "ReceiverPhone": "0903123456", "ClientHubID": 11583, "MailerType": "HH",
            "InformFee": 500000, "CODAmount": cod,
        ])
    }

    /// Decodes `lines` with the real record decoder and computes the report with the real stages.
    static func report(_ lines: [String], remittances: [RemittanceRow] = []) throws -> Computed {
        let decoder = try RecordDecoder(options: testOptions(keepEventText: false))
        var batch = EventBatch()
        for (i, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            // simdjson reads up to SKP_PADDING bytes past the document.
            let padded = bytes + [UInt8](repeating: 0x20, count: ChunkReader.padding)
            padded.withUnsafeBytes { raw in
                decoder.decode(
                    UnsafeRawBufferPointer(rebasing: raw[0 ..< bytes.count]),
                    source: SourcePosition(file: 0, line: Int64(i + 1), byteOffset: Int64(i)), terminated: true, into: &batch)
            }
            batch.counters.lines += 1
        }
        var statement = EventBatch()
        statement.remittances = remittances
        return Computed(
            result: try StagedReport.compute(settings: testFoldSettings(asOf: asOf)) { emit in
                try emit(batch)
                try emit(statement)
            })
    }

    /// A computed report as these tests read it.
    @dynamicMemberLookup
    struct Computed {
        subscript<T>(dynamicMember keyPath: KeyPath<ReportTables, T>) -> T { tables[keyPath: keyPath] }

        let result: StagedReport.Result
        var tables: ReportTables { result.tables }
        var summary: [SummaryRow] { tables.summary }
        var orders: OrderRows { result.fold.orders }
        var cod: CODReport {
            var report = CODReport()
            report.rows = result.fold.cod
            report.summary = tables.cod
            return report
        }

        func content(paths: [String]) -> ReportContent {
            ReportContent(
                registry: .standard, tables: tables,
                perOrder: FoldedRows(folds: [result.fold], carriers: tables.carriers, currencies: tables.currencies, remittancePaths: []),
                paths: paths, remittancePaths: [])
        }
    }

    static func remittance(_ code: String, _ amount: Int, fee: Int? = nil, line: Int64) -> RemittanceRow {
        RemittanceRow(
            carrier: .express247, orderCode: code, amount: ExactDecimal(amount), fee: fee.map { ExactDecimal($0) }, remittedAt: "2026-03-20 10:00:00",
            reference: "CK-\(line), đợt 1", source: SourcePosition(file: 0, line: line, byteOffset: 0))
    }

    /// A small two-carrier run with every section filled.
    static var mixedLines: [String] {
        var lines: [String] = []
        // 247express: delivered, returned, failed attempt with a mapped-less reason, unknown status.
        lines += [
            event247("CNN1", 23, day: 1), event247("CNN1", 25, day: 2, extra: ["Mailman": "Trần Thị Thu Hà"]),
            event247("CNN1", 30, day: 2, hour: 15, extra: ["Mailman": "Trần Thị Thu Hà"]),
            event247("CNN2", 23, day: 3), event247("CNN2", 25, day: 4),
            event247("CNN2", 16, day: 4, hour: 12, extra: ["DelayCode": "S02", "DelayNotes": "Không liên lạc được người nhận"]),
            event247("CNN2", 28, day: 9),
            event247("CNN3", 23, day: 20), event247("CNN3", 99, day: 21),
            order247("CNN1", cod: 500000), order247("CNN2", province: "Hà Nội", cod: 250000),
        ]
        // houndexpress: delivered and refused.
        lines += [
            eventHound("9001", 2, day: 5), eventHound("9002", 8, day: 6),
        ]
        lines.append("{not json")
        return lines
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The elements between `<section id=id>` and the next section, in document order.
    static func section(_ id: String, in elements: [XMLCheck.Element]) -> ArraySlice<XMLCheck.Element> {
        guard let start = elements.firstIndex(where: { $0.name == "section" && $0.attributes["id"] == id }) else { return [] }
        let end = elements[(start + 1)...].firstIndex { $0.name == "section" } ?? elements.endIndex
        return elements[start ..< end]
    }

    /// The elements of one drawing (`wide` or `narrow`) of the chart in `<figure id=id>`: its box,
    /// its `<svg>` and everything in it, in document order.
    static func chart(_ id: String, _ layout: String, in elements: [XMLCheck.Element]) -> ArraySlice<XMLCheck.Element> {
        guard let figure = elements.firstIndex(where: { $0.name == "figure" && $0.attributes["id"] == id }),
            let start = elements[figure...].firstIndex(where: { $0.attributes["class"] == "chart-box chart-" + layout })
        else { return [] }
        let end =
            elements[(start + 1)...].firstIndex {
                $0.name == "figure" || $0.name == "p" || $0.name == "section" || $0.attributes["class"]?.hasPrefix("chart-box") == true
            } ?? elements.endIndex
        return elements[start ..< end]
    }

    /// The `<style>` text between `marker` and the end of its block (the matching closing brace).
    static func cssBlock(_ css: String, _ marker: String) -> String {
        guard let start = css.range(of: marker) else { return "" }
        var depth = 0
        var index = start.lowerBound
        while index < css.endIndex {
            let c = css[index]
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { return String(css[start.lowerBound ... index]) }
            }
            index = css.index(after: index)
        }
        return String(css[start.lowerBound...])
    }

    /// A number attribute (coordinates are written with at most one decimal).
    static func number(_ e: XMLCheck.Element, _ name: String) -> Double {
        e.attributes[name].flatMap(Double.init) ?? .nan
    }

    // MARK: - Structure

    @Test func pageParsesAndHasEverySection() throws {
        let report = try Self.report(Self.mixedLines, remittances: [Self.remittance("CNN1", 490000, fee: 5000, line: 2)])
        let bytes = try HTMLReport(report: report, paths: ["exports/a.ndjson", "remit.csv"]).bytes()
        let html = Self.text(bytes)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let elements = try XMLCheck.parseHTML(bytes)
        let ids = elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(
            ids == [
                "headline", "charts", "summary", "daily", "reasons", "feedback", "breakdowns", "cod", "order-checks",
                "needs-action", "data-quality",
            ])
        // One figure per chart, each drawn twice (wide and narrow), each drawing an SVG with a title.
        let figures = elements.filter { $0.name == "figure" }.compactMap { $0.attributes["id"] }
        #expect(figures == ["chart-daily", "chart-reasons", "chart-mix", "chart-cod"])
        #expect(elements.filter { $0.name == "svg" }.count == 8)
        // (The HTML parser lower-cases attribute names.)
        #expect(elements.filter { $0.name == "svg" }.allSatisfy { $0.attributes["viewbox"] != nil })
        // Every data mark carries a tooltip.
        let marks = elements.filter { $0.attributes["class"] == "pt" || ($0.name == "g" && $0.attributes["class"] == "mark") }
        #expect(!marks.isEmpty)
        #expect(marks.allSatisfy { !$0.text.isEmpty })
        // Summary: one row per summary.csv column, columns per carrier and ALL.
        let summary = Self.section("summary", in: elements)
        #expect(summary.filter { $0.name == "tr" }.count == CSVReports.summaryColumns.count + 1)
        #expect(summary.filter { $0.name == "th" }.map(\.text).prefix(4) == ["KPI", "247express", "houndexpress", "ALL"])
        // Definitions are KPIDefinitions' texts, beside the numbers.
        #expect(summary.contains { $0.name == "td" && $0.text == KPIDefinitions.text("first_attempt_rate") })
        let headline = Self.section("headline", in: elements)
        #expect(headline.contains { $0.text == KPIDefinitions.text("success_rate") })
        // Print rules and no dark background.
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
    }

    @Test func codSectionExplainsStatusesAndAgeing() throws {
        let report = try Self.report(
            Self.mixedLines,
            remittances: [Self.remittance("CNN1", 490000, fee: 5000, line: 2), Self.remittance("NOPE", 100000, line: 3)])
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let cod = Self.section("cod", in: elements)
        let statuses = report.cod.totals.map(\.status)
        #expect(statuses.contains(.short) && statuses.contains(.unexpected))
        for status in statuses {
            #expect(cod.contains { $0.name == "td" && $0.text == HTMLReportPage.codMeaning(status) })
        }
        #expect(!HTMLReportPage.codMeaning(.short).isEmpty)
        // SHORT by 10 000 VND, grouped with a narrow no-break space, exact.
        #expect(cod.contains { $0.name == "td" && $0.text == "-10\u{202F}000" })
        #expect(cod.contains { $0.name == "td" && $0.text == "NOPE" })
        #expect(cod.contains { $0.text == "Not remitted yet, by days since delivery" })
    }

    // MARK: - Hostile input

    @Test func hostileTextStaysText() throws {
        let code = "<script>alert(1)</script>"
        let label = "a & b ]]>"
        let courier = "=HYPERLINK(\"x\")"
        let province = "Tỉnh\u{01}<b>x</b>"
        let lines = [
            Self.event247(code, 23, day: 1),
            Self.event247(code, 16, day: 2, extra: ["DelayCode": "Z9", "DelayNotes": label, "Mailman": courier]),
            Self.order247(code, province: province, cod: 300000),
        ]
        let report = try Self.report(lines)
        let bytes = try HTMLReport(report: report, paths: ["in/" + code + ".ndjson"]).bytes()
        let html = Self.text(bytes)
        let elements = try XMLCheck.parseHTML(bytes)

        #expect(!elements.contains { $0.name == "script" || ($0.name == "b" && $0.text == "x") })
        #expect(!html.contains("<script"))
        #expect(!bytes.contains(0x01))
        // Each value reads back as the same text (the control character as U+FFFD).
        let cells = elements.filter { $0.name == "td" || $0.name == "li" }.map(\.text)
        #expect(cells.contains(code))  // needs-action and COD rows
        #expect(cells.contains(label))  // reasons table
        #expect(cells.contains(courier))  // courier breakdown
        #expect(cells.contains("Tỉnh\u{FFFD}<b>x</b>"))  // province breakdown
        #expect(cells.contains("in/" + code + ".ndjson"))  // inputs
        // In the chart the label is SVG text, still text.
        #expect(elements.contains { $0.name == "text" && $0.text == "Z9 · " + label })
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a &amp; b ]]&gt;"))
    }

    @Test func noScriptsAndNothingFetched() throws {
        let report = try Self.report(Self.mixedLines, remittances: [Self.remittance("CNN1", 500000, line: 2)])
        let bytes = try HTMLReport(report: report, paths: ["a.ndjson"]).bytes()
        let html = Self.text(bytes).lowercased()
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        let elements = try XMLCheck.parseHTML(bytes)
        let fetching: Set<String> = ["script", "img", "link", "iframe", "object", "embed", "image", "use", "video", "audio"]
        #expect(!elements.contains { fetching.contains($0.name) })
        #expect(!elements.contains { $0.attributes["src"] != nil })
        #expect(elements.compactMap { $0.attributes["href"] }.allSatisfy { $0.hasPrefix("#") })
        #expect(!elements.contains { $0.attributes.keys.contains { $0.hasPrefix("on") } })
    }

    @Test func vietnameseAndSpanishAreUTF8Characters() throws {
        var lines = Self.mixedLines
        lines.append(Self.order247("CNN3", province: "Thừa Thiên Huế"))
        let html = Self.text(try HTMLReport(report: try Self.report(lines), paths: ["México/guías.ndjson"]).bytes())
        #expect(html.contains("Không liên lạc được người nhận"))
        #expect(html.contains("Thừa Thiên Huế"))
        #expect(html.contains("México/guías.ndjson"))
        #expect(!html.contains("&#"))
    }

    // MARK: - Numbers

    @Test(arguments: [
        ("0.8261", "82.6%"), ("1.0000", "100.0%"), ("0.0000", "0.0%"), ("0.0005", "0.1%"), ("0.0004", "0.0%"),
        ("0.8265", "82.7%"), ("0.5", "50.0%"), ("1", "100.0%"),
    ])
    func percentFromRatio(_ ratio: String, _ expected: String) {
        #expect(HTMLFormat.percent(ratio) == expected)
    }

    @Test func malformedRatiosAreNotPercentages() {
        for bad in ["", ".5", "0.12345", "abc", "-0.5", "0.5.1", "1e3"] {
            #expect(HTMLFormat.percent(bad) == nil, "\(bad)")
        }
        #expect(HTMLFormat.percent(nil) == nil)
    }

    @Test func groupingAndMoney() {
        #expect(HTMLFormat.grouped(0) == "0")
        #expect(HTMLFormat.grouped(999) == "999")
        #expect(HTMLFormat.grouped(1000) == "1\u{202F}000")
        #expect(HTMLFormat.grouped(-1_234_567) == "-1\u{202F}234\u{202F}567")
        #expect(HTMLFormat.money(ExactDecimal(1_500_000), "VND") == "1\u{202F}500\u{202F}000")
        #expect(HTMLFormat.money(ExactDecimal(units: 12_345 * ExactDecimal.unitsPerOne / 10), "MXN") == "1\u{202F}234.50")
        // Never rounded: more digits than the currency's minor unit stay.
        #expect(HTMLFormat.money(ExactDecimal(units: ExactDecimal.unitsPerOne / 8), "MXN") == "0.125")
    }

    @Test func percentagesShownMatchTheReportRatios() throws {
        // 19 delivered of 23 resolved: success rate 0.8261 → 82.6%.
        var lines: [String] = []
        for i in 0 ..< 23 {
            let code = "R\(i)"
            lines.append(Self.event247(code, 23, day: 1))
            lines.append(Self.event247(code, 25, day: 2))
            lines.append(Self.event247(code, i < 19 ? 30 : 28, day: 3))
        }
        let report = try Self.report(lines)
        let row = try #require(report.summary.first { id($0.scope) == "247express" })
        #expect(row.kpis.successRate == "0.8261")
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let headline = Self.section("headline", in: elements)
        #expect(headline.contains { $0.attributes["class"] == "big" && $0.text == "82.6%" })
        #expect(headline.contains { $0.text == "19\u{00A0}delivered of 23\u{00A0}resolved" })
        let summary = Self.section("summary", in: elements)
        let cell = try #require(summary.first { $0.name == "td" && $0.attributes["title"] == "ratio 0.8261" })
        #expect(cell.text == "82.6%")
        // Every rate on the page is the percentage of a ratio in its title.
        for e in elements where e.attributes["title"]?.hasPrefix("ratio ") == true {
            let ratio = String(e.attributes["title"]!.dropFirst("ratio ".count))
            #expect(e.text == HTMLFormat.percent(ratio))
        }
    }

    @Test func emptyDenominatorsShowADashWithANote() throws {
        // One open order: nothing resolved, nothing attempted.
        let report = try Self.report([Self.event247("OPEN1", 23, day: 30)])
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let headline = Self.section("headline", in: elements)
        #expect(headline.contains { $0.attributes["class"] == "big muted" && $0.text == HTMLFormat.dash })
        #expect(headline.contains { $0.text == "no resolved orders" })
        #expect(!elements.contains { $0.text == "NaN" || $0.text == "NaN%" })
    }

    // MARK: - Edge cases

    @Test func emptyReportRendersAndSaysSo() throws {
        let report = try Self.report([])
        let bytes = try HTMLReport(report: report, paths: []).bytes()
        let elements = try XMLCheck.parseHTML(bytes)
        #expect(elements.contains { $0.attributes["class"] == "notice" && $0.text.contains("No accepted events") })
        #expect(elements.filter { $0.name == "section" }.count == 11)
        #expect(elements.contains { $0.name == "p" && $0.attributes["class"] == "empty" && $0.text == "No accepted events." })
        #expect(!elements.contains { $0.name == "svg" })
    }

    @Test func onlyRejectsStillRenders() throws {
        let report = try Self.report(["{not json", "[1,2]", "{\"foo\": 1}"])
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: ["bad.ndjson"]).bytes())
        let quality = Self.section("data-quality", in: elements)
        #expect(quality.contains { $0.name == "td" && $0.text == "invalid_json" })
        let meaning = try HTMLReportPage(report: report.tables, paths: [], registry: .standard).rejectMeaning(.invalidJSON)
        #expect(quality.contains { $0.name == "td" && $0.text == meaning })
        #expect(quality.contains { $0.name == "td" && $0.text == "unknown_shape" })
    }

    @Test func dataQualityListsUnknownCodesWithAHint() throws {
        let report = try Self.report(Self.mixedLines)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: ["x.ndjson"]).bytes())
        let quality = Self.section("data-quality", in: elements)
        #expect(quality.contains { $0.name == "td" && $0.text == "99" })
        #expect(quality.contains { $0.name == "p" && $0.text.contains("--status-map") })
        #expect(quality.contains { $0.name == "li" && $0.text == "x.ndjson" })
    }

    @Test func rendersAreByteIdentical() throws {
        let lines = Self.mixedLines
        let remit = [Self.remittance("CNN1", 490000, fee: 5000, line: 2), Self.remittance("CNN2", 1, line: 3)]
        let a = try Self.report(lines, remittances: remit)
        // Each computation hashes with seeds of its own: nothing may depend on hash or dictionary order.
        let b = try Self.report(lines, remittances: remit)
        let first = try HTMLReport(report: a, paths: ["p"]).bytes()
        #expect(first == (try HTMLReport(report: a, paths: ["p"]).bytes()))
        #expect(first == (try HTMLReport(report: b, paths: ["p"]).bytes()))
    }

    @Test func writeProducesTheSameBytes() throws {
        let report = try Self.report(Self.mixedLines)
        let html = HTMLReport(report: report, paths: [])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try html.write(to: path)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(written) == (try html.bytes()))
    }

    @Test func needsActionIsCappedWithATotal() throws {
        var lines: [String] = []
        for i in 0 ..< (HTMLReport.listLimit + 25) {
            lines.append(Self.event247(String(format: "F%04d", i), 16, day: 25))
        }
        let report = try Self.report(lines)
        #expect(report.orders.filter(\.needsAction).count == HTMLReport.listLimit + 25)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let section = Self.section("needs-action", in: elements)
        #expect(section.filter { $0.name == "tr" }.count == HTMLReport.listLimit + 1)
        #expect(
            section.contains { $0.name == "p" && $0.text.contains("first 200 of 225 orders") && $0.text.contains("orders.csv") })
    }

    @Test func dailyChartSkipsFarAwayDatesAndLeavesGaps() throws {
        var lines: [String] = []
        // Resolved orders on Mar 1–3 and Mar 10; one stray event in 2019.
        for day in [1, 2, 3, 10] {
            lines.append(Self.event247("D\(day)", 23, day: day, hour: 8))
            lines.append(Self.event247("D\(day)", 30, day: day, hour: 12))
        }
        lines.append(Self.json(["OrderCode": "OLD", "Status": "30", "Time": "2019-08-07T11:24:12+07:00"]))
        let report = try Self.report(lines)
        let window = HTMLReportPage.dailyWindow(report.daily)
        #expect(
            window == Int32(
                CivilDate.daysFromCivil(year: 2026, month: 3, day: 1))
                ... Int32(
                    CivilDate.daysFromCivil(year: 2026, month: 3, day: 10)))
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        for layout in ["wide", "narrow"] {
            let chart = Self.chart("chart-daily", layout, in: elements)
            // One line for Mar 1–3; Mar 10 is a lone point after a gap.
            #expect(chart.filter { $0.name == "polyline" }.count == 1, "\(layout)")
            #expect(chart.filter { $0.name == "circle" && $0.attributes["class"] == "pt" }.count == 4, "\(layout)")
        }
        let figure = elements.drop { $0.attributes["id"] != "chart-daily" }.prefix { $0.attributes["id"] != "chart-reasons" }
        #expect(figure.contains { $0.name == "p" && $0.text.contains("2019-08-07") })
    }

    @Test func dayTicksStayFew() {
        let first = Int32(CivilDate.daysFromCivil(year: 2025, month: 1, day: 1))
        for span in [0, 1, 6, 13, 30, 84, 85, 200, 400, 2000] {
            let ticks = HTMLReportPage.dayTicks(from: first, to: first + Int32(span))
            #expect(!ticks.isEmpty || span < 31, "span \(span)")
            #expect(ticks.count <= 13, "span \(span): \(ticks.count) ticks")
            #expect(ticks.allSatisfy { $0.day >= first && $0.day <= first + Int32(span) })
            // The phone drawing has room for about five date labels.
            let narrow = HTMLReportPage.dayTicks(from: first, to: first + Int32(span), maxLabels: 5)
            #expect(narrow.count <= 6, "span \(span): \(narrow.count) narrow ticks")
            #expect(!narrow.isEmpty || span < 31, "span \(span)")
        }
    }

    // MARK: - Responsive page

    @Test func chartsScaleWithTheViewportAndHaveAPhoneDrawing() throws {
        let report = try Self.report(Self.mixedLines, remittances: [Self.remittance("CNN1", 490000, fee: 5000, line: 2)])
        let bytes = try HTMLReport(report: report, paths: []).bytes()
        let elements = try XMLCheck.parseHTML(bytes)
        let svgs = elements.filter { $0.name == "svg" }
        #expect(svgs.count == 8)
        // No fixed pixel size: the viewBox gives the proportions, the style sheet the size.
        #expect(svgs.allSatisfy { $0.attributes["width"] == nil && $0.attributes["height"] == nil })
        for id in ["chart-daily", "chart-reasons", "chart-mix", "chart-cod"] {
            for (layout, width) in [("wide", HTMLReportPage.ChartLayout.wide.width), ("narrow", HTMLReportPage.ChartLayout.narrow.width)] {
                let chart = Self.chart(id, layout, in: elements)
                let svg = try #require(chart.first { $0.name == "svg" }, "\(id) \(layout)")
                let box = try #require(svg.attributes["viewbox"]).split(separator: " ").compactMap { Double($0) }
                #expect(box.count == 4 && box[0] == 0 && box[1] == 0 && box[2] == width && box[3] > 0, "\(id) \(layout)")
                // Every label starts inside the drawing.
                let texts = chart.filter { $0.name == "text" }
                #expect(!texts.isEmpty)
                #expect(texts.allSatisfy { Self.number($0, "x") >= 0 && Self.number($0, "x") < width }, "\(id) \(layout)")
                #expect(texts.allSatisfy { Self.number($0, "y") > 0 && Self.number($0, "y") <= box[3] }, "\(id) \(layout)")
            }
        }
        // On a 412 px phone (12 px page margins) the narrow drawing shows at 388/400 of its size or
        // more, so its smallest (11.5 unit) labels stay at 11 px.
        #expect(HTMLReportPage.ChartLayout.narrow.width <= 400)

        let css = HTMLReportPage.css(.standard)
        #expect(Self.cssBlock(css, "svg.chart-svg {").contains("width: 100%; height: auto;"))
        #expect(Self.cssBlock(css, ".chart-narrow {").contains("display: none"))
        let phone = Self.cssBlock(css, "@media screen and (max-width: \(HTMLReportPage.narrowBreakpoint)px)")
        #expect(Self.cssBlock(phone, ".chart-wide {").contains("display: none"))
        #expect(Self.cssBlock(phone, ".chart-narrow {").contains("display: block"))
        // Print shows the wide drawing.
        let print = Self.cssBlock(css, "@media print")
        #expect(Self.cssBlock(print, ".chart-wide {").contains("display: block"))
        #expect(Self.cssBlock(print, ".chart-narrow {").contains("display: none"))
    }

    @Test func headlineStacksOnAPhoneWithEveryCarrierVisible() throws {
        let report = try Self.report(Self.mixedLines)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let headline = Self.section("headline", in: elements)
        let table = try #require(headline.first { $0.name == "table" })
        #expect(table.attributes["style"] == "--cards: 3")
        // Each value box names its carrier (shown on a phone, where the column headers scroll away).
        let labels = headline.filter { $0.attributes["class"] == "card-carrier" }.map(\.text)
        #expect(labels.count == 3 * 7)
        #expect(Array(labels.prefix(3)) == ["247express", "houndexpress", "ALL"])
        // On a phone the table becomes a grid: the KPI across the width, the carriers side by side.
        let phone = Self.cssBlock(HTMLReportPage.css(.standard), "@media screen and (max-width: 760px)")
        #expect(Self.cssBlock(phone, "table.scorecard {").contains("display: grid"))
        #expect(Self.cssBlock(phone, "table.scorecard {").contains("repeat(var(--cards, 3), minmax(0, 1fr))"))
        #expect(phone.contains("table.scorecard thead, table.scorecard tbody, table.scorecard tr { display: contents; }"))
        #expect(Self.cssBlock(phone, "table.scorecard th.kpi {").contains("grid-column: 1 / -1"))
        #expect(Self.cssBlock(phone, "table.summary {").contains("display: grid"))
        // Wide tables scroll inside their own box: every data table sits in a div.scroll.
        #expect(Self.cssBlock(HTMLReportPage.css(.standard), ".scroll {").contains("overflow-x: auto"))
        for (i, e) in elements.enumerated() where e.name == "table" && e.attributes["class"]?.hasPrefix("data") == true {
            #expect(i > 0 && elements[i - 1].name == "div" && elements[i - 1].attributes["class"] == "scroll")
        }
    }

    // MARK: - Daily chart

    /// 247express: 19 of 20 resolved delivered on Mar 2, 8 of 10 on Mar 3; houndexpress: 4 and 2,
    /// all delivered.
    static var dailyLines: [String] {
        var lines: [String] = []
        for (day, delivered, returned) in [(2, 19, 1), (3, 8, 2)] {
            for i in 0 ..< (delivered + returned) {
                let code = "V\(day)-\(i)"
                lines.append(event247(code, 23, day: 1))
                lines.append(event247(code, i < delivered ? 30 : 28, day: day))
            }
        }
        for (day, delivered) in [(2, 4), (3, 2)] {
            for i in 0 ..< delivered { lines.append(eventHound("H\(day)-\(i)", 2, day: day)) }
        }
        return lines
    }

    @Test(arguments: [
        (Int64(0), Int64(0), Int64(2_000)), (8_000, 8_000, 500), (7_593, 7_500, 500), (9_990, 9_000, 200),
        (10_000, 9_000, 200), (8_900, 8_500, 500), (5_000, 5_000, 1_000), (2_100, 2_000, 2_000),
    ])
    func rateAxisIsFittedToTheLowestRate(_ lowest: Int64, _ min: Int64, _ step: Int64) {
        let axis = HTMLReportPage.rateAxis(lowest: lowest)
        #expect(axis.min == min && axis.step == step)
        #expect(axis.min <= lowest && (10_000 - axis.min) / axis.step <= 5 && (10_000 - axis.min) % axis.step == 0)
    }

    @Test func dailyRateAxisStartsNearTheLowestRateAndSaysSo() throws {
        let report = try Self.report(Self.dailyLines)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        for layout in ["wide", "narrow"] {
            let chart = Self.chart("chart-daily", layout, in: elements)
            let rateTicks = chart.filter { $0.attributes["class"] == "tick" && $0.text.hasSuffix("%") }.map(\.text)
            #expect(rateTicks == ["80%", "85%", "90%", "95%", "100%"], "\(layout)")
            #expect(chart.contains { $0.name == "tspan" && $0.text.contains("axis starts at 80%") }, "\(layout)")
            // The 80 % point sits on the bottom of the rate panel, the 100 % points on its top.
            let grid = chart.filter { $0.name == "line" && ($0.attributes["class"] == "axis" || $0.attributes["class"] == "grid") }
            let bottom = Self.number(try #require(grid.first), "y1")
            let top = Self.number(try #require(grid.dropFirst(4).first), "y1")
            let points = chart.filter { $0.name == "circle" && $0.attributes["class"] == "pt" }.map { Self.number($0, "cy") }
            #expect(points.count == 2)
            #expect(points.max() == bottom && points.min() != nil)
            #expect(abs((points.min() ?? 0) - (bottom - (bottom - top) * 0.75)) < 0.11)
        }
        let figure = elements.drop { $0.attributes["id"] != "chart-daily" }.prefix { $0.attributes["id"] != "chart-reasons" }
        #expect(figure.contains { $0.name == "p" && $0.text.contains("starts at 80%, not 0") })
    }

    @Test func dailyChartShowsResolvedOrdersPerCarrierAndDay() throws {
        let report = try Self.report(Self.dailyLines)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        for layout in ["wide", "narrow"] {
            let chart = Array(Self.chart("chart-daily", layout, in: elements))
            // Each bar follows its tooltip; the bar heights are proportional to the counts.
            var bars: [(carrier: String, tooltip: String, height: Double)] = []
            for (i, e) in chart.enumerated() where e.name == "rect" && e.attributes["class"]?.hasPrefix("bar ") == true {
                let carrier = String(e.attributes["class"]!.dropFirst("bar bar-".count))
                bars.append((carrier, chart[i - 1].text, Self.number(e, "height")))
            }
            #expect(
                bars.map(\.tooltip) == [
                    "247express · 2026-03-02: 20 resolved orders (19 delivered)",
                    "247express · 2026-03-03: 10 resolved orders (8 delivered)",
                    "houndexpress · 2026-03-02: 4 resolved orders (4 delivered)",
                    "houndexpress · 2026-03-03: 2 resolved orders (2 delivered)",
                ], "\(layout)")
            let unit = try #require(bars.first).height / 20
            #expect(unit > 0)
            for (bar, n) in zip(bars, [20.0, 10, 4, 2]) { #expect(abs(bar.height - n * unit) < 0.11, "\(layout)") }
            #expect(chart.contains { $0.name == "text" && $0.text == "Resolved orders per day" })

            // The carriers differ by colour and by line dash, marker shape and bar style, with a legend.
            let lines = chart.filter { $0.name == "polyline" }
            #expect(lines.count == 2)
            #expect(Set(lines.compactMap { $0.attributes["stroke"] }).count == 2)
            #expect(lines.filter { $0.attributes["stroke-dasharray"] != nil }.count == 1)
            #expect(chart.contains { $0.name == "circle" && $0.attributes["class"] == "pt" })
            #expect(chart.contains { $0.name == "rect" && $0.attributes["class"] == "pt" })
            let houndBar = try #require(chart.first { $0.attributes["class"] == "bar bar-houndexpress" })
            let expressBar = try #require(chart.first { $0.attributes["class"] == "bar bar-247express" })
            #expect(houndBar.attributes["fill-opacity"] != nil && expressBar.attributes["fill-opacity"] == nil)
            #expect(chart.filter { $0.name == "g" && $0.attributes["class"] == "legend" }.map(\.text) == ["247express", "houndexpress"])
        }
    }

    // MARK: - COD rows to review

    @Test func codRowsToReviewComeLargestAmountAtStakeFirst() throws {
        var lines: [String] = []
        for (code, cod) in [("A1", 500_000), ("A2", 250_000), ("A3", 300_000), ("A4", 300_000), ("A5", 200_000)] {
            lines += [Self.event247(code, 23, day: 1), Self.event247(code, 30, day: 3), Self.order247(code, cod: cod)]
        }
        // Two amounts a Double cannot tell apart: 1 000 000 and 1 000 000 + 10⁻¹² VND.
        let tiny = ExactDecimal(1_000_000) + ExactDecimal(units: 1)
        #expect(Double(tiny.units) == Double(ExactDecimal(1_000_000).units))
        let remittances = [
            Self.remittance("A1", 490_000, line: 2),  // SHORT by 10 000
            Self.remittance("A2", 400_000, line: 3),  // OVER by 150 000
            Self.remittance("A5", 200_000, line: 6),  // DUPLICATE, later row
            Self.remittance("A5", 200_000, line: 5),  // DUPLICATE, earlier row
            Self.remittance("ZZ1", 1_000_000, line: 7),  // UNEXPECTED (unknown order)
            RemittanceRow(
                carrier: .express247, orderCode: "ZZ9", amount: tiny, fee: nil, remittedAt: "2026-03-20 10:00:00", reference: "CK-8",
                source: SourcePosition(file: 0, line: 8, byteOffset: 0)),
        ]
        let report = try Self.report(lines, remittances: remittances)
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let cod = Self.section("cod", in: elements)
        let start = try #require(cod.firstIndex { $0.name == "table" && $0.attributes["class"] == "data review" })
        let review = cod[start...]
        let codes = review.filter { $0.name == "td" && $0.attributes["class"] == "code" }.map(\.text)
        // A3 and A4 tie at 300 000 (order code decides); the two A5 rows tie (statement line decides).
        #expect(codes == ["ZZ9", "ZZ1", "A3", "A4", "A5", "A5", "A2", "A1"])
        let stakes = review.filter { $0.attributes["class"] == "n at-stake" }.map(\.text)
        #expect(
            Array(stakes.dropFirst())
                == ["1 000 000", "300 000", "300 000", "200 000", "200 000", "150 000", "10 000"].map {
                    $0.replacingOccurrences(of: " ", with: HTMLFormat.groupSeparator)
                })
        #expect(stakes.first?.hasPrefix("1\u{202F}000\u{202F}000.000000000001") == true)
        let references = review.filter { $0.name == "td" && $0.text.hasPrefix("CK-") }.map(\.text)
        #expect(references.prefix(4) == ["CK-8", "CK-7, đợt 1", "CK-5, đợt 1", "CK-6, đợt 1"])
        // The definition is on the page, and each status has its own rule.
        #expect(cod.contains { $0.name == "p" && $0.attributes["class"] == "lead" && $0.text.contains("for SHORT the shortfall") })
        let statuses = Dictionary(report.cod.rows.map { ($0.orderCode + $0.status.rawValue, CODReviewRow.amountAtStake($0)) }) { a, _ in a }
        #expect(statuses["A1SHORT"] == ExactDecimal(10_000))
        #expect(statuses["A2OVER"] == ExactDecimal(150_000))
        #expect(statuses["A3NOT_REMITTED"] == ExactDecimal(300_000))
        #expect(statuses["A5DUPLICATE"] == ExactDecimal(200_000))
        #expect(statuses["ZZ9UNEXPECTED"] == tiny)
    }

    @Test func codRowsToReviewFitA1280PxPage() throws {
        let report = try Self.report(
            Self.mixedLines,
            remittances: [Self.remittance("CNN1", 490000, fee: 5000, line: 2), Self.remittance("NOPE", 100000, line: 3)])
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let cod = Self.section("cod", in: elements)
        let start = try #require(cod.firstIndex { $0.name == "table" && $0.attributes["class"] == "data review" })
        let head = cod[start...].prefix { $0.name != "tbody" }.filter { $0.name == "th" }.map(\.text)
        // Ten columns: the order's status and the days since delivery sit under the status and the date.
        #expect(
            head == [
                "Order code", "Status", "At stake", "COD", "Remitted", "Fee", "Difference", "Delivered (UTC date)", "Remitted at",
                "Reference",
            ])
        #expect(cod[start...].contains { $0.attributes["class"] == "cell-sub" && $0.text == "order DELIVERED" })
        #expect(cod[start...].contains { $0.attributes["class"] == "cell-sub" && $0.text == "no status update" })
        let css = HTMLReportPage.css(.standard)
        #expect(Self.cssBlock(css, "table.review {").contains("width: 100%"))
        #expect(Self.cssBlock(css, "table.review td.wrap {").contains("overflow-wrap: anywhere"))
    }

    // MARK: - Feedback

    @Test func meanRequestsHasTwoDecimalsLikeTheOtherFigures() throws {
        // 16 orders, 9 requests: 0.5625 in feedback.csv, 0.56 on the page.
        var lines: [String] = []
        let requests = [3, 2, 2, 1, 1] + [Int](repeating: 0, count: 11)
        for (i, n) in requests.enumerated() {
            lines.append(Self.event247("M\(i)", 23, day: 1, extra: ["RequestFeedbackCount": max(n - 1, 0)]))
            lines.append(Self.event247("M\(i)", 16, day: 2, extra: ["RequestFeedbackCount": n]))
        }
        let report = try Self.report(lines)
        #expect(report.feedback.first?.counts.meanRequests == "0.5625")
        let elements = try XMLCheck.parseHTML(try HTMLReport(report: report, paths: []).bytes())
        let feedback = Self.section("feedback", in: elements)
        let cells = feedback.filter { $0.name == "td" }
        #expect(cells.map(\.text).prefix(5) == ["247express", "16", "5", "9", "0.56"])
        #expect(cells.dropFirst(4).first?.attributes["title"] == "mean_requests 0.5625")
        #expect(!feedback.contains { $0.text == "0.5625" })
        #expect(HTMLFormat.mean(1, over: 8) == "0.13")  // 0.125, half away from zero
        #expect(HTMLFormat.mean(2_500_000, over: 2) == "1\u{202F}250\u{202F}000.00")
        #expect(HTMLFormat.mean(1, over: 0) == nil)
    }
}

extension HTMLReport {
    init(report: HTMLReportTests.Computed, paths: [String]) {
        self.init(content: report.content(paths: paths))
    }
}
