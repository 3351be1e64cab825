import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Stage 5: the report set of a distributed run, from its work directory.",
        discussion: """
            Reads the plan, every split's meta file (map-NNNNN.meta) and every fold result \
            (fold-NNNNN.result, in order-key range order) from --work, and writes every report \
            file into --out exactly as report does: atomically, with the gates and run.json.
            """)

    @Option(help: ArgumentHelp("The plan (from shipkpi plan).", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp("Directory holding the metas and fold results.", valueName: "dir"))
    var work: String

    @OptionGroup var planned: PlannedRunOptions
    @OptionGroup(title: "Data-quality gates") var gates: GateOptions
    @OptionGroup(title: "Outputs") var output: ReportOutputOptions

    @Option(help: ArgumentHelp("Engine named in run.json (spark).", valueName: "name"))
    var engine = "spark"

    @Option(help: ArgumentHelp("Fold partitions, for run.json.", valueName: "n"))
    var partitions: Int?

    func run() throws {
        let (common, remittance) = (planned.common, planned.remittance)
        let logger = common.makeLogger()
        try runMapped(
            logger: logger,
            {
                let splitPlan = try SplitPlan.load(plan)
                var config = try common.configuration(arguments: Array(CommandLine.arguments.dropFirst()), gates: try gates.settings())
                output.apply(to: &config)
                try remittance.apply(to: &config)
                config.remittanceFiles = splitPlan.remittances
                return try Runner(commandLine: config, options: common, logger: logger).merge(
                    plan: splitPlan, work: work, engine: EngineInfo(name: engine, partitions: partitions))
            }, quietSummary: common.quiet, format: common.logFormat)
    }
}
