import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the delivery KPIs, COD reconciliation and order checks, and write every report.",
        discussion: """
            Writes into --out (replacing the previous reports only when every file is complete \
            and every data-quality gate passed): summary.csv, daily.csv, reasons.csv, feedback.csv, \
            orders.csv, cod_reconciliation.csv, order_checks.csv, breakdown_province.csv, \
            breakdown_service.csv, breakdown_courier.csv, report.xml with report.xsd, report.html, \
            rejects.ndjson, run.json (the run's result) and run-timings.json. When a gate fails \
            the run exits 65 and its reports go to --out/.failed/ instead.

            Examples:
              shipkpi report exports/ --as-of 2026-04-01 \\
                  --remittance statement.csv --out reports
              shipkpi report exports/ --from 2026-03-01 --to 2026-03-31 \\
                  --carrier houndexpress --format csv,html
              shipkpi report exports/ --max-staleness 36h --max-reject-rate 0.01
              shipkpi report exports/ --state /var/lib/shipkpi/state   # nightly: reuse unchanged inputs
            """)

    @OptionGroup var input: InputArguments

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Data-quality gates") var gates: GateOptions

    @OptionGroup(title: "Outputs") var output: ReportOutputOptions

    @OptionGroup(title: "Cash on delivery") var remittance: RemittanceOptions

    @OptionGroup(title: "Nightly runs") var state: StateOptions

    func run() throws {
        let logger = common.makeLogger()
        try runMapped(
            logger: logger,
            {
                var config = try common.configuration(inputs: input.inputs, arguments: Array(CommandLine.arguments.dropFirst()), gates: try gates.settings())
                output.apply(to: &config)
                try remittance.apply(to: &config)
                try state.apply(to: &config)
                return try Runner(commandLine: config, options: common, logger: logger).report()
            }, quietSummary: common.quiet, format: common.logFormat)
    }

}
