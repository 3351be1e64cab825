import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIDigest
import ShipKPIIO

extension LogFormat: ExpressibleByArgument {}

extension HashAlgorithm: ExpressibleByArgument {
    /// `xxh3-128` (also `xxh3`) or `sha256`.
    public init?(argument: String) {
        guard let algorithm = HashAlgorithm.named(argument) else { return nil }
        self = algorithm
    }
}

/// Options shared by every command that reads exports or computes a report.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The report's reference instant: ISO-8601 (no offset = UTC) or yyyy-MM-dd (midnight UTC). Used for open-order ages, days since delivery and events without a usable date. Default: now. Pin it for byte-identical reruns.",
            valueName: "instant"))
    var asOf: String?

    @Option(help: ArgumentHelp("Keep only events whose local date is on or after this date (yyyy-MM-dd, inclusive).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Keep only events whose local date is on or before this date (yyyy-MM-dd, inclusive).", valueName: "date"))
    var to: String?

    @Option(
        name: .customLong("carrier"),
        help: ArgumentHelp(
            "Keep only this carrier (repeatable): \(CarrierArgument.allValueStrings.joined(separator: ", ")).", valueName: "carrier"))
    var carriers: [CarrierArgument] = []

    @Option(
        help: ArgumentHelp(
            "Report every carrier's local dates in this zone (IANA name such as Asia/Ho_Chi_Minh, UTC, or +07:00). Naive carrier timestamps are still read in the carrier's own zone.",
            valueName: "zone"))
    var tz: String?

    @Option(
        name: .customLong("zone"),
        help: ArgumentHelp(
            "A carrier's own time zone, as CARRIER=ZONE (repeatable). Defaults: \(CarrierArgument.defaults(\.defaultZone)).",
            valueName: "carrier=zone"))
    var zones: [String] = []

    @Option(
        name: .customLong("currency"),
        help: ArgumentHelp(
            "A carrier's COD currency, as CARRIER=CODE (repeatable). Defaults: \(CarrierArgument.defaults(\.traits.currency)).",
            valueName: "carrier=code"))
    var currencies: [String] = []

    @Option(
        name: .customLong("status-map"),
        help: ArgumentHelp(
            "A status-map CSV that extends or overrides the shipped map (repeatable; later files win). See `shipkpi status-map`.",
            valueName: "file"))
    var statusMaps: [String] = []

    @Option(help: ArgumentHelp("A configuration file (zones, currencies, remittance columns, status maps); flags override it.", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("api-keys"),
        help: ArgumentHelp(
            "A file of accepted 247Express API keys, one per line. 247Express webhook events whose ApiKey is missing or not listed are rejected (untrusted_api_key). The environment variable SHIPKPI_API_KEYS (comma- or newline-separated) does the same. An empty list is an error.",
            valueName: "file"))
    var apiKeys: String?

    @Flag(
        name: .customLong("include-pii"),
        help: "Include personal data where it would otherwise be left out: the (redacted) text of rejected lines. API keys are never written.")
    var includePII = false

    @Option(
        name: .customLong("max-line-bytes"),
        help: ArgumentHelp(
            "Longest line read; a longer line is skipped unread and rejected (line_too_long). Default 64 MiB.", valueName: "bytes"))
    var maxLineBytes: Int = 64 << 20

    @Option(
        help: ArgumentHelp(
            "The digest run.json records for every input and output file: xxh3-128 (default; check a file with 'xxhsum -H2') or sha256 ('sha256sum'; costs about half a second of CPU per GB read).",
            valueName: "algorithm"))
    var hash: HashAlgorithm?

    @Flag(name: .customLong("csv-bom"), help: "Start CSV files with a UTF-8 byte order mark (Excel then shows Vietnamese and Spanish text correctly).")
    var csvBOM = false

    @Option(help: ArgumentHelp("Parser threads. Default: the number of CPU cores. Output is identical whatever the number.", valueName: "n"))
    var threads: Int?

    @Option(name: .customLong("log-format"), help: ArgumentHelp("Log lines on stderr as text or json (for log shippers).", valueName: "format"))
    var logFormat: LogFormat = .text

    @Flag(name: .customLong("no-progress"), help: "Never show the progress display (it is shown only when stderr is a terminal).")
    var noProgress = false

    @Flag(name: .shortAndLong, help: "No summary line on stderr (errors are still reported).")
    var quiet = false

    mutating func validate() throws {
        if maxLineBytes < 1024 { throw ValidationError("--max-line-bytes must be at least 1024") }
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
    }

    /// A progress line on stderr: when it is a terminal, logs are text, and neither `--quiet`
    /// nor `--no-progress` is given.
    var showsProgress: Bool { !noProgress && !quiet && logFormat == .text && ProgressDisplay.isTerminal() }

    func makeLogger() -> Logger {
        let format = logFormat
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, format: format, level: .info) }
        return Logger(label: "shipkpi")
    }

    /// Resolves every option (and the config file) into a run configuration.
    func configuration(inputs: [String] = [], arguments: [String], gates: GateSettings = GateSettings()) throws -> RunConfiguration {
        let file = try config.map { try ConfigFile.load(path: $0, registry: CarrierArgument.registry) } ?? ConfigFile()
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        var asOfText = asOf ?? "now"
        var asOfMs = try asOf.map { try Self.parseInstant($0, flag: "--as-of") } ?? now

        var run = RunConfiguration(registry: CarrierArgument.registry, inputs: inputs, asOf: asOfMs, asOfText: asOfText)
        for (carrier, zone) in file.zones { run.carrierZones[carrier] = try Self.zone(zone, flag: "--zone") }
        for (carrier, value) in try Self.pairs(zones, flag: "--zone") { run.carrierZones[carrier] = try Self.zone(value, flag: "--zone") }
        for (carrier, code) in file.currencies { run.currencies[carrier] = code }
        for (carrier, code) in try Self.pairs(currencies, flag: "--currency") {
            guard CurrencyExponent.isWellFormed(code) else {
                throw ShipKPIError.usage("--currency: a currency is an ISO 4217 code of three uppercase letters such as VND or MXN, got \"\(code)\"")
            }
            run.currencies[carrier] = code
        }
        run.reportZone = try tz.map { try Self.zone($0, flag: "--tz") }
        run.fromDay = try from.map { try Self.parseDay($0, flag: "--from") }
        run.toDay = try to.map { try Self.parseDay($0, flag: "--to") }
        if let f = run.fromDay, let t = run.toDay, f > t { throw ShipKPIError.usage("--from is after --to") }
        run.onlyCarriers = Set(carriers.map(\.carrier))
        if let toDay = run.toDay {
            // Open orders are aged from as-of: a report cut at --to must not age them from today.
            let kept = run.carriers.all.filter { run.onlyCarriers.isEmpty || run.onlyCarriers.contains($0) }
            let endOfTo = Self.endOfDay(toDay, zones: kept.map { run.reportZones[$0] })
            if asOf == nil {
                if endOfTo < now {
                    asOfMs = endOfTo
                    asOfText = "end of --to day \(InstantFormat.dateString(dayNumber: Int(toDay)))"
                }
            } else if asOfMs - endOfTo > 86_400_000 {
                run.warnings.append(
                    "--as-of \(InstantFormat.utcString(asOfMs)) is more than a day after the end of --to \(InstantFormat.dateString(dayNumber: Int(toDay)))"
                        + ": open orders are aged up to as-of, so the stuck-order counts include the time after --to")
            }
        }
        run.asOf = asOfMs
        run.asOfText = asOfText
        run.statusMapFiles = file.statusMapFiles + statusMaps
        run.stateDirectory = file.stateDirectory
        run.remittanceColumns = file.remittanceColumns
        // Statements are the remittance carrier's: their amounts are in its currency (and follow its minor unit).
        if let carrier = run.carriers.remittanceCarrier { run.remittanceColumns.currency = run.currencies[carrier] }
        run.includePII = includePII
        run.gates = file.gates.overridden(by: gates)
        run.maxLineBytes = maxLineBytes
        run.hash = hash ?? file.hash ?? .xxh3
        // A diagnostic switch for tests and bug reports: every document through the exact walk.
        run.jsonDOMFastPath = ProcessInfo.processInfo.environment["SHIPKPI_JSON_EXACT"] != "1"
        run.csvBOM = csvBOM
        if let threads { run.threads = threads }
        run.apiKeys = try Self.loadAPIKeys(file: apiKeys)
        run.arguments = arguments
        return run
    }

    static func pairs(_ values: [String], flag: String) throws -> [(Carrier, String)] {
        try values.map { v in
            let parts = v.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let carrier = CarrierArgument.registry.carrier(id: parts[0]), !parts[1].isEmpty else {
                throw ShipKPIError.usage("\(flag) expects CARRIER=VALUE with CARRIER \(CarrierArgument.registry.idList), got \"\(v)\"")
            }
            return (carrier, parts[1])
        }
    }

    static func zone(_ id: String, flag: String) throws -> TimeZone {
        // IANA names and ±HH:MM fixed offsets, as the config file accepts them.
        if let z = TimeZoneName.resolve(id) { return z }
        throw ShipKPIError.usage("\(flag): unknown time zone \"\(id)\" (use an IANA name such as America/Mexico_City, UTC, or +07:00)")
    }

    static func parseInstant(_ text: String, flag: String) throws -> Int64 {
        var ms: Int64?
        if let d = DateParsing.isoDate(text) {
            ms = d.wallMillis
        } else if let t = DateParsing.iso8601(text) {
            ms = t.wallMillis - Int64(t.offsetSeconds ?? 0) * 1000
        }
        // Years 0001–9999 only (the outputs write instants as yyyy-MM-dd…).
        guard let ms, ms >= -62_135_596_800_000, ms <= 253_402_300_799_999 else {
            throw ShipKPIError.usage("\(flag): expected an ISO-8601 instant or yyyy-MM-dd (years 0001–9999), got \"\(text)\"")
        }
        return ms
    }

    /// The last millisecond of local day `day` in the latest of `zones` (the instant after which
    /// no kept carrier is still on that day).
    static func endOfDay(_ day: Int32, zones: [TimeZone]) -> Int64 {
        let nextMidnightUTC = (Int64(day) + 1) * 86_400_000
        return zones.map { zone in
            // Local midnight of the next day, as an instant: UTC midnight minus the zone's offset then.
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(nextMidnightUTC) / 1000))) * 1000
            return nextMidnightUTC - offset - 1
        }.max() ?? nextMidnightUTC - 1
    }

    static func parseDay(_ text: String, flag: String) throws -> Int32 {
        guard let d = DateParsing.isoDate(text) else { throw ShipKPIError.usage("\(flag): expected yyyy-MM-dd, got \"\(text)\"") }
        return Int32(CivilDate.daysFromCivil(year: d.year, month: d.month, day: d.day))
    }

    /// Accepted API keys from `--api-keys FILE` or `SHIPKPI_API_KEYS`; nil when neither is given.
    static func loadAPIKeys(file: String?) throws -> [[UInt8]]? {
        var text: String?
        var source = ""
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ShipKPIError.inputMissing("--api-keys file not found or unreadable: \(file)")
            }
            text = String(decoding: data, as: UTF8.self)
            source = "--api-keys \(file)"
        } else if let env = ProcessInfo.processInfo.environment["SHIPKPI_API_KEYS"] {
            text = env
            source = "SHIPKPI_API_KEYS"
        }
        guard let text else { return nil }
        // Split on bytes, not Characters: "\r\n" is one Character, so a Windows file would
        // otherwise keep its line ends inside every key and trust nothing.
        let keys = text.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: ",") })
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !keys.isEmpty else {
            throw ShipKPIError.usage("\(source) lists no API key; an empty list would reject every 247Express webhook event")
        }
        return keys.map { Array($0.utf8) }
    }
}
