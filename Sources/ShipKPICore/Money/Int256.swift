/// A signed 256-bit integer in two's complement (`high` × 2¹²⁸ + `low`), with only what exact
/// sums need: addition, negation, comparison and printing. Nothing here traps: addition wraps
/// modulo 2²⁵⁶, which ``ExactSum`` never reaches (see there).
package struct Int256: Sendable, Hashable, Comparable {
    /// The upper 128 bits, signed: the sign of the whole value.
    package var high: Int128
    /// The lower 128 bits.
    package var low: UInt128

    package static let zero = Int256(high: 0, low: 0)

    package init(high: Int128, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The same value, sign-extended.
    package init(_ value: Int128) {
        high = value < 0 ? -1 : 0
        low = UInt128(truncatingIfNeeded: value)
    }

    package var isNegative: Bool { high < 0 }

    /// The value when it fits `Int128`, else nil.
    package var int128: Int128? {
        let candidate = Int128(truncatingIfNeeded: low)
        return high == (candidate < 0 ? -1 : 0) ? candidate : nil
    }

    /// |value| as (high, low) unsigned halves (2²⁵⁵ for the one value without a positive twin).
    package var magnitude: (high: UInt128, low: UInt128) {
        guard isNegative else { return (UInt128(truncatingIfNeeded: high), low) }
        let negated = negatedWrapping()
        return (UInt128(truncatingIfNeeded: negated.high), negated.low)
    }

    /// Sum modulo 2²⁵⁶ (never traps).
    package static func &+ (lhs: Int256, rhs: Int256) -> Int256 {
        let (low, carry) = lhs.low.addingReportingOverflow(rhs.low)
        return Int256(high: lhs.high &+ rhs.high &+ (carry ? 1 : 0), low: low)
    }

    /// Negation modulo 2²⁵⁶ (never traps).
    package func negatedWrapping() -> Int256 {
        Int256(high: ~high, low: ~low) &+ Int256(high: 0, low: 1)
    }

    package static func < (lhs: Int256, rhs: Int256) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}
