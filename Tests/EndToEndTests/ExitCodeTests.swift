import Foundation
import Testing

/// Exit codes of SPEC §8, the lock, atomic replacement and the summary/log lines.
@Suite struct ExitCodeTests {
    @Test func missingInputIs66() throws {
        let out = try temporaryDirectory()
        let r = try shipkpi(["report", "samples/does-not-exist", "--out", out])
        #expect(r.status == 66)
        #expect(r.stderr.contains("does-not-exist"))
        let m = try shipkpi(["report", "samples", "--remittance", "nope.csv", "--out", out])
        #expect(m.status == 66)
    }

    @Test(arguments: [
        ["report", "samples", "--as-of", "yesterday"],
        ["report", "samples", "--carrier", "dhl"],
        ["report", "samples", "--max-reject-rate", "2"],
        ["report", "samples", "--tz", "Mars/Olympus"],
        ["report", "samples", "--from", "2026-03-20", "--to", "2026-03-01"],
        ["report"],
        ["report", "samples", "--no-such-flag"],
    ])
    func usageErrorsAre64(_ args: [String]) throws {
        let out = try temporaryDirectory()
        let r = try shipkpi(args + ["--out", out])
        #expect(r.status == 64, "\(args): \(r.stderr)")
    }

    @Test func anEmptyAPIKeyListIs64NeverAllowAll() throws {
        let dir = try temporaryDirectory()
        try Data("\n# only a comment\n".utf8).write(to: URL(fileURLWithPath: dir + "/keys.txt"))
        #expect(try shipkpi(["report", "samples", "--api-keys", dir + "/keys.txt", "--out", dir]).status == 64)
        var env = ProcessInfo.processInfo.environment
        env["SHIPKPI_API_KEYS"] = " , ,"
        #expect(try shipkpi(["report", "samples", "--out", dir], environment: env).status == 64)
    }

    @Test func rejectThresholdIs65AfterWritingEverything() throws {
        let out = try temporaryDirectory()
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-reject-rate", "0.01"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("max-reject-rate"))
        #expect(FileManager.default.fileExists(atPath: out + "/summary.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
        // Below the threshold: success. (23 rejects among ~470 records ≈ 4.9 %.)
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-reject-rate", "0.2", "-q"]).status == 0)
    }

    @Test func anOutputPathThatCannotBeCreatedIs74() throws {
        let dir = try temporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let r = try shipkpi(["report", "samples", "--out", dir + "/file/reports"])
        #expect(r.status == 74, "\(r.stderr)")
    }

    @Test func aHeldLockIs75AndADeadHoldersLockIsNot() throws {
        let out = try temporaryDirectory()
        // Hold the lock from another process (flock(1) from util-linux), as a running shipkpi would.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [out + "/.shipkpi.lock", "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        var waited = 0
        while waited < 200 {  // until the holder has the lock (a non-blocking flock then fails)
            if try runProcess("/usr/bin/flock", ["-n", out + "/.shipkpi.lock", "true"]).status != 0 { break }
            usleep(25_000)
            waited += 1
        }
        let r = try shipkpi(["report", "samples", "--out", out])
        #expect(r.status == 75)
        #expect(r.stderr.contains("another shipkpi run"))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
        holder.terminate()
        holder.waitUntilExit()
        // The holder is gone: its lock (the file still exists) does not block.
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"]).status == 0)
    }

    @Test func summaryLineAndJSONLogs() throws {
        let out = try temporaryDirectory()
        let text = try shipkpi(["report"] + sampleArguments + ["--out", out])
        let lines = text.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("events accepted") == true && lines.first?.contains("23 rejects") == true)
        let json = try shipkpi(["report"] + sampleArguments + ["--out", out, "--log-format", "json"])
        for line in json.stderr.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "not a JSON log line: \(line)")
        }
        #expect(json.stderr.contains("\"rejects\":23"))
    }

    @Test func helpExplainsEveryOptionAndTheExitCodes() throws {
        let top = try shipkpi(["--help"])
        #expect(top.status == 0)
        for code in ["64", "65", "66", "74", "75"] { #expect(top.stdout.contains(code)) }
        let report = try shipkpi(["report", "--help"])
        for flag in ["--out", "--as-of", "--from", "--to", "--carrier", "--tz", "--status-map", "--include-pii",
                     "--max-reject-rate", "--csv-bom", "--format", "--remittance", "--api-keys", "--log-format", "--threads"] {
            #expect(report.stdout.contains(flag), "report --help lacks \(flag)")
        }
    }

    @Test func stdinIsReadAsNDJSON() throws {
        let dir = try temporaryDirectory()
        let input = Data(#"{"OrderCode":"A1","Status":"30","Time":"2026-03-01T08:00:00+07:00"}"#.utf8 + [0x0A])
        let r = try shipkpi(["normalize", "-", "--out", dir + "/e.csv", "--as-of", "2026-04-01", "-q"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csvRows(dir + "/e.csv")
        #expect(rows.count == 2 && rows[1][1] == "A1" && rows[1][3] == "DELIVERED" && rows[1][17] == "'-")  // the path cell is text: neutralised
    }
}
