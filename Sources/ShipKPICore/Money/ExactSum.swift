extension Double {
    /// The nearest `Double` to a 256-bit integer (for chart scales; never for money arithmetic).
    package init(_ value: Int256) {
        if let small = value.int128 {
            self.init(small)
            return
        }
        let (high, low) = value.magnitude
        let magnitude = Double(high) * 0x1p128 + Double(low)
        self = value.isNegative ? -magnitude : magnitude
    }
}

/// An exact total of amounts: a 256-bit count of 10⁻¹² units (the scale of ``ExactDecimal``).
///
/// One amount and the arithmetic of one row (difference = remitted − COD, net paid = amount − fee)
/// are ``ExactDecimal`` values: parsed amounts stay below 10²⁴ (10³⁶ units < 2¹²⁰), so a row's
/// difference stays far inside `Int128`. A total adds an unbounded number of rows, so it
/// accumulates here instead: every addend is below 2¹²⁷ in magnitude and no run can hold 2¹²⁸
/// of them, so a sum, and a sum of such sums, stays below 2²⁵⁵ and can neither overflow nor trap.
/// Values are exact; the text form is the same as ``ExactDecimal``'s.
package struct ExactSum: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in 10⁻¹² units.
    package var units: Int256

    package static let zero = ExactSum()

    package init() {
        units = .zero
    }

    package init(_ value: ExactDecimal) {
        units = Int256(value.units)
    }

    package init(units: Int256) {
        self.units = units
    }

    package var isZero: Bool { units == .zero }
    package var isNegative: Bool { units.isNegative }

    /// The total as an ``ExactDecimal`` when it fits one (magnitude below about 1.7 × 10²⁶), else nil.
    package var exactDecimal: ExactDecimal? { units.int128.map { ExactDecimal(units: $0) } }

    package static func < (lhs: ExactSum, rhs: ExactSum) -> Bool { lhs.units < rhs.units }

    package static func + (lhs: ExactSum, rhs: ExactSum) -> ExactSum { ExactSum(units: lhs.units &+ rhs.units) }
    package static func + (lhs: ExactSum, rhs: ExactDecimal) -> ExactSum { lhs + ExactSum(rhs) }
    package static func - (lhs: ExactSum, rhs: ExactSum) -> ExactSum { lhs + -rhs }
    package static prefix func - (value: ExactSum) -> ExactSum { ExactSum(units: value.units.negatedWrapping()) }
    package static func += (lhs: inout ExactSum, rhs: ExactSum) { lhs = lhs + rhs }
    package static func += (lhs: inout ExactSum, rhs: ExactDecimal) { lhs = lhs + rhs }

    /// A total equals an amount when their values are equal.
    package static func == (lhs: ExactSum, rhs: ExactDecimal) -> Bool { lhs.units == Int256(rhs.units) }

    /// Appends the total as ``ExactDecimal/append(to:minFractionDigits:)`` does: plain digits,
    /// `.` as decimal separator, `-` for negatives, at least `minFractionDigits` fraction digits
    /// and every non-zero one.
    package func append(to out: inout [UInt8], minFractionDigits: Int) {
        if let small = units.int128 {
            ExactDecimal(units: small).append(to: &out, minFractionDigits: minFractionDigits)
            return
        }
        // Beyond Int128: divide the magnitude by 10¹² (whole part and fraction), then print the
        // whole part in chunks of 19 digits (the largest power of ten below 2⁶⁴).
        if units.isNegative {
            out.append(UInt8(ascii: "-"))
        }
        var (high, low) = units.magnitude
        let fraction = Self.divide(&high, &low, by: UInt128(ExactDecimal.unitsPerOne))
        var chunks: [UInt64] = []
        repeat {
            chunks.append(UInt64(Self.divide(&high, &low, by: 10_000_000_000_000_000_000)))
        } while high != 0 || low != 0
        var first = true
        for chunk in chunks.reversed() {
            let digits = Array(String(chunk).utf8)
            if !first {
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 19 - digits.count))
            }
            out.append(contentsOf: digits)
            first = false
        }
        ExactDecimal.appendFraction(UInt64(fraction), to: &out, minFractionDigits: minFractionDigits)
    }

    /// The total as text; see ``append(to:minFractionDigits:)``.
    package func formatted(minFractionDigits: Int) -> String {
        var bytes: [UInt8] = []
        append(to: &bytes, minFractionDigits: minFractionDigits)
        return String(decoding: bytes, as: UTF8.self)
    }

    package var description: String { formatted(minFractionDigits: 0) }

    /// Divides the unsigned 256-bit value (high, low) by `divisor` (> 0) in place; the remainder.
    private static func divide(_ high: inout UInt128, _ low: inout UInt128, by divisor: UInt128) -> UInt128 {
        let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
        // remainderHigh < divisor, so the quotient of (remainderHigh, low) fits 128 bits.
        let (quotientLow, remainder) = divisor.dividingFullWidth((high: remainderHigh, low: low))
        high = quotientHigh
        low = quotientLow
        return remainder
    }
}
