import ShipKPICore
import ShipKPIXML

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
        return HTMLCell(text: HTMLFormat.truncated(s, to: maxTextLength), kind: .text, title: title ?? s, cls: cls)
    }

    /// The tool's own running text (definitions, explanations): never cut.
    static func prose(_ s: String, cls: String? = nil) -> HTMLCell {
        HTMLCell(text: s, kind: .text, title: nil, cls: cls)
    }

    /// Text from input that identifies something (order codes, raw codes): monospace.
    static func code(_ s: String, title: String? = nil) -> HTMLCell {
        guard !s.isEmpty else { return HTMLCell(text: HTMLFormat.dash, kind: .missing) }
        guard s.count > maxTextLength else { return HTMLCell(text: s, kind: .code, title: title) }
        return HTMLCell(text: HTMLFormat.truncated(s, to: maxTextLength), kind: .code, title: title ?? s)
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
