import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO

/// The inputs of `report`, `normalize` and `plan`.
struct InputArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Export files or directories to read (directories recursively: *.json, *.ndjson, *.jsonl, each optionally .gz; '-' reads NDJSON from stdin).",
            valueName: "input"))
    var inputs: [String] = []

    mutating func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input file or directory ('-' for stdin)") }
    }
}

/// The inputs as given to a stage that reads them from its plan: accepted (so every stage can be
/// given the same arguments) and ignored.
struct PlannedInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Ignored: the plan lists the inputs.", valueName: "input", visibility: .hidden))
    var inputs: [String] = []
}
