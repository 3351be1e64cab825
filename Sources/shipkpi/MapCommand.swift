import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Stage 1: map one split of a plan into a meta file and a records file.",
        discussion: """
            The meta file holds the split's counts, rejects (with lines numbered within the split) \
            and a sample of its order keys; the records file its normalised events, order records \
            and remittance rows. Give the same status maps, zones and API keys to every split.
            """)

    @Option(help: ArgumentHelp("The plan (from shipkpi plan).", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp("The split's id in the plan.", valueName: "n"))
    var split: Int

    @Option(
        name: .customLong("local-copy"),
        help: ArgumentHelp(
            "A local copy of the split's input, read instead of its path (for inputs the task fetched from a remote file system).",
            valueName: "file"))
    var localCopy: String?

    @OptionGroup var input: PlannedInputs
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery") var remittance: RemittanceOptions
    @OptionGroup var mergeOnly: MergeOnlyOptions

    @Option(name: .customLong("meta-out"), help: ArgumentHelp("Meta file to write.", valueName: "file"))
    var metaOut: String

    @Option(name: .customLong("records-out"), help: ArgumentHelp("Records file to write ('-' for standard output).", valueName: "file"))
    var recordsOut: String

    func run() throws {
        try runStage {
            var config = try common.configuration(arguments: [])
            try remittance.apply(to: &config)
            let runner = Runner(commandLine: config, options: common, logger: common.makeLogger())
            let (meta, records) = try StageCommands.map(
                plan: try SplitPlan.load(plan), split: split, options: try runner.config.decodeOptions(keepEventText: false),
                columns: config.remittanceColumns, maxLineBytes: config.maxLineBytes, localCopy: localCopy)
            try writeOutput(meta, to: metaOut)
            try writeOutput(records, to: recordsOut)
        }
    }
}
