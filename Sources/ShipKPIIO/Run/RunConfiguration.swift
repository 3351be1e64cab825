import Foundation
import ShipKPICore

/// The report formats `--format` chooses among.
package enum ReportFormat: String, Sendable, CaseIterable {
    case csv, xml, html
}

/// Everything a run needs, resolved from the command line and the config file.
package struct RunConfiguration: Sendable {
    package var inputs: [String]
    package var outDir: String = "reports"
    /// As-of instant (ms) and how it was given (for run.json).
    package var asOf: Int64
    package var asOfText: String
    package var fromDay: Int32?
    package var toDay: Int32?
    package var carriers: Set<Carrier> = []
    /// `--tz`: one reporting zone for every carrier.
    package var reportZone: TimeZone?
    package var carrierZones: [TimeZone]
    package var currencies: [String] = ["VND", "MXN"]
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
    package var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The command line as given (for run.json; never holds secrets: keys come from a file or the environment).
    package var arguments: [String] = []
    /// Whether the caller wants a progress display (resolved by the command line). The library
    /// draws nothing and does not read this: the caller passes a ``Runner/onRead`` observer when
    /// it is set. It stays here only while `CommonOptions` (the CLI) sets it on the configuration.
    package var showProgress = false
    /// Things the user should know about the configuration itself (logged when the run starts).
    package var warnings: [String] = []

    package init(inputs: [String], asOf: Int64, asOfText: String, carrierZones: [TimeZone]) {
        self.inputs = inputs
        self.asOf = asOf
        self.asOfText = asOfText
        self.carrierZones = carrierZones
    }

    /// Reporting zone of each carrier.
    package var reportZones: [TimeZone] { reportZone.map { z in carrierZones.map { _ in z } } ?? carrierZones }
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
