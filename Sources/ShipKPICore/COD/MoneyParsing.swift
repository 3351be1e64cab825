/// Parsing of money and weight fields for COD and order checks.
///
/// Amounts are bounded to magnitudes below 10¹⁵ (a quadrillion đồng is far beyond any parcel):
/// larger values are reported as not representable. The bound keeps every total exact — `Int128`
/// sums of 10¹¹ such values cannot overflow — so a hostile file of huge amounts cannot trap.
package enum MoneyParsing {
    package static let limit = ExactDecimal(units: 1_000_000_000_000_000 * ExactDecimal.unitsPerOne)

    /// An exact value from a JSON number token or a numeric string; `.invalid` otherwise.
    package static func amountField(_ text: UnsafeRawBufferPointer) -> AmountField {
        switch ExactDecimal.parse(text) {
        case .value(let v):
            let magnitude = v.isNegative ? -v : v
            return magnitude < limit ? .value(v) : .invalid(notExact: true)
        case .notExact:
            return .invalid(notExact: true)
        case .notANumber:
            return .invalid(notExact: false)
        }
    }

    package static func amountField(_ text: String) -> AmountField {
        var s = text
        return s.withUTF8 { amountField(UnsafeRawBufferPointer($0)) }
    }
}

extension ExactDecimal {
    /// The value as an integer when it has no fraction and fits `Int64`, else nil.
    package var integerValue: Int64? {
        let (q, r) = units.quotientAndRemainder(dividingBy: ExactDecimal.unitsPerOne)
        guard r == 0, let v = Int64(exactly: q) else { return nil }
        return v
    }
}
