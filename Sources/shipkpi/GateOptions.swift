import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO

/// The data-quality gates (`report` and `normalize`). A failed gate exits 65.
struct GateOptions: ParsableArguments {
    @Option(
        name: .customLong("min-events"),
        help: ArgumentHelp(
            "Fail the run (exit 65) when it accepts fewer events than this. Default 1: a run with no readable input fails instead of publishing empty reports. 0 turns the gate off.",
            valueName: "n"))
    var minEvents: Int64?

    @Option(
        name: .customLong("max-reject-rate"),
        help: ArgumentHelp(
            "Fail the run (exit 65) when rejects / (records + rejects) exceeds this fraction (0 to 1). Default: no threshold.",
            valueName: "fraction"))
    var maxRejectRate: Double?

    @Option(
        name: .customLong("max-unknown-rate"),
        help: ArgumentHelp(
            "Fail the run (exit 65) when more than this fraction (0 to 1) of accepted events have a status code the status map does not know.",
            valueName: "fraction"))
    var maxUnknownRate: Double?

    @Option(
        name: .customLong("max-staleness"),
        help: ArgumentHelp(
            "Fail the run (exit 65) when the newest event is older than this before as-of: a duration such as 36h, 2d or 1d12h.",
            valueName: "duration"))
    var maxStaleness: String?

    mutating func validate() throws {
        if let minEvents, minEvents < 0 { throw ValidationError("--min-events must be 0 or more") }
        for (flag, rate) in [("--max-reject-rate", maxRejectRate), ("--max-unknown-rate", maxUnknownRate)] {
            if let rate, !(0 ... 1).contains(rate) { throw ValidationError("\(flag) must be between 0 and 1") }
        }
        if let maxStaleness, DurationText.milliseconds(maxStaleness) == nil {
            throw ValidationError("--max-staleness expects a duration such as 36h, 2d or 1d12h, got \"\(maxStaleness)\"")
        }
    }

    /// The gates given on the command line (nil where a flag was not given).
    func settings(publishOnFailure: Bool? = nil) throws -> GateSettings {
        GateSettings(
            minEvents: minEvents, maxUnknownRate: maxUnknownRate, maxStaleness: maxStaleness.flatMap(DurationText.milliseconds),
            maxRejectRate: maxRejectRate, publishOnFailure: publishOnFailure)
    }
}
