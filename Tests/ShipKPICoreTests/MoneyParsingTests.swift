import ShipKPICore
import Testing

/// Amount fields (order records, statements): every amount ExactDecimal holds. Values in whole
/// currency units unless written as units of 10⁻¹².
private let one = ExactDecimal.unitsPerOne

@Suite struct MoneyParsingTests {
    // MARK: - Representability (every amount ExactDecimal holds; no smaller bound)

    @Test(arguments: [
        ("9007199254740993", 9_007_199_254_740_993 * one),                                  // 2⁵³ + 1
        ("100000000000000000000", 100_000_000_000_000_000_000 * one),                       // 10²⁰
        ("1000000000000000", 1_000_000_000_000_000 * one),                                  // 10¹⁵, the old bound
        ("999999999999999999999999.999999999999", 999_999_999_999_999_999_999_999_999_999_999_999),  // the largest
    ])
    func hugeAmountsAreAccepted(_ text: String, _ units: Int128) {
        #expect(MoneyParsing.amountField(text) == .value(ExactDecimal(units: units)))
    }

    @Test func oneAboveTheLargestIsNotRepresentable() {
        #expect(MoneyParsing.amountField("1000000000000000000000000") == .invalid(notExact: true))   // 10²⁴
        #expect(MoneyParsing.amountField("1e24") == .invalid(notExact: true))
        #expect(MoneyParsing.amountField("999999999999999999999999") == .value(ExactDecimal(units: 999_999_999_999_999_999_999_999 * one)))
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
}
