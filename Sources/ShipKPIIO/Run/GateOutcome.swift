import Foundation
import ShipKPICore

/// One gate's verdict: the measured value beside the threshold, both as written in logs and
/// run.json (`0.0500`, `36h`, `1`).
package struct GateOutcome: Sendable, Equatable {
    package var name: String
    /// Nil when the value cannot be measured (no accepted event): such a gate passes, because the
    /// `min_events` gate is the one that speaks for an empty run.
    package var value: String?
    package var threshold: String
    package var passed: Bool
    /// One sentence for the log: `gate min_events failed: 0 accepted events, at least 1 required`.
    package var message: String
}
