import ShipKPICore

// COD totals are ``ExactSum``s (exact, cannot overflow); the renderers print them exactly as
// they print single amounts. These overloads sit beside the `ExactDecimal` ones so every
// renderer formats a total and an amount the same way.

extension HTMLFormat {
    /// A total with its currency's minor-unit digits (never rounded) and grouped whole digits.
    static func money(_ value: ExactSum, _ currency: String) -> String {
        groupDigits(value.formatted(minFractionDigits: minorDigits(currency)))
    }
}

extension HTMLCell {
    static func money(_ value: ExactSum, _ currency: String) -> HTMLCell {
        number(HTMLFormat.money(value, currency))
    }
}
