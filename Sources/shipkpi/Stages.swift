import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file, or standard input for `-`.
func readInput(_ path: String) throws -> [UInt8] {
    if path != "-" {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShipKPIError.inputMissing("not found: \(path)") }
        return Array(data)
    }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw ShipKPIError.io("cannot read standard input: \(String(cString: strerror(errno)))")
        }
        if n == 0 { return out }
        out += chunk[0 ..< n]
    }
}

/// Writes a whole file (atomically: a temporary then a rename), or standard output for `-`.
func writeOutput(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShipKPIError.io("cannot write standard output: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        return
    }
    let temp = path + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temp, contents: Data(bytes)), rename(temp, path) == 0 else {
        unlink(temp)
        throw ShipKPIError.io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

/// Runs a stage command's body, mapping errors to exit codes with one message on stderr.
func runStage(_ body: () throws -> Void) throws {
    signal(SIGPIPE, SIG_IGN)
    do {
        try body()
    } catch {
        FileHandle.standardError.write(Data("shipkpi: error: \(ErrorReport.message(for: error))\n".utf8))
        throw ExitCode(ErrorReport.exitCode(for: error))
    }
}

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
    @OptionGroup(title: "Data-quality gates (used by merge)") var gates: GateOptions
    @OptionGroup(title: "Outputs (used by merge)") var output: ReportOutputOptions

    @Option(name: .customLong("split-bytes"), help: ArgumentHelp("Largest byte range of one split (default 64 MiB).", valueName: "bytes"))
    var splitBytes: Int64 = 64 << 20

    @Option(name: .customLong("remote-listing"), help: ArgumentHelp(
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
            let listing = try remoteListing.map { path -> [String: [[String]]] in
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
            var plan = try SplitPlan(discovered: discovered, remittances: config.remittanceFiles, splitBytes: splitBytes,
                                     remote: remote, remoteSizes: sizes)
            plan.asOf = InstantFormat.utcString(config.asOf)
            try writeOutput(try plan.json(), to: planOut)
        }
    }
}

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

    @Option(name: .customLong("local-copy"), help: ArgumentHelp(
        "A local copy of the split's input, read instead of its path (for inputs the task fetched from a remote file system).",
        valueName: "file"))
    var localCopy: String?

    @OptionGroup var input: PlannedInputs
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery") var remittance: RemittanceOptions
    @OptionGroup(title: "Data-quality gates (used by merge)") var gates: GateOptions
    @OptionGroup(title: "Outputs (used by merge)") var output: ReportOutputOptions

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

struct BoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounds",
        abstract: "Stage 2: cut the order-key space into ranges of about equal size, from the splits' samples.")

    @Option(help: ArgumentHelp("Number of order-key ranges (fold partitions).", valueName: "n"))
    var partitions: Int

    @Option(help: ArgumentHelp("Bounds file to write ('-' for standard output).", valueName: "file"))
    var out: String = "-"

    @Argument(help: ArgumentHelp("Meta files of every split.", valueName: "meta"))
    var metas: [String] = []

    func run() throws {
        try runStage {
            guard partitions >= 1 else { throw ShipKPIError.usage("--partitions must be at least 1") }
            var samples: [StageCodec.OrderKey] = []
            for path in metas {
                let file = try MappedFile(path: path)
                samples += try StageCommands.readMeta(file.bytes, carriers: CarrierRegistry.standard.carriers).sample
            }
            var w = StageFile.Writer(kind: .partitioned)
            w.section(.keySample, StageCodec.encodeKeys(StageCommands.bounds(samples: samples, partitions: partitions)))
            try writeOutput(w.finish(), to: out)
        }
    }
}

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Stage 3: cut a records file into one file per order-key range.",
        discussion: """
            Writes, for every range that gets records: the range's index (u32, little-endian), \
            the file's length (u64) and the file.
            """)

    @Option(help: ArgumentHelp("Bounds file (from shipkpi bounds).", valueName: "file"))
    var bounds: String

    @Option(name: .customLong("in"), help: ArgumentHelp("Records file ('-' for standard input).", valueName: "file"))
    var input: String = "-"

    @Option(help: ArgumentHelp("Where to write ('-' for standard output).", valueName: "file"))
    var out: String = "-"

    func run() throws {
        try runStage {
            let boundsFile = try readInput(bounds)
            let keys = try boundsFile.withUnsafeBytes { raw -> [StageCodec.OrderKey] in
                let sections = try StageFile.sections(raw, kind: .partitioned)
                guard let section = sections.first(where: { $0.tag == StageFile.Tag.keySample.rawValue }) else { throw StageFile.Failure.malformed }
                return try StageCodec.decodeKeys(section.payload, carriers: CarrierRegistry.standard.carriers.count)
            }
            let records = try readInput(input)
            var output: [UInt8] = []
            for (p, file) in try records.withUnsafeBytes({ try StageCommands.partition(records: $0, bounds: keys, carriers: CarrierRegistry.standard.carriers) }) {
                withUnsafeBytes(of: UInt32(p).littleEndian) { output += $0 }
                withUnsafeBytes(of: UInt64(file.count).littleEndian) { output += $0 }
                output += file
            }
            try writeOutput(output, to: out)
        }
    }
}

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

    @OptionGroup var input: PlannedInputs
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery (the plan's statements are used)") var remittance: RemittanceOptions
    @OptionGroup(title: "Data-quality gates (used by merge)") var gates: GateOptions
    @OptionGroup(title: "Outputs (used by merge)") var output: ReportOutputOptions

    @Option(name: .customLong("fold-out"), help: ArgumentHelp("Fold result to write ('-' for standard output).", valueName: "file"))
    var foldOut: String = "-"

    @Option(name: .customLong("in"), help: ArgumentHelp("A records file ('-': standard input; repeatable; default standard input).", valueName: "file"))
    var records: [String] = []

    func run() throws {
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

    @OptionGroup var input: PlannedInputs
    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Cash on delivery (the plan's statements are used)") var remittance: RemittanceOptions
    @OptionGroup(title: "Data-quality gates") var gates: GateOptions
    @OptionGroup(title: "Outputs") var output: ReportOutputOptions

    @Option(help: ArgumentHelp("Engine named in run.json (spark).", valueName: "name"))
    var engine = "spark"

    @Option(help: ArgumentHelp("Fold partitions, for run.json.", valueName: "n"))
    var partitions: Int?

    func run() throws {
        let logger = common.makeLogger()
        try runMapped(logger, {
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
