import Foundation
import ShipKPICore
import ShipKPIGenerate
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// `shipkpi generate`: determinism, and that shipkpi's own readers make of the files exactly
/// what the generator says it wrote.
@Suite struct ExportGeneratorTests {
    static let names = [
        ExportGenerator.orders247, ExportGenerator.remittance247, ExportGenerator.statusLogs247, ExportGenerator.webhook247,
        ExportGenerator.houndStatus, ExportGenerator.houndWebhook, ExportGenerator.statusMap, ExportGenerator.apiKeys,
        ExportGenerator.readme,
    ]

    func generate(
        orders: Int, seed: UInt64 = 1, podEvery: Int = 0, repeatCount: Int = 1, malformedPerMillion: Int = 100,
        days: Int = 60
    ) throws -> (dir: String, summary: GeneratorSummary) {
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

    /// What shipkpi's stages make of a generated directory (the files, then the statement).
    struct Reading {
        var report: StagedReport.Result
        var rejects: [Reject]
        var remittanceRejects: [Reject]
        var remittanceRows: Int
    }

    func read(_ dir: String) throws -> Reading {
        let inputs = try InputDiscovery.expand([dir])
        let map = try StatusMapLoader.load(registry: .standard, extraFiles: [dir + "/" + ExportGenerator.statusMap])
        var files = FileMap(inputs: inputs, options: testOptions(statusMap: map, keepEventText: false), threads: 2, maxLineBytes: 64 << 20)
        files.chunkSize = 1 << 20
        files.remittanceFiles = [dir + "/" + ExportGenerator.remittance247]
        var rejects: [Reject] = []
        var remittanceRejects: [Reject] = []
        var remittanceRows = 0
        let report = try StagedReport.compute(settings: testFoldSettings()) { emit in
            _ = try files.run { unit, batch in
                if unit == nil {
                    remittanceRejects += batch.rejects
                    remittanceRows += batch.remittances.count
                } else {
                    rejects += batch.rejects
                }
                try emit(batch)
            }
        }
        return Reading(report: report, rejects: rejects, remittanceRejects: remittanceRejects, remittanceRows: remittanceRows)
    }

    @Test func theSameSeedGivesByteIdenticalFiles() throws {
        let a = try generate(orders: 600, seed: 7, podEvery: 1500, malformedPerMillion: 2000)
        let b = try generate(orders: 600, seed: 7, podEvery: 1500, malformedPerMillion: 2000)
        #expect(a.summary.bigPODLines > 0)
        #expect(a.summary.malformedLines > 0)
        var fa = try contents(a.dir), fb = try contents(b.dir)
        // README.txt names the output directory (the only argument that differs here).
        fa[ExportGenerator.readme] = Data(
            String(decoding: fa[ExportGenerator.readme] ?? Data(), as: UTF8.self)
                .replacingOccurrences(of: a.dir, with: "DIR").utf8)
        fb[ExportGenerator.readme] = Data(
            String(decoding: fb[ExportGenerator.readme] ?? Data(), as: UTF8.self)
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
        for name in [
            ExportGenerator.webhook247, ExportGenerator.orders247, ExportGenerator.houndStatus, ExportGenerator.houndWebhook,
            ExportGenerator.remittance247, ExportGenerator.apiKeys,
        ] {
            #expect(fa[name] != fb[name], "\(name) is the same for seeds 1 and 2")
        }
        #expect(a.summary.orders247 == b.summary.orders247)
    }

    @Test func shipkpiReadsWhatWasGenerated() throws {
        let g = try generate(orders: 6000, podEvery: 8000, malformedPerMillion: 1500)
        let s = g.summary
        let r = try read(g.dir)
        let q = r.report.tables.dataQuality

        // Every record kind is present, and counted as the generator counted it.
        for (i, kind) in CarrierRegistry.standard.carriers.recordKinds.enumerated() {
            #expect(q.counters.count(of: RecordKind(index: i)) > 0, "no \(kind.id) records")
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
        let duplicates = q.quality.duplicates.values.reduce(0, +)
        #expect(duplicates == s.duplicateEvents)
        #expect(q.acceptedEvents(.express247) == s.distinctEvents247 && q.acceptedEvents(.houndExpress) == s.distinctEventsHound)
        let share = Double(duplicates) / Double(s.eventRecords)
        #expect(share > 0.008 && share < 0.03, "duplicate share \(share)")
        for carrier in CarrierRegistry.standard.all {
            #expect(q.dateFallbacks(carrier, .receivedAt) == 0 && q.dateFallbacks(carrier, .asOf) == 0, "every generated date parses")
        }

        // The KPIs look like a real carrier's.
        for row in r.report.tables.summary {
            let c = row.kpis
            #expect(c.orders > 0)
            #expect(c.delivered > 0 && c.returned > 0 && c.cancelled > 0 && c.open > 0, "\(id(row.scope))")
            let success = Double(c.delivered) / Double(c.delivered + c.returned + c.lost + c.confiscated)
            #expect(success > 0.85 && success < 0.97, "\(id(row.scope)) success rate \(success)")
            let firstAttempt = Double(c.firstAttemptDelivered) / Double(c.attempted)
            #expect(firstAttempt > 0.70 && firstAttempt < 0.90, "\(id(row.scope)) first-attempt rate \(firstAttempt)")
            #expect(c.failedAttempts > 0)
        }
        let t = r.report.tables
        #expect(t.reasons.contains { $0.carrier == .express247 && $0.counts.category == .other }, "unmapped S07/S08")
        #expect(!t.breakdownProvince.isEmpty && !t.breakdownService.isEmpty && !t.breakdownCourier.isEmpty)
        #expect(t.checks.total > 0, "some order records break the carrier's rules")
        #expect(t.feedback.first?.counts.ordersWithRequests ?? 0 > 0)

        // COD: every reconciliation status appears; the rows are those the generator wrote.
        #expect(r.remittanceRows == Int(s.remittanceRows))
        let statuses = Set(r.report.fold.cod.map(\.status))
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
        let q = r.report.tables.dataQuality
        #expect(q.acceptedEvents(.express247) == once.summary.distinctEvents247 && q.acceptedEvents(.houndExpress) == once.summary.distinctEventsHound)
        #expect(q.quality.duplicates.values.reduce(0, +) == thrice.summary.duplicateEvents)
        let onceOrders = try #require(try read(once.dir).report.tables.summary.last).kpis.orders
        #expect(try #require(r.report.tables.summary.last).kpis.orders == onceOrders)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        for (orders, days, repeatCount) in [(0, 60, 1), (10, 0, 1), (10, 60, 0)] {
            var options = GeneratorOptions(orders: orders, outDir: try temporaryDirectory())
            options.days = days
            options.repeatCount = repeatCount
            #expect {
                _ = try ExportGenerator(options: options)
            } throws: { error in
                guard case .usage = error as? ShipKPIError else { return false }
                return true
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
            guard case .io = error as? ShipKPIError else { return false }
            return true
        }
    }
}
