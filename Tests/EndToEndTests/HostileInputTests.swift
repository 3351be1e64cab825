import Foundation
import ShipKPIIO
import ShipKPIXML
import ShipKPITestSupport
import Testing

/// SPEC §8–§9 under attack: a hostile corpus generated here (nothing large is committed). For each
/// case: the exit code, the rejects, and that every output stays well-formed and valid.
@Suite struct HostileInputTests {
    static let xss = #"<script>alert(1)</script>"#
    static let forbidden = "\\u0001\\u0008\\u000B\\u001F\\uFFFE\\uFFFF"  // JSON escapes of XML-forbidden characters

    /// A 247Express event line.
    static func event(_ order: String, _ status: String = "25", time: String = "2026-03-05T10:00:00+07:00", extra: String = "") -> String {
        #"{"OrderCode":"\#(order)","Status":"\#(status)","Time":"\#(time)"\#(extra)}"#
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var files: [(String, [UInt8])]
        var rejects: [String]  // expected reject reasons, in order
        var extra: [String] = []
        var description: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [Case] = [
        Case(
            name: "the seed's invalid example",
            files: [
                (
                    "seed.json",
                    text(
                        """
                        {
                          "ApiKey": "EBD2E298-20AC-483F-80EC-B51CF8D79A2A",
                          "OrderCode": "HD000003",
                          "ReferenceCode":"HD000003"
                          "Status": "25"
                        }
                        """)
                )
            ], rejects: ["invalid_json"]),
        Case(
            name: "a truncated last line", files: [("a.ndjson", text(event("A1") + "\n" + #"{"OrderCode":"A2","Sta"#))],
            rejects: ["truncated"]),
        Case(
            name: "invalid UTF-8", files: [("a.ndjson", text(event("A1") + "\n") + [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A])],
            rejects: ["invalid_utf8"]),
        Case(
            name: "a raw NUL and raw control characters inside strings",
            files: [
                (
                    "a.ndjson",
                    text(#"{"OrderCode":"A"#) + [0x00] + text(#"","Status":"25"}"#) + [0x0A]
                        + text(#"{"OrderCode":"B","Status":"25","Mailman":"x"#) + [0x1B] + text(#""}"#) + [0x0A]
                )
            ],
            rejects: ["invalid_json", "invalid_json"]),
        Case(
            name: "XML-forbidden characters and NUL escaped in every text field",
            files: [
                (
                    "a.ndjson",
                    text(
                        event("A\\u0000\(forbidden)", extra: #","Mailman":"M\#(forbidden)","DelayCode":"D\#(forbidden)","DelayNotes":"N\#(forbidden)""#) + "\n"
                            + #"{"OrderInfo":{"OrderCode":"A\u0000\#(forbidden)","ServiceTypeID":"S\#(forbidden)","ReceiverProvinceName":"P\#(forbidden)","CODAmount":1}}"#
                            + "\n")
                )
            ],
            rejects: []),
        Case(
            name: "100,000-deep nesting",
            files: [
                (
                    "a.ndjson",
                    text(
                        #"{"OrderCode":"A","Status":"25","x":"# + String(repeating: "[", count: 100_000)
                            + String(repeating: "]", count: 100_000) + "}\n" + event("B") + "\n")
                )
            ],
            rejects: ["too_deep"]),
        Case(
            name: "a 20 MB line",
            files: [
                (
                    "a.ndjson",
                    text(
                        #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"1540834812603"},"POD":""#
                            + String(repeating: "QUJD", count: 5_000_000) + "\"}}\n")
                )
            ],
            rejects: []),
        Case(
            name: "a 20 MB line over --max-line-bytes",
            files: [("a.ndjson", text(event("A1") + "\n" + #"{"x":""# + String(repeating: "z", count: 20_000_000) + "\"}\n" + event("A2") + "\n"))],
            rejects: ["line_too_long"], extra: ["--max-line-bytes", "1048576"]),
        Case(
            name: "numbers as strings, 1e400, negative and non-numeric amounts",
            files: [
                (
                    "a.ndjson",
                    text(
                        event("A1", "1e400") + "\n" + #"{"OrderCode":"A1","Status":25,"RequestFeedbackCount":"2"}"# + "\n"
                            + #"{"OrderCode":"A1","ServiceTypeID":"DE","CODAmount":1e400,"InformFee":-5,"RealWeight":"abc","COPAmt":"1.500.000","Quantity":"1"}"#
                            + "\n"
                            + #"{"OrderCode":"A2","ServiceTypeID":"DE","CODAmount":"500000"}"# + "\n")
                )
            ],
            rejects: []),
        Case(
            name: "duplicate keys",
            files: [
                (
                    "a.ndjson",
                    text(
                        #"{"OrderCode":"A","Status":"25","Status":"30"}"# + "\n"
                            + #"{"guide":{"guideNumber":"G","guideNumber":"H","currentStatus":{"status":2}}}"# + "\n")
                )
            ],
            rejects: ["duplicate_key", "duplicate_key"]),
        Case(name: "empty files", files: [("a.ndjson", []), ("b.json", []), ("c.jsonl", text("\n\n  \n"))], rejects: []),
        Case(
            name: "a corrupt .gz", files: [("a.ndjson.gz", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xAB, 0xCD, 0xEF, 0x01, 0x02])],
            rejects: ["corrupt_gzip"]),
        Case(
            name: "Feb 30, far-past and far-future dates",
            files: [
                (
                    "a.ndjson",
                    text(
                        event("A1", time: "2026-02-30T10:00:00+07:00") + "\n" + event("A2", time: "0001-01-01T00:00:00Z") + "\n"
                            + event("A3", time: "9999-12-31T23:59:59.999-14:00") + "\n"
                            + #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"999999999999999"}}}"# + "\n"
                            + #"{"guide":{"guideNumber":"G2","currentStatus":{"status":2,"date":"-62135596800000"}}}"# + "\n")
                )
            ],
            rejects: []),
        Case(
            name: "XSS payloads in every text field and in a file name",
            files: [
                (
                    "<img src=x onerror=alert(1)>&amp;.ndjson",
                    text(
                        event(xss, xss, extra: #","Mailman":"\#(xss)","DelayCode":"\#(xss)","DelayNotes":"\#(xss)","StatusName":"\#(xss)""#) + "\n"
                            + #"{"OrderCode":"\#(xss)","ServiceTypeID":"\#(xss)","ReceiverProvinceName":"\#(xss)","CODAmount":100}"# + "\n"
                            + #"{"value":"\#(xss)","statusObj":{"id":"\#(xss)","code":"\#(xss)"},"dateTime":"\#(xss)"}"# + "\n")
                )
            ],
            rejects: []),
        Case(
            name: "spreadsheet-formula payloads",
            files: [
                (
                    "a.ndjson",
                    text(
                        ["=HYPERLINK(\\\"http://x\\\")", "+1", "-1", "@SUM(A1)", "\\tTAB", "\\rCR"].map {
                            event("A", "25", extra: #","Mailman":"\#($0)","TransactionId":"\#($0)x""#).replacingOccurrences(
                                of: #""OrderCode":"A""#, with: #""OrderCode":"\#($0)""#)
                        }.joined(separator: "\n") + "\n")
                )
            ],
            rejects: []),
    ]

    @Test(arguments: cases)
    func hostileInputIsRejectedOrAcceptedAndEveryOutputStaysValid(_ c: Case) throws {
        let dir = try temporaryDirectory()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for (name, bytes) in c.files { try Data(bytes).write(to: URL(fileURLWithPath: input + "/" + name)) }
        let out = dir + "/out"
        // --min-events 0: some corpora hold no usable event at all, and the point here is the rejects.
        let r = try shipkpi(["report", input, "--as-of", "2026-04-01T00:00:00Z", "--out", out, "-q", "--include-pii", "--min-events", "0"] + c.extra)
        #expect(r.status == 0, "\(c.name): exit \(r.status) \(r.stderr)")
        let rejects = try readText(out + "/rejects.ndjson").split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["reason"] as! String
        }
        #expect(rejects == c.rejects, "\(c.name)")
        // Every output is well-formed and valid.
        let xml = try read(out + "/report.xml")
        #expect(XMLCheck.wellFormedErrors(xml: xml).isEmpty, "\(c.name): report.xml not well-formed")
        #expect(try XMLCheck.validate(xml: xml, xsd: XMLReport.schema(CarrierRegistry.standard.carriers)).isEmpty, "\(c.name): report.xml invalid")
        let html = try read(out + "/report.html")
        let elements = try XMLCheck.parseHTML(html)
        #expect(!elements.contains { $0.name == "script" || $0.name == "img" }, "\(c.name): an injected element in report.html")
        #expect(!elements.contains { $0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } }, "\(c.name): an event handler")
        #expect(!String(decoding: html, as: UTF8.self).contains("<script>"), "\(c.name)")
        for file in reportFiles where file.hasSuffix(".csv") { _ = try csvRows(out + "/" + file) }
        for line in try readText(out + "/rejects.ndjson").split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(c.name): rejects.ndjson line is not JSON")
        }
        #expect((try? JSONSerialization.jsonObject(with: Data(try read(out + "/run.json")))) != nil)
        // The orders table escapes hostile order codes in XML attributes too.
        #expect(!String(decoding: xml, as: UTF8.self).contains("<script>"))
    }

    @Test func formulaCellsAreNeutralisedAndNumbersAreNot() throws {
        let dir = try temporaryDirectory()
        try Data(Self.cases.first { $0.name == "spreadsheet-formula payloads" }!.files[0].1).write(to: URL(fileURLWithPath: dir + "/a.ndjson"))
        let r = try shipkpi(["normalize", dir + "/a.ndjson", "--out", dir + "/e.csv", "--as-of", "2026-04-01", "-q"])
        #expect(r.status == 0)
        let rows = try csvRows(dir + "/e.csv")
        let codes = rows.dropFirst().map { $0[1] }
        // Input strings are trimmed (SPEC §1), so a leading TAB or CR never reaches a cell; the
        // writer's neutralisation of those is covered by CSVWriterTests.
        #expect(codes == ["'=HYPERLINK(\"http://x\")", "'+1", "'-1", "'@SUM(A1)", "TAB", "CR"])
        #expect(rows.dropFirst().prefix(4).allSatisfy { $0[15].hasPrefix("'") && $0[2].hasPrefix("'") })  // courier, event id
        let out = dir + "/r"
        #expect(try shipkpi(["report", dir + "/a.ndjson", "--out", out, "--as-of", "2026-04-01", "-q"]).status == 0)
        let orders = try csvRows(out + "/orders.csv")
        #expect(orders.dropFirst().filter { $0[1].hasPrefix("'") }.count == 4)
        #expect(orders.dropFirst().allSatisfy { Int($0[8]) != nil })  // numeric columns untouched
    }

    @Test func hostileValuesDoNotLeakAcrossCases() throws {
        // 1e400 and friends are findings, not silent roundings.
        let dir = try temporaryDirectory()
        try Data(Self.cases.first { $0.name.hasPrefix("numbers as strings") }!.files[0].1).write(to: URL(fileURLWithPath: dir + "/a.ndjson"))
        #expect(try shipkpi(["report", dir + "/a.ndjson", "--out", dir + "/r", "--as-of", "2026-04-01", "-q"]).status == 0)
        let checks = try csvRows(dir + "/r/order_checks.csv")
        let messages = checks.dropFirst().filter { $0[1] == "A1" }.map { "\($0[3]): \($0[4])" }
        #expect(messages.contains("CODAmount: CODAmount cannot be represented exactly"))
        #expect(messages.contains("InformFee: InformFee must not be negative"))
        #expect(messages.contains("RealWeight: RealWeight is not a number"))
        #expect(messages.contains("COPAmt: COPAmt is not a number"))
        let orders = try csvRows(dir + "/r/orders.csv")
        #expect(orders.dropFirst().first { $0[1] == "A1" }?[10] == "")  // no usable COD, never a rounded one
        let manifest = try JSONSerialization.jsonObject(with: Data(try read(dir + "/r/run.json"))) as! [String: Any]
        let unknown = (manifest["counts"] as! [String: Any])["unknown_status_codes"] as! [[String: Any]]
        #expect(unknown.contains { $0["code"] as? String == "1e400" })  // the raw code, kept as text
    }
}
