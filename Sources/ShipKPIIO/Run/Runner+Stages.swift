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
        var read = ReadResult(inputs: plan.inputFiles, skipped: plan.skipped.compactMap { s in
            SkippedInput.Reason(rawValue: s.reason).map { SkippedInput(path: s.path, reason: $0) }
        }, reports: [], remittanceReports: [], rejects: 0)
        do {
            let rejects = RejectWriter(file: try out.create("rejects.ndjson"), paths: plan.paths)
            var partial = Partial()
            // Splits in order: each split's reject lines are numbered in its whole input.
            var lineBase: [Int32: Int64] = [:]
            var perInput: [Int32: (bytes: Int64, decompressed: Int64, digests: [String], records: Int64, rejects: Int64, head: [UInt8])] = [:]
            for split in plan.splits.sorted(by: { $0.id < $1.id }) {
                let file = try MappedFile(path: work + "/" + WorkFiles.meta(split.id))
                let (meta, splitRejects, _) = try StageCommands.readMeta(file.bytes, carriers: config.carriers)
                let base = lineBase[split.input] ?? 0
                for var reject in splitRejects {
                    if split.remittance == nil { reject.source.line += base }
                    try rejects.write(reject)
                }
                lineBase[split.input] = base + meta.lines
                partial.counters.add(meta.counters)
                for (reason, n) in meta.rejects { partial.rejects[reason, default: 0] += n }
                var entry = perInput[split.input] ?? (0, 0, [], 0, 0, [])
                entry.bytes += meta.rawBytes
                entry.decompressed += meta.decompressedBytes
                entry.digests.append(meta.sha256)
                entry.records += meta.records
                entry.rejects += meta.rejected
                if entry.head.isEmpty { entry.head = meta.head }
                perInput[split.input] = entry
            }
            try rejects.close()
            read.rejects = rejects.count
            for input in plan.inputs {
                let e = perInput[input.index] ?? (0, 0, [], 0, 0, [])
                read.reports.append(InputReport(
                    path: input.path, bytes: input.bytes, sha256: e.digests.count == 1 ? e.digests[0] : "",
                    decompressedBytes: input.gzip ? e.decompressed : input.bytes, splitSHA256: e.digests.count == 1 ? [] : e.digests))
                if e.records == 0 && e.rejects > 0 {
                    logger.warning("\(input.path): every line was rejected (\(e.rejects) rejects); \(InputDiagnosis.likelyCause(e.head))")
                }
            }
            for (j, path) in plan.remittances.enumerated() {
                let e = perInput[Int32(plan.inputs.count + j)] ?? (0, 0, [], 0, 0, [])
                read.remittanceReports.append(InputReport(path: path, bytes: e.bytes, sha256: e.digests.first ?? "", decompressedBytes: e.bytes))
            }
            clock.end("read")

            // The folds, in order-key range order.
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
}
