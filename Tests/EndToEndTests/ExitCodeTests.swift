import Foundation
import ShipKPITestSupport
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

    @Test func aFailedRejectGateIs65AndKeepsThePreviousReports() throws {
        let out = try temporaryDirectory()
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"]).status == 0)
        let before = try snapshot(out)
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-reject-rate", "0.01"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("gate max_reject_rate failed: 23 rejects of"), "\(r.stderr)")
        #expect(r.stderr.contains("at most 0.0100 allowed"))
        #expect(try snapshot(out) == before, "a failed gate replaced the previous reports")
        // The new reports are kept for inspection, with the run's result.
        let failed = out + "/.failed"
        #expect(FileManager.default.fileExists(atPath: failed + "/summary.csv"))
        let result = try jsonObject(failed + "/run.json")
        #expect(result["status"] as? String == "gate_failed" && result["exit_code"] as? Int == 65)
        let gate = (result["gates"] as? [[String: Any]])?.first { $0["name"] as? String == "max_reject_rate" }
        #expect(gate?["passed"] as? Bool == false && gate?["threshold"] as? String == "0.0100" && gate?["value"] as? String == "0.0502")
        // --publish-on-failure replaces them anyway (still exit 65).
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-reject-rate", "0.01", "--publish-on-failure", "-q"]).status == 65)
        #expect(try jsonObject(out + "/run.json")["status"] as? String == "gate_failed")
        // Below the threshold: success (23 rejects among 458 records read, 5.0 %).
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", out, "--max-reject-rate", "0.2", "-q"]).status == 0)
        #expect(try jsonObject(out + "/run.json")["status"] as? String == "success")
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
        // Warnings for the rejects and the unmapped codes, then the summary line, last.
        #expect(lines.last?.contains("events accepted") == true && lines.last?.contains("23 rejects") == true)
        #expect(lines.last?.hasSuffix("success, exit 0") == true, "\(lines.last ?? "")")
        #expect(lines.contains { $0.hasPrefix("shipkpi: warning: 23 rejected line(s) or row(s): ") })
        #expect(lines.contains { $0.hasPrefix("shipkpi: warning: ") && $0.contains("status map does not know") })
        let json = try shipkpi(["report"] + sampleArguments + ["--out", out, "--log-format", "json"])
        var objects: [[String: Any]] = []
        for line in json.stderr.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "not a JSON log line: \(line)")
            objects.append(object ?? [:])
        }
        #expect(objects.last?["exit_code"] as? Int == 0 && objects.last?["status"] as? String == "success")
        #expect(objects.last?["rejects"] as? Int == 23)
        #expect(objects.contains { $0["level"] as? String == "warning" && $0["rejects"] as? Int == 23 })
        #expect(objects.contains { $0["level"] as? String == "warning" && $0["unknown_events"] != nil })
    }

    /// With --log-format json every stderr line is JSON, usage errors included, and the last
    /// line carries the exit code.
    @Test func jsonLogsCoverUsageErrorsAndFailures() throws {
        let usage = try shipkpi(["report", "samples", "--threads", "0", "--log-format", "json"])
        #expect(usage.status == 64)
        let lines = usage.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] as? String == "error" && object?["exit_code"] as? Int == 64, "\(line)")
        }
        let missing = try shipkpi(["report", "/nonexistent-input", "--log-format", "json"])
        #expect(missing.status == 66)
        let last = try JSONSerialization.jsonObject(with: Data(missing.stderr.split(separator: "\n").last.map { Data($0.utf8) } ?? Data()))
        #expect((last as? [String: Any])?["exit_code"] as? Int == 66)
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let r = try shipkpi(["reprot", "samples"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("did you mean 'report'?"), "\(r.stderr)")
    }

    /// The list of commands an unknown one gets names every command, each once.
    @Test func anUnknownCommandListsEachCommandOnce() throws {
        let r = try shipkpi(["frobnicate"])
        #expect(r.status == 64)
        let listed = r.stderr.components(separatedBy: "Commands: ").last?.components(separatedBy: " (see").first ?? ""
        let names = listed.components(separatedBy: ", ")
        let expected = ["report", "normalize", "state", "status-map", "schema", "generate", "plan", "map", "bounds", "partition", "fold", "merge"]
        #expect(names.sorted() == expected.sorted(), "\(r.stderr)")
    }

    @Test func helpExplainsEveryOptionAndTheExitCodes() throws {
        let top = try shipkpi(["--help"])
        #expect(top.status == 0)
        for code in ["64", "65", "66", "74", "75"] { #expect(top.stdout.contains(code)) }
        let report = try shipkpi(["report", "--help"])
        for flag in [
            "--out", "--as-of", "--from", "--to", "--carrier", "--tz", "--status-map", "--include-pii",
            "--max-reject-rate", "--csv-bom", "--format", "--remittance", "--api-keys", "--log-format", "--threads", "--hash",
            "--state", "--verify-state",
        ] {
            #expect(report.stdout.contains(flag), "report --help lacks \(flag)")
        }
    }

    func snapshot(_ dir: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") {
            files[name] = try read(dir + "/" + name)
        }
        return files
    }

    func jsonObject(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(read(path))) as? [String: Any] ?? [:]
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
