import Foundation
import ShipKPICore

/// The optional configuration file (`--config FILE`): INI-style sections and `key = value`
/// lines, `#` comments. Command-line flags override it.
///
/// ```
/// [247express]
/// zone = Asia/Ho_Chi_Minh
/// currency = VND
/// [houndexpress]
/// zone = America/Mexico_City
/// currency = MXN
/// [remittance]
/// order_code = OrderCode
/// amount = Amount
/// remitted_at = RemittedAt
/// fee = Fee
/// reference = Reference
/// decimal = ,
/// thousands = .
/// [status_map]
/// file = my-codes.csv
/// ```
package struct ConfigFile: Sendable, Equatable {
    package var zones: [Carrier: String] = [:]
    package var currencies: [Carrier: String] = [:]
    package var remittanceColumns = RemittanceColumns()
    package var statusMapFiles: [String] = []

    package init() {}

    package static func load(path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShipKPIError.inputMissing("config file not found or unreadable: \(path)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ShipKPIError.usage("\(path): not UTF-8 text")
        }
        return try parse(text, name: path, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    /// Parses the text; relative status-map paths are resolved against `baseDirectory`.
    package static func parse(_ text: String, name: String, baseDirectory: String = "") throws -> ConfigFile {
        var config = ConfigFile()
        var section = ""
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingCharacters(in: .whitespacesAndNewlines)
            let at = "\(name) line \(number + 1)"
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ShipKPIError.usage("\(at): a section header must end with ]") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard ["247express", "houndexpress", "remittance", "status_map"].contains(section) else {
                    throw ShipKPIError.usage("\(at): unknown section [\(section)] (expected [247express], [houndexpress], [remittance] or [status_map])")
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw ShipKPIError.usage("\(at): expected key = value") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            switch (section, key) {
            case (let s, "zone") where Carrier(id: s) != nil:
                config.zones[Carrier(id: s)!] = value
            case (let s, "currency") where Carrier(id: s) != nil:
                config.currencies[Carrier(id: s)!] = value
            case ("remittance", "order_code"): config.remittanceColumns.orderCode = value
            case ("remittance", "amount"): config.remittanceColumns.amount = value
            case ("remittance", "remitted_at"): config.remittanceColumns.remittedAt = value
            case ("remittance", "fee"): config.remittanceColumns.fee = value
            case ("remittance", "reference"): config.remittanceColumns.reference = value
            case ("remittance", "decimal"), ("remittance", "thousands"):
                guard let separator = AmountSeparator(text: value) else {
                    throw ShipKPIError.usage("\(at): \(key) must be one of \(AmountSeparator.spellings), got \"\(value)\"")
                }
                if key == "decimal" {
                    config.remittanceColumns.decimal = separator
                } else {
                    config.remittanceColumns.thousands = separator
                }
                if let problem = config.remittanceColumns.layout?.problem { throw ShipKPIError.usage("\(at): \(problem)") }
            case ("status_map", "file"):
                config.statusMapFiles.append(value.hasPrefix("/") || baseDirectory.isEmpty ? value : baseDirectory + "/" + value)
            default:
                throw ShipKPIError.usage("\(at): unknown key \"\(key)\" in [\(section)]")
            }
        }
        return config
    }
}
