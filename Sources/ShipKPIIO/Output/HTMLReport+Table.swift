import ShipKPICore
import ShipKPIXML

/// A column of an HTML table.
struct HTMLColumn {
    var title: String
    /// Right-aligned, tabular figures.
    var numeric = false
    /// A plain-words definition, shown as the title's `<abbr title>`.
    var help: String?
    /// Long text that wraps (cells do not wrap otherwise, so codes, dates and numbers stay whole).
    var wrap = false

    init(_ title: String, numeric: Bool = false, help: String? = nil, wrap: Bool = false) {
        self.title = title
        self.numeric = numeric
        self.help = help
        self.wrap = wrap
    }

    /// A numeric column.
    static func n(_ title: String, help: String? = nil) -> HTMLColumn {
        HTMLColumn(title, numeric: true, help: help)
    }

    /// A column of running text that wraps.
    static func prose(_ title: String) -> HTMLColumn {
        HTMLColumn(title, wrap: true)
    }

    /// A column named after a KPI of ``KPIDefinitions`` (its title, with its definition).
    static func kpi(_ name: String, title: String? = nil) -> HTMLColumn {
        HTMLColumn(title ?? KPIDefinitions.title(name), numeric: true, help: KPIDefinitions.text(name))
    }
}

/// A cell of an HTML table: text (escaped by ``HTMLDocument``), how to align it, and an optional
/// exact value for its `title`.
struct HTMLCell {
    enum Kind {
        case text, number, code, missing
    }

    var text: String
    var kind: Kind
    var title: String?
    /// Extra CSS class (status colouring).
    var cls: String?
    /// A second, smaller line under the text (`span.cell-sub`), e.g. a date's age; nil for none.
    var sub: String?

    /// Longest text shown in a cell; longer input is cut with `…` and shown whole in the title, so
    /// one absurd value cannot push a table off the page.
    static let maxTextLength = 100

    static func text(_ s: String, title: String? = nil, cls: String? = nil) -> HTMLCell {
        guard !s.isEmpty else { return HTMLCell(text: HTMLFormat.dash, kind: .missing, title: title, cls: cls) }
        guard s.count > maxTextLength else { return HTMLCell(text: s, kind: .text, title: title, cls: cls) }
        return HTMLCell(text: HTMLFormat.truncated(s, maxTextLength), kind: .text, title: title ?? s, cls: cls)
    }

    /// The tool's own running text (definitions, explanations): never cut.
    static func prose(_ s: String, cls: String? = nil) -> HTMLCell {
        HTMLCell(text: s, kind: .text, title: nil, cls: cls)
    }

    /// Text from input that identifies something (order codes, raw codes): monospace.
    static func code(_ s: String, title: String? = nil) -> HTMLCell {
        guard !s.isEmpty else { return HTMLCell(text: HTMLFormat.dash, kind: .missing) }
        guard s.count > maxTextLength else { return HTMLCell(text: s, kind: .code, title: title) }
        return HTMLCell(text: HTMLFormat.truncated(s, maxTextLength), kind: .code, title: title ?? s)
    }

    static func number(_ n: Int64) -> HTMLCell {
        HTMLCell(text: HTMLFormat.grouped(n), kind: .number)
    }

    /// A preformatted number; nil is an empty value (`—`).
    static func number(_ s: String?, title: String? = nil) -> HTMLCell {
        guard let s else { return HTMLCell(text: HTMLFormat.dash, kind: .missing, title: title) }
        return HTMLCell(text: s, kind: .number, title: title)
    }

    /// A report ratio as a percentage; the exact 4-decimal ratio is the cell's title.
    static func percent(_ ratio: String?) -> HTMLCell {
        number(HTMLFormat.percent(ratio), title: ratio.map { "ratio " + $0 })
    }

    static func money(_ value: ExactDecimal?, _ currency: String) -> HTMLCell {
        number(value.map { HTMLFormat.money($0, currency) })
    }

    /// The UTC date of an instant (`yyyy-MM-dd`); the exact instant is the title.
    static func day(_ ms: Int64?) -> HTMLCell {
        guard let ms else { return HTMLCell(text: HTMLFormat.dash, kind: .missing) }
        return HTMLCell(text: String(HTMLFormat.instantISO(ms).prefix(10)), kind: .number, title: HTMLFormat.instantISO(ms))
    }

    static func instant(_ ms: Int64?) -> HTMLCell {
        guard let ms else { return HTMLCell(text: HTMLFormat.dash, kind: .missing) }
        return HTMLCell(text: HTMLFormat.instant(ms), kind: .number, title: HTMLFormat.instantISO(ms))
    }

    static let missing = HTMLCell(text: HTMLFormat.dash, kind: .missing)
}

extension HTMLReportPage {
    /// A `<table class="data">` in a horizontally scrollable wrapper (narrow screens), with a
    /// header row and one body row per element of `rows`.
    ///
    /// - Parameter rowHeader: the first cell of each row is a row header (`<th scope="row">`).
    @discardableResult
    func table(
        in parent: HTMLNode, caption: String? = nil, columns: [HTMLColumn], rows: [[HTMLCell]],
        rowHeader: Bool = false, cls: String = "data"
    ) throws -> HTMLNode {
        let wrap = try doc.element("div", ["class": "scroll"], in: parent)
        let table = try doc.element("table", ["class": cls], in: wrap)
        if let caption { try doc.element("caption", text: caption, in: table) }
        let head = try doc.element("thead", in: table)
        let tr = try doc.element("tr", in: head)
        for column in columns {
            let th = try doc.element("th", ["scope": "col"], in: tr)
            if column.numeric { try doc.setAttribute("class", "n", on: th) }
            if let help = column.help, !help.isEmpty {
                try doc.element("abbr", ["title": help], text: column.title, in: th)
            } else {
                try doc.text(column.title, in: th)
            }
        }
        let body = try doc.element("tbody", in: table)
        for row in rows {
            let tr = try doc.element("tr", in: body)
            for (i, cell) in row.enumerated() {
                let numeric = i < columns.count && columns[i].numeric
                let wrap = i < columns.count && columns[i].wrap
                try self.cell(cell, header: rowHeader && i == 0, numericColumn: numeric, wrap: wrap, in: tr)
            }
        }
        return table
    }

    /// One `<td>` (or `<th scope="row">`).
    func cell(_ cell: HTMLCell, header: Bool = false, numericColumn: Bool, wrap: Bool = false, in tr: HTMLNode) throws {
        let node = try doc.element(header ? "th" : "td", in: tr)
        if header { try doc.setAttribute("scope", "row", on: node) }
        var classes: [String] = []
        if numericColumn || cell.kind == .number { classes.append("n") }
        if wrap { classes.append("wrap") }
        switch cell.kind {
        case .code: classes.append("code")
        case .missing: classes.append("muted")
        case .text, .number: break
        }
        if let cls = cell.cls { classes.append(cls) }
        if !classes.isEmpty { try doc.setAttribute("class", classes.joined(separator: " "), on: node) }
        if let title = cell.title { try doc.setAttribute("title", title, on: node) }
        try doc.text(cell.text, in: node)
        if let sub = cell.sub { try doc.element("span", ["class": "cell-sub"], text: sub, in: node) }
    }
}
