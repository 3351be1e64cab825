/// A separator that a remittance statement declares for its amounts.
package enum AmountSeparator: String, Sendable, CaseIterable {
    case none, dot, comma, space, apostrophe

    /// The character, nil for ``none``.
    package var byte: UInt8? {
        switch self {
        case .none: nil
        case .dot: UInt8(ascii: ".")
        case .comma: UInt8(ascii: ",")
        case .space: UInt8(ascii: " ")
        case .apostrophe: UInt8(ascii: "'")
        }
    }

    /// Reads a declared separator: the character itself (`.`, `,`, a space, `'`) or its name —
    /// `dot` (or `period`), `comma`, `space`, `apostrophe`, `none` — in any letter case. The
    /// names exist because `,` and a space are awkward inside a comma-separated option or an INI
    /// value. Anything else is nil.
    package init?(text: String) {
        switch text {
        case ".": self = .dot
        case ",": self = .comma
        case " ": self = .space
        case "'": self = .apostrophe
        default:
            switch text.lowercased() {
            case "dot", "period": self = .dot
            case "comma": self = .comma
            case "space": self = .space
            case "apostrophe": self = .apostrophe
            case "none": self = .none
            default: return nil
            }
        }
    }

    /// The accepted spellings, for error messages.
    package static let spellings = "'.' or dot, ',' or comma, ' ' or space, \"'\" or apostrophe, none"
}

/// How a statement writes its amounts: the decimal separator and the thousands separator.
///
/// A declared layout is read strictly: thousands separators only between groups of exactly three
/// digits (the first group one to three digits), at most one decimal separator, then an optional
/// exponent (`e5`). See ``MoneyParsing/statementAmount(_:currency:layout:)``.
package struct AmountLayout: Sendable, Hashable {
    package var decimal: AmountSeparator
    package var thousands: AmountSeparator

    package init(decimal: AmountSeparator, thousands: AmountSeparator) {
        self.decimal = decimal
        self.thousands = thousands
    }

    /// The layout a statement declares with its `decimal` and `thousands` keys; nil when it
    /// declares neither (then the amount rules decide what is ambiguous).
    ///
    /// A key left out takes its default: no thousands separator; a decimal `,` when the
    /// thousands separator is `.`, else `.`.
    package static func declared(decimal: AmountSeparator?, thousands: AmountSeparator?) -> AmountLayout? {
        guard decimal != nil || thousands != nil else { return nil }
        let thousands = thousands ?? .none
        return AmountLayout(decimal: decimal ?? (thousands == .dot ? .comma : .dot), thousands: thousands)
    }

    /// Why the layout cannot be used, nil when it can: the two separators must differ.
    package var problem: String? {
        decimal != .none && decimal == thousands
            ? "the decimal and thousands separators must differ (both are \(decimal.rawValue))" : nil
    }
}
