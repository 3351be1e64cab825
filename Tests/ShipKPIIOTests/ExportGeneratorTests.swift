import Foundation
import ShipKPICore
import ShipKPIIO
import Testing

/// `shipkpi generate`: determinism, and that shipkpi's own readers make of the files exactly
/// what the generator says it wrote.
@Suite struct ExportGeneratorTests {
    static let names = [
        ExportGenerator.orders247, ExportGenerator.remittance247, ExportGenerator.statusLogs247, ExportGenerator.webhook247,
        ExportGenerator.houndStatus, ExportGenerator.houndWebhook, ExportGenerator.statusMap, ExportGenerator.apiKeys,
        ExportGenerator.readme,
    ]

    func generate(orders: Int, seed: UInt64 = 1, podEvery: Int = 0, repeatCount: Int = 1, malformedPerMillion: Int = 100,
                  days: Int = 60) throws -> (dir: String, summary: GeneratorSummary) {
        let dir = try temporaryDirectory() + "/exports"
        var options = GeneratorOptions(orders: orders, outDir: dir)
        options.seed = seed
        options.podEvery = podEvery
        options.repeatCount = repeatCount
        options.malformedPerMillion = malformedPerMillion
        options.days = days
        return (dir, try ExportGenerator(options: options).run())
    }

