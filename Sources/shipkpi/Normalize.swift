import ArgumentParser
import Foundation
import ShipKPIIO

struct Normalize: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, ndjson }

    static let configuration = CommandConfiguration(
        abstract: "Write the canonical events (one row per accepted event) and the rejects.",
        discussion: """
            The events file has the events.csv columns (see the README); duplicates, rejected lines \
            and filtered-out events are not in it. Both files are replaced atomically.

            Example:
              shipkpi normalize samples --out events.csv
            """)

    @OptionGroup var input: InputArguments

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Data-quality gates (the files are written either way; a failed gate exits 65)") var gates: GateOptions

    @Option(help: ArgumentHelp("Events file to write.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Rejects file to write. Default: rejects.ndjson beside --out.", valueName: "file"))
    var rejects: String?

    @Option(help: ArgumentHelp("Events file format: csv or ndjson.", valueName: "format"))
    var format: Format = .csv

    func run() throws {
        let logger = common.makeLogger()
        try runMapped(
            logger: logger,
            {
                var config = try common.configuration(inputs: input.inputs, arguments: Array(CommandLine.arguments.dropFirst()), gates: try gates.settings())
                config.outDir = out
                let dir = (out as NSString).deletingLastPathComponent
                let rejectsPath = rejects ?? ((dir.isEmpty ? "" : dir + "/") + "rejects.ndjson")
                return try Runner(commandLine: config, options: common, logger: logger).normalize(
                    outFile: out, rejectsFile: rejectsPath, ndjson: format == .ndjson)
            }, quietSummary: common.quiet, format: common.logFormat)
    }
}
