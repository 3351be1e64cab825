import Foundation
import ShipKPICore

/// The report formats `--format` chooses among.
package enum ReportFormat: String, Sendable, CaseIterable {
    case csv, xml, html
}

/// Everything a run needs, resolved from the command line and the config file.
package struct RunConfiguration: Sendable {
    /// The carriers this run reads (``CarrierRegistry/standard`` unless a test brings its own).
    package var registry: CarrierRegistry
    package var inputs: [String]
    package var outDir: String = "reports"
    /// As-of instant (ms) and how it was given (for run.json).
    package var asOf: Int64
    package var asOfText: String
    package var fromDay: Int32?
    package var toDay: Int32?
    /// `--carrier`: the carriers to report on; all when empty.
    package var onlyCarriers: Set<Carrier> = []
    /// `--tz`: one reporting zone for every carrier.
    package var reportZone: TimeZone?
    /// Zone of each carrier's naive local timestamps (its profile's unless configured).
    package var carrierZones: PerCarrier<TimeZone>
    /// COD currency of each carrier (its profile's unless configured).
    package var currencies: PerCarrier<String>
    package var statusMapFiles: [String] = []
    package var includePII = false
    /// The data-quality gates (`--min-events`, `--max-reject-rate`, …, and `[gates]` in the config file).
    package var gates = GateSettings()
    package var csvBOM = false
    package var formats: Set<ReportFormat> = Set(ReportFormat.allCases)
    package var remittanceFiles: [String] = []
    package var remittanceColumns = RemittanceColumns()
    package var apiKeys: [[UInt8]]?
    package var maxLineBytes = 64 << 20
    /// See ``DecodeOptions/domFastPath`` (`SHIPKPI_JSON_EXACT=1` turns it off).
    package var jsonDOMFastPath = true
    package var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The command line as given (for run.json; never holds secrets: keys come from a file or the environment).
    package var arguments: [String] = []
    /// Things the user should know about the configuration itself (logged when the run starts).
    package var warnings: [String] = []

    package init(registry: CarrierRegistry = .standard, inputs: [String], asOf: Int64, asOfText: String) {
        self.registry = registry
        self.inputs = inputs
        self.asOf = asOf
        self.asOfText = asOfText
        carrierZones = registry.defaultZones
        currencies = registry.defaultCurrencies
    }

    /// The carriers, as Core sees them.
    package var carriers: Carriers { registry.carriers }

    /// Reporting zone of each carrier.
    package var reportZones: PerCarrier<TimeZone> { reportZone.map { z in carrierZones.map { _ in z } } ?? carrierZones }

    /// The fold stage's settings: as-of, filters, zones, currencies.
    package var foldSettings: FoldSettings {
        FoldSettings(carriers: carriers, asOf: asOf, fromDay: fromDay, toDay: toDay, onlyCarriers: onlyCarriers,
                     reportZones: reportZones, currencies: currencies)
    }

    /// The map stage's options: the shipped status map extended by `--status-map` files, zones,
    /// API keys. `keepEventText`: keep what `events.csv` needs (`normalize`).
    package func decodeOptions(keepEventText: Bool) throws -> DecodeOptions {
        var options = DecodeOptions(
            registry: registry, statusMap: try StatusMapLoader.load(registry: registry, extraFiles: statusMapFiles),
            carrierZones: carrierZones, reportZones: reportZones, apiKeys: apiKeys, includePII: includePII, keepEventText: keepEventText)
        options.domFastPath = jsonDOMFastPath
        return options
    }
}

/// The numbers of a finished run, for the summary line and the exit code.
package struct RunOutcome: Sendable {
    package var inputs: Int
    package var bytes: Int64
    package var lines: Int64
    package var records: Int64
    package var acceptedEvents: Int64
    package var duplicates: Int64
    package var rejects: Int64
    package var orders: Int
    package var outputDirectory: String
    package var seconds: Double
    /// Every gate evaluated, passed or not.
    package var gates: [GateOutcome]
    /// The reports replaced the previous ones (false when a gate failed without --publish-on-failure).
    package var published = true
    /// Where the reports of a run that failed a gate were kept instead.
    package var keptAside: String?

    package var gatesPassed: Bool { gates.allSatisfy(\.passed) }

    /// 0, or 65 when a gate failed (the data did not meet the run's quality thresholds).
    package var exitCode: Int32 { gatesPassed ? 0 : 65 }

    /// `success` or `gate_failed` (run.json's `status`).
    package var status: RunResult.Status { gatesPassed ? .success : .gateFailed }

    /// The one-line summary written to stderr.
    package var summaryLine: String {
        let mb = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        let failed = gates.filter { !$0.passed }.map(\.name)
        return "shipkpi: \(inputs) input(s), \(String(format: "%.1f", mb)) MB, \(lines) lines, \(acceptedEvents) events accepted, "
            + "\(duplicates) duplicates, \(rejects) rejects, \(orders) orders -> \(keptAside ?? outputDirectory) in \(String(format: "%.2f", seconds)) s "
            + "(\(String(format: "%.0f", rate)) MB/s); \(status.rawValue)"
            + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")))") + ", exit \(exitCode)"
    }
}

/// What run.json says of the run as a whole, like dbt's run_results.json: its status, its exit
/// code, every gate with its value and threshold, and every output file's size and SHA-256.
package struct RunResult: Sendable {
    package enum Status: String, Sendable {
        case success
        case gateFailed = "gate_failed"
        case error
    }

    package var status: Status
    package var exitCode: Int32
    package var gates: [GateOutcome]
    package var outputs: [OutputDigest]
    /// The error that ended the run (status `error` only).
    package var error: String?

    package init(status: Status, exitCode: Int32, gates: [GateOutcome], outputs: [OutputDigest], error: String? = nil) {
        self.status = status
        self.exitCode = exitCode
        self.gates = gates
        self.outputs = outputs
        self.error = error
    }
}
