import Foundation
import ShipKPITestSupport
import Testing

/// The JSON shim decodes small documents through simdjson's DOM and falls back to its On-Demand
/// walk for the rest (SHIPKPI_JSON_EXACT=1 forces the walk for everything). Both paths must
/// decide every document alike: these runs compare every output byte of the two.
@Suite struct JSONFastPathTests {
    /// Documents where the two paths differ in what they see: number forms DOM cannot keep
    /// (`-0`, fractions, exponents, beyond 64 bits), escapes in keys and values, surrogates,
    /// non-object roots, trailing content, nesting at and around the depth limit, and a document
    /// over the DOM size limit.
    static let edgeLines: [String] = {
        func nest(_ open: String, _ close: String, _ n: Int, _ inner: String = "") -> String {
            String(repeating: open, count: n) + inner + String(repeating: close, count: n)
        }
        var lines = [
            #"{"OrderCode":"N1","Status":-0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N2","Status":25,"Time":"2026-03-05 10:00:00","RequestFeedbackCount":-0}"#,
            #"{"OrderCode":"N3","Status":25.0,"Time":"2026-03-05 10:00:00"}"#,
            #"{"OrderCode":"N3b","Status":2.5e1}"#,
            #"{"OrderCode":"N3c","Status":1E400}"#,
            #"{"OrderCode":"N4","Status":25,"RequestFeedbackCount":18446744073709551615}"#,
            #"{"OrderCode":"N4b","Status":25,"RequestFeedbackCount":99999999999999999999}"#,
            #"{"OrderCode":"N4c","Status":25,"RequestFeedbackCount":-9223372036854775808}"#,
            #"{"OrderInfo":{"OrderCode":"C1","ServiceTypeID":"DE","CODAmount":0}}"#,
            #"{"OrderInfo":{"OrderCode":"C2","ServiceTypeID":"DE","CODAmount":-0}}"#,
            #"{"OrderInfo":{"OrderCode":"C3","ServiceTypeID":"DE","CODAmount":0.0}}"#,
            #"{"OrderInfo":{"OrderCode":"C4","ServiceTypeID":"DE","CODAmount":5e5}}"#,
            #"{"OrderInfo":{"OrderCode":"C5","ServiceTypeID":"DE","CODAmount":12345678901234567890}}"#,
            #"{"OrderInfo":{"OrderCode":"C6","ServiceTypeID":"DE","CODAmount":-1,"Quantity":-0}}"#,
            #"{"OrderCode":"N\u00e9\ud83d\ude00","Status":"25"}"#,
            #"{"OrderCode":"N\ud800","Status":"25"}"#,
            "[1,2]", #""x""#, "42", "null", "true", "{}",
            #"{"OrderCode":"N5","Status":"25"} {"a":1}"#,
            #"{"OrderCode":"N5b","Status":"25"} x"#,
            #"{ "OrderCode" : "N6" , "Status" : -0 }"#,
            #"{"Order\u0043ode":"N7","Status":"25"}"#,
            #"{"OrderCode":"N8","Status":"25","St\u0061tus":"30"}"#,
            #"{"guide":{"currentStatus":{"status":2,"status":3},"guideNumber":"G"}}"#,
            #"{"value":-0,"statusObj":{"id":-0,"code":"X"},"dateTime":"2026-03-05 10:00:00","guide":"G9"}"#,
            #"{"receivedAt":"2026-03-05T10:00:00Z","payload":{"OrderCode":"E1","Status":-0}}"#,
            #"{"OrderCode":"N9","Status":"25","x":-0.0e-0,"y":[[],[[]],{}]}"#,
            #"{"OrderCode":"N10","Status":true}"#,
            #"{"OrderCode":"N11","Status":"25","DelayCode":-0}"#,
            #"{"OrderCode":"N12","Status":"25",}"#,
            #"{"OrderCode":"N14","Status":"25","RealWeight":1.0000000000000000000001}"#,
        ]
        for n in [61, 62, 63, 64] {
            lines.append(#"{"OrderCode":"D\#(n)","Status":"25","x":"# + nest("[", "]", n) + "}")
            lines.append(#"{"OrderCode":"O\#(n)","Status":"25","x":"# + nest(#"{"a":"#, "}", n, "1") + "}")
            lines.append(#"{"OrderCode":"P\#(n)","Status":"25","x":"# + nest("[", "]", n, "1") + "}")
        }
        // Over the DOM size limit (1 MiB): the walk decides both times.
        lines.append(#"{"OrderCode":"B1","Status":-0,"x":[[],"# + String(repeating: "7,", count: 700_000) + "8]}")
        return lines
    }()

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
                #expect(String(decoding: x, as: UTF8.self).replacingOccurrences(of: a, with: "<out>")
                    == String(decoding: y, as: UTF8.self).replacingOccurrences(of: b, with: "<out>"), "run.json")
            } else {
                #expect(x == y, "\(file) differs between the DOM and the On-Demand path")
            }
        }
    }

    @Test func edgeDocumentsDecodeAlikeOnBothPaths() throws {
        let dir = try temporaryDirectory()
        try Data(Self.edgeLines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/edge.ndjson"))
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
        let (c, d) = try runBoth(["normalize", "samples", "--status-map", "samples/status-map.csv",
                                  "--as-of", "2026-04-01T00:00:00Z", "--include-pii"])
        try expectSameFiles(c, d, ["events.csv", "rejects.ndjson"])
        #expect(try csvRows(c + "/events.csv").count > 100)
    }

    @Test func generatedExportsDecodeAlikeOnBothPaths() throws {
        let data = try temporaryDirectory()
        let g = try shipkpi(["generate", "--orders", "400", "--seed", "11", "--out", data, "-q"])
        try #require(g.status == 0, "generate: \(g.stderr)")
        let (a, b) = try runBoth(["report", data, "--status-map", data + "/status-map.csv",
                                  "--remittance", data + "/247express-remittance.csv", "--as-of", "2026-04-01T00:00:00Z"])
        try expectSameFiles(a, b, reportFiles)
    }
}
