/// Exact fixed-point formatting of ratios and hours (SPEC §5, §11): integer arithmetic only,
/// rounded half away from zero, never through `Double`.
package enum Fixed {
    /// `num / den` rounded half away from zero to an integer.
    @inline(__always)
    package static func roundHalfAway(_ num: Int128, _ den: Int128) -> Int128 {
        precondition(den > 0)
        let negative = num < 0
        let magnitude = negative ? -num : num
        let q = (2 * magnitude + den) / (2 * den)
        return negative ? -q : q
    }

    /// `num / den` with 4 decimals (`0.8333`, `1.0000`), or nil for a zero denominator.
    package static func ratio(_ num: Int64, _ den: Int64) -> String? {
        guard den != 0 else { return nil }
        let sign: Int128 = den < 0 ? -1 : 1
        return decimal(roundHalfAway(Int128(num) * 10_000 * sign, Int128(den) * sign), digits: 4)
    }

    /// Milliseconds as hours with 2 decimals (exact: ms ÷ 3,600,000).
    package static func hours(ms: Int64) -> String {
        decimal(roundHalfAway(Int128(ms) * 100, 3_600_000), digits: 2)
    }

    /// The mean of `count` durations summing to `sumMs`, in hours with 2 decimals; nil when empty.
    package static func meanHours(sumMs: Int128, count: Int) -> String? {
        guard count > 0 else { return nil }
        return decimal(roundHalfAway(sumMs * 100, Int128(count) * 3_600_000), digits: 2)
    }

    /// `scaled / 10^digits` written with exactly `digits` decimals.
    package static func decimal(_ scaled: Int128, digits: Int) -> String {
        let negative = scaled < 0
        var magnitude = negative ? -scaled : scaled
        var frac = [Character](repeating: "0", count: digits)
        for i in stride(from: digits - 1, through: 0, by: -1) {
            frac[i] = Character(Unicode.Scalar(UInt8(48 + Int(magnitude % 10))))
            magnitude /= 10
        }
        let whole = String(magnitude)
        let body = digits > 0 ? whole + "." + String(frac) : whole
        return negative ? "-" + body : body
    }

    /// The ⌈q·n⌉-th smallest value (nearest rank, 1-based) of sorted `values`, q = `num/den`,
    /// computed exactly in integers.
    package static func nearestRank(_ sorted: [Int64], num: Int, den: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, (num * sorted.count + den - 1) / den)
        return sorted[min(rank, sorted.count) - 1]
    }
}
