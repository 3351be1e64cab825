/// An exact decimal amount of money: an integer count of 10⁻¹² units.
///
/// Twelve fraction digits cover every currency (VND has no minor unit, MXN two) with room for
/// per-unit prices; parsed values stay below 10²⁴ in magnitude. Nothing is ever rounded: a value
/// that does not fit is rejected when parsed (``ParseResult/notExact``). There is one zero
/// (`-0` parses to ``zero``).
///
/// The arithmetic of one row has ample headroom: `Int128` holds magnitudes up to 1.7 × 10²⁶, so
/// the sum or difference of two parsed values (each below 10²⁴) is always exact. The `+` and `-`
/// operators trap on overflow like `Int`'s, so they are only for such bounded cases: code that
/// adds an unbounded number of amounts (totals) accumulates in ``ExactSum``, which cannot overflow.
package struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of fraction digits kept (12).
    package static let scale = 12
    /// 10¹², the number of ``units`` in 1.
    package static let unitsPerOne: Int128 = 1_000_000_000_000

    package static let zero = ExactDecimal(units: 0)

    /// The value in 10⁻¹² units (`1.5` is 1,500,000,000,000).
    package var units: Int128

    package init(units: Int128) {
        self.units = units
    }

    /// A whole amount (`ExactDecimal(500000)` is 500000).
    package init(_ integer: Int) {
        units = Int128(integer) * Self.unitsPerOne
    }

    package var isZero: Bool { units == 0 }
    package var isNegative: Bool { units < 0 }

    package static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.units < rhs.units
    }

    /// Exact sum; traps on `Int128` overflow (see the type's discussion).
    package static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: lhs.units + rhs.units)
    }

    /// Exact difference; traps on `Int128` overflow (see the type's discussion).
    package static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: lhs.units - rhs.units)
    }

    /// Negation (exact: parsed and summed values never reach `Int128.min`).
    package static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: 0 - value.units)
    }

    package static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        lhs = lhs + rhs
    }

    package static func -= (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        lhs = lhs - rhs
    }

    /// Exact sum, or `overflow == true` (and a wrapped `partialValue`) beyond `Int128`.
    package func addingReportingOverflow(_ other: ExactDecimal) -> (partialValue: ExactDecimal, overflow: Bool) {
        let (units, overflow) = units.addingReportingOverflow(other.units)
        return (ExactDecimal(units: units), overflow)
    }

    /// Exact difference, or `overflow == true` (and a wrapped `partialValue`) beyond `Int128`.
    package func subtractingReportingOverflow(
        _ other: ExactDecimal
    ) -> (partialValue: ExactDecimal, overflow: Bool) {
        let (units, overflow) = units.subtractingReportingOverflow(other.units)
        return (ExactDecimal(units: units), overflow)
    }

    /// The plain-digit text with no forced fraction digits (`500000`, `0.125`, `-3`).
    package var description: String {
        formatted(minFractionDigits: 0)
    }
}
