import Foundation
import ShipKPICore

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
    /// With a state directory: inputs replayed from it, and the bytes actually read (nil without one).
    package var reused: (inputs: Int, bytesRead: Int64)?

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
        let state = reused.map { " (\($0.inputs) reused, \(String(format: "%.1f", Double($0.bytesRead) / 1_000_000)) MB read)" } ?? ""
        return "shipkpi: \(inputs) input(s), \(String(format: "%.1f", mb)) MB\(state), \(lines) lines, \(acceptedEvents) events accepted, "
            + "\(duplicates) duplicates, \(rejects) rejects, \(orders) orders -> \(keptAside ?? outputDirectory) in \(String(format: "%.2f", seconds)) s "
            + "(\(String(format: "%.0f", rate)) MB/s); \(status.rawValue)"
            + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")))") + ", exit \(exitCode)"
    }
}
