import Foundation
import ShipKPICore
import ShipKPIDigest

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
/// hash = sha256                  # the digest of inputs and outputs (default xxh3-128)
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
    /// `[run] hash`; nil when not given.
    package var hash: HashAlgorithm?

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
            let place = LinePlace(at: "\(name) line \(number + 1)")
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                section = try sectionName(line, known: sections, place: place)
                continue
            }
            let (key, value) = try keyAndValue(line, place: place)
            guard let section else { throw place.fail("key \"\(key)\" is outside any section (start one with [section])") }
            guard !value.isEmpty else { throw place.fail("\(key) has no value") }
            let setting = Setting(
                key: key, value: value,
                path: value.hasPrefix("/") || baseDirectory.isEmpty ? value : baseDirectory + "/" + value, place: place)
            try config.apply(setting, in: section, registry: registry, fileExists: fileExists)
        }
        return config
    }

    /// Where a line of the file is, as errors name it (`my.ini line 3`).
    private struct LinePlace {
        let at: String

        /// A usage error at this line.
        func fail(_ message: String) -> ShipKPIError { .usage("\(at): \(message)") }
    }

    /// One `key = value` line, its value also as a path resolved against the config file's
    /// directory.
    private struct Setting {
        let key: String
        let value: String
        let path: String
        let place: LinePlace

        func fail(_ message: String) -> ShipKPIError { place.fail(message) }
    }

    /// The name of the section a `[name]` header line (trimmed) opens; it must be one of `known`.
    private static func sectionName(_ line: String, known sections: [String], place: LinePlace) throws -> String {
        guard let close = line.firstIndex(of: "]") else { throw place.fail("a section header must end with ]") }
        let rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(";") else {
            throw place.fail("unexpected text after the section header (a comment starts with # or ;)")
        }
        let name = line[line.index(after: line.startIndex) ..< close].trimmingCharacters(in: .whitespaces)
        guard sections.contains(name) else {
            throw place.fail("unknown section [\(name)] (expected \(sections.map { "[\($0)]" }.joined(separator: ", ")))")
        }
        return name
    }

    /// The key and the (unquoted, comment-free) value of a `key = value` line (trimmed).
    private static func keyAndValue(_ line: String, place: LinePlace) throws -> (key: String, value: String) {
        guard let eq = line.firstIndex(of: "=") else { throw place.fail("expected key = value") }
        let key = line[..<eq].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw place.fail("expected key = value (the key is missing)") }
        switch Self.value(line[line.index(after: eq)...]) {
        case .success(let value): return (key, value)
        case .failure(let problem): throw place.fail(problem.message)
        }
    }

    /// Checks a setting of `section` and stores it.
    private mutating func apply(
        _ setting: Setting, in section: String, registry: CarrierRegistry, fileExists: ((String) -> Bool)?
    ) throws {
        switch (section, setting.key) {
        case ("remittance", _): try applyRemittance(setting)
        case ("gates", _): try applyGate(setting)
        case ("status_map", "file"):
            if let fileExists, !fileExists(setting.path) {
                throw ShipKPIError.inputMissing("\(setting.place.at): status map not found: \(setting.path)")
            }
            statusMapFiles.append(setting.path)
        case ("run", "state_dir"):
            stateDirectory = setting.path
        case ("run", "hash"):
            guard let algorithm = HashAlgorithm.named(setting.value) else {
                throw setting.fail("hash: expected xxh3-128 or sha256, got \"\(setting.value)\"")
            }
            hash = algorithm
        case (let id, _):
            guard let carrier = registry.carrier(id: id) else { throw Self.unknownKey(setting, in: section) }
            try applyCarrier(setting, to: carrier, in: section)
        }
    }

    /// `unknown key "x" in [section] (expected …)`.
    private static func unknownKey(_ setting: Setting, in section: String) -> ShipKPIError {
        setting.fail("unknown key \"\(setting.key)\" in [\(section)] (expected \(keys(of: section)))")
    }

    /// A key of a carrier's section: `zone` or `currency`.
    private mutating func applyCarrier(_ setting: Setting, to carrier: Carrier, in section: String) throws {
        let value = setting.value
        switch setting.key {
        case "zone":
            guard TimeZoneName.resolve(value) != nil else {
                throw setting.fail("unknown time zone \"\(value)\" (use an IANA name such as America/Mexico_City, UTC, or +07:00)")
            }
            zones[carrier] = value
        case "currency":
            guard CurrencyExponent.isWellFormed(value) else {
                throw setting.fail("currency must be an ISO 4217 code of three uppercase letters such as VND or MXN, got \"\(value)\"")
            }
            currencies[carrier] = value
        default:
            throw Self.unknownKey(setting, in: section)
        }
    }

    /// A key of `[remittance]`: a column name, or the decimal or thousands separator.
    private mutating func applyRemittance(_ setting: Setting) throws {
        let (key, value) = (setting.key, setting.value)
        switch key {
        case "order_code": remittanceColumns.orderCode = value
        case "amount": remittanceColumns.amount = value
        case "remitted_at": remittanceColumns.remittedAt = value
        case "fee": remittanceColumns.fee = value
        case "reference": remittanceColumns.reference = value
        case "decimal", "thousands":
            guard let separator = AmountSeparator(text: value) else {
                throw setting.fail("\(key) must be one of \(AmountSeparator.spellings), got \"\(value)\"")
            }
            if key == "decimal" {
                remittanceColumns.decimal = separator
            } else {
                remittanceColumns.thousands = separator
            }
            if let problem = remittanceColumns.layout?.problem { throw setting.fail(problem) }
        default:
            throw Self.unknownKey(setting, in: "remittance")
        }
    }

    /// A key of `[gates]`.
    private mutating func applyGate(_ setting: Setting) throws {
        let (key, value) = (setting.key, setting.value)
        switch key {
        case "min_events":
            guard value.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let n = Int64(value) else {
                throw setting.fail("min_events must be a whole number, 0 or more, got \"\(value)\"")
            }
            gates.minEvents = n
        case "max_unknown_rate", "max_reject_rate":
            guard let rate = Self.fraction(value) else {
                throw setting.fail("\(key) must be a fraction between 0 and 1 (such as 0.05), got \"\(value)\"")
            }
            if key == "max_unknown_rate" {
                gates.maxUnknownRate = rate
            } else {
                gates.maxRejectRate = rate
            }
        case "max_staleness":
            guard let ms = DurationText.milliseconds(value) else {
                throw setting.fail("max_staleness must be a duration such as 36h, 2d or 1d12h (units w, d, h, m, s), got \"\(value)\"")
            }
            gates.maxStaleness = ms
        case "publish_on_failure":
            switch value.lowercased() {
            case "true": gates.publishOnFailure = true
            case "false": gates.publishOnFailure = false
            default: throw setting.fail("publish_on_failure must be true or false, got \"\(value)\"")
            }
        default:
            throw Self.unknownKey(setting, in: "gates")
        }
    }

    /// The keys a section knows, for error messages.
    static func keys(of section: String) -> String {
        switch section {
        case "remittance": "order_code, amount, remitted_at, fee, reference, decimal, thousands"
        case "status_map": "file"
        case "gates": "min_events, max_unknown_rate, max_reject_rate, max_staleness, publish_on_failure"
        case "run": "state_dir, hash"
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
