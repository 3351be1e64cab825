/// ISO 4217 minor units: how many decimals an amount in a currency can have.
///
/// The one table of the codebase: output formatting (`cod_amount` `500000` in VND, `12.50` in
/// MXN) and the remittance amount rules (a VND amount has no decimals) both read it.
package enum CurrencyExponent {
    /// Currencies without a minor unit (ISO 4217 exponent 0).
    package static let zero: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ]
    /// Currencies with three decimals (ISO 4217 exponent 3).
    package static let three: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    /// Currencies with four decimals (ISO 4217 exponent 4: units of account).
    package static let four: Set<String> = ["CLF", "UYW"]

    /// The number of decimals of `currency` (an ISO 4217 code such as `VND`): 0, 3 or 4 for the
    /// codes listed above, 2 for every other code (the ISO 4217 default, MXN and USD among them).
    package static func digits(_ currency: String) -> Int {
        if zero.contains(currency) { return 0 }
        if three.contains(currency) { return 3 }
        if four.contains(currency) { return 4 }
        return 2
    }

    /// Whether `code` has the shape of an ISO 4217 code: exactly three ASCII uppercase letters.
    package static func isWellFormed(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 3 && bytes.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
