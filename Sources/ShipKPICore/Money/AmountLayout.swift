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
