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
