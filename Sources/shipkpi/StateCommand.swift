import ArgumentParser
import Foundation
import ShipKPIIO

/// `shipkpi state info|prune DIR`: what a state directory holds, and its clean-up.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Show or prune a state directory of nightly runs (report --state).",
        subcommands: [Info.self, Prune.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the inputs a state directory holds: path, size, records, when mapped, and whether the input is unchanged.")

        @Argument(help: ArgumentHelp("The state directory.", valueName: "dir"))
        var directory: String

        func run() throws {
            try runState {
                let entries = try StateInventory.list(directory)
                var out = "state\tinput\tinput_bytes\trecords\trejects\tmapped_at\tinput_unchanged\tstate_bytes\n"
                for e in entries {
                    if let m = e.meta {
                        out += "\(e.fileName)\t\(m.path)\t\(m.bytes)\t\(m.records)\t\(m.rejects)\t\(m.mappedAt)\t\(e.inputUnchanged)\t\(e.size)\n"
                    } else {
                        out += "\(e.fileName)\t(unusable: \(e.problem ?? "unknown"))\t\t\t\t\tfalse\t\(e.size)\n"
                    }
                }
                let total = entries.reduce(Int64(0)) { $0 + $1.size }
                out += "# \(entries.count) state file(s), \(total) bytes; \(entries.filter(\.inputUnchanged).count) with their input unchanged\n"
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the state files whose input is gone or has changed since it was mapped, and unusable ones.")

        @Argument(help: ArgumentHelp("The state directory.", valueName: "dir"))
        var directory: String

        func run() throws {
            try runState {
                let removed = try StateInventory.prune(directory)
                for e in removed { FileHandle.standardOutput.write(Data("removed \(e.fileName) \(e.meta?.path ?? "(unusable)")\n".utf8)) }
                FileHandle.standardOutput.write(Data("# \(removed.count) state file(s) removed\n".utf8))
            }
        }
    }
}

/// Runs a state subcommand, turning a ShipKPIError into its message and exit code.
private func runState(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        FileHandle.standardError.write(Data("shipkpi: error: \(ErrorReport.message(for: error))\n".utf8))
        throw ExitCode(ErrorReport.exitCode(for: error))
    }
}
