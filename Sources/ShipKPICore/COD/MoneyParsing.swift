/// Parsing of money and weight fields for COD and order checks.
///
/// Every amount that ``ExactDecimal/parse(_:)`` holds exactly is accepted: magnitude below 10²⁴
/// (at most 24 integer digits) and at most 12 decimals. There is no smaller bound: a row's own
/// arithmetic (difference, net paid) stays exact in `Int128` for any two such values, and totals
/// accumulate in ``ExactSum``, which cannot overflow.
package enum MoneyParsing {
    /// An exact value from a JSON number token or a numeric string; `.invalid` otherwise.
    package static func amountField(_ text: UnsafeRawBufferPointer) -> AmountField {
        switch ExactDecimal.parse(text) {
        case .value(let v): .value(v)
        case .notExact: .invalid(notExact: true)
        case .notANumber: .invalid(notExact: false)
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
