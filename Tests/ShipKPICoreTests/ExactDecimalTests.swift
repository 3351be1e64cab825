import ShipKPICore
import Testing

/// Units are 10⁻¹²: 1 is 1,000,000,000,000 units. Expected values are written out by hand.
@Suite struct ExactDecimalTests {
    static let one: Int128 = 1_000_000_000_000

    static func parse(_ text: String) -> ExactDecimal.ParseResult {
        ExactDecimal.parse(text)
    }

    /// Parses through the byte API from a slice of a larger buffer (as the JSON decoder will).
    static func parseBytes(_ text: String) -> ExactDecimal.ParseResult {
        let buffer = Array("9\(text)9".utf8)
        return buffer.withUnsafeBytes { ExactDecimal.parse(UnsafeRawBufferPointer(rebasing: $0[1 ..< ($0.count - 1)])) }
    }

    struct NotParsed: Error {
        let text: String
    }

    /// The value of a text that must parse (a test fails by throwing otherwise).
    static func value(_ text: String) throws -> ExactDecimal {
        guard case .value(let value) = parse(text) else { throw NotParsed(text: text) }
        return value
    }

    static let exact: [(String, Int128)] = [
        ("500000", 500_000 * one),
        ("500000.00", 500_000 * one),
        ("-3", -3 * one),
        ("0.5", 500_000_000_000),
        ("1.5e5", 150_000 * one),
        ("5E+5", 500_000 * one),
        ("1e-3", 1_000_000_000),
        ("+7", 7 * one),
        ("007", 7 * one),
        ("12.50", 12_500_000_000_000),
        ("100e-2", one),
        ("1234.5678e-2", 12_345_678_000_000),
        ("0.000000000001", 1),
        ("-0.000000000001", -1),
        ("1e-12", 1),
        ("0.1000000000000000000000", 100_000_000_000),
        ("0.000000000001000e0", 1),
        ("1e23", 100_000_000_000 * one * one),
        ("999999999999999999999999.999999999999", 999_999_999_999_999_999_999_999_999_999_999_999),
        ("-999999999999999999999999", -999_999_999_999_999_999_999_999 * one),
        ("0", 0), ("-0", 0), ("+0", 0), ("0.000", 0), ("-0.0e5", 0), ("00", 0),
        ("0e999999999999", 0), ("0.0e-999999999999", 0),
    ]

    @Test(arguments: exact)
    func parsesExactly(text: String, units: Int128) {
        #expect(Self.parse(text) == .value(ExactDecimal(units: units)))
        #expect(Self.parseBytes(text) == .value(ExactDecimal(units: units)))
    }

    @Test(arguments: [
        "1.500.000", "1,5", "1,500", "500 000", "abc", "", "NaN", "nan", "Infinity", "-Infinity",
        "inf", "0x10", "1e", "1e+", "1E-", ".5", "5.", "-.5", "-", "+", " 5", "5 ", "\t5", "5\n",
        "--5", "+-5", "-+5", "1e5.5", "1.5.5", "1_000", "e5", "1ee5", "1e5e5", "１", "5\u{0}",
        "$5", "5đ", "1/2", "1234567890123456789012345678901234567890x", "1e99999999999999999999x",
    ])
    func rejectsWhatIsNotANumber(text: String) {
        #expect(Self.parse(text) == .notANumber)
        #expect(Self.parseBytes(text) == .notANumber)
    }

    @Test(arguments: [
        "1e400", "-1e400", "1e24", "-1e24", "1000000000000000000000000", "9999999999999999999999999",
        "0.1234567890123", "0.0000000000001", "1e-13", "-1e-13", "1.0000000000001",
        "1e999999999999", "1e-999999999999", "1e99999999999999999999999999",
        "123456789012345678901234567890123456789", "0.1234567890123456789012345678901234567891",
    ])
    func rejectsWhatIsNotExact(text: String) {
        #expect(Self.parse(text) == .notExact)
        #expect(Self.parseBytes(text) == .notExact)
    }

