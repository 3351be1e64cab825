import Foundation
import ShipKPICore

/// The optional configuration file (`--config FILE`), INI style. Command-line flags override it.
///
/// ```
/// # whole-line comments start with # or ;
/// [247express]
/// zone = Asia/Ho_Chi_Minh        # an inline comment: whitespace, then # or ;
/// currency = VND
/// [houndexpress]
/// zone = America/Mexico_City
/// currency = MXN
/// [remittance]                   # the statement's layout
/// order_code = OrderCode
/// amount = Amount
/// remitted_at = RemittedAt
/// fee = Fee
/// reference = "Ref #"            # quotes keep # and ; (and spaces) in a value
/// decimal = ,                    # or comma; thousands likewise (dot, space, apostrophe, none)
/// thousands = .
/// [status_map]
/// file = my-codes.csv            # relative to the config file's directory; repeatable
/// [gates]
/// min_events = 1
/// max_unknown_rate = 0.05
/// max_reject_rate = 0.01
/// max_staleness = 36h
/// publish_on_failure = false
/// [run]
/// state_dir = state              # relative to the config file's directory
/// ```
///
/// Every error names the file and the line (`my.ini line 3: unknown time zone "Asia/Hanoi2"`)
/// and is a `ShipKPIError.usage`; a status-map file that does not exist is `.inputMissing`, as for
/// a status map given directly. Zones, currencies and every value are checked here, when the file is read.
package struct ConfigFile: Sendable, Equatable {
    package var zones: [Carrier: String] = [:]
    package var currencies: [Carrier: String] = [:]
    package var remittanceColumns = RemittanceColumns()
    package var statusMapFiles: [String] = []
    /// The `[gates]` section (keys not given stay nil).
    package var gates = GateSettings()
    /// `[run] state_dir`, resolved against the config file's directory; nil when not given.
    package var stateDirectory: String?

    package init() {}

    /// The sections of a config file: one per carrier of `registry` (by its id), then the rest.
    package static func sections(_ registry: CarrierRegistry) -> [String] {
        registry.carriers.ids + ["remittance", "status_map", "gates", "run"]
    }

    package static func load(path: String, registry: CarrierRegistry = .standard) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShipKPIError.inputMissing("config file not found or unreadable: \(path)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ShipKPIError.usage("\(path): not UTF-8 text")
        }
        return try parse(
            text, name: path, registry: registry, baseDirectory: (path as NSString).deletingLastPathComponent,
            fileExists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// Parses the text of a config file.
    ///
    /// - Parameters:
    ///   - name: how errors name the file (the path as given).
    ///   - registry: the carriers whose sections (`[247express]`) the file may have.
    ///   - baseDirectory: the config file's directory: relative status-map files and `state_dir`
    ///     are resolved against it.
    ///   - fileExists: when given, each status-map file must exist (else `.inputMissing`, with the line).
    package static func parse(
        _ text: String, name: String, registry: CarrierRegistry = .standard, baseDirectory: String = "",
        fileExists: ((String) -> Bool)? = nil
    ) throws -> ConfigFile {
        var config = ConfigFile()
        let sections = Self.sections(registry)
        var section: String?
        // "\r\n" is one Character: split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        for (number, rawLine) in lines.enumerated() {
            let at = "\(name) line \(number + 1)"
            func fail(_ message: String) -> ShipKPIError { .usage("\(at): \(message)") }
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }

            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { throw fail("a section header must end with ]") }
                let rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(";") else {
                    throw fail("unexpected text after the section header (a comment starts with # or ;)")
                }
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard sections.contains(name) else {
                    throw fail("unknown section [\(name)] (expected \(sections.map { "[\($0)]" }.joined(separator: ", ")))")
                }
                section = name
                continue
            }

            guard let eq = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw fail("expected key = value (the key is missing)") }
            let value: String
            switch Self.value(line[line.index(after: eq)...]) {
            case .success(let v): value = v
            case .failure(let problem): throw fail(problem.message)
            }
            guard let section else { throw fail("key \"\(key)\" is outside any section (start one with [section])") }
            guard !value.isEmpty else { throw fail("\(key) has no value") }
            let path = value.hasPrefix("/") || baseDirectory.isEmpty ? value : baseDirectory + "/" + value

            switch (section, key) {
            case (let s, "zone") where registry.carrier(id: s) != nil:
                guard TimeZoneName.resolve(value) != nil else {
                    throw fail("unknown time zone \"\(value)\" (use an IANA name such as America/Mexico_City, UTC, or +07:00)")
                }
                if let carrier = registry.carrier(id: s) { config.zones[carrier] = value }
            case (let s, "currency") where registry.carrier(id: s) != nil:
                guard CurrencyExponent.isWellFormed(value) else {
                    throw fail("currency must be an ISO 4217 code of three uppercase letters such as VND or MXN, got \"\(value)\"")
                }
                if let carrier = registry.carrier(id: s) { config.currencies[carrier] = value }

            case ("remittance", "order_code"): config.remittanceColumns.orderCode = value
            case ("remittance", "amount"): config.remittanceColumns.amount = value
            case ("remittance", "remitted_at"): config.remittanceColumns.remittedAt = value
            case ("remittance", "fee"): config.remittanceColumns.fee = value
            case ("remittance", "reference"): config.remittanceColumns.reference = value
            case ("remittance", "decimal"), ("remittance", "thousands"):
                guard let separator = AmountSeparator(text: value) else {
                    throw fail("\(key) must be one of \(AmountSeparator.spellings), got \"\(value)\"")
                }
                if key == "decimal" {
                    config.remittanceColumns.decimal = separator
                } else {
                    config.remittanceColumns.thousands = separator
                }
                if let problem = config.remittanceColumns.layout?.problem { throw fail(problem) }

            case ("status_map", "file"):
                if let fileExists, !fileExists(path) {
                    throw ShipKPIError.inputMissing("\(at): status map not found: \(path)")
                }
                config.statusMapFiles.append(path)

            case ("gates", "min_events"):
                guard value.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let n = Int64(value) else {
                    throw fail("min_events must be a whole number, 0 or more, got \"\(value)\"")
                }
                config.gates.minEvents = n
            case ("gates", "max_unknown_rate"), ("gates", "max_reject_rate"):
                guard let rate = Self.fraction(value) else {
                    throw fail("\(key) must be a fraction between 0 and 1 (such as 0.05), got \"\(value)\"")
                }
                if key == "max_unknown_rate" {
                    config.gates.maxUnknownRate = rate
                } else {
                    config.gates.maxRejectRate = rate
                }
            case ("gates", "max_staleness"):
                guard let ms = DurationText.milliseconds(value) else {
                    throw fail("max_staleness must be a duration such as 36h, 2d or 1d12h (units w, d, h, m, s), got \"\(value)\"")
                }
                config.gates.maxStaleness = ms
            case ("gates", "publish_on_failure"):
                switch value.lowercased() {
                case "true": config.gates.publishOnFailure = true
                case "false": config.gates.publishOnFailure = false
                default: throw fail("publish_on_failure must be true or false, got \"\(value)\"")
                }

            case ("run", "state_dir"):
                config.stateDirectory = path

            default:
                throw fail("unknown key \"\(key)\" in [\(section)] (expected \(keys(of: section)))")
            }
        }
        return config
    }

    /// The keys a section knows, for error messages.
    static func keys(of section: String) -> String {
        switch section {
        case "remittance": "order_code, amount, remitted_at, fee, reference, decimal, thousands"
        case "status_map": "file"
        case "gates": "min_events, max_unknown_rate, max_reject_rate, max_staleness, publish_on_failure"
        case "run": "state_dir"
        default: "zone, currency"
        }
    }

    struct ValueProblem: Error {
        var message: String
    }

    /// The value after `=`: trimmed, up to an inline comment (whitespace, then `#` or `;`), or
    /// the text between double quotes when it starts with one (a quoted value keeps `#`, `;`
    /// and surrounding spaces; a comment may follow the closing quote).
    static func value(_ text: Substring) -> Result<String, ValueProblem> {
        let text = text.drop { $0 == " " || $0 == "\t" }
        if text.first == "\"" {
            let inner = text.dropFirst()
            guard let close = inner.firstIndex(of: "\"") else { return .failure(ValueProblem(message: "a quoted value has no closing \"")) }
            let rest = inner[inner.index(after: close)...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(";") else {
                return .failure(ValueProblem(message: "unexpected text after the quoted value (a comment starts with # or ;)"))
            }
            return .success(String(inner[..<close]))
        }
        var end = text.endIndex
        var previous: Character = " "  // a # or ; right after = starts a comment
        for index in text.indices {
            let c = text[index]
            if (c == "#" || c == ";") && (previous == " " || previous == "\t") {
                end = index
                break
            }
            previous = c
        }
        return .success(text[..<end].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A fraction 0–1 written as a plain decimal (`0.05`, `1`, `5e-2`); nil otherwise.
    static func fraction(_ text: String) -> Double? {
        guard case .value(let v) = ExactDecimal.parse(text), !v.isNegative, v <= ExactDecimal(1) else { return nil }
        return Double(v.units) / Double(ExactDecimal.unitsPerOne)
    }
}