    func contents(_ dir: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in Self.names { files[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)) }
        return files
    }

    /// What shipkpi's pipeline, aggregator and remittance loader make of a generated directory.
    struct Reading {
        var report: KPIReport
        var rejects: [Reject]
        var remittanceRejects: [Reject]
        var remittanceRows: Int
    }

    func read(_ dir: String) throws -> Reading {
        let inputs = try InputDiscovery.expand([dir])
        let map = try StatusMapLoader.load(extraFiles: [dir + "/" + ExportGenerator.statusMap])
        let aggregator = KPIAggregator(asOf: testAsOf, orderSeed: 1)
        let pipeline = Pipeline(inputs: inputs, options: testOptions(statusMap: map, keepEventText: false), threads: 2,
                                chunkSize: 1 << 20, maxLineBytes: 64 << 20)
        var numbering = LineNumbering()
        var rejects: [Reject] = []
        _ = try pipeline.run { unit, batch in
            var batch = batch
            numbering.resolve(unit, &batch)
            rejects += batch.rejects
            aggregator.ingest(batch)
        }
        let remittance = try RemittanceLoader.load(path: dir + "/" + ExportGenerator.remittance247, fileIndex: 0,
                                                   rejectFileIndex: Int32(inputs.count), columns: RemittanceColumns())
        let report = aggregator.finish(remittances: remittance.rows, currencies: ["VND", "MXN"])
        return Reading(report: report, rejects: rejects, remittanceRejects: remittance.rejects, remittanceRows: remittance.rows.count)
    }

    @Test func theSameSeedGivesByteIdenticalFiles() throws {
        let a = try generate(orders: 600, seed: 7, podEvery: 1500, malformedPerMillion: 2000)
        let b = try generate(orders: 600, seed: 7, podEvery: 1500, malformedPerMillion: 2000)
        #expect(a.summary.bigPODLines > 0)
        #expect(a.summary.malformedLines > 0)
        var fa = try contents(a.dir), fb = try contents(b.dir)
        // README.txt names the output directory (the only argument that differs here).
        fa[ExportGenerator.readme] = Data(String(decoding: fa[ExportGenerator.readme] ?? Data(), as: UTF8.self)
            .replacingOccurrences(of: a.dir, with: "DIR").utf8)
        fb[ExportGenerator.readme] = Data(String(decoding: fb[ExportGenerator.readme] ?? Data(), as: UTF8.self)
            .replacingOccurrences(of: b.dir, with: "DIR").utf8)
        for name in Self.names {
            #expect(fa[name] == fb[name], "\(name) differs between two runs with the same seed")
            #expect((fa[name]?.count ?? 0) > 0, "\(name) is empty")
        }
        // No temporary files are left behind.
        let listing = try FileManager.default.contentsOfDirectory(atPath: a.dir).sorted()
        #expect(listing == Self.names.sorted())
    }

    @Test func differentSeedsGiveDifferentFiles() throws {
        let a = try generate(orders: 300, seed: 1)
        let b = try generate(orders: 300, seed: 2)
        let fa = try contents(a.dir), fb = try contents(b.dir)
        for name in [ExportGenerator.webhook247, ExportGenerator.orders247, ExportGenerator.houndStatus, ExportGenerator.houndWebhook,
                     ExportGenerator.remittance247, ExportGenerator.apiKeys] {
            #expect(fa[name] != fb[name], "\(name) is the same for seeds 1 and 2")
        }
        #expect(a.summary.orders247 == b.summary.orders247)
    }

    @Test func shipkpiReadsWhatWasGenerated() throws {
        let g = try generate(orders: 6000, podEvery: 8000, malformedPerMillion: 1500)
        let s = g.summary
        let r = try read(g.dir)
        let q = r.report.dataQuality

        // Every record kind is present, and counted as the generator counted it.
        for kind in RecordKind.allCases {
            #expect(q.counters.count(of: kind) > 0, "no \(kind.rawValue) records")
        }
        #expect(q.counters.count(of: .statusLogItem247) == s.statusLogItems)
        #expect(q.orderRecords == s.orderRecords)
        #expect(q.counters.envelopes == s.envelopes)
        #expect(s.envelopes > 0 && s.statusLogDocuments > 0 && s.bigPODLines > 0)

        // Rejects are exactly the intentional malformed lines; the remittance statement is clean.
        #expect(s.malformedLines > 0)
        #expect(Int64(r.rejects.count) == s.malformedLines)
        #expect(r.remittanceRejects.isEmpty)
        let reasons = Set(r.rejects.map(\.reason))
        #expect(reasons.isSubset(of: [.invalidJSON, .invalidUTF8, .unknownShape]))
        #expect(reasons.contains(.invalidJSON) && reasons.contains(.unknownShape))

        // Duplicates: exactly the re-sends, re-exports and GetStatusLogs items; about 1–2 %.
        let duplicates = q.duplicates.reduce(0, +)
        #expect(duplicates == s.duplicateEvents)
        #expect(q.acceptedEvents == [s.distinctEvents247, s.distinctEventsHound])
        let share = Double(duplicates) / Double(s.eventRecords)
        #expect(share > 0.008 && share < 0.03, "duplicate share \(share)")
        for perCarrier in q.fallbacks {
            #expect(perCarrier[Int(DateSource.receivedAt.rawValue)] == 0 && perCarrier[Int(DateSource.asOf.rawValue)] == 0,
                    "every generated date parses")
        }

        // The KPIs look like a real carrier's.
        for row in r.report.summary {
            let c = row.counts
            #expect(c.orders > 0)
            #expect(c.delivered > 0 && c.returned > 0 && c.cancelled > 0 && c.open > 0, "\(row.carrier)")
            let success = Double(c.delivered) / Double(c.delivered + c.returned + c.lost + c.confiscated)
            #expect(success > 0.85 && success < 0.97, "\(row.carrier) success rate \(success)")
            let firstAttempt = Double(c.firstAttemptDelivered) / Double(c.attempted)
            #expect(firstAttempt > 0.70 && firstAttempt < 0.90, "\(row.carrier) first-attempt rate \(firstAttempt)")
            #expect(c.failedAttempts > 0)
        }
        #expect(r.report.reasons.contains { $0.carrier == .express247 && $0.stats.category == .other }, "unmapped S07/S08")
        #expect(!r.report.breakdownProvince.isEmpty && !r.report.breakdownService.isEmpty && !r.report.breakdownCourier.isEmpty)
        #expect(!r.report.checks.isEmpty, "some order records break the carrier's rules")
        #expect(r.report.feedback.ordersWithRequests > 0)

        // COD: every reconciliation status appears; the rows are those the generator wrote.
        #expect(r.remittanceRows == Int(s.remittanceRows))
        let statuses = Set(r.report.cod.rows.map(\.status))
        for status in CODStatus.allCases {
            #expect(statuses.contains(status), "no \(status.rawValue) row")
        }
    }

    @Test func repeatMultipliesTheVolumeNotTheOrders() throws {
        let once = try generate(orders: 400)
        let thrice = try generate(orders: 400, repeatCount: 3)
        #expect(thrice.summary.distinctEvents247 == once.summary.distinctEvents247)
        #expect(thrice.summary.distinctEventsHound == once.summary.distinctEventsHound)
        #expect(thrice.summary.eventRecords == 3 * once.summary.eventRecords)
        let webhook = try #require(once.summary.files.first { $0.name == ExportGenerator.webhook247 })
        let webhook3 = try #require(thrice.summary.files.first { $0.name == ExportGenerator.webhook247 })
        #expect(webhook3.bytes == 3 * webhook.bytes)
        // Order records and remittances are written once.
        let orders = try Data(contentsOf: URL(fileURLWithPath: once.dir + "/" + ExportGenerator.orders247))
        let orders3 = try Data(contentsOf: URL(fileURLWithPath: thrice.dir + "/" + ExportGenerator.orders247))
        #expect(orders == orders3)
        let r = try read(thrice.dir)
        #expect(r.report.dataQuality.acceptedEvents == [once.summary.distinctEvents247, once.summary.distinctEventsHound])
        #expect(r.report.dataQuality.duplicates.reduce(0, +) == thrice.summary.duplicateEvents)
        let onceOrders = try #require(try read(once.dir).report.summary.last).counts.orders
        #expect(try #require(r.report.summary.last).counts.orders == onceOrders)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        for (orders, days, repeatCount) in [(0, 60, 1), (10, 0, 1), (10, 60, 0)] {
            var options = GeneratorOptions(orders: orders, outDir: try temporaryDirectory())
            options.days = days
            options.repeatCount = repeatCount
            #expect {
                _ = try ExportGenerator(options: options)
            } throws: { error in
                (error as? ShipKPIError)?.exitCode == 64
            }
        }
    }

    @Test func anUnwritableDirectoryIsAnIOError() throws {
        let file = try temporaryDirectory() + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let generator = try ExportGenerator(options: GeneratorOptions(orders: 10, outDir: file + "/sub"))
        #expect {
            _ = try generator.run()
        } throws: { error in
            (error as? ShipKPIError)?.exitCode == 74
        }
    }
}
