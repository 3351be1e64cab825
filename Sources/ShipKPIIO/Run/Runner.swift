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
    /// Told when reading starts, for a progress display (see ``ReadObserver``); nil: nobody
    /// watches, and the inputs' sizes are not even looked up.
    package var onRead: ReadObserver?
    /// The exit code run.json records for a run that ended with `error` (the caller's mapping of
    /// errors to exit codes; the library has none). Default: 1 for every error.
    package var exitCode: @Sendable (any Error) -> Int32

    /// Told that a run starts reading its inputs: their total size in bytes on disk (compressed
    /// sizes for .gz inputs; 0 when unknown, e.g. stdin) and a function that returns how many of
    /// those bytes have been processed so far (their records handed on, in input order; cheap
    /// and safe to call from any thread). Returns what the runner calls once reading has ended:
    /// after the last input and remittance statement, before the runner logs what it found, or
    /// when reading fails. Called at most once per run, on the runner's thread.
    package typealias ReadObserver =
        @Sendable (_ totalBytes: Int64, _ bytesProcessed: @escaping @Sendable () -> Int64) -> ReadEnded
    /// Called once when reading has ended (see ``ReadObserver``).
    package typealias ReadEnded = @Sendable () -> Void

    package init(
        config: RunConfiguration, logger: Logger, phaseObserver: (@Sendable (String, Double) -> Void)? = nil,
        onRead: ReadObserver? = nil, exitCode: @escaping @Sendable (any Error) -> Int32 = { _ in 1 }
    ) {
        self.config = config
        self.logger = logger
        self.phaseObserver = phaseObserver
        self.onRead = onRead
        self.exitCode = exitCode
        Self.tuneMalloc
    }

    /// Once per process, before any thread starts (see `MemoryTuning.tuneMalloc`).
    private static let tuneMalloc: Void = MemoryTuning.tuneMalloc()

    /// What reading produced, beside the report itself: what run.json says of the inputs.
    struct ReadResult {
        var inputs: [InputFile]
        var skipped: [SkippedInput]
        var reports: [InputReport]
        var remittanceReports: [InputReport]
        /// Rejects written to rejects.ndjson.
        var rejects: Int64
    }

    /// Records and rejects of one input, and its first bytes: enough to say, when every line of
    /// an input was rejected, what the input probably is.
    private struct InputTally {
        var records: Int64 = 0
        var rejects: Int64 = 0
        var head: [UInt8] = []

        var allRejected: Bool { records == 0 && rejects > 0 }
    }

    /// The map stage in this process: reads every input through the parallel pipeline (and every
    /// remittance statement after them), writing rejects as they come and handing each mapped
    /// batch to `emit` in input order. With a state directory, unchanged inputs are replayed
    /// from it in their place instead of read, and the inputs read are stored for the next run.
    private func map(
        _ discovered: DiscoveredInputs, options: DecodeOptions, rejects: RejectWriter,
        emit: (EventBatch) throws -> Void
    ) throws -> ReadResult {
        let inputs = discovered.files
        let session = try config.stateDirectory.map { directory in
            StateSession(
                store: try StateStore(path: directory, key: try StateKey(options: options, maxLineBytes: config.maxLineBytes)),
                inputs: inputs, verify: config.verifyState, carriers: config.carriers.count, logger: logger)
        }
        let toRead = session?.toRead ?? Array(inputs.indices)
        var map = FileMap(inputs: toRead.map { inputs[$0] }, options: options, threads: config.threads, maxLineBytes: config.maxLineBytes)
        map.indices = toRead.map { Int32($0) }
        map.runInputCount = inputs.count
        map.remittanceFiles = config.remittanceFiles
        map.remittanceColumns = config.remittanceColumns
        var readEnded: ReadEnded?
        defer { readEnded?() }  // when reading fails
        var tallies = [InputTally](repeating: InputTally(), count: inputs.count)
        func take(_ i: Int?, _ batch: EventBatch) throws {
            if let i {
                tallies[i].records += batch.counters.totalRecords
                tallies[i].rejects += Int64(batch.rejects.count)
            }
            for reject in batch.rejects { try rejects.write(reject) }
            try emit(batch)
        }
        let read = try map.run(
            progress: { pipeline in
                guard let onRead else { return }
                let total = toRead.reduce(Int64(0)) { sum, i in
                    sum + ((try? FileManager.default.attributesOfItem(atPath: inputs[i].path)[.size] as? Int64) ?? 0)
                }
                readEnded = onRead(total) { pipeline.bytesProcessed }
            },
            inputDone: session.map { session in
                { position, report in
                    let i = toRead[position]
                    try session.finished(i, report: report, allRejectedCause: tallies[i].allRejected ? InputDiagnosis.likelyCause(tallies[i].head) : nil)
                }
            }
        ) { unit, batch in
            let i = unit.map { Int($0.fileIndex) }
            try session?.replay(upTo: i ?? inputs.count) { j, replayed in try take(j, replayed) }
            if let unit, let i {
                if !unit.head.isEmpty { tallies[i].head = unit.head }
                session?.keep(batch, of: i)
            }
            try take(i, batch)
        }
        try session?.replay(upTo: inputs.count) { j, replayed in try take(j, replayed) }
        readEnded?()  // before the warnings below, so they are not drawn over
        readEnded = nil
        var reports: [InputReport] = []
        var readReports = read.inputs.makeIterator()
        for i in inputs.indices {
            if let reused = session?.report(ofReused: i) {
                reports.append(reused)
            } else if let report = readReports.next() {
                reports.append(report)
            }
        }
        for report in reports {
            logger.debug("input \(report.reused ? "reused" : "read")", metadata: ["path": .string(report.path), "bytes": .stringConvertible(report.bytes)])
        }
        for (i, tally) in tallies.enumerated() where tally.allRejected {
            let cause = session?.allRejectedCause(ofReused: i) ?? InputDiagnosis.likelyCause(tally.head)
            logger.warning(
                "\(inputs[i].path): every line was rejected (\(tally.rejects) rejects); \(cause)",
                metadata: ["path": .string(inputs[i].path), "rejects": .stringConvertible(tally.rejects)])
        }
        return ReadResult(
            inputs: inputs, skipped: discovered.skipped, reports: reports, remittanceReports: read.remittances,
            rejects: rejects.count)
    }

    /// What the gates measure, from the computed tables.
    private func measures(_ tables: ReportTables, rejects: Int64) -> RunMeasures {
        let q = tables.dataQuality
        return RunMeasures(
            acceptedEvents: q.quality.acceptedEvents.values.reduce(0, +), unknownEvents: q.unknownCodes.reduce(0) { $0 + $1.events },
            newestEventInstant: q.quality.newestDatedInstant, records: q.counters.totalRecords, rejects: rejects, asOf: config.asOf)
    }

    /// One warning for the rejects (by reason) and one for unmapped status codes, so a log
    /// reader sees bad data without opening rejects.ndjson.
    func logDataWarnings(_ q: DataQuality) {
        if q.rejectTotal > 0 {
            let list = q.rejects.map { "\($0.reason.rawValue) \($0.count)" }.joined(separator: ", ")
            logger.warning(
                "\(q.rejectTotal) rejected line(s) or row(s): \(list) (see rejects.ndjson)",
                metadata: [
                    "rejects": .stringConvertible(q.rejectTotal),
                    "by_reason": .dictionary(Dictionary(uniqueKeysWithValues: q.rejects.map { ($0.reason.rawValue, .stringConvertible($0.count)) })),
                ])
        }
        if !q.unknownCodes.isEmpty {
            let unknown = q.unknownCodes.sorted { a, b in
                if a.events != b.events { return a.events > b.events }
                if a.carrier != b.carrier { return a.carrier < b.carrier }
                return a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }
            let total = unknown.reduce(0) { $0 + $1.events }
            let shown =
                unknown.prefix(10).map { "\(config.carriers[$0.carrier].id) \(Self.loggable($0.code)) (\($0.events))" }.joined(separator: ", ")
                + (unknown.count > 10 ? ", …" : "")
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
            logger.warning(
                "skipped \(group.count) \(what): \(names)",
                metadata: ["skipped": .stringConvertible(group.count), "reason": .string(reason.rawValue)])
        }
        if nothingToRead {
            logger.warning("no input file to read in \(config.inputs.joined(separator: " "))")
        }
        for warning in config.warnings { logger.warning("\(warning)") }
        return discovered
    }

    /// `shipkpi report`: every report file into `config.outDir`, then the gates: when one fails
    /// (and `publishOnFailure` is off) the new reports go to `.failed/` and the previous ones stay
    /// in place.
    package func report() throws -> RunOutcome {
        let clock = PhaseClock(observer: phaseObserver)
        let discovered = try discoverInputs()
        let options = try config.decodeOptions(keepEventText: false)
        let out = try OutputDirectory(path: config.outDir)
        let paths = discovered.files.map(\.path) + config.remittanceFiles
        var summary: ReadResult?
        do {
            let rejects = RejectWriter(file: try out.create("rejects.ndjson"), paths: paths)
            var read: ReadResult!
            let computed = try StagedReport.compute(settings: config.foldSettings) { emit in
                read = try map(discovered, options: options, rejects: rejects, emit: emit)
                summary = read
                clock.end("read")
            }
            try rejects.close()
            MemoryTuning.trim()  // hand the reading phase's freed memory back before writing outputs
            clock.end("tables")
            let content = ReportContent(
                registry: config.registry, tables: computed.tables,
                perOrder: FoldedRows(folds: [computed.fold], carriers: config.carriers, currencies: config.currencies, remittancePaths: config.remittanceFiles),
                paths: paths, remittancePaths: config.remittanceFiles)
            logDataWarnings(content.tables.dataQuality)
            return try publish(content, read: read, into: out, clock: clock)
        } catch {
            recordFailure(error, read: summary, in: out)
            throw error
        }
    }

    /// Writes every report file of `content`, evaluates the gates, writes run.json and
    /// run-timings.json, and commits — into place when the gates pass (or `publishOnFailure`),
    /// else into `.failed/`.
    func publish(
        _ content: ReportContent, read: ReadResult, into out: OutputDirectory, clock: PhaseClock,
        engine: EngineInfo = .native
    ) throws -> RunOutcome {
        try writeOutputs(content, into: out, clock: clock)
        clock.end("outputs")
        let gates = Gates.evaluate(config.gates, measures: measures(content.tables, rejects: read.rejects))
        for gate in gates where !gate.passed { logger.error("\(gate.message)") }
        let failed = gates.contains { !$0.passed }
        let publish = !failed || config.gates.publishOnFailure == true
        let digests = try out.digests(hash: config.hash)
        clock.end("digests")
        var outcome = outcome(read, content.tables, seconds: clock.total, gates: gates)
        outcome.published = publish
        let result = RunResult(status: failed ? .gateFailed : .success, exitCode: outcome.exitCode, gates: gates, outputs: digests)
        let manifest = try out.create("run.json")
        try manifest.write(RunManifest.json(config: config, read: read, quality: content.tables.dataQuality, result: result, engine: engine))
        try manifest.close()
        let timings = try out.create("run-timings.json")
        try timings.write(RunManifest.timings(clock.phases, total: clock.total))
        try timings.close()
        try out.commit(aside: publish ? nil : OutputDirectory.failedDirectory)
        if !publish { outcome.keptAside = config.outDir + "/" + OutputDirectory.failedDirectory }
        return outcome
    }

    /// The run's result, also when it failed after reading started: beside the reports, without
    /// replacing them (best effort: the failure may be the disk itself).
    func recordFailure(_ error: Error, read: ReadResult?, in out: OutputDirectory) {
        out.abandon()
        guard let read else { return }
        let result = RunResult(
            status: .error, exitCode: exitCode(error), gates: [], outputs: [],
            error: String(describing: error))
        if let manifest = try? out.create("run.json"),
            (try? manifest.write(RunManifest.json(config: config, read: read, quality: nil, result: result))) != nil,
            (try? manifest.close()) != nil
        {
            try? out.commit(aside: OutputDirectory.failedDirectory)
        }
        out.abandon()
    }

    /// Writes every report file of `config.formats` into temporaries of `out`. The writers run
    /// concurrently: they only read the finished report. XML, the largest, gets a lane of its own.
    private func writeOutputs(_ content: ReportContent, into out: OutputDirectory, clock: PhaseClock) throws {
        // Every output is reserved here (OutputDirectory is not thread-safe), then the lanes run.
        var xmlLane: [() throws -> Void] = []
        var otherLane: [() throws -> Void] = []
        // report.xml's orders, the longest piece of work, are shared by both lanes when both run.
        var content = content
        var shared: SharedOrdersXML?
        if config.threads > 1, config.formats.contains(.xml), let rows = content.perOrder as? FoldedRows,
            let sharing = SharedOrdersXML(rows)
        {
            shared = sharing
            content.perOrder = sharing
        }
        if config.formats.contains(.csv) {
            let csv = CSVReports(report: content, bom: config.csvBOM)
            let files = try csv.files().map { (try out.create($0.0), $0.1) }
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
                try writing("report.xml") { try XMLReport(content: content).write(to: path) }
                try xsd.write(XMLReport.schema(config.carriers))
                try xsd.close()
            }
        }
        if config.formats.contains(.html) {
            let path = out.reservePath("report.html")
            otherLane.append { try writing("report.html") { try HTMLReport(content: content).write(to: path) } }
        }
        if let shared { otherLane.append { shared.renderAhead() } }
        xmlLane = [clock.timed("xml lane", lane: xmlLane)]
        otherLane = [clock.timed("other lane", lane: otherLane)]
        try Lanes.run(config.threads > 1 ? [xmlLane, otherLane] : [xmlLane + otherLane])
    }

    /// `shipkpi normalize`: the accepted events as CSV (or NDJSON) plus the rejects. The gates
    /// are evaluated too (exit 65 when one fails); the files are written either way.
    package func normalize(outFile: String, rejectsFile: String, ndjson: Bool) throws -> RunOutcome {
        let clock = PhaseClock(observer: phaseObserver)
        let discovered = try discoverInputs()
        let options = try config.decodeOptions(keepEventText: true)
        let outDir = (outFile as NSString).deletingLastPathComponent
        let out = try OutputDirectory(path: outDir.isEmpty ? "." : outDir)
        let rejectsDir = (rejectsFile as NSString).deletingLastPathComponent
        let rejectsOut = (rejectsDir.isEmpty ? "." : rejectsDir) == (outDir.isEmpty ? "." : outDir) ? out : try OutputDirectory(path: rejectsDir)
        let paths = discovered.files.map(\.path)
        let rejects = RejectWriter(file: try rejectsOut.create((rejectsFile as NSString).lastPathComponent), paths: paths)
        let eventsFile = try out.create((outFile as NSString).lastPathComponent)
        let write: (NormalizedEvent, EventBatch) throws -> Void
        let close: () throws -> Void
        if ndjson {
            let writer = EventsNDJSONWriter(file: eventsFile, paths: paths, carriers: config.carriers)
            (write, close) = ({ try writer.write($0, in: $1) }, { try writer.close() })
        } else {
            let writer = EventsCSVWriter(file: eventsFile, paths: paths, carriers: config.carriers, bom: config.csvBOM)
            (write, close) = ({ try writer.write($0, in: $1) }, { try writer.close() })
        }
        var writeError: Error?
        var read: ReadResult!
        let computed = try StagedReport.compute(
            settings: config.foldSettings,
            onAccepted: { event, batch in
                guard writeError == nil else { return }
                do { try write(event, batch) } catch { writeError = error }
            },
            map: { emit in
                read = try map(discovered, options: options, rejects: rejects) { batch in
                    try emit(batch)
                    if let writeError { throw writeError }
                }
            })
        try close()
        try rejects.close()
        clock.end("read")
        if rejectsOut !== out { try rejectsOut.commit() }
        try out.commit()
        logDataWarnings(computed.tables.dataQuality)
        let gates = Gates.evaluate(config.gates, measures: measures(computed.tables, rejects: read.rejects))
        for gate in gates where !gate.passed { logger.error("\(gate.message)") }
        return outcome(read, computed.tables, seconds: clock.total, gates: gates)
    }

    /// libxml2 writers report a failed write (full disk, file-size limit) as an XMLError: an I/O
    /// failure for the run (`.io`), not an internal error.
    private func writing(_ name: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ShipKPIError {
            throw error
        } catch {
            throw ShipKPIError.io("cannot write \(name): \(error)")
        }
    }

    private func outcome(_ read: ReadResult, _ tables: ReportTables, seconds: Double, gates: [GateOutcome]) -> RunOutcome {
        let q = tables.dataQuality
        return RunOutcome(
            inputs: read.reports.count + read.remittanceReports.count,
            bytes: read.reports.reduce(0) { $0 + $1.bytes } + read.remittanceReports.reduce(0) { $0 + $1.bytes },
            lines: q.counters.lines, records: q.counters.totalRecords, acceptedEvents: q.quality.acceptedEvents.values.reduce(0, +),
            duplicates: q.quality.duplicates.values.reduce(0, +), rejects: read.rejects, orders: Int(tables.orders),
            outputDirectory: config.outDir, seconds: seconds, gates: gates, published: true, keptAside: nil,
            reused: config.stateDirectory == nil
                ? nil
                : (
                    read.reports.filter(\.reused).count,
                    read.reports.filter { !$0.reused }.reduce(0) { $0 + $1.bytes } + read.remittanceReports.reduce(0) { $0 + $1.bytes }
                ))
    }
}
