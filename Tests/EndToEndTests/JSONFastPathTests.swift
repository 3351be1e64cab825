import Foundation
import ShipKPITestSupport
import Testing

/// The JSON shim decodes small documents through simdjson's DOM and falls back to its On-Demand
/// walk for the rest (SHIPKPI_JSON_EXACT=1 forces the walk for everything). Both paths must
/// decide every document alike: these runs compare every output byte of the two.
@Suite struct JSONFastPathTests {
    /// Runs `arguments` plus `--out` (a directory, or `events.csv` inside it for `normalize`) on
    /// both paths; returns the two output directories.
    func runBoth(_ arguments: [String]) throws -> (String, String) {
        var exact = ProcessInfo.processInfo.environment
        exact["SHIPKPI_JSON_EXACT"] = "1"
        var fast = ProcessInfo.processInfo.environment
        fast["SHIPKPI_JSON_EXACT"] = nil
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        let file = arguments.first == "normalize" ? "/events.csv" : ""
        let ra = try shipkpi(arguments + ["--out", a + file, "-q"], environment: fast)
        let rb = try shipkpi(arguments + ["--out", b + file, "-q"], environment: exact)
        #expect(ra.status == rb.status && ra.stderr == rb.stderr, "exit \(ra.status) vs \(rb.status)")
        return (a, b)
    }

    func expectSameFiles(_ a: String, _ b: String, _ files: [String]) throws {
        for file in files {
            let x = try read(a + "/" + file), y = try read(b + "/" + file)
            if file == "run.json" {
                #expect(
                    String(decoding: x, as: UTF8.self).replacingOccurrences(of: a, with: "<out>")
                        == String(decoding: y, as: UTF8.self).replacingOccurrences(of: b, with: "<out>"), "run.json")
            } else {
                #expect(x == y, "\(file) differs between the DOM and the On-Demand path")
            }
        }
    }

    @Test func edgeDocumentsDecodeAlikeOnBothPaths() throws {
        let dir = try temporaryDirectory()
        try Data(JSONEdgeLines.lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/edge.ndjson"))
        let (a, b) = try runBoth(["report", dir, "--as-of", "2026-04-01T00:00:00Z", "--include-pii"])
        try expectSameFiles(a, b, reportFiles)
        // The run saw both paths' kinds of outcome: accepted documents and several reject reasons.
        let rejects = try readText(a + "/rejects.ndjson")
        for reason in ["invalid_json", "duplicate_key", "unknown_shape", "too_deep"] {
            #expect(rejects.contains("\"\(reason)\""), "no \(reason) reject")
        }
        let orders = try csvRows(a + "/orders.csv").map { $0[1] }
        for code in ["N1", "N7", "D63", "O63", "P63", "B1"] { #expect(orders.contains(code), "\(code) was not accepted") }
        for code in ["D64", "O64", "P64", "N8"] { #expect(!orders.contains(code), "\(code) should be a reject") }
    }

    @Test func samplesDecodeAlikeOnBothPaths() throws {
        let (a, b) = try runBoth(["report"] + sampleArguments + ["--include-pii"])
        try expectSameFiles(a, b, reportFiles)
        let (c, d) = try runBoth([
            "normalize", "samples", "--status-map", "samples/status-map.csv",
            "--as-of", "2026-04-01T00:00:00Z", "--include-pii",
        ])
        try expectSameFiles(c, d, ["events.csv", "rejects.ndjson"])
        #expect(try csvRows(c + "/events.csv").count > 100)
    }

    @Test func generatedExportsDecodeAlikeOnBothPaths() throws {
        let data = try temporaryDirectory()
        let g = try shipkpi(["generate", "--orders", "400", "--seed", "11", "--out", data, "-q"])
        try #require(g.status == 0, "generate: \(g.stderr)")
        let (a, b) = try runBoth([
            "report", data, "--status-map", data + "/status-map.csv",
            "--remittance", data + "/247express-remittance.csv", "--as-of", "2026-04-01T00:00:00Z",
        ])
        try expectSameFiles(a, b, reportFiles)
    }
}
