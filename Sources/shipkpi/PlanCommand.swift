import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Stage 0 of a distributed run: list the inputs and cut them into splits (JSON).",
        discussion: """
            Resolves the inputs as report does (directories recursively, in path order) and writes \
            the plan every other stage reads: the inputs with their indices, the remittance \
            statements, the skipped files, the splits (plain NDJSON files larger than \
            --split-bytes are cut into byte ranges; every other input is one split) and the run's \
            as-of instant.
            """)

    @OptionGroup var input: InputArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery") var remittance: RemittanceOptions
    @OptionGroup var mergeOnly: MergeOnlyOptions

    @Option(name: .customLong("split-bytes"), help: ArgumentHelp("Largest byte range of one split (default 64 MiB).", valueName: "bytes"))
    var splitBytes: Int64 = 64 << 20

    @Option(
        name: .customLong("remote-listing"),
        help: ArgumentHelp(
            "JSON object mapping input arguments that are not local paths (hdfs://…, s3a://…) to their files, as [[path, bytes], …] in path order (the Spark driver lists them).",
            valueName: "file"))
    var remoteListing: String?

    @Option(name: .customLong("plan-out"), help: ArgumentHelp("The plan file to write ('-' for standard output).", valueName: "file"))
    var planOut: String = "-"

    func run() throws {
        try runStage {
            guard splitBytes >= 1024 else { throw ShipKPIError.usage("--split-bytes must be at least 1024") }
            var config = try common.configuration(inputs: input.inputs, arguments: [])
            try remittance.apply(to: &config)
            for path in config.remittanceFiles where !FileManager.default.fileExists(atPath: path) {
                throw ShipKPIError.inputMissing("remittance file not found: \(path)")
            }
            let listing =
                try remoteListing.map { path -> [String: [[String]]] in
                    try JSONDecoder().decode([String: [[String]]].self, from: Data(try readInput(path)))
                } ?? [:]
            // Local arguments are discovered here; remote ones come listed, in argument order.
            var discovered = DiscoveredInputs()
            var remote = Set<String>()
            for argument in config.inputs {
                if let files = listing[argument] {
                    for entry in files where entry.count == 2 {
                        guard let (format, gz) = InputFile.classify(entry[0]) else { continue }
                        discovered.files.append(InputFile(path: entry[0], format: format, gzip: gz))
                        remote.insert(entry[0])
                    }
                } else {
                    let local = try InputDiscovery.discover([argument])
                    discovered.files += local.files
                    discovered.skipped += local.skipped
                }
            }
            let sizes = Dictionary(listing.values.flatMap { $0 }.compactMap { e in e.count == 2 ? (e[0], Int64(e[1]) ?? 0) : nil }) { a, _ in a }
            var plan = try SplitPlan(
                discovered: discovered, remittances: config.remittanceFiles, splitBytes: splitBytes,
                remote: remote, remoteSizes: sizes)
            plan.asOf = InstantFormat.utcString(config.asOf)
            try writeOutput(try plan.json(), to: planOut)
        }
    }
}