    @Test func zeroHasOneRepresentation() throws {
        let negativeZero = try Self.value("-0.00")
        #expect(negativeZero == .zero)
        #expect(negativeZero.isZero)
        #expect(!negativeZero.isNegative)
        #expect(negativeZero.formatted(minFractionDigits: 2) == "0.00")
        #expect(Set([negativeZero, ExactDecimal.zero, try Self.value("0e5")]).count == 1)
    }

    @Test func arithmeticIsExact() throws {
        let tenth = try Self.value("0.1")
        let fifth = try Self.value("0.2")
        #expect(tenth + fifth == (try Self.value("0.3")))
        #expect(((try Self.value("500000")) - (try Self.value("500000.00"))).isZero)
        let short = (try Self.value("487.5")) - (try Self.value("500"))
        #expect(short == (try Self.value("-12.5")))
        #expect(short.isNegative)
        #expect(-short == (try Self.value("12.5")))
        #expect(!(-short).isNegative)
        var total = ExactDecimal.zero
        for _ in 0 ..< 10 {
            total += tenth
        }
        #expect(total == ExactDecimal(1))
        total -= ExactDecimal(1)
        #expect(total.isZero)
    }

    @Test func comparisonAndHashing() throws {
        #expect((try Self.value("-3")) < (try Self.value("0.5")))
        #expect((try Self.value("0.5")) < (try Self.value("1.5e5")))
        #expect((try Self.value("499999.999999999999")) < (try Self.value("500000")))
        #expect((try Self.value("500000")) == (try Self.value("5E+5")))
        #expect(Set(try ["500000", "500000.00", "5E+5", "5000000e-1"].map(Self.value)).count == 1)
        #expect([ExactDecimal(3), ExactDecimal(-1), .zero].sorted() == [ExactDecimal(-1), .zero, ExactDecimal(3)])
    }

    @Test func overflowIsReportedNotTrapped() throws {
        let big = ExactDecimal(units: .max - 5)
        let (sum, overflow) = big.addingReportingOverflow(ExactDecimal(units: 10))
        #expect(overflow)
        #expect(sum.units == Int128.min + 4)
        let (difference, underflow) = ExactDecimal(units: .min + 5).subtractingReportingOverflow(
            ExactDecimal(units: 10))
        #expect(underflow)
        #expect(difference.units == Int128.max - 4)
        let (fine, none) = (try Self.value("1.5")).addingReportingOverflow(try Self.value("-2"))
        #expect(!none)
        #expect(fine == (try Self.value("-0.5")))
    }

    @Test(arguments: [
        ("500000", 0, "500000"),
        ("500000.00", 0, "500000"),
        ("1.5e5", 0, "150000"),
        ("12.5", 2, "12.50"),
        ("12.50", 2, "12.50"),
        ("12", 2, "12.00"),
        ("0.125", 2, "0.125"),
        ("0.5", 0, "0.5"),
        ("-0.5", 0, "-0.5"),
        ("-3", 0, "-3"),
        ("-3", 2, "-3.00"),
        ("-12.5", 2, "-12.50"),
        ("0", 0, "0"),
        ("-0", 2, "0.00"),
        ("1e-3", 2, "0.001"),
        ("0.000000000001", 0, "0.000000000001"),
        ("-0.000000000001", 2, "-0.000000000001"),
        ("1e23", 0, "100000000000000000000000"),
        ("999999999999999999999999.999999999999", 2, "999999999999999999999999.999999999999"),
        ("1", 12, "1.000000000000"),
        ("1", 20, "1.000000000000"),
        ("1.5", -1, "1.5"),
        ("100", 0, "100"),
        ("10.10", 0, "10.1"),
    ])
    func formatsPlainDigits(text: String, minFractionDigits: Int, expected: String) throws {
        let value = try Self.value(text)
        #expect(value.formatted(minFractionDigits: minFractionDigits) == expected)
        var bytes = Array("x".utf8)
        value.append(to: &bytes, minFractionDigits: minFractionDigits)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + expected)
    }

    @Test func descriptionIsTheMinimalText() throws {
        #expect((try Self.value("500000.00")).description == "500000")
        #expect(ExactDecimal(-7).description == "-7")
    }
}
