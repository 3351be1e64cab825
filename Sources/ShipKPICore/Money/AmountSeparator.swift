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
