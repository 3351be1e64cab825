import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

/// The remittance statements to reconcile and their layout (`report` and the stages).
struct RemittanceOptions: ParsableArguments {
    @Option(
        name: .customLong("remittance"),
        help: ArgumentHelp(
            "A carrier remittance statement (CSV with OrderCode, Amount, RemittedAt, optional Fee and Reference) to reconcile cash on delivery against (repeatable).",
            valueName: "file.csv"))
    var remittances: [String] = []

    @Option(
        name: .customLong("remittance-columns"),
        help: ArgumentHelp(
            "Layout of other statements, as key=value pairs separated by commas: header names (order_code, amount, remitted_at, fee, reference) and the amounts' separators (decimal, thousands: '.' or dot, ',' or comma, space, apostrophe, none), e.g. amount=Total,decimal=comma,thousands=dot (or decimal=,,thousands=.). Without declared separators an amount such as 149.000 (149 or 149,000?) is rejected as ambiguous_amount.",
            valueName: "mapping"))
    var remittanceColumns: String?

    func apply(to config: inout RunConfiguration) throws {
        config.remittanceFiles = remittances
        if let mapping = remittanceColumns { config.remittanceColumns = try Self.columns(mapping, base: config.remittanceColumns) }
    }

    /// Parses `--remittance-columns`: `key=value` pairs separated by commas. A comma ends a value
    /// only where the next `key=` follows it, so a value may hold commas: `decimal=,,thousands=.`
    /// declares a decimal comma and a thousands dot (as do `decimal=comma,thousands=dot`).
    static func columns(_ mapping: String, base: RemittanceColumns) throws -> RemittanceColumns {
        var c = base
        for pair in Self.pairs(mapping) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw ShipKPIError.usage("--remittance-columns expects key=value pairs, got \"\(pair)\"")
            }
            switch parts[0] {
            case "order_code": c.orderCode = parts[1]
            case "amount": c.amount = parts[1]
            case "remitted_at": c.remittedAt = parts[1]
            case "fee": c.fee = parts[1]
            case "reference": c.reference = parts[1]
            case "decimal", "thousands":
                guard let separator = AmountSeparator(text: parts[1]) else {
                    throw ShipKPIError.usage(
                        "--remittance-columns: \(parts[0]) must be one of \(AmountSeparator.spellings), got \"\(parts[1])\"")
                }
                if parts[0] == "decimal" { c.decimal = separator } else { c.thousands = separator }
            default:
                throw ShipKPIError.usage(
                    "--remittance-columns: unknown key \"\(parts[0])\" (keys: order_code, amount, remitted_at, fee, reference, decimal, thousands)")
            }
        }
        if let problem = c.layout?.problem { throw ShipKPIError.usage("--remittance-columns: \(problem)") }
        return c
    }

    /// Splits the mapping at each comma that is followed by `key=` (a name of letters, digits and
    /// `_`, spaces allowed around it); empty pieces are dropped.
    static func pairs(_ mapping: String) -> [String] {
        let chars = Array(mapping)
        func startsPair(at start: Int) -> Bool {
            var i = start
            while i < chars.count, chars[i] == " " { i += 1 }
            let nameStart = i
            while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
            guard i > nameStart else { return false }
            while i < chars.count, chars[i] == " " { i += 1 }
            return i < chars.count && chars[i] == "="
        }
        var pieces: [String] = []
        var current = ""
        for (i, ch) in chars.enumerated() {
            if ch == ",", startsPair(at: i + 1) {
                pieces.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current)
        return pieces.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
