import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

@main
struct ShipKPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipkpi",
        abstract: "Delivery KPIs and COD reconciliation from 247Express and HoundExpress exports.",
        discussion: """
            shipkpi reads the carriers' exported status events and order records (JSON, NDJSON, \
            optionally gzip), normalises statuses and dates into one model, and writes delivery KPIs, \
            a cash-on-delivery reconciliation and order checks as CSV, XML and HTML.

            Exit codes:
              0    success
              64   usage error (bad flag, bad config, empty --api-keys list)
              65   a data-quality gate failed (--min-events, --max-reject-rate,
                   --max-unknown-rate, --max-staleness); the previous reports are kept
              66   an input path does not exist
              74   a read or write failed (the previous reports are kept)
              75   another run holds the output directory's lock
              130  interrupted (SIGINT, Ctrl-C); 143: terminated (SIGTERM);
                   the previous reports are kept, temporary files removed
              1    internal error (never caused by bad data)

            Shell completion: shipkpi --generate-completion-script bash (or zsh, fish).
            """,
        version: shipkpiVersion,
        subcommands: [Report.self, Normalize.self, StateCommand.self, StatusMapCommand.self, SchemaCommand.self, Generate.self],
        groupedSubcommands: [
            CommandGroup(
                name: "Stages of a distributed run (see the README's \"Running on Spark\")",
                subcommands: [PlanCommand.self, MapCommand.self, BoundsCommand.self, PartitionCommand.self, FoldCommand.self, MergeCommand.self])
        ]
    )

    /// The subcommands' names (`report`, `normalize`, …), each once. ArgumentParser's
    /// `subcommands` already holds the grouped ones; the groups are read too, skipping names seen,
    /// so the list stays whole whichever way a version of the library answers.
    static var commandNames: [String] {
        var names: [String] = []
        let grouped = configuration.groupedSubcommands.flatMap(\.subcommands)
        for command in configuration.subcommands + grouped where !names.contains(command._commandName) {
            names.append(command._commandName)
        }
        return names
    }

    /// Parses and runs the command. Beyond ArgumentParser's own `main`: a mistyped subcommand
    /// gets a suggestion, and with `--log-format json` a usage error is a JSON log line too.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let json = LogSetup.wantsJSON(arguments)
        let names = commandNames
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let best = names.min { editDistance($0, first) < editDistance($1, first) }
            let suggestion = best.flatMap { editDistance($0, first) <= 3 ? $0 : nil }
            let message =
                "unknown command '\(first)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
                + " Commands: " + names.joined(separator: ", ") + " (see 'shipkpi --help')"
            LogSetup.usageError(message, json: json)
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error).rawValue
            if json && code != 0 && !(error is ExitCode) {
                LogSetup.usageError(message(for: error), json: true, exitCode: code)
                Foundation.exit(code)
            }
            exit(withError: error)
        }
    }
}

/// The number of single-character edits that turn `a` into `b` (Levenshtein).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0 ... b.count)
    for i in 1 ... a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1 ... b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// Runs `body`, mapping errors to the documented exit codes with one message on stderr, and
/// ending with one line that states the result and the exit code.
func runMapped(logger: Logger, _ body: () throws -> RunOutcome, quietSummary: Bool, format: LogFormat) throws {
    signal(SIGXFSZ, SIG_IGN)  // a file-size limit must surface as a write error (exit 74), not a signal
    signal(SIGPIPE, SIG_IGN)
    Interrupts.install(logger)
    do {
        let outcome = try body()
        if let keptAside = outcome.keptAside {
            logger.error(
                "a gate failed: the previous reports in \(outcome.outputDirectory) were kept; this run's reports are in \(keptAside) (--publish-on-failure replaces them anyway)"
            )
        }
        if !quietSummary || !outcome.gatesPassed {
            if format == .json {
                logger.log(
                    level: outcome.gatesPassed ? .info : .error, "run finished",
                    metadata: [
                        "status": .string(outcome.status.rawValue), "exit_code": .stringConvertible(outcome.exitCode),
                        "inputs": .stringConvertible(outcome.inputs), "bytes": .stringConvertible(outcome.bytes),
                        "lines": .stringConvertible(outcome.lines), "events": .stringConvertible(outcome.acceptedEvents),
                        "duplicates": .stringConvertible(outcome.duplicates), "rejects": .stringConvertible(outcome.rejects),
                        "orders": .stringConvertible(outcome.orders), "out": .string(outcome.keptAside ?? outcome.outputDirectory),
                        "published": .stringConvertible(outcome.published),
                        "failed_gates": .array(outcome.gates.filter { !$0.passed }.map { .string($0.name) }),
                        "seconds": .stringConvertible(Double(Int(outcome.seconds * 1000)) / 1000),
                    ])
            } else {
                FileHandle.standardError.write(Data((outcome.summaryLine + "\n").utf8))
            }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    } catch let error as ExitCode {
        throw error
    } catch {
        let code = ErrorReport.exitCode(for: error)
        logger.error("\(ErrorReport.message(for: error))", metadata: ["exit_code": .stringConvertible(code), "status": "error"])
        throw ExitCode(code)
    }
}
