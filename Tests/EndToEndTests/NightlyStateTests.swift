import Foundation
import ShipKPITestSupport
import Testing

/// `report --state DIR`: a run that reuses the mapped records of unchanged inputs writes every
/// report file exactly as a fresh run without a state directory — after inputs are added,
/// changed, truncated, removed or renamed, with other settings, with a damaged state file, and
/// after a killed run — and run.json says which inputs were reused.
@Suite struct NightlyStateTests {
    /// A copy of the samples' exports in a directory of its own (the tests change it).
    func exports() throws -> (root: String, exports: String) {
        let root = try temporaryDirectory()
        let exports = root + "/exports"
        try FileManager.default.copyItem(atPath: packageRoot + "/samples", toPath: exports)
        for name in ["README.md", "api-keys.txt", "status-map.csv", "remittance"] {
            try FileManager.default.removeItem(atPath: exports + "/" + name)
        }
        return (root, exports)
    }

    let settings = [
        "--status-map", packageRoot + "/samples/status-map.csv",
        "--remittance", packageRoot + "/samples/remittance/247express-remittance.csv",
        "--as-of", "2026-04-01T00:00:00Z", "--quiet",
    ]

    /// Runs `report` over `exports` with `extra`; returns its output directory.
    @discardableResult
    func report(_ exports: String, out: String, state: String?, _ extra: [String] = []) throws -> String {
        let r = try shipkpi(["report", exports, "--out", out] + settings + extra + (state.map { ["--state", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// Every report file but run.json and run-timings.json is byte-identical.
    func expectSameReports(_ a: String, _ b: String, _ why: String) throws {
        for name in reportFiles where name != "run.json" && name != "run-timings.json" {
            #expect(try read(a + "/" + name) == (try read(b + "/" + name)), "\(why): \(name) differs")
        }
    }

    /// The `reused` flag of every input in run.json, by path.
    func reused(_ out: String) throws -> [String: Bool] {
        let run = try JSONSerialization.jsonObject(with: Data(try read(out + "/run.json"))) as? [String: Any]
        var flags: [String: Bool] = [:]
        for input in run?["inputs"] as? [[String: Any]] ?? [] {
            if let path = input["path"] as? String, let reused = input["reused"] as? Bool { flags[path] = reused }
        }
        return flags
    }

    /// A state run and a fresh run after `change`, compared; returns the state run's output.
    func rerun(_ e: (root: String, exports: String), _ name: String, _ extra: [String] = []) throws -> String {
        let out = try report(e.exports, out: e.root + "/\(name)-state", state: e.root + "/state", extra)
        let fresh = try report(e.exports, out: e.root + "/\(name)-fresh", state: nil, extra)
        try expectSameReports(out, fresh, name)
        return out
    }

    @Test func anUnchangedFolderIsReplayedWhole() throws {
        let e = try exports()
        let first = try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        #expect(try reused(first).values.filter { $0 }.isEmpty)
        let out = try rerun(e, "again")
        let flags = try reused(out)
        #expect(flags.filter { $0.key.hasPrefix(e.exports) }.values.allSatisfy { $0 } && flags.count == 21)
        // The remittance statement is always read (it is small, and not an export).
        #expect(flags[packageRoot + "/samples/remittance/247express-remittance.csv"] == false)
        let summary = try shipkpi(["report", e.exports, "--out", e.root + "/summary", "--state", e.root + "/state"] + settings.dropLast())
        #expect(summary.stderr.contains("(20 reused, 0.0 MB read)"), "\(summary.stderr)")
    }

    @Test func addedChangedTruncatedRemovedAndRenamedInputs() throws {
        let e = try exports()
        try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        let fm = FileManager.default
        // Added: a new day's export.
        try (#"{"OrderCode":"N-1","Status":"30","Time":"2026-03-30 10:00:00"}"# + "\n")
            .write(toFile: e.exports + "/247express/webhook-2026-03-30.ndjson", atomically: true, encoding: .utf8)
        // Changed: one line appended to an export.
        let changed = e.exports + "/247express/webhook-2026-03-10_31.ndjson"
        let handle = try #require(FileHandle(forWritingAtPath: changed))
        handle.seekToEndOfFile()
        handle.write(Data((#"{"OrderCode":"N-2","Status":"24","Time":"2026-03-29 08:00:00"}"# + "\n").utf8))
        try handle.close()
        // Truncated: cut in the middle of a line.
        let truncated = e.exports + "/houndexpress/changeorderstatus-2026-03-01_20.ndjson"
        let bytes = try read(truncated)
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: truncated))
        // Removed, and renamed.
        try fm.removeItem(atPath: e.exports + "/247express/orders-2026-03-b-resend.jsonl")
        try fm.moveItem(atPath: e.exports + "/houndexpress/webhook-2026-03.ndjson", toPath: e.exports + "/houndexpress/webhook-march.ndjson")

        let out = try rerun(e, "changed")
        let flags = try reused(out)
        for path in [
            "/247express/webhook-2026-03-30.ndjson", "/247express/webhook-2026-03-10_31.ndjson",
            "/houndexpress/changeorderstatus-2026-03-01_20.ndjson", "/houndexpress/webhook-march.ndjson",
        ] {
            #expect(flags[e.exports + path] == false, "\(path) must be read")
        }
        #expect(flags[e.exports + "/247express/orders-2026-03-b-resend.jsonl"] == nil)
        #expect(flags[e.exports + "/247express/orders-2026-03-a.ndjson"] == true)
        // And the run after that reuses what the changed run stored.
        let third = try rerun(e, "third")
        #expect(try reused(third).filter { $0.key.hasPrefix(e.exports) }.values.allSatisfy { $0 })
    }

    @Test func otherSettingsNeverReuseRecordsMappedUnderOthers() throws {
        let e = try exports()
        try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        // Settings that change mapped records: a reporting zone, API keys, PII in rejects.
        for (name, extra) in [
            ("tz", ["--tz", "UTC"]), ("keys", ["--api-keys", packageRoot + "/samples/api-keys.txt"]),
            ("pii", ["--include-pii"]), ("zone", ["--zone", "247express=+07:00"]),
        ] {
            let out = try rerun(e, name, extra)
            #expect(try reused(out).filter { $0.key.hasPrefix(e.exports) }.values.allSatisfy { !$0 }, "\(name): reused")
        }
        // Filters and as-of apply after reuse: they reuse.
        let filtered = try rerun(e, "filtered", ["--from", "2026-03-05", "--to", "2026-03-20", "--carrier", "247express"])
        #expect(try reused(filtered).filter { $0.key.hasPrefix(e.exports) }.values.allSatisfy { $0 })
    }

    @Test func aDamagedStateFileIsReadAgainWithAWarning() throws {
        let e = try exports()
        try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        let files = try FileManager.default.contentsOfDirectory(atPath: e.root + "/state").filter { $0.hasSuffix(".state") }.sorted()
        try #require(files.count >= 3)
        // One flipped byte, one truncated, one emptied.
        var flipped = try read(e.root + "/state/" + files[0])
        flipped[flipped.count / 2] ^= 0x40
        try Data(flipped).write(to: URL(fileURLWithPath: e.root + "/state/" + files[0]))
        let cut = try read(e.root + "/state/" + files[1])
        try Data(cut.prefix(cut.count - 5)).write(to: URL(fileURLWithPath: e.root + "/state/" + files[1]))
        try Data().write(to: URL(fileURLWithPath: e.root + "/state/" + files[2]))
        let r = try shipkpi(["report", e.exports, "--out", e.root + "/damaged", "--state", e.root + "/state"] + settings)
        #expect(r.status == 0)
        #expect(r.stderr.components(separatedBy: "is unusable").count - 1 == 3, "\(r.stderr)")
        try expectSameReports(e.root + "/damaged", e.root + "/first", "damaged state")
        #expect(try reused(e.root + "/damaged").values.filter { !$0 }.count == 4)  // three inputs and the statement
        // Replaced: the next run reuses everything.
        let again = try rerun(e, "again")
        #expect(try reused(again).filter { $0.key.hasPrefix(e.exports) }.values.allSatisfy { $0 })
    }

    @Test func aKilledRunLeavesAUsableState() throws {
        let e = try exports()
        // A big input, so that the run is killed while it reads.
        var lines = ""
        for i in 0 ..< 200_000 {
            lines += #"{"OrderCode":"K-\#(i % 5000)","Status":"24","Time":"2026-03-0\#(1 + i % 9) 10:00:00","TransactionId":"T\#(i)"}"# + "\n"
        }
        try lines.write(toFile: e.exports + "/247express/big.ndjson", atomically: true, encoding: .utf8)
        try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        try FileManager.default.removeItem(atPath: e.root + "/state")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: shipkpiBinary)
        p.arguments = ["report", e.exports, "--out", e.root + "/killed", "--state", e.root + "/state"] + settings
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(150_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // Whatever it stored is whole; the next run completes and matches a fresh run.
        let out = try rerun(e, "after-kill")
        #expect(try reused(out).count == 22)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: e.root + "/state").filter { $0.hasPrefix(".state-tmp.") }
        #expect(leftovers.isEmpty)
    }

    @Test func infoListsAndPruneRemovesWhatCannotBeReused() throws {
        let e = try exports()
        try report(e.exports, out: e.root + "/first", state: e.root + "/state")
        let info = try shipkpi(["state", "info", e.root + "/state"])
        #expect(info.status == 0)
        #expect(info.stdout.contains(e.exports + "/247express/orders-2026-03-a.ndjson"))
        #expect(info.stdout.contains("# 20 state file(s)"))
        try FileManager.default.removeItem(atPath: e.exports + "/247express/orders-2026-03-a.ndjson")
        try (#"{"OrderCode":"X","Status":"30","Time":"2026-03-30 10:00:00"}"# + "\n")
            .write(toFile: e.exports + "/247express/webhook-2026-03-01_15.ndjson", atomically: true, encoding: .utf8)
        let pruned = try shipkpi(["state", "prune", e.root + "/state"])
        #expect(pruned.status == 0)
        #expect(pruned.stdout.contains("# 2 state file(s) removed"), "\(pruned.stdout)")
        #expect(try shipkpi(["state", "info", e.root + "/state"]).stdout.contains("# 18 state file(s)"))
        // The state holds no API key: not in any file, even with keys configured.
        try report(e.exports, out: e.root + "/keys", state: e.root + "/state", ["--api-keys", packageRoot + "/samples/api-keys.txt"])
        let keys = try readText(packageRoot + "/samples/api-keys.txt").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        for name in try FileManager.default.contentsOfDirectory(atPath: e.root + "/state") {
            let text = String(decoding: try read(e.root + "/state/" + name), as: UTF8.self)
            for key in keys { #expect(!text.contains(key), "\(name) holds an API key") }
        }
        #expect(try shipkpi(["state", "info", e.root + "/missing"]).status == 66)
    }
}
