import Foundation
import ShipKPICore
import ShipKPIDigest
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// Chunked reading, gzip, line numbering across chunks and determinism across thread counts.
@Suite struct PipelineTests {
    /// Runs the pipeline and returns (accepted order codes with absolute lines, rejects).
    func run(
        _ files: [InputFile], threads: Int, chunkSize: Int, maxLineBytes: Int = 1 << 20, hash: HashAlgorithm = .xxh3
    )
        throws -> (events: [String], rejects: [String], reports: [InputReport])
    {
        var options = testOptions()
        options.hash = hash
        let pipeline = Pipeline(inputs: files, options: options, threads: threads, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
        var numbering = LineNumbering()
        var events: [String] = []
        var rejects: [String] = []
        let reports = try pipeline.run { unit, batch in
            numbering.resolve(unit, in: &batch)
            events += batch.events.map { "\($0.position.input):\($0.line):\(batch.text($0.orderCode))" }
            rejects += batch.rejects.map { "\($0.source.file):\($0.source.line):\($0.reason.rawValue)" }
        }
        return (events, rejects, reports)
    }

    func write(_ dir: String, _ name: String, _ bytes: [UInt8]) throws -> InputFile {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (format, gz) = InputFile.classify(name)!
        return InputFile(path: path, format: format, gzip: gz)
    }

    func lines(_ n: Int, prefix: String = "A") -> [UInt8] {
        var s = ""
        for i in 1 ... n { s += #"{"OrderCode":"\#(prefix)\#(i)","Status":"25","Time":"2026-03-01T08:00:00Z"}"# + "\n" }
        return Array(s.utf8)
    }

    @Test func lineNumbersSurviveChunkBoundariesAndThreads() throws {
        let dir = try temporaryDirectory()
        var bytes = lines(300)
        bytes += Array("{broken\n".utf8)  // line 301
        bytes += lines(5, prefix: "B")
        let f = try write(dir, "a.ndjson", bytes)
        let g = try write(dir, "b.jsonl", Array("\u{FEFF}\r\n".utf8) + lines(2, prefix: "C").map { $0 == 0x0A ? 0x0A : $0 })
        let reference = try run([f, g], threads: 1, chunkSize: 1 << 20)
        #expect(reference.events.count == 307)
        #expect(reference.events[299] == "0:300:A300")
        #expect(reference.events[300] == "0:302:B1")
        #expect(reference.events[305] == "1:2:C1")  // BOM + CRLF blank line is line 1
        #expect(reference.rejects == ["0:301:invalid_json"])
        for (threads, chunk) in [(1, 97), (2, 97), (2, 4096), (3, 333)] {
            let other = try run([f, g], threads: threads, chunkSize: chunk)
            #expect(other.events == reference.events, "threads \(threads), chunk \(chunk)")
            #expect(other.rejects == reference.rejects)
        }
    }

    /// Lines many chunks long grow in one buffer (moved a few times, not copied out and back per
    /// chunk) and its buffers are reused for the next long line: whatever the chunk size and the
    /// threads, every line is read whole and numbered right.
    @Test func longLinesSpanningManyChunksAreReadWhole() throws {
        let dir = try temporaryDirectory()
        func long(_ code: String, _ n: Int) -> [UInt8] {
            Array((#"{"OrderCode":"\#(code)","Status":"25","Time":"2026-03-01T08:00:00Z","Note":""# + String(repeating: "x", count: n) + "\"}\n").utf8)
        }
        var bytes = lines(3)
        for (i, n) in [5000, 20000, 300, 12000, 7000].enumerated() { bytes += long("L\(i)", n) + lines(2, prefix: "S\(i)-") }
        bytes += long("END", 9000)  // the last line, read to the end of the input
        let f = try write(dir, "a.ndjson", bytes)
        let reference = try run([f], threads: 1, chunkSize: 1 << 20)
        #expect(reference.events.count == 3 + 5 * 3 + 1)
        #expect(reference.events[3] == "0:4:L0" && reference.events[6] == "0:7:L1" && reference.events.last == "0:19:END")
        #expect(reference.rejects.isEmpty)
        for (threads, chunk) in [(1, 97), (2, 97), (2, 1000), (3, 4096)] {
            let other = try run([f], threads: threads, chunkSize: chunk)
            #expect(other.events == reference.events, "threads \(threads), chunk \(chunk)")
            #expect(other.rejects.isEmpty, "threads \(threads), chunk \(chunk): \(other.rejects)")
        }
    }

    @Test func anOversizedLineIsSkippedUnreadAndCounted() throws {
        let dir = try temporaryDirectory()
        let long = Array((#"{"OrderCode":"X","Status":"25","POD":""# + String(repeating: "9", count: 5000) + "\"}\n").utf8)
        let f = try write(dir, "a.ndjson", lines(2) + long + lines(2, prefix: "B"))
        for chunk in [64, 1000, 1 << 20] {
            let r = try run([f], threads: 2, chunkSize: chunk, maxLineBytes: 2048)
            #expect(r.events == ["0:1:A1", "0:2:A2", "0:4:B1", "0:5:B2"], "chunk \(chunk)")
            #expect(r.rejects == ["0:3:line_too_long"], "chunk \(chunk)")
        }
    }

    @Test func gzipInputConcatenatedMembersAndCorruption() throws {
        let dir = try temporaryDirectory()
        let plain = lines(50)
        let gz = try gzip(plain)
        // Two members back to back are one stream.
        let f = try write(dir, "a.ndjson.gz", gz + (try gzip(lines(1, prefix: "Z"))))
        let r = try run([f], threads: 2, chunkSize: 256)
        #expect(r.events.count == 51 && r.events.last == "0:51:Z1")
        #expect(r.rejects.isEmpty)
        #expect(r.reports[0].bytes == Int64(gz.count + (try gzip(lines(1, prefix: "Z"))).count))
        // A damaged stream keeps what decompressed cleanly and adds one corrupt_gzip reject.
        var damaged = gz
        damaged.removeLast(gz.count / 3)
        let c = try write(dir, "b.ndjson.gz", damaged)
        let d = try run([c], threads: 1, chunkSize: 1 << 20)
        #expect(d.rejects.count == 1 && d.rejects[0].hasSuffix(":corrupt_gzip"))
        #expect(d.events.count > 0 && d.events.count < 50)
        // Not gzip at all.
        let e = try write(dir, "c.ndjson.gz", Array("hello".utf8))
        #expect(try run([e], threads: 1, chunkSize: 1024).rejects.map { $0.hasSuffix("corrupt_gzip") } == [true])
    }

    /// Each input's digest, in the run's algorithm, of its raw bytes (compressed ones for gzip).
    @Test(arguments: [
        (HashAlgorithm.xxh3, "06b05ab6733a618578af5f94892f3950"),  // XXH3-128("abc"), as `xxhsum -H2` prints it
        (HashAlgorithm.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),  // FIPS 180-2
    ])
    func theDigestOfEachInputIsRecorded(hash: HashAlgorithm, abc: String) throws {
        let dir = try temporaryDirectory()
        let f = try write(dir, "a.ndjson", Array("abc".utf8))
        let r = try run([f], threads: 1, chunkSize: 1024, hash: hash)
        #expect(r.reports[0].digest == abc)
        #expect(r.reports[0].bytes == 3)
        let gz = try gzip(Array("abc".utf8))
        let g = try write(dir, "b.ndjson.gz", gz)
        let digest = try ContentDigest(hash)
        gz.withUnsafeBytes { digest.update($0) }
        #expect(try run([g], threads: 1, chunkSize: 1024, hash: hash).reports[0].digest == digest.hexDigest())
    }

    @Test func directoriesAreReadRecursivelyInCodePointOrder() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        for name in ["b.ndjson", "a.JSON", "sub/c.jsonl.gz", "Z.ndjson", "notes.txt", "é.json", "sub/x.csv"] {
            try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        let found = try InputDiscovery.expand([dir]).map { String($0.path.dropFirst(dir.count + 1)) }
        #expect(found == ["Z.ndjson", "a.JSON", "b.ndjson", "sub/c.jsonl.gz", "é.json"])
        #expect(throws: ShipKPIError.self) { try InputDiscovery.expand([dir + "/missing"]) }
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(data)
    }
}
