import Foundation
import ShipKPITestSupport
import Testing

/// The stage commands run one after the other as a distributed run would (a driver here, Spark in
/// spark/test_spark.py): every report file equals `shipkpi report`'s, whatever the split size and
/// the number of order-key ranges; a damaged stage file is refused.
@Suite struct StageCommandTests {
    /// Runs plan → map (every split) → bounds → partition → fold (every range) → merge in `work`.
    func runStages(_ args: [String], partitions: Int, splitBytes: Int, work: String, out: String) throws -> RunResult {
        let plan = work + "/plan.json"
        try #require(try shipkpi(["plan"] + args + ["--split-bytes", String(splitBytes), "--plan-out", plan]).status == 0)
        let planJSON = try JSONSerialization.jsonObject(with: Data(read(plan))) as? [String: Any] ?? [:]
        let asOf = planJSON["asOf"] as? String ?? ""
        let splits = (planJSON["splits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        var metas: [String] = []
        for split in splits {
            let meta = work + String(format: "/map-%05d.meta", split)
            let r = try shipkpi(
                ["map"] + args + [
                    "--plan", plan, "--split", String(split), "--meta-out", meta,
                    "--records-out", work + "/records-\(split)",
                ])
            try #require(r.status == 0, "\(r.stderr)")
            metas.append(meta)
        }
        try #require(try shipkpi(["bounds", "--partitions", String(partitions), "--out", work + "/bounds"] + metas).status == 0)
        var inputs = [[UInt8]](repeating: [], count: partitions)
        for split in splits {
            try #require(
                try shipkpi([
                    "partition", "--bounds", work + "/bounds", "--in", work + "/records-\(split)",
                    "--out", work + "/parts-\(split)",
                ]).status == 0)
            // Frames: range index (u32), length (u64), a stage file; ranges get their files in split order.
            let bytes = try read(work + "/parts-\(split)")
            var at = 0
            while at < bytes.count {
                let p = bytes[at ..< at + 4].withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
                let n = bytes[at + 4 ..< at + 12].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
                inputs[p] += bytes[at + 12 ..< at + 12 + n]
                at += 12 + n
            }
        }
        for p in 0 ..< partitions {
            try Data(inputs[p]).write(to: URL(fileURLWithPath: work + "/in-\(p)"))
            let r = try shipkpi(
                ["fold"] + args + [
                    "--as-of", asOf, "--plan", plan, "--in", work + "/in-\(p)",
                    "--fold-out", work + String(format: "/fold-%05d.result", p),
                ])
            try #require(r.status == 0, "\(r.stderr)")
        }
        return try shipkpi(
            ["merge"] + args + [
                "--as-of", asOf, "--plan", plan, "--work", work, "--out", out, "-q",
                "--partitions", String(partitions),
            ])
    }

    func reportFiles(_ dir: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") && !name.hasPrefix("run") {
            files[name] = try read(dir + "/" + name)
        }
        return files
    }

