import ArgumentParser
import ShipKPIIO

/// `--state` and `--verify-state` (`report`).
struct StateOptions: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help: ArgumentHelp(
            "Keep each input's mapped records in this directory and reuse those of inputs unchanged since (same path, size, modification time and inode, and the same settings). Default: [run] state_dir of the config file; none.",
            valueName: "dir"))
    var directory: String?

    @Flag(name: .customLong("verify-state"), help: "With --state: re-hash every reused input and read it again when its content differs.")
    var verify = false

    func apply(to config: inout RunConfiguration) throws {
        if let directory { config.stateDirectory = directory }
        config.verifyState = verify
        if verify && config.stateDirectory == nil { throw ValidationError("--verify-state needs --state (or [run] state_dir in the config file)") }
    }
}
