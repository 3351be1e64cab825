import Foundation
import ShipKPICore

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
