import ShipKPICore
import Testing

/// Amount fields (order records, statements) and the remittance amount and date rules. Values in
/// whole currency units unless written as units of 10⁻¹².
private let one = ExactDecimal.unitsPerOne

@Suite struct MoneyParsingTests {
    // MARK: - Representability (every amount ExactDecimal holds; no smaller bound)

    @Test(arguments: [
        ("9007199254740993", 9_007_199_254_740_993 * one),  // 2⁵³ + 1
        ("100000000000000000000", 100_000_000_000_000_000_000 * one),  // 10²⁰
        ("1000000000000000", 1_000_000_000_000_000 * one),  // 10¹⁵, the old bound
        ("999999999999999999999999.999999999999", 999_999_999_999_999_999_999_999_999_999_999_999),  // the largest
    ])
    func hugeAmountsAreAccepted(_ text: String, _ units: Int128) {
        #expect(MoneyParsing.amountField(text) == .value(ExactDecimal(units: units)))
        // Whole amounts in a VND statement too.
        if units % one == 0 {
            #expect(MoneyParsing.statementAmount(text, currency: "VND", layout: nil) == .value(ExactDecimal(units: units)))
        }
    }

    @Test func oneAboveTheLargestIsNotRepresentable() {
        #expect(MoneyParsing.amountField("1000000000000000000000000") == .invalid(notExact: true))  // 10²⁴
        #expect(MoneyParsing.amountField("1e24") == .invalid(notExact: true))
        #expect(MoneyParsing.statementAmount("1000000000000000000000000", currency: "VND", layout: nil) == .notExact)
        #expect(
            MoneyParsing.statementAmount("999999999999999999999999", currency: "VND", layout: nil)
                == .value(ExactDecimal(units: 999_999_999_999_999_999_999_999 * one)))
    }

    // MARK: - Statement amounts without declared separators

    /// text, currency, expected (`nil` value = the named outcome).
    static let undeclared: [(String, String, MoneyParsing.StatementAmount)] = [
        ("500000", "VND", .value(ExactDecimal(500_000))),
        ("+500000", "VND", .value(ExactDecimal(500_000))),
        ("500000.00", "VND", .value(ExactDecimal(500_000))),  // two decimals cannot group thousands
        ("1.5e5", "VND", .value(ExactDecimal(150_000))),  // an exponent is never grouping
        ("1.500e3", "VND", .value(ExactDecimal(1_500))),
        ("149.000", "VND", .ambiguous),  // 149 or 149,000
        ("1.500", "MXN", .ambiguous),  // 1.5 or 1,500
        ("0.125", "MXN", .ambiguous),
        ("1.500", "KWD", .value(ExactDecimal(units: 1_500_000_000_000))),  // three decimals: 1.5
        ("1.5", "VND", .tooManyDecimals),
        ("1.5e-1", "VND", .tooManyDecimals),
        ("12.5", "MXN", .value(ExactDecimal(units: 12_500_000_000_000))),
        ("12.50", "MXN", .value(ExactDecimal(units: 12_500_000_000_000))),
        ("1.5000", "MXN", .value(ExactDecimal(units: 1_500_000_000_000))),
        ("12.3456", "MXN", .tooManyDecimals),
        ("1,500", "VND", .ambiguous),  // a comma needs a declaration
        ("1,5", "MXN", .ambiguous),
        ("1.500.000", "VND", .ambiguous),
        ("1,500,000.50", "MXN", .ambiguous),
        ("1 500 000", "VND", .ambiguous),
        ("1'500", "VND", .ambiguous),
        ("-990000", "VND", .negative),
        ("-149.000", "VND", .negative),
        ("-0", "VND", .value(.zero)),
        ("abc", "VND", .notANumber),
        ("", "VND", .notANumber),
        ("1..5", "VND", .notANumber),
        ("1,", "VND", .notANumber),
        (",5", "VND", .notANumber),
        ("+-5", "VND", .notANumber),
        ("0x10", "VND", .notANumber),
        ("1,5e5", "VND", .notANumber),
        ("1e400", "VND", .notExact),
    ]

    @Test(arguments: undeclared)
    func amountsWithoutDeclaredSeparators(_ text: String, _ currency: String, _ expected: MoneyParsing.StatementAmount) {
        #expect(MoneyParsing.statementAmount(text, currency: currency, layout: nil) == expected, "\(text) \(currency)")
    }

    // MARK: - Statement amounts with declared separators

    static let vietnamese = AmountLayout(decimal: .comma, thousands: .dot)
    static let english = AmountLayout(decimal: .dot, thousands: .comma)

    static let declared: [(String, String, AmountLayout, MoneyParsing.StatementAmount)] = [
        ("149.000", "VND", vietnamese, .value(ExactDecimal(149_000))),
        ("1.500.000", "VND", vietnamese, .value(ExactDecimal(1_500_000))),
        ("149000", "VND", vietnamese, .value(ExactDecimal(149_000))),
        ("149,50", "VND", vietnamese, .tooManyDecimals),  // not representable in VND
        ("149,00", "VND", vietnamese, .value(ExactDecimal(149))),
        ("1.500,50", "MXN", vietnamese, .value(ExactDecimal(units: 1_500_500_000_000_000))),
        ("1,5e5", "VND", vietnamese, .value(ExactDecimal(150_000))),
        ("1.50", "VND", vietnamese, .notANumber),  // a group of 2 digits
        ("1.5000", "VND", vietnamese, .notANumber),  // a group of 4 digits
        ("1500.000", "VND", vietnamese, .notANumber),  // a first group of 4 digits
        ("1,5,0", "VND", vietnamese, .notANumber),  // two decimal separators
        ("500000.00", "VND", vietnamese, .notANumber),
        ("1,500,000.50", "MXN", english, .value(ExactDecimal(units: 1_500_000_500_000_000_000))),
        ("149.000", "VND", AmountLayout(decimal: .dot, thousands: .none), .value(ExactDecimal(149))),
        ("149.000", "VND", AmountLayout(decimal: .none, thousands: .none), .notANumber),
        ("1 500 000", "VND", AmountLayout(decimal: .comma, thousands: .space), .value(ExactDecimal(1_500_000))),
        ("1'500.25", "MXN", AmountLayout(decimal: .dot, thousands: .apostrophe), .value(ExactDecimal(units: 1_500_250_000_000_000))),
        ("-1.500", "VND", vietnamese, .negative),
    ]

    @Test(arguments: declared)
    func amountsWithDeclaredSeparators(
        _ text: String, _ currency: String, _ layout: AmountLayout, _ expected: MoneyParsing.StatementAmount
    ) {
        #expect(MoneyParsing.statementAmount(text, currency: currency, layout: layout) == expected, "\(text) \(currency)")
    }

    @Test func declaredLayoutsDefaultTheMissingKey() {
        #expect(AmountLayout.declared(decimal: nil, thousands: nil) == nil)
        #expect(AmountLayout.declared(decimal: nil, thousands: .dot) == AmountLayout(decimal: .comma, thousands: .dot))
        #expect(AmountLayout.declared(decimal: nil, thousands: .comma) == AmountLayout(decimal: .dot, thousands: .comma))
        #expect(AmountLayout.declared(decimal: .comma, thousands: nil) == AmountLayout(decimal: .comma, thousands: .none))
        #expect(AmountLayout(decimal: .dot, thousands: .dot).problem != nil)
        #expect(AmountLayout(decimal: .none, thousands: .none).problem == nil)
        #expect(AmountSeparator(text: "comma") == .comma)
        #expect(AmountSeparator(text: "DOT") == .dot)
        #expect(AmountSeparator(text: ",") == .comma)
        #expect(AmountSeparator(text: " ") == .space)
        #expect(AmountSeparator(text: "'") == .apostrophe)
        #expect(AmountSeparator(text: "none") == AmountSeparator.none)
        #expect(AmountSeparator(text: ";") == nil)
    }

    // MARK: - Currency exponents

    @Test func iso4217Exponents() {
        #expect(CurrencyExponent.digits("VND") == 0)
        #expect(CurrencyExponent.digits("JPY") == 0)
        #expect(CurrencyExponent.digits("XOF") == 0)
        #expect(CurrencyExponent.digits("MXN") == 2)
        #expect(CurrencyExponent.digits("USD") == 2)
        #expect(CurrencyExponent.digits("KWD") == 3)
        #expect(CurrencyExponent.digits("TND") == 3)
        #expect(CurrencyExponent.isWellFormed("VND"))
        #expect(!CurrencyExponent.isWellFormed("vnd"))
        #expect(!CurrencyExponent.isWellFormed("VN"))
        #expect(!CurrencyExponent.isWellFormed("VNDX"))
    }

    // MARK: - RemittedAt

    @Test(arguments: [
        "2026-03-27", "2026-03-27 10:00:00", "2026-03-27T10:00:00", "2026-03-27T10:00", "2026-03-27 10:00",
        "2026-03-27T10:00:00+07:00", "2026-03-27T10:00:00Z", "2026-03-27T10:00:00.123+0700", "27/03/2026",
        "27/03/2026 10:00", "27/03/2026 10:00:59", "29/02/2024",
    ])
    func remittanceDates(_ text: String) {
        #expect(MoneyParsing.isRemittanceDate(text))
    }

    @Test(arguments: [
        "not a date", "2026-02-30", "30/02/2026", "2026-03-27 25:61", "27/03/2026 24:00", "27-03-2026", "2026/03/27",
        "3/27/2026", "27/3/2026", "2026-03-27T10:00:00+15:00", "1774605600000", " 2026-03-27",
    ])
    func notRemittanceDates(_ text: String) {
        #expect(!MoneyParsing.isRemittanceDate(text))
    }
}
