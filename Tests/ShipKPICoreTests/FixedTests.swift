import ShipKPICore
import Testing

// SPEC §5: "A ratio with a zero denominator is empty … Ratios have 4 decimals, rounded half away
// from zero"; §11: lead-time hours are exact (ms ÷ 3,600,000), 2 decimals, half away from zero;
// ⌈q·n⌉ computed exactly. Expected strings are worked out by hand beside each case.

@Suite struct FixedTests {
    static let ratios: [(num: Int64, den: Int64, expected: String)] = [
        (1, 3, "0.3333"),  // 0.33333…
        (2, 3, "0.6667"),  // 0.66666… → up
        (1, 20_000, "0.0001"),  // 0.00005 exactly: half → away from zero
        (3, 40_000, "0.0001"),  // 0.000075 → 0.75 of the last place → up
        (1, 30_000, "0.0000"),  // 0.0000333… → down
        (1, 1, "1.0000"),
        (0, 5, "0.0000"),
        (5, 6, "0.8333"),  // 0.83333…
        (1, 8, "0.1250"),  // exact
        (1, 32, "0.0313"),  // 0.03125: half → away from zero
        (3, 2, "1.5000"),
        (7, 7, "1.0000"),
        (-1, 20_000, "-0.0001"),  // −0.00005: half away from zero is −0.0001
        (9_999, 10_000, "0.9999"),
        (19_999, 20_000, "1.0000"),  // 0.99995 → half → up to 1.0000
    ]

    @Test(arguments: ratios.indices)
    func ratioFourDecimalsHalfAwayFromZero(i: Int) {
        let c = Self.ratios[i]
        #expect(Fixed.ratio(c.num, c.den) == c.expected, "\(c.num)/\(c.den)")
    }

    @Test(arguments: [Int64(0), 1, 5, -3])
    func ratioWithZeroDenominatorIsEmpty(num: Int64) {
        #expect(Fixed.ratio(num, 0) == nil)
    }

    static let hours: [(ms: Int64, expected: String)] = [
        (0, "0.00"),
        (18_000, "0.01"),  // 18,000 / 3,600,000 = 0.005 → half away from zero
        (17_999, "0.00"),  // 0.0049997…
        (36_000, "0.01"),  // 0.01 exactly
        (3_600_000, "1.00"),
        (5_400_000, "1.50"),  // 1.5 h
        (54_018_000, "15.01"),  // 15.005 h → 15.01
        (54_017_999, "15.00"),  // 15.0049997 h
        (86_400_000, "24.00"),
        (1_000_000_000, "277.78"),  // 277.7777… h
        (-18_000, "-0.01"),  // −0.005 → away from zero
    ]

    @Test(arguments: hours.indices)
    func hoursTwoDecimals(i: Int) {
        let c = Self.hours[i]
        #expect(Fixed.hours(ms: c.ms) == c.expected, "\(c.ms) ms")
    }

    static let means: [(sum: Int128, count: Int, expected: String)] = [
        (36_000, 2, "0.01"),  // 18,000 ms mean = 0.005 h → 0.01
        (35_999, 2, "0.00"),  // 17,999.5 ms = 0.00499986 h → 0.00
        (10_800_000, 2, "1.50"),  // 5,400,000 ms = 1.5 h
        (1, 3, "0.00"),
        (36_000, 3, "0.00"),  // 12,000 ms = 0.00333 h
        (198_000_000, 10, "5.50"),  // 19,800,000 ms = 5.5 h
        (55_800_000, 11, "1.41"),  // 5,072,727.27 ms = 1.40909 h → 1.41
    ]

    @Test(arguments: means.indices)
    func meanHoursOfExactSum(i: Int) {
        let c = Self.means[i]
        #expect(Fixed.meanHours(sumMs: c.sum, count: c.count) == c.expected)
    }

    @Test func meanHoursEmpty() {
        #expect(Fixed.meanHours(sumMs: 0, count: 0) == nil)
    }

    /// (n, q = num/den, expected 1-based rank ⌈q·n⌉), worked out in integers.
    static let ranks: [(n: Int, num: Int, den: Int, rank: Int)] = [
        (1, 1, 2, 1),  // ⌈0.5⌉ = 1
        (1, 9, 10, 1),  // ⌈0.9⌉ = 1
        (2, 1, 2, 1),  // ⌈1⌉ = 1
        (2, 9, 10, 2),  // ⌈1.8⌉ = 2
        (3, 1, 2, 2),  // ⌈1.5⌉ = 2
        (3, 9, 10, 3),  // ⌈2.7⌉ = 3
        (10, 1, 2, 5),  // ⌈5⌉ = 5
        (10, 9, 10, 9),  // ⌈9⌉ = 9
        (11, 1, 2, 6),  // ⌈5.5⌉ = 6
        (11, 9, 10, 10),  // ⌈9.9⌉ = 10
        (20, 9, 10, 18),  // ⌈18⌉ = 18
        (30, 9, 10, 27),  // ⌈27⌉ = 27
        (100, 9, 10, 90),  // ⌈90⌉ = 90
        (1000, 9, 10, 900),  // ⌈900⌉ = 900
        (101, 9, 10, 91),  // ⌈90.9⌉ = 91
    ]

    @Test(arguments: ranks.indices)
    func nearestRankIsExact(i: Int) {
        let c = Self.ranks[i]
        // Values 10, 20, …, 10·n: the k-th smallest is 10·k.
        let values = (1 ... c.n).map { Int64($0) * 10 }
        #expect(Fixed.nearestRank(values, num: c.num, den: c.den) == Int64(c.rank) * 10, "n=\(c.n) q=\(c.num)/\(c.den)")
    }

    @Test func nearestRankOfEmptyIsNil() {
        #expect(Fixed.nearestRank([], num: 1, den: 2) == nil)
    }
}