    @Test(arguments: [(1, 1 << 20), (3, 3000), (5, 1024)])
    func stagesWriteTheReportOfOneProcess(_ partitions: Int, _ splitBytes: Int) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/work", withIntermediateDirectories: true)
        let reference = dir + "/reference"
        #expect(try shipkpi(["report"] + sampleArguments + ["--out", reference, "-q"]).status == 0)
        let r = try runStages(sampleArguments, partitions: partitions, splitBytes: splitBytes, work: dir + "/work", out: dir + "/out")
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try reportFiles(reference), got = try reportFiles(dir + "/out")
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (name, bytes) in expected { #expect(got[name] == bytes, "\(name) differs (\(partitions) ranges, \(splitBytes)-byte splits)") }
        // run.json names the engine; an input read in several byte ranges lists each range's digest.
        let run = try JSONSerialization.jsonObject(with: Data(read(dir + "/out/run.json"))) as? [String: Any] ?? [:]
        #expect((run["engine"] as? [String: Any])?["partitions"] as? Int == partitions)
        let inputs = run["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.contains { ($0["xxh3_128_of_ranges"] as? [String])?.count ?? 0 > 1 } == (splitBytes < 4000))
    }

    /// A task that Spark retries writes the same bytes: every stage run twice on the same inputs
    /// (plan, each split's map, bounds, partition, each range's fold) writes byte-identical files,
    /// though each process hashes with its own seed (nothing is written in hash order).
    @Test func stagesRunTwiceWriteTheSameBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for run in ["first", "second"] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(run)", withIntermediateDirectories: true)
            let r = try runStages(sampleArguments, partitions: 3, splitBytes: 3000, work: "\(dir)/\(run)", out: "\(dir)/out-\(run)")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/first").sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/second").sorted() == names)
        for stage in ["plan.json", "map-", "bounds", "parts-", "fold-"] { #expect(names.contains { $0.hasPrefix(stage) }, "no \(stage) file") }
        for name in names {
            #expect(try read("\(dir)/first/\(name)") == read("\(dir)/second/\(name)"), "\(name) differs between two runs")
        }
    }

    /// Digests of one algorithm are never recorded under another's name: a merge given another
    /// --hash than the map tasks stops with a usage error.
    @Test func aMergeWithAnotherHashThanItsMapsIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/work", withIntermediateDirectories: true)
        #expect(try runStages(sampleArguments, partitions: 2, splitBytes: 1 << 20, work: dir + "/work", out: dir + "/out").status == 0)
        let asOf = (try JSONSerialization.jsonObject(with: Data(read(dir + "/work/plan.json"))) as? [String: Any])?["asOf"] as? String ?? ""
        let r = try shipkpi(
            ["merge"] + sampleArguments + [
                "--as-of", asOf, "--plan", dir + "/work/plan.json", "--work", dir + "/work", "--out", dir + "/out2", "-q",
                "--partitions", "2", "--hash", "sha256",
            ])
        #expect(r.status == 64 && r.stderr.contains("was mapped with --hash xxh3-128, this merge has --hash sha256"), "\(r.stderr)")
    }

    @Test func aDamagedStageFileIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = dir + "/plan.json"
        #expect(try shipkpi(["plan"] + sampleArguments + ["--plan-out", plan]).status == 0)
        #expect(try shipkpi(["map", "--plan", plan, "--split", "3", "--meta-out", dir + "/m", "--records-out", dir + "/r"]).status == 0)
        let good = try read(dir + "/r")
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        var otherVersion = good
        otherVersion[8] = 99
        for (bytes, why) in [
            (Array(good.prefix(good.count - 5)), "truncated"), (flipped, "checksum mismatch"),
            (otherVersion, "another format version"), (Array("not a stage file".utf8), "not a shipkpi stage file"),
        ] {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/bad"))
            let r = try shipkpi(["fold", "--plan", plan, "--as-of", "2026-04-01", "--in", dir + "/bad", "--fold-out", dir + "/f"])
            #expect(r.status == 65, "\(why): \(r.stderr)")
            #expect(r.stderr.contains(why), "\(r.stderr)")
        }
    }

    /// A damaged fold result stops the merge with the fold's exit code (65, not an internal
    /// error); the previous reports stay, and run.json, kept aside, records that exit code.
    @Test func aDamagedFoldResultStopsTheMerge() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let work = dir + "/work", out = dir + "/out"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        #expect(try runStages(sampleArguments, partitions: 1, splitBytes: 1 << 20, work: work, out: out).status == 0)
        let summary = try read(out + "/summary.csv")
        var fold = try read(work + "/fold-00000.result")
        fold[fold.count / 2] ^= 0x40
        try Data(fold).write(to: URL(fileURLWithPath: work + "/fold-00000.result"))
        let r = try shipkpi(["merge"] + sampleArguments + ["--plan", work + "/plan.json", "--work", work, "--out", out])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("a stage file is") && r.stderr.contains("checksum mismatch"), "\(r.stderr)")
        #expect(try read(out + "/summary.csv") == summary)
        let run = try JSONSerialization.jsonObject(with: Data(read(out + "/.failed/run.json"))) as? [String: Any] ?? [:]
        #expect(run["status"] as? String == "error" && run["exit_code"] as? Int == 65, "\(run)")
    }
}
