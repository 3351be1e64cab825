import Foundation
import ShipKPICore

/// The data-quality gates of a run (the nightly job's equivalent of dbt tests): each compares
/// one measure with its threshold. A failed gate makes the run exit 65; by default its reports
/// are then kept aside instead of replacing the previous ones.
package enum Gates {
    /// Default of `--min-events`: a run that accepted no event at all is not a success.
    package static let defaultMinEvents: Int64 = 1

    /// Evaluates every configured gate, in a fixed order: min_events, max_reject_rate,
    /// max_unknown_rate, max_staleness.
    package static func evaluate(_ settings: GateSettings, measures: RunMeasures) -> [GateOutcome] {
        var out: [GateOutcome] = []
        let minEvents = settings.minEvents ?? defaultMinEvents
        if minEvents > 0 {
            let passed = measures.acceptedEvents >= minEvents
            out.append(
                GateOutcome(
                    name: "min_events", value: String(measures.acceptedEvents), threshold: String(minEvents), passed: passed,
                    message: "gate min_events \(passed ? "passed" : "failed"): \(measures.acceptedEvents) accepted events, at least \(minEvents) required"
                        + (measures.acceptedEvents == 0 && !passed ? " (no readable input: check that the export folder was synced)" : "")))
        }
        if let limit = settings.maxRejectRate, limit < 1 {
            let total = measures.records + measures.rejects
            let rate = total > 0 ? Double(measures.rejects) / Double(total) : nil
            let passed = rate.map { $0 <= limit } ?? true
            out.append(
                GateOutcome(
                    name: "max_reject_rate", value: rate.map(ratio), threshold: ratio(limit), passed: passed,
                    message: "gate max_reject_rate \(passed ? "passed" : "failed"): "
                        + (rate.map { "\(measures.rejects) rejects of \(total) records read (\(ratio($0))), at most \(ratio(limit)) allowed" }
                            ?? "nothing read")))
        }
        if let limit = settings.maxUnknownRate {
            let rate = measures.acceptedEvents > 0 ? Double(measures.unknownEvents) / Double(measures.acceptedEvents) : nil
            let passed = rate.map { $0 <= limit } ?? true
            out.append(
                GateOutcome(
                    name: "max_unknown_rate", value: rate.map(ratio), threshold: ratio(limit), passed: passed,
                    message: "gate max_unknown_rate \(passed ? "passed" : "failed"): "
                        + (rate.map {
                            "\(measures.unknownEvents) of \(measures.acceptedEvents) accepted events have a status code the status map does not know"
                                + " (\(ratio($0))), at most \(ratio(limit)) allowed"
                        } ?? "no accepted event")))
        }
        if let limit = settings.maxStaleness {
            let age = measures.newestEventInstant.map { measures.asOf - $0 }
            let passed = age.map { $0 <= limit } ?? (measures.acceptedEvents == 0)
            out.append(
                GateOutcome(
                    name: "max_staleness", value: age.map { DurationText.text(milliseconds: max(0, $0)) },
                    threshold: DurationText.text(milliseconds: limit), passed: passed,
                    message: "gate max_staleness \(passed ? "passed" : "failed"): "
                        + (measures.newestEventInstant.map {
                            "the newest event (\(InstantFormat.utcString($0))) is \(DurationText.text(milliseconds: max(0, measures.asOf - $0)))"
                                + " before as-of, at most \(DurationText.text(milliseconds: limit)) allowed"
                        } ?? "no accepted event has a date of its own")))
        }
        return out
    }

    /// A rate with 4 decimals (`0.0500`).
    static func ratio(_ value: Double) -> String { String(format: "%.4f", value) }
}
