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
    package var maxRejectRate = 1.0
    package var csvBOM = false
    package var formats: Set<ReportFormat> = Set(ReportFormat.allCases)
    package var remittanceFiles: [String] = []
    package var remittanceColumns = RemittanceColumns()
    package var apiKeys: [[UInt8]]?
    package var maxLineBytes = 64 << 20
    package var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The command line as given (for run.json; never holds secrets: keys come from a file or the environment).
    package var arguments: [String] = []
    package var showProgress = false

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
    /// Set when rejects ÷ (records + rejects) exceeded `--max-reject-rate` (exit 65).
    package var thresholdExceeded: RejectThresholdExceeded?

    /// The one-line summary written to stderr.
    package var summaryLine: String {
        let mb = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        return "shipkpi: \(inputs) input(s), \(String(format: "%.1f", mb)) MB, \(lines) lines, \(acceptedEvents) events accepted, "
            + "\(duplicates) duplicates, \(rejects) rejects, \(orders) orders -> \(outputDirectory) in \(String(format: "%.2f", seconds)) s "
            + "(\(String(format: "%.0f", rate)) MB/s)"
    }
}
