import ShipKPICore
import ShipKPIXML

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
