import Foundation
import Logging
import ShipKPICore

extension Runner {
    /// The file names of a distributed run's work directory (written by the driver).
    package enum WorkFiles {
        package static let plan = "plan.json"
        package static func meta(_ split: Int) -> String { String(format: "map-%05d.meta", split) }
        package static func fold(_ partition: Int) -> String { String(format: "fold-%05d.result", partition) }
    }

    /// `shipkpi merge`: the report set of a distributed run, from the metas of every split and the
    /// results of every fold in `work` (written by the driver). Everything after the tables —
    /// writers, gates, run.json, the atomic commit — is what `report` does.
    package func merge(plan: SplitPlan, work: String, engine: EngineInfo) throws -> RunOutcome {
        let clock = PhaseClock(observer: phaseObserver)
        let out = try OutputDirectory(path: config.outDir)
        var read = ReadResult(
            inputs: plan.inputFiles,
            skipped: plan.skipped.compactMap { skipped in
                SkippedInput.Reason(rawValue: skipped.reason).map { SkippedInput(path: skipped.path, reason: $0) }
            }, reports: [], remittanceReports: [], rejects: 0)
        do {
            let rejects = RejectWriter(file: try out.create("rejects.ndjson"), paths: plan.paths)
            var partial = Partial()
            let tallies = try readMetas(plan: plan, work: work, rejects: rejects, into: &partial)
            try rejects.close()
            read.rejects = rejects.count
            addInputReports(plan: plan, tallies: tallies, to: &read)
            clock.end("read")

            let (tables, fragments) = try foldTables(work: work, partial: partial)
            clock.end("tables")
            let content = ReportContent(
                registry: config.registry, tables: tables, perOrder: fragments, paths: plan.paths, remittancePaths: plan.remittances)
            logDataWarnings(tables.dataQuality)
            return try publish(content, read: read, into: out, clock: clock, engine: engine)
        } catch {
            recordFailure(error, read: read, in: out)
            throw error
        }
    }

    /// What the metas of one input's splits add up to.
    private struct InputTally {
        var bytes: Int64 = 0
        var decompressed: Int64 = 0
        /// Each split's SHA-256, in split order.
        var digests: [String] = []
        var records: Int64 = 0
        var rejects: Int64 = 0
        /// The first bytes of the input (from its first split), for diagnosing an all-reject input.
        var head: [UInt8] = []
    }

    /// Reads the meta of every split in order: writes its rejects (each line numbered in its whole
    /// input), adds its counters and reject counts to `partial`, and tallies it per input.
    private func readMetas(
        plan: SplitPlan, work: String, rejects: RejectWriter, into partial: inout Partial
    ) throws -> [Int32: InputTally] {
        var lineBase: [Int32: Int64] = [:]
        var tallies: [Int32: InputTally] = [:]
        for split in plan.splits.sorted(by: { $0.id < $1.id }) {
            let file = try MappedFile(path: work + "/" + WorkFiles.meta(split.id))
            let (meta, splitRejects, _) = try StageCommands.readMeta(file.bytes, carriers: config.carriers)
            guard meta.hash == config.hash else {
                throw ShipKPIError.usage(
                    "split \(split.id) was mapped with --hash \(meta.hash.rawValue), this merge has --hash \(config.hash.rawValue): give every stage the same options"
                )
            }
            let base = lineBase[split.input] ?? 0
            for var reject in splitRejects {
                if split.remittance == nil { reject.source.line += base }
                try rejects.write(reject)
            }
            lineBase[split.input] = base + meta.lines
            partial.counters.add(meta.counters)
            for (reason, n) in meta.rejects { partial.rejects[reason, default: 0] += n }
            var tally = tallies[split.input] ?? InputTally()
            tally.bytes += meta.rawBytes
            tally.decompressed += meta.decompressedBytes
            tally.digests.append(meta.digest)
            tally.records += meta.records
            tally.rejects += meta.rejected
            if tally.head.isEmpty { tally.head = meta.head }
            tallies[split.input] = tally
        }
        return tallies
    }

    /// The input reports of run.json from the tallies (exports, then remittance statements), with
    /// a warning for each export whose every line was rejected.
    private func addInputReports(plan: SplitPlan, tallies: [Int32: InputTally], to read: inout ReadResult) {
        for input in plan.inputs {
            let tally = tallies[input.index] ?? InputTally()
            read.reports.append(
                InputReport(
                    path: input.path, bytes: input.bytes, digest: tally.digests.count == 1 ? tally.digests[0] : "",
                    decompressedBytes: input.gzip ? tally.decompressed : input.bytes,
                    splitDigests: tally.digests.count == 1 ? [] : tally.digests))
            if tally.records == 0 && tally.rejects > 0 {
                logger.warning("\(input.path): every line was rejected (\(tally.rejects) rejects); \(InputDiagnosis.likelyCause(tally.head))")
            }
        }
        for (j, path) in plan.remittances.enumerated() {
            let tally = tallies[Int32(plan.inputs.count + j)] ?? InputTally()
            read.remittanceReports.append(
                InputReport(
                    path: path, bytes: tally.bytes, digest: tally.digests.first ?? "", decompressedBytes: tally.bytes))
        }
    }

    /// The report tables from the folds' results (in order-key range order) merged into `partial`,
    /// and the folds' per-order fragments.
    private func foldTables(work: String, partial: Partial) throws -> (ReportTables, FragmentFiles) {
        var partial = partial
        var folds: [MappedFile] = []
        while FileManager.default.fileExists(atPath: work + "/" + WorkFiles.fold(folds.count)) {
            folds.append(try MappedFile(path: work + "/" + WorkFiles.fold(folds.count)))
        }
        let fragments = try FragmentFiles(files: folds)
        let decoder = JSONDecoder()
        decoder.userInfo[.carrierCount] = config.carriers.count
        for payload in fragments.sections(.partial) { partial.merge(try decoder.decode(Partial.self, from: Data(payload))) }
        let streams: [any LeadTimeStream] = try fragments.sections(.leadTimes).map {
            try StageCodec.LeadTimeReader($0, carriers: config.carriers.count)
        }
        let tables = try ReportTables(
            partial: partial, leadTimes: streams, carriers: config.carriers, asOf: config.asOf, currencies: config.currencies)
        return (tables, fragments)
    }
}
