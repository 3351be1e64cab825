import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct FoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fold",
        abstract: "Stage 4: fold the records of one order-key range into a fold result.",
        discussion: """
            Reads records files (partitioned or whole), one after the other, from the files given \
            or from standard input; their records are folded in split order. Give every fold the \
            same --as-of (the plan's), filters, zones and currencies.
            """)

    @Option(help: ArgumentHelp("The plan (from shipkpi plan).", valueName: "file"))
    var plan: String

    @OptionGroup var planned: PlannedRunOptions
    @OptionGroup var mergeOnly: MergeOnlyOptions

    @Option(name: .customLong("fold-out"), help: ArgumentHelp("Fold result to write ('-' for standard output).", valueName: "file"))
    var foldOut: String = "-"

    @Option(name: .customLong("in"), help: ArgumentHelp("A records file ('-': standard input; repeatable; default standard input).", valueName: "file"))
    var records: [String] = []

    func run() throws {
        let common = planned.common
        try runStage {
            let config = try common.configuration(arguments: [])
            let splitPlan = try SplitPlan.load(plan)
            let runner = Runner(commandLine: config, options: common, logger: common.makeLogger())
            // Stage files one after the other, from every source.
            var all: [UInt8] = []
            for path in records.isEmpty ? ["-"] : records { all += try readInput(path) }
            let result = try all.withUnsafeBytes { raw in
                try StageCommands.fold(try StageFile.split(raw), settings: runner.config.foldSettings, remittancePaths: splitPlan.remittances)
            }
            try writeOutput(result, to: foldOut)
        }
    }
}
