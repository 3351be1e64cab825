import Foundation
import ShipKPITestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SPEC §8 under faults: a killed run, an unwritable directory, a full disk. The previous reports
/// must stay intact and no temporary file may remain.
@Suite(.serialized) struct FaultTests {
    /// A directory holding a finished report of the samples, and a snapshot of its files.
    func previousReports() throws -> (String, [String: [UInt8]]) {
        let out = try temporaryDirectory()
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"])
        try #require(r.status == 0)
        var snapshot: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where !name.hasPrefix(".") {
            snapshot[name] = try read(out + "/" + name)
        }
        return (out, snapshot)
    }

    func assertUnchanged(_ out: String, _ snapshot: [String: [UInt8]], _ label: String) throws {
        for (name, bytes) in snapshot { #expect(try read(out + "/" + name) == bytes, "\(label): \(name) changed") }
    }

    func temporaries(_ out: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".shipkpi-tmp") }
    }

    /// A large NDJSON file (≈ 60 MB), so that a run is still reading when it is killed.
    func bigInput() throws -> String {
        let path = try temporaryDirectory() + "/big.ndjson"
        var chunk = ""
        for i in 0 ..< 2000 {
            chunk +=
                #"{"OrderCode":"K\#(i)","Status":"25","Time":"2026-03-05T10:00:00+07:00","Mailman":"Nguyễn Văn Bình","DelayNotes":"\#(String(repeating: "x", count: 200))"}"#
                + "\n"
        }
        let data = Data(chunk.utf8)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for _ in 0 ..< 200 { h.write(data) }
        try h.close()
        return path
    }

    @Test func aRunKilledMidwayLeavesThePreviousReportsAndTheNextRunCleansUp() throws {
        let (out, snapshot) = try previousReports()
        let big = try bigInput()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: shipkpiBinary)
        p.arguments = ["report", big, "--out", out, "--threads", "1", "-q", "--as-of", "2026-04-01"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Kill it once it has started writing (rejects.ndjson's temporary exists), or after 3 s.
        var waited = 0
        while waited < 300, (try temporaries(out)).isEmpty, p.isRunning {
            usleep(10_000)
            waited += 1
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "the run finished before it could be killed")
        try assertUnchanged(out, snapshot, "after SIGKILL")
        // The next run removes what the killed one left behind, and the dead run's lock does not block.
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "-q"])
        #expect(r.status == 0)
        #expect(try temporaries(out).isEmpty)
        try assertUnchanged(out, snapshot.filter { $0.key != "run.json" && $0.key != "run-timings.json" }, "after the rerun")
    }

    @Test func aFullDiskIs74AndKeepsThePreviousReports() throws {
        let (out, snapshot) = try previousReports()
        // A file-size limit of 64 KiB: the report's larger files cannot be written (EFBIG).
        let script = "ulimit -f 64; exec \"$0\" \"$@\""
        let r = try runProcess("/bin/bash", ["-c", script, shipkpiBinary, "report"] + sampleArguments + ["--out", out, "--format", "xml", "csv", "html"])
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write") || r.stderr.contains("File too large"), "\(r.stderr)")
        try assertUnchanged(out, snapshot, "after a full disk")
        #expect(try temporaries(out).isEmpty)
    }

    @Test func anUnwritableOutputDirectoryIs74() throws {
        let (out, snapshot) = try previousReports()
        if getuid() == 0 {
            // root ignores permissions: run as nobody against a directory only root may write.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out)
            let r = try runProcess(
                "/usr/bin/setpriv",
                ["--reuid=65534", "--regid=65534", "--clear-groups", shipkpiBinary, "report"]
                    + sampleArguments + ["--out", out])
            #expect(r.status == 74, "\(r.stderr)")
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out) }
            let r = try shipkpi(["report"] + sampleArguments + ["--out", out])
            #expect(r.status == 74, "\(r.stderr)")
        }
        try assertUnchanged(out, snapshot, "after an unwritable directory")
    }
}
