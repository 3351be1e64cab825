import CShipJSON
import Foundation
import Logging
import ShipKPICore

/// Runs `shipkpi report` and `shipkpi normalize`: reads the inputs through the parallel
/// pipeline, folds them in input order, and writes every output atomically.
package struct Runner {
    package let config: RunConfiguration
    package let logger: Logger
    /// Called with each phase's name and duration in seconds as it ends (the CLI prints them for
    /// benchmarks when asked to); the durations also go to run-timings.json.
    package var phaseObserver: (@Sendable (String, Double) -> Void)?

    package init(config: RunConfiguration, logger: Logger, phaseObserver: (@Sendable (String, Double) -> Void)? = nil) {
        self.config = config
        self.logger = logger
        self.phaseObserver = phaseObserver
        Self.tuneMalloc
    }

    /// Once per process, before any thread starts (see `skp_tune_malloc`).
    private static let tuneMalloc: Void = skp_tune_malloc()

    /// What reading the inputs produced.
    struct ReadResult {
        /// Released (nil) once the report is computed, so the outputs are written without it.
        var aggregator: KPIAggregator?
        var counts: ReadCounts
        var inputs: [InputFile]
        var skipped: [SkippedInput]
        var reports: [InputReport]
        var remittances: [RemittanceRow]
        var remittanceReports: [InputReport]
        var rejects: Int64
        /// Remittance rows read (kept when `remittances` is released).
        var remittanceRows: Int64
        var measures: RunMeasures
    }

    private func decodeOptions(keepEventText: Bool) throws -> DecodeOptions {
        let map = try StatusMapLoader.load(extraFiles: config.statusMapFiles)
        return DecodeOptions(
            statusMap: map, carrierZones: config.carrierZones, reportZones: config.reportZones, asOf: config.asOf,
            fromDay: config.fromDay, toDay: config.toDay, carriers: config.carriers, apiKeys: config.apiKeys,
            includePII: config.includePII, keepEventText: keepEventText, seeds: .random())
    }

    /// Records and rejects of one input, and its first bytes: enough to say, when every line of
    /// an input was rejected, what the input probably is.
    private struct InputTally {
        var records: Int64 = 0
        var rejects: Int64 = 0
        var head: [UInt8] = []
    }

    /// Reads every input (and remittance file), writing rejects as they come.
    private func read(_ discovered: DiscoveredInputs, options: DecodeOptions, rejects: RejectWriter,
                      onAccepted: ((NormalizedEvent, EventBatch) throws -> Void)?) throws -> ReadResult {
        let inputs = discovered.files
        let aggregator = KPIAggregator(asOf: config.asOf, orderSeed: options.seeds.order)
        let pipeline = Pipeline(inputs: inputs, options: options, threads: config.threads, maxLineBytes: config.maxLineBytes)
        let totalBytes = inputs.reduce(Int64(0)) { sum, f in
            sum + ((try? FileManager.default.attributesOfItem(atPath: f.path)[.size] as? Int64) ?? 0)
        }
        let progress = config.showProgress ? ProgressDisplay(total: totalBytes, read: { pipeline.bytesProcessed }) : nil
        progress?.start()
        defer { progress?.stop() }

        var numbering = LineNumbering()
        var writeError: Error?
        var tallies = [InputTally](repeating: InputTally(), count: inputs.count)
        let reports = try pipeline.run { unit, batch in
            numbering.resolve(unit, &batch)
            let f = Int(unit.fileIndex)
            if f < tallies.count {
                tallies[f].records += batch.counters.records.reduce(0, +)
                tallies[f].rejects += Int64(batch.rejects.count)
                if !unit.head.isEmpty { tallies[f].head = unit.head }
            }
            for reject in batch.rejects { try rejects.write(reject) }
            aggregator.ingest(batch) { event, batch in
                guard writeError == nil, let onAccepted else { return }
                do { try onAccepted(event, batch) } catch { writeError = error }
            }
            if let writeError { throw writeError }
        }
        for report in reports {
            logger.debug("input read", metadata: ["path": .string(report.path), "bytes": .stringConvertible(report.bytes)])
        }
        for (i, tally) in tallies.enumerated() where tally.records == 0 && tally.rejects > 0 {
            logger.warning("\(inputs[i].path): every line was rejected (\(tally.rejects) rejects); \(InputDiagnosis.likelyCause(tally.head))",
                           metadata: ["path": .string(inputs[i].path), "rejects": .stringConvertible(tally.rejects)])
        }
        // Remittance statements: their rejects follow the JSON inputs' in rejects.ndjson.
        var remittances: [RemittanceRow] = []
        var remittanceReports: [InputReport] = []
        var remittanceCount: Int64 = 0
        for (i, path) in config.remittanceFiles.enumerated() {
            let loaded = try RemittanceLoader.load(path: path, fileIndex: Int32(i), rejectFileIndex: Int32(inputs.count + i),
                                                   columns: config.remittanceColumns)
            remittances += loaded.rows
            remittanceCount += Int64(loaded.rows.count)
            for reject in loaded.rejects {
                try rejects.write(reject)
                aggregator.countReject(reject.reason)
            }
            remittanceReports.append(InputReport(path: path, bytes: loaded.bytes, sha256: loaded.sha256, decompressedBytes: loaded.bytes))
        }
        aggregator.endOfInput()
        let counts = ReadCounts(
            lines: aggregator.counters.lines, records: aggregator.counters.records.reduce(0, +),
            acceptedEvents: aggregator.acceptedEvents.reduce(0, +), duplicates: aggregator.duplicates.reduce(0, +),
            orders: aggregator.orders.reduce(0) { $0 + ($1.hasEvents ? 1 : 0) })
        let measures = RunMeasures(
            acceptedEvents: counts.acceptedEvents, unknownEvents: aggregator.unknownCodes.reduce(0) { $0 + $1.values.reduce(0, +) },
            newestEventInstant: aggregator.newestDatedInstant == .min ? nil : aggregator.newestDatedInstant,
            records: counts.records + remittanceCount, rejects: rejects.count, asOf: config.asOf)
        logDataWarnings(aggregator, rejects: rejects.count)
        return ReadResult(aggregator: aggregator, counts: counts, inputs: inputs, skipped: discovered.skipped, reports: reports,
                          remittances: remittances, remittanceReports: remittanceReports, rejects: rejects.count,
                          remittanceRows: remittanceCount, measures: measures)
    }

    /// One warning for the rejects (by reason) and one for unmapped status codes, so a log
    /// reader sees bad data without opening rejects.ndjson.
    private func logDataWarnings(_ aggregator: KPIAggregator, rejects: Int64) {
        if rejects > 0 {
            let byReason = aggregator.rejectCounts.sorted { $0.key < $1.key }
            let list = byReason.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            logger.warning(
                "\(rejects) rejected line(s) or row(s): \(list) (see rejects.ndjson)",
                metadata: ["rejects": .stringConvertible(rejects),
                           "by_reason": .dictionary(Dictionary(uniqueKeysWithValues: byReason.map { ($0.key.rawValue, .stringConvertible($0.value)) }))])
        }
        var unknown: [(String, Int64)] = []
        for carrier in Carrier.allCases {
            let c = Int(carrier.rawValue)
            for (code, events) in aggregator.unknownCodes[c] {
                unknown.append(("\(carrier.id) \(Self.loggable(aggregator.statusCodes[c].string(code)))", events))
            }
        }
        if !unknown.isEmpty {
            unknown.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            let total = unknown.reduce(0) { $0 + $1.1 }
            let shown = unknown.prefix(10).map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + (unknown.count > 10 ? ", …" : "")
            logger.warning(
                "\(total) event(s) with \(unknown.count) status code(s) the status map does not know, counted as UNKNOWN: \(shown); map them with --status-map",
                metadata: ["unknown_events": .stringConvertible(total), "unknown_codes": .stringConvertible(unknown.count)])
        }
    }

    /// A raw value from the input as it may appear in a log line: control characters replaced,
    /// cut to 24 characters (a hostile status code must not forge or flood log lines).
    static func loggable(_ text: String) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
        return clean.count > 24 ? String(clean.prefix(23)) + "…" : clean
    }

    private func discoverInputs() throws -> DiscoveredInputs {
        for path in config.remittanceFiles where !FileManager.default.fileExists(atPath: path) {
            throw ShipKPIError.inputMissing("remittance file not found: \(path)")
        }
        for path in config.statusMapFiles where !FileManager.default.fileExists(atPath: path) {
            throw ShipKPIError.inputMissing("status map not found: \(path)")
        }
        let discovered = try InputDiscovery.discover(config.inputs)
        // Files that are not exports (a README, the remittance statements kept beside the
        // exports) are normal in an export folder: they are listed in run.json, and logged only
        // when nothing else was found. Special files are always worth a warning.
        let nothingToRead = discovered.files.isEmpty && config.remittanceFiles.isEmpty
        let worthWarning = discovered.skipped.filter { nothingToRead || $0.reason != .notAnExport }
        for (reason, group) in Dictionary(grouping: worthWarning, by: \.reason).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let what: String
            switch reason {
            case .notAnExport: what = "file(s) whose name is not an export's (*.json, *.ndjson, *.jsonl, optionally .gz)"
            case .notARegularFile: what = "special file(s) (FIFO, socket or device: reading them could block)"
            case .brokenOrLoopingLink: what = "broken or looping symbolic link(s)"
            }
            let names = group.prefix(5).map(\.path).joined(separator: ", ") + (group.count > 5 ? ", …" : "")
            logger.warning("skipped \(group.count) \(what): \(names)",
                           metadata: ["skipped": .stringConvertible(group.count), "reason": .string(reason.rawValue)])
        }
        if nothingToRead {
            logger.warning("no input file to read in \(config.inputs.joined(separator: " "))")
        }
        for warning in config.warnings { logger.warning("\(warning)") }
        return discovered
    }

    /// `shipkpi report`: every file of SPEC §7 into `config.outDir`, then the gates: when one
    /// fails (and `publishOnFailure` is off) the new reports go to `.failed/` and the previous
    /// ones stay in place.
    package func report() throws -> RunOutcome {
        let clock = PhaseClock(observer: phaseObserver)
        let discovered = try discoverInputs()
        let options = try decodeOptions(keepEventText: false)
        let out = try OutputDirectory(path: config.outDir)
        let paths = discovered.files.map(\.path) + config.remittanceFiles
        var summary: ReadResult?
        do {
            let rejects = RejectWriter(file: try out.create("rejects.ndjson"), paths: paths)
            var read = try self.read(discovered, options: options, rejects: rejects, onAccepted: nil)
            summary = read
            try rejects.close()
            clock.end("read")
            // Remittance statements are 247Express's: with --carrier excluding it they reconcile nothing.
            let keeps247 = config.carriers.isEmpty || config.carriers.contains(.express247)
            let report = read.aggregator!.finish(remittances: keeps247 ? read.remittances : [], currencies: config.currencies)
            read.aggregator = nil
            read.remittances = []
            summary = read
            skp_trim_memory()  // hand the reading phase's freed memory back before writing outputs
            clock.end("tables")
            try writeOutputs(report, paths: paths, into: out, clock: clock)
            clock.end("outputs")

            let gates = Gates.evaluate(config.gates, read.measures)
            for gate in gates where !gate.passed { logger.error("\(gate.message)") }
            let failed = gates.contains { !$0.passed }
            let publish = !failed || config.gates.publishOnFailure == true
            let digests = try out.digests()
            clock.end("digests")
            var outcome = outcome(read, report.orders.count, seconds: clock.total, gates: gates)
            outcome.published = publish
            let result = RunResult(status: failed ? .gateFailed : .success, exitCode: outcome.exitCode, gates: gates, outputs: digests)
            let manifest = try out.create("run.json")
            try manifest.write(RunManifest.json(config: config, read: read, quality: report.dataQuality, result: result))
            try manifest.close()
            let timings = try out.create("run-timings.json")
            try timings.write(RunManifest.timings(clock.phases, total: clock.total))
            try timings.close()
            try out.commit(aside: publish ? nil : OutputDirectory.failedDirectory)
            if !publish {
                outcome.keptAside = config.outDir + "/" + OutputDirectory.failedDirectory
                logger.error("a gate failed: the previous reports in \(config.outDir) were kept; this run's reports are in \(outcome.keptAside!) (--publish-on-failure replaces them anyway)")
            }
            return outcome
        } catch {
            out.abandon()
            // The run's result, also when it failed after reading started: next to the reports,
            // without replacing them (best effort: the failure may be the disk itself).
            if let read = summary {
                let result = RunResult(status: .error, exitCode: (error as? ShipKPIError)?.exitCode ?? 1, gates: [], outputs: [],
                                       error: String(describing: error))
                if let manifest = try? out.create("run.json"),
                   (try? manifest.write(RunManifest.json(config: config, read: read, quality: nil, result: result))) != nil,
                   (try? manifest.close()) != nil {
                    try? out.commit(aside: OutputDirectory.failedDirectory)
                }
                out.abandon()
            }
            throw error
        }
    }

    /// Writes every report file of `config.formats` into temporaries of `out`. The writers run
    /// concurrently: they only read the finished report. XML, the largest, gets a lane of its own.
    private func writeOutputs(_ report: KPIReport, paths: [String], into out: OutputDirectory, clock: PhaseClock) throws {
        // Every output is reserved here (OutputDirectory is not thread-safe), then the lanes run.
        var xmlLane: [() throws -> Void] = []
        var otherLane: [() throws -> Void] = []
        if config.formats.contains(.csv) {
            let csv = CSVReports(report: report, bom: config.csvBOM)
            let files = try csv.files(remittancePaths: config.remittanceFiles).map { (try out.create($0.0), $0.1) }
            let bom = config.csvBOM
            otherLane.append {
                for (file, write) in files {
                    var writer = CSVWriter(bom: bom)
                    try write(&writer) { w in
                        if w.buffer.count >= 1 << 20 { try w.flush { try file.write($0) } }
                    }
                    try writer.flush { try file.write($0) }
                    try file.close()
                }
            }
        }
        if config.formats.contains(.xml) {
            let path = out.reservePath("report.xml")
            let xsd = try out.create("report.xsd")
            xmlLane.append {
                try writing("report.xml") { try XMLReport(report: report, paths: paths).write(to: path) }
                try xsd.write(XMLReport.schema)
                try xsd.close()
            }
        }
        if config.formats.contains(.html) {
            let path = out.reservePath("report.html")
            otherLane.append { try writing("report.html") { try HTMLReport(report: report, paths: paths).write(to: path) } }
        }
        xmlLane = [clock.timed("xml lane", xmlLane)]
        otherLane = [clock.timed("other lane", otherLane)]
        try Lanes.run(config.threads > 1 ? [xmlLane, otherLane] : [xmlLane + otherLane])
    }

    /// `shipkpi normalize`: the accepted events as CSV (or NDJSON) plus the rejects. The gates
    /// are evaluated too (exit 65 when one fails); the files are written either way.
    package func normalize(outFile: String, rejectsFile: String, ndjson: Bool) throws -> RunOutcome {
        let clock = PhaseClock(observer: phaseObserver)
        let discovered = try discoverInputs()
        let options = try decodeOptions(keepEventText: true)
        let outDir = (outFile as NSString).deletingLastPathComponent
        let out = try OutputDirectory(path: outDir.isEmpty ? "." : outDir)
        let rejectsDir = (rejectsFile as NSString).deletingLastPathComponent
        let rejectsOut = (rejectsDir.isEmpty ? "." : rejectsDir) == (outDir.isEmpty ? "." : outDir) ? out : try OutputDirectory(path: rejectsDir)
        let paths = discovered.files.map(\.path)
        let rejects = RejectWriter(file: try rejectsOut.create((rejectsFile as NSString).lastPathComponent), paths: paths)
        let eventsFile = try out.create((outFile as NSString).lastPathComponent)
        let read: ReadResult
        if ndjson {
            let writer = EventsNDJSONWriter(file: eventsFile, paths: paths)
            read = try self.read(discovered, options: options, rejects: rejects, onAccepted: { try writer.write($0, $1) })
            try writer.close()
        } else {
            let writer = EventsCSVWriter(file: eventsFile, paths: paths, bom: config.csvBOM)
            read = try self.read(discovered, options: options, rejects: rejects, onAccepted: { try writer.write($0, $1) })
            try writer.close()
        }
        try rejects.close()
        clock.end("read")
        if rejectsOut !== out { try rejectsOut.commit() }
        try out.commit()
        let gates = Gates.evaluate(config.gates, read.measures)
        for gate in gates where !gate.passed { logger.error("\(gate.message)") }
        return outcome(read, read.counts.orders, seconds: clock.total, gates: gates)
    }

    /// libxml2 writers report a failed write (full disk, file-size limit) as an XMLError: an I/O
    /// failure for the run (exit 74), not an internal error.
    private func writing(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ShipKPIError {
            throw error
        } catch {
            throw ShipKPIError.io("cannot write \(name): \(error)")
        }
    }

    private func outcome(_ read: ReadResult, _ orders: Int, seconds: Double, gates: [GateOutcome]) -> RunOutcome {
        let c = read.counts
        return RunOutcome(
            inputs: read.reports.count + read.remittanceReports.count,
            bytes: read.reports.reduce(0) { $0 + $1.bytes } + read.remittanceReports.reduce(0) { $0 + $1.bytes },
            lines: c.lines, records: c.records + read.remittanceRows, acceptedEvents: c.acceptedEvents, duplicates: c.duplicates,
            rejects: read.rejects, orders: orders, outputDirectory: config.outDir, seconds: seconds, gates: gates)
    }
}

/// What the summary line and the exit code need of reading, kept after the aggregator is freed.
struct ReadCounts {
    var lines: Int64
    var records: Int64
    var acceptedEvents: Int64
    var duplicates: Int64
    var orders: Int
}

extension Int {
    var asInt64: Int64 { Int64(self) }
}
