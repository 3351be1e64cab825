import ShipKPICore
import Testing

/// ExactSum: 256-bit totals of 10⁻¹² units. Expected texts are written out digit by digit.
@Suite struct ExactSumTests {
    /// The largest accepted amount: 24 nines and 12 decimal nines (10²⁴ − 10⁻¹²).
    static let largest: ExactDecimal = {
        guard case .value(let v) = ExactDecimal.parse("999999999999999999999999.999999999999") else { return .zero }
        return v
    }()

    @Test func theLargestAmountIsAcceptedAndOneMoreUnitIsNot() throws {
        #expect(Self.largest.units == 999_999_999_999_999_999_999_999_999_999_999_999)
        #expect(ExactDecimal.parse("1000000000000000000000000") == .notExact)  // 10²⁴
        #expect(ExactDecimal.parse("999999999999999999999999.9999999999999") == .notExact)  // a 13th decimal
    }

    @Test func totalsBeyondInt128AreExactAndFormattedInFull() {
        // 1,000 maximal amounts: 10²⁷ − 10⁻⁹, about six times what Int128 holds (1.7 × 10²⁶).
        var sum = ExactSum.zero
        for _ in 0 ..< 1000 { sum += Self.largest }
        #expect(sum.exactDecimal == nil)
        #expect(sum.formatted(minFractionDigits: 0) == "999999999999999999999999999.999999999")
        #expect(sum.formatted(minFractionDigits: 2) == "999999999999999999999999999.999999999")
        #expect((-sum).formatted(minFractionDigits: 0) == "-999999999999999999999999999.999999999")
        // Subtracting every addend again comes back to zero exactly.
        var back = sum
        for _ in 0 ..< 1000 { back = back - ExactSum(Self.largest) }
        #expect(back == ExactSum.zero)
        #expect(back.formatted(minFractionDigits: 0) == "0")
    }

    @Test func wholeTotalsBeyondInt128KeepTheirMinorDigits() {
        let amount = ExactDecimal(units: 999_999_999_999_999_999_999_999 * ExactDecimal.unitsPerOne)  // 10²⁴ − 1
        var sum = ExactSum.zero
        for _ in 0 ..< 200 { sum += amount }
        // 200 × (10²⁴ − 1) = 199,999,999,999,999,999,999,999,800
        #expect(sum.formatted(minFractionDigits: 0) == "199999999999999999999999800")
        #expect(sum.formatted(minFractionDigits: 2) == "199999999999999999999999800.00")
        #expect(sum.description == "199999999999999999999999800")
        // A chunk of 19 digits with leading zeros inside the number (10²⁷ + 5).
        let parts = [ExactDecimal(units: 500_000_000_000_000_000_000_000 * ExactDecimal.unitsPerOne), ExactDecimal(5)]
        var padded = ExactSum.zero
        for _ in 0 ..< 2000 { padded += parts[0] }
        padded += parts[1]
        #expect(padded.formatted(minFractionDigits: 0) == "1000000000000000000000000005")
    }

    @Test(arguments: [
        ("0", 0), ("500000", 0), ("12.5", 2), ("0.125", 2), ("-3", 0), ("-0.01", 2), ("1234567.000000000001", 0),
    ])
    func formattingMatchesExactDecimalInsideInt128(_ text: String, _ digits: Int) throws {
        guard case .value(let v) = ExactDecimal.parse(text) else {
            Issue.record("\(text) does not parse")
            return
        }
        #expect(ExactSum(v).formatted(minFractionDigits: digits) == v.formatted(minFractionDigits: digits))
        #expect(ExactSum(v).exactDecimal == v)
        #expect(ExactSum(v) == v)
    }

    @Test func int256ArithmeticAndOrder() {
        let minusOne = Int256(-1)
        #expect(minusOne.isNegative)
        #expect(minusOne.int128 == -1)
        #expect((minusOne &+ Int256(1)) == .zero)
        #expect(Int256(Int128.max) &+ Int256(1) == Int256(high: 0, low: UInt128(1) << 127))
        #expect((Int256(Int128.max) &+ Int256(1)).int128 == nil)
        #expect(Int256(Int128.min).negatedWrapping() == Int256(high: 0, low: UInt128(1) << 127))
        #expect(Int256(-5) < Int256(3))
        #expect(Int256(high: 1, low: 0) > Int256(Int128.max))
        #expect(Int256(high: -1, low: 0) < Int256(Int128.min))
        #expect(ExactSum(ExactDecimal(-2)) < ExactSum(ExactDecimal(1)))
    }

    @Test func doubleApproximationForCharts() {
        #expect(Double(Int256(-5)) == -5)
        #expect(Double(Int256(1_000_000)) == 1_000_000)
        let big = Int256(high: 1, low: 0)  // 2¹²⁸
        #expect(Double(big) == 0x1p128)
        #expect(Double(big.negatedWrapping()) == -0x1p128)
    }
}
