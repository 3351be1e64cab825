import CShipJSON
import Foundation
import Logging
import ShipKPICore

/// Runs `shipkpi report` and `shipkpi normalize`: reads the inputs through the parallel
/// pipeline, folds them in input order, and writes every output atomically.
package struct Runner {
    package let config: RunConfiguration
    package let logger: Logger

    package init(config: RunConfiguration, logger: Logger) {
        self.config = config
        self.logger = logger
        Self.tuneMalloc
    }

    /// Once per process, before any thread starts (see `skp_tune_malloc`).
    private static let tuneMalloc: Void = skp_tune_malloc()

    /// With SHIPKPI_PROFILE=1, phase durations go to stderr (for benchmarks; never in outputs).
    private static let profiling = ProcessInfo.processInfo.environment["SHIPKPI_PROFILE"] == "1"

    /// The lane's writers as one, reporting its duration (SHIPKPI_PROFILE=1 only).
    private func timed(_ name: String, _ lane: [() throws -> Void]) -> () throws -> Void {
        {
            var clock = Date()
            for write in lane { try write() }
            phase(name, since: &clock)
        }
    }

    private func phase(_ name: String, since start: inout Date) {
        guard Self.profiling else { return }
        let now = Date()
        // Current and peak resident memory, from /proc (Linux).
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kb(_ key: String) -> String {
            status.split(separator: "\n").first { $0.hasPrefix(key) }.map { $0.dropFirst(key.count).trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        FileHandle.standardError.write(Data(String(
            format: "shipkpi: phase %@ %.3f s (rss %@, peak %@)\n", name, now.timeIntervalSince(start), kb("VmRSS:"), kb("VmHWM:")).utf8))
        start = now
    }

    /// What reading the inputs produced.
    struct ReadResult {
        /// Released (nil) once the report is computed, so the outputs are written without it.
        var aggregator: KPIAggregator?
        var counts: ReadCounts
        var inputs: [InputFile]
        var reports: [InputReport]
        var remittances: [RemittanceRow]
        var remittanceReports: [InputReport]
        var rejects: Int64
        /// Remittance rows read (kept when `remittances` is released).
        var remittanceRows: Int64
    }

    private func decodeOptions(keepEventText: Bool) throws -> DecodeOptions {
        let map = try StatusMapLoader.load(extraFiles: config.statusMapFiles)
        return DecodeOptions(
            statusMap: map, carrierZones: config.carrierZones, reportZones: config.reportZones, asOf: config.asOf,
            fromDay: config.fromDay, toDay: config.toDay, carriers: config.carriers, apiKeys: config.apiKeys,
            includePII: config.includePII, keepEventText: keepEventText, seeds: .random())
    }

    /// Reads every input (and remittance file), writing rejects as they come.
    private func read(_ inputs: [InputFile], options: DecodeOptions, rejects: RejectWriter,
                      onAccepted: ((NormalizedEvent, EventBatch) throws -> Void)?) throws -> ReadResult {
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
        let reports = try pipeline.run { unit, batch in
            numbering.resolve(unit, &batch)
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
            orders: aggregator.orders.count)
        return ReadResult(aggregator: aggregator, counts: counts, inputs: inputs, reports: reports, remittances: remittances,
                          remittanceReports: remittanceReports, rejects: rejects.count, remittanceRows: remittanceCount)
    }

    private func expandInputs() throws -> [InputFile] {
        for path in config.remittanceFiles where !FileManager.default.fileExists(atPath: path) {
            throw ShipKPIError.inputMissing("remittance file not found: \(path)")
        }
        for path in config.statusMapFiles where !FileManager.default.fileExists(atPath: path) {
            throw ShipKPIError.inputMissing("status map not found: \(path)")
        }
        return try InputDiscovery.expand(config.inputs)
    }

    /// `shipkpi report`: every file of SPEC §7 into `config.outDir`.
    package func report() throws -> RunOutcome {
        let start = Date()
        let inputs = try expandInputs()
        let options = try decodeOptions(keepEventText: false)
        let out = try OutputDirectory(path: config.outDir)
        let paths = inputs.map(\.path) + config.remittanceFiles
        let rejects = RejectWriter(file: try out.create("rejects.ndjson"), paths: paths)
        var clock = Date()
        var read = try self.read(inputs, options: options, rejects: rejects, onAccepted: nil)
        try rejects.close()
        phase("read", since: &clock)
        // Remittance statements are 247Express's: with --carrier excluding it they reconcile nothing.
        let keeps247 = config.carriers.isEmpty || config.carriers.contains(.express247)
        let report = read.aggregator!.finish(remittances: keeps247 ? read.remittances : [], currencies: config.currencies)
        read.aggregator = nil
        read.remittances = []
        skp_trim_memory()  // hand the reading phase's freed memory back before writing outputs
        phase("finish", since: &clock)

        // Every output is reserved here (OutputDirectory is not thread-safe), then the writers run
        // concurrently: they only read the finished report. XML, the largest, gets a lane of its own.
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
        if Self.profiling {
            xmlLane = [timed("xml lane", xmlLane)]
            otherLane = [timed("other lane", otherLane)]
        }
        try Lanes.run(config.threads > 1 ? [xmlLane, otherLane] : [xmlLane + otherLane])
        phase("outputs", since: &clock)
        let outcome = outcome(read, report.orders.count, start: start)
        let manifest = try out.create("run.json")
        try manifest.write(RunManifest.json(config: config, read: read, quality: report.dataQuality, outputs: out.pendingNames))
        try manifest.close()
        try out.commit()
        return outcome
    }

    /// `shipkpi normalize`: the accepted events as CSV (or NDJSON) plus the rejects.
    package func normalize(outFile: String, rejectsFile: String, ndjson: Bool) throws -> RunOutcome {
        let start = Date()
        let inputs = try expandInputs()
        let options = try decodeOptions(keepEventText: true)
        let outDir = (outFile as NSString).deletingLastPathComponent
        let out = try OutputDirectory(path: outDir.isEmpty ? "." : outDir)
        let rejectsDir = (rejectsFile as NSString).deletingLastPathComponent
        let rejectsOut = (rejectsDir.isEmpty ? "." : rejectsDir) == (outDir.isEmpty ? "." : outDir) ? out : try OutputDirectory(path: rejectsDir)
        let paths = inputs.map(\.path)
        let rejects = RejectWriter(file: try rejectsOut.create((rejectsFile as NSString).lastPathComponent), paths: paths)
        let eventsFile = try out.create((outFile as NSString).lastPathComponent)
        let read: ReadResult
        if ndjson {
            let writer = EventsNDJSONWriter(file: eventsFile, paths: paths)
            read = try self.read(inputs, options: options, rejects: rejects, onAccepted: { try writer.write($0, $1) })
            try writer.close()
        } else {
            let writer = EventsCSVWriter(file: eventsFile, paths: paths, bom: config.csvBOM)
            read = try self.read(inputs, options: options, rejects: rejects, onAccepted: { try writer.write($0, $1) })
            try writer.close()
        }
        try rejects.close()
        let orders = read.counts.orders
        if rejectsOut !== out { try rejectsOut.commit() }
        try out.commit()
        return outcome(read, orders, start: start)
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

    private func outcome(_ read: ReadResult, _ orders: Int, start: Date) -> RunOutcome {
        let c = read.counts
        let records = c.records + read.remittanceRows
        let rejects = read.rejects
        var outcome = RunOutcome(
            inputs: read.reports.count + read.remittanceReports.count,
            bytes: read.reports.reduce(0) { $0 + $1.bytes } + read.remittanceReports.reduce(0) { $0 + $1.bytes },
            lines: c.lines, records: records, acceptedEvents: c.acceptedEvents, duplicates: c.duplicates,
            rejects: rejects, orders: orders, outputDirectory: config.outDir,
            seconds: Date().timeIntervalSince(start), thresholdExceeded: nil)
        let total = records + rejects
        if total > 0 && Double(rejects) / Double(total) > config.maxRejectRate {
            outcome.thresholdExceeded = RejectThresholdExceeded(rejects: rejects, records: records, threshold: config.maxRejectRate)
        }
        return outcome
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
