import Foundation
import ShipKPIDigest
import ShipKPITestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a nightly cron job depends on: the gates, run.json as the run's result, and the defects a
/// new user hit (empty inputs, FIFOs, Windows key files, --format lists, signals, --to/--as-of,
/// inputs that are not exports, one order count).
@Suite struct UnattendedRunTests {
    /// A directory of good reports of the samples, and its files' bytes.
    func goodReports() throws -> (String, [String: [UInt8]]) {
        let out = try temporaryDirectory()
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"])
        try #require(r.status == 0, "\(r.stderr)")
        return (out, try files(out))
    }

    func files(_ dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") {
            out[name] = try read(dir + "/" + name)
        }
        return out
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(read(path))) as? [String: Any] ?? [:]
    }

    func gate(_ result: [String: Any], _ name: String) -> [String: Any]? {
        (result["gates"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    // MARK: - Empty input

    @Test(arguments: [false, true])
    func anEmptyInputFailsTheRunAndKeepsThePreviousReports(withOtherFiles: Bool) throws {
        let (out, before) = try goodReports()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        if withOtherFiles {
            try write("OrderCode,Amount\nA,1\n", to: empty + "/statement.csv")
            try write("notes\n", to: empty + "/notes.txt")
        }
        let r = try shipkpi(["report", empty, "--out", out, "--as-of", "2026-04-01"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("gate min_events failed: 0 accepted events, at least 1 required"))
        #expect(r.stderr.contains("warning: no input file to read"))
        if withOtherFiles { #expect(r.stderr.contains("skipped 2 file(s) whose name is not an export's")) }
        #expect(try files(out) == before, "an empty run replaced the previous reports")
        let result = try json(out + "/.failed/run.json")
        #expect(result["status"] as? String == "gate_failed" && result["exit_code"] as? Int == 65)
        #expect(gate(result, "min_events")?["value"] as? String == "0")
        // --min-events 0 accepts an empty run on purpose.
        #expect(try shipkpi(["report", empty, "--out", out, "--as-of", "2026-04-01", "--min-events", "0", "-q"]).status == 0)
    }

    // MARK: - FIFOs and other special files

    @Test func aFIFOInADirectoryIsSkippedNotReadButANamedOneIsRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(#"{"OrderCode":"A1","Status":"30","Time":"2026-03-01T08:00:00+07:00"}"# + "\n", to: dir + "/a.ndjson")
        try #require(mkfifo(dir + "/stuck.ndjson", 0o600) == 0)
        // A link to a regular file counts as that file.
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: dir + "/a.ndjson")
        let out = dir + "/out"
        let r = try shipkpi(["report", dir, "--out", out, "--as-of", "2026-04-01"])  // would hang on the FIFO before
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("skipped 1 special file(s)") && r.stderr.contains("stuck.ndjson"))
        let result = try json(out + "/run.json")
        let inputs = (result["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(inputs == [dir + "/a.ndjson", dir + "/link.jsonl"])
        let skipped = result["skipped_inputs"] as? [[String: Any]] ?? []
        #expect(skipped.contains { $0["path"] as? String == dir + "/stuck.ndjson" && $0["reason"] as? String == "not_a_regular_file" })

        // Named explicitly, a FIFO is a stream: a writer feeds it and the run reads it.
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: dir + "/stuck.ndjson") {
                h.write(Data((#"{"OrderCode":"F1","Status":"30","Time":"2026-03-01T08:00:00+07:00"}"# + "\n").utf8))
                try? h.close()
            }
        }
        writer.start()
        let named = try shipkpi(["normalize", dir + "/stuck.ndjson", "--out", dir + "/events.csv", "--as-of", "2026-04-01", "-q"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try readText(dir + "/events.csv").contains("F1"))
    }

    // MARK: - API keys with Windows line ends

    @Test func anAPIKeyFileWithWindowsLineEndsTrustsItsKeys() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(
            #"{"OrderCode":"K1","Status":"30","Time":"2026-03-01T08:00:00+07:00","ApiKey":"KEY-1"}"# + "\n"
                + #"{"OrderCode":"K2","Status":"30","Time":"2026-03-01T08:00:00+07:00","ApiKey":"OTHER"}"# + "\n", to: dir + "/w.ndjson")
        try write("\r\n  KEY-1  \r\n\r\n", to: dir + "/keys.txt")
        let r = try shipkpi(["report", dir + "/w.ndjson", "--api-keys", dir + "/keys.txt", "--out", dir + "/out", "--as-of", "2026-04-01", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let rejects = try readText(dir + "/out/rejects.ndjson").split(separator: "\n")
        #expect(rejects.count == 1 && rejects[0].contains("\"line\":2") && rejects[0].contains("untrusted_api_key"))
    }

    // MARK: - --format lists

    @Test func formatTakesACommaListAsWellAsRepeats() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (i, formats) in [["--format", "csv,xml"], ["--format", "csv", "--format", "xml"], ["--format", "csv", "xml"]].enumerated() {
            let out = dir + "/\(i)"
            let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"] + formats)
            #expect(r.status == 0, "\(formats): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: out + "/summary.csv") && FileManager.default.fileExists(atPath: out + "/report.xml"))
            #expect(!FileManager.default.fileExists(atPath: out + "/report.html"))
        }
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", dir + "/x", "--format", "csv,pdf"]).status == 64)
    }

    // MARK: - Signals

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalCleansUpLogsOneLineAndExitsWithItsCode(_ signalAndCode: (Int32, Int32)) throws {
        let (out, before) = try goodReports()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // A FIFO named explicitly keeps the run reading (its temporaries exist) until the signal.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mkfifo(dir + "/feed.ndjson", 0o600) == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: shipkpiBinary)
        p.arguments = ["report", dir + "/feed.ndjson", "--out", out, "--as-of", "2026-04-01", "--log-format", "json"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let feed = FileHandle(forWritingAtPath: dir + "/feed.ndjson")  // opens once the run reads it
        feed?.write(Data((#"{"OrderCode":"S1","Status":"30","Time":"2026-03-01T08:00:00+07:00"}"# + "\n").utf8))
        // Up to 30 s: on a loaded machine the run may take a while to create its temporaries.
        var waited = 0
        while waited < 3000, ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).allSatisfy({ !$0.hasPrefix(".shipkpi-tmp") }) {
            usleep(10_000)
            waited += 1
        }
        kill(p.processIdentifier, signalAndCode.0)
        p.waitUntilExit()
        try? feed?.close()
        #expect(p.terminationStatus == signalAndCode.1 && p.terminationReason == .exit)
        let lines = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let last = try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any]
        #expect((last?["message"] as? String)?.hasPrefix("interrupted by") == true && last?["exit_code"] as? Int == Int(signalAndCode.1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".shipkpi-tmp") }.isEmpty)
        #expect(try files(out) == before)
    }

    // MARK: - --to and --as-of

    @Test func toWithoutAsOfAgesOpenOrdersFromTheEndOfTheToDay() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Picked up on 2026-03-01 (Vietnam): open. Cut at 2026-03-05, it is 4 days old, not months.
        try write(#"{"OrderCode":"T1","Status":"23","Time":"2026-03-01T08:00:00+07:00"}"# + "\n", to: dir + "/t.ndjson")
        let r = try shipkpi(["report", dir + "/t.ndjson", "--to", "2026-03-05", "--carrier", "247express", "--out", dir + "/out", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try json(dir + "/out/run.json")
        #expect(result["as_of"] as? String == "2026-03-05T16:59:59.999Z")  // end of 2026-03-05 in Ho Chi Minh City
        let summary = try csvRows(dir + "/out/summary.csv")
        let header = summary[0]
        #expect(summary[1][header.firstIndex(of: "open_3_7d")!] == "1")
        // A later --as-of is kept, with a warning.
        let late = try shipkpi(["report", dir + "/t.ndjson", "--to", "2026-03-05", "--as-of", "2026-04-01", "--out", dir + "/out2"])
        #expect(late.status == 0)
        #expect(late.stderr.contains("warning: --as-of 2026-04-01T00:00:00.000Z is more than a day after the end of --to 2026-03-05"))
    }

    // MARK: - Inputs that are not exports

    @Test func anInputWhoseEveryLineIsRejectedIsNamedWithItsLikelyCause() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try shipkpi([
            "report", "samples", "samples/remittance/247express-remittance.csv", "--out", dir + "/a",
            "--as-of", "2026-04-01", "-q",
        ])
        #expect(r.status == 0)
        #expect(
            r.stderr.contains("samples/remittance/247express-remittance.csv: every line was rejected")
                && r.stderr.contains("this looks like a remittance statement: use --remittance"), "\(r.stderr)")
        // gzip on stdin, read as text.
        let gz = try read(packageRoot + "/samples/houndexpress/webhook-archive-2026-03-01_12.ndjson.gz")
        let s = try shipkpi(["report", "-", "--out", dir + "/b", "--as-of", "2026-04-01", "-q", "--min-events", "0"], stdin: Data(gz))
        #expect(s.stderr.contains("-: every line was rejected") && s.stderr.contains("gzip-compressed"), "\(s.stderr)")
    }

    // MARK: - One order count

    @Test func normalizeAndReportCountTheSameOrders() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An order record without any event is not an order "with events": neither command counts it.
        try write(
            #"{"OrderCode":"E1","Status":"30","Time":"2026-03-01T08:00:00+07:00"}"# + "\n"
                + #"{"OrderCode":"R1","ServiceTypeID":"DE","CODAmount":1000}"# + "\n", to: dir + "/x.ndjson")
        let n = try shipkpi(["normalize", dir + "/x.ndjson", "--out", dir + "/e.csv", "--as-of", "2026-04-01"])
        let r = try shipkpi(["report", dir + "/x.ndjson", "--out", dir + "/out", "--as-of", "2026-04-01"])
        #expect(n.stderr.contains(" 1 orders ") && r.stderr.contains(" 1 orders "), "\(n.stderr)\n\(r.stderr)")
    }

    // MARK: - Gates

    @Test func unknownRateAndStalenessGates() throws {
        let (out, before) = try goodReports()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // The samples have 2 unknown-code events among 331: 0.0060.
        let unknown = try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-unknown-rate", "0.001"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("gate max_unknown_rate failed: 2 of 331 accepted events"), "\(unknown.stderr)")
        #expect(try files(out) == before)
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-unknown-rate", "0.01", "-q"]).status == 0)
        // The newest sample event is 2026-03-31T14:00:07.816Z, 9h59m52s before as-of.
        let stale = try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-staleness", "6h"])
        #expect(stale.status == 65, "\(stale.stderr)")
        #expect(stale.stderr.contains("gate max_staleness failed: the newest event (2026-03-31T14:00:07.816Z) is 9h59m52s before as-of, at most 6h allowed"))
        let result = try json(out + "/.failed/run.json")
        #expect(gate(result, "max_staleness")?["threshold"] as? String == "6h" && gate(result, "max_staleness")?["value"] as? String == "9h59m52s")
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-staleness", "12h", "-q"]).status == 0)
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-staleness", "soon"]).status == 64)
    }

    // MARK: - run.json as the run's result

    @Test func runJSONListsEveryOutputWithItsDigestAndTimingsStayOutOfIt() throws {
        let (out, first) = try goodReports()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try json(out + "/run.json")
        #expect(result["status"] as? String == "success" && result["exit_code"] as? Int == 0)
        let outputs = result["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.count == 14)  // rejects, 10 CSV files, report.xml, report.xsd, report.html
        // XXH3-128 by default (as `xxhsum -H2` prints it), for inputs and outputs alike.
        #expect((result["settings"] as? [String: Any])?["hash"] as? String == "xxh3-128")
        for output in outputs {
            let name = output["name"] as? String ?? ""
            let bytes = try read(out + "/" + name)
            #expect(output["bytes"] as? Int == bytes.count, "\(name)")
            let digest = try ContentDigest(.xxh3)
            bytes.withUnsafeBytes { digest.update($0) }
            #expect(output["xxh3_128"] as? String == digest.hexDigest() && output["sha256"] == nil, "\(name)")
        }
        for input in result["inputs"] as? [[String: Any]] ?? [] {
            let digest = try ContentDigest(.xxh3)
            try read(input["path"] as? String ?? "").withUnsafeBytes { digest.update($0) }
            #expect(input["xxh3_128"] as? String == digest.hexDigest(), "\(input["path"] ?? "")")
        }
        // --hash sha256: the digests sha256sum prints.
        let sha = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: sha) }
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", sha, "-q", "--hash", "sha256"]).status == 0)
        let shaResult = try json(sha + "/run.json")
        #expect((shaResult["settings"] as? [String: Any])?["hash"] as? String == "sha256")
        for output in shaResult["outputs"] as? [[String: Any]] ?? [] {
            let name = output["name"] as? String ?? ""
            let digest = try runProcess("/usr/bin/sha256sum", [sha + "/" + name]).stdout.prefix(64)
            #expect(output["sha256"] as? String == String(digest) && output["xxh3_128"] == nil, "\(name)")
        }
        for input in shaResult["inputs"] as? [[String: Any]] ?? [] {
            let path = input["path"] as? String ?? ""
            #expect(input["sha256"] as? String == String(try runProcess("/usr/bin/sha256sum", [path]).stdout.prefix(64)), "\(path)")
        }
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", sha, "-q", "--hash", "md5"]).status == 64)
        let timings = try json(out + "/run-timings.json")
        #expect((timings["phases"] as? [[String: Any]])?.contains { $0["name"] as? String == "read" } == true)
        // A pinned rerun: every file but run-timings.json byte-identical, run.json included.
        let again = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: again) }
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", again, "-q"]).status == 0)
        let second = try files(again)
        for (name, bytes) in first where name != "run-timings.json" && name != "run.json" { #expect(second[name] == bytes, "\(name)") }
    }

    /// A run that fails after reading started still leaves its result beside the reports.
    @Test func aFailedWriteLeavesARunResultWithStatusError() throws {
        let (out, before) = try goodReports()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let script = "ulimit -f 8; exec \"$0\" \"$@\""
        let r = try runProcess("/bin/bash", ["-c", script, shipkpiBinary, "report"] + sampleArguments + ["--out", out, "--format", "xml"])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(try files(out) == before)
        let result = try json(out + "/.failed/run.json")
        #expect(result["status"] as? String == "error" && result["exit_code"] as? Int == 74)
    }
}
