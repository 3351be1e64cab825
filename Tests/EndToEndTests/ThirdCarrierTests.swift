import Foundation
import Logging
import ShipKPICore
import ShipKPIIO
import ShipKPITestSupport
import ShipKPIXML
import Testing

/// A third carrier, defined in this test target only (``ParrotPost``), goes through `report`
/// end to end beside the shipped two: recognised by its own shape, dated in its own zone, mapped
/// by its own codes, counted under its own record kind, and present in every output that lists
/// carriers — summary, daily, reasons, orders, the XML (valid against the XSD written with it),
/// run.json, the HTML page and the config file's sections.
@Suite struct ThirdCarrierTests {
    static let lines = [
        // ParrotPost: PP-1 failed once (reason R1, from its shipped map), then delivered;
        // PP-2 in transit; PP-3 returned; one scan without a code.
        #"{"shipment":"PP-1","scan":{"code":"PU","at":"2026-03-03 09:00:00"}}"#,
        #"{"shipment":"PP-1","scan":{"code":"NH","at":"2026-03-04 18:30:00"},"cause":"R1"}"#,
        #"{"shipment":"PP-1","scan":{"code":"DL","at":"2026-03-05 14:20:00"}}"#,
        #"{"shipment":"PP-2","scan":{"code":"TR","at":"2026-03-05 21:10:00"}}"#,
        #"{"shipment":"PP-3","scan":{"code":"PU","at":"2026-03-02 08:00:00"}}"#,
        #"{"shipment":"PP-3","scan":{"code":"RT","at":"2026-03-09 10:00:00"}}"#,
        #"{"shipment":"PP-4","scan":{"at":"2026-03-09 10:00:00"}}"#,
        // The shipped carriers, beside it.
        #"{"OrderCode":"V1","Status":30,"Time":"2026-03-05 10:00:00"}"#,
        #"{"guide":{"guideNumber":"H1","currentStatus":{"status":2,"date":"05/03/2026 10:00:00"}}}"#,
    ]

    func run() throws -> String {
        let dir = try temporaryDirectory()
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: dir + "/exports.ndjson", atomically: true, encoding: .utf8)
        var config = RunConfiguration(
            registry: ParrotPost.registry, inputs: [dir + "/exports.ndjson"], asOf: testAsOf,
            asOfText: "2026-04-01T00:00:00Z")
        config.outDir = dir + "/out"
        config.threads = 2
        let outcome = try Runner(config: config, logger: Logger(label: "test")).report()
        #expect(outcome.exitCode == 0)
        return config.outDir
    }

    @Test func aCarrierDefinedInTheTestsIsReportedLikeTheShippedOnes() throws {
        let out = try run()
        let summary = try csvRows(out + "/summary.csv")
        #expect(summary.dropFirst().map { $0[0] } == ["247express", "houndexpress", "parrotpost", "ALL"])
        let header = summary[0]
        let parrot = try #require(summary.first { $0[0] == "parrotpost" })
        func column(_ name: String) throws -> String { parrot[try #require(header.firstIndex(of: name))] }
        #expect(try column("orders") == "3")
        #expect(try column("delivered") == "1")
        #expect(try column("returned") == "1")
        #expect(try column("failed_attempts") == "1")

        // Lima is UTC−5: the failed attempt at 18:30 local stays on 2026-03-04.
        let daily = try csvRows(out + "/daily.csv").filter { $0[0] == "parrotpost" }
        #expect(daily.map { $0[1] } == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-09"])

        let reasons = try csvRows(out + "/reasons.csv").filter { $0[0] == "parrotpost" }
        #expect(reasons.map { Array($0[1 ... 4]) } == [["R1", "customer not home", "RECIPIENT_UNAVAILABLE", "recipient"]])

        let orders = try csvRows(out + "/orders.csv").filter { $0[0] == "parrotpost" }
        #expect(orders.map { $0[1] } == ["PP-1", "PP-2", "PP-3"])
        // It reports no feedback requests: the column is empty, as for HoundExpress.
        let feedbackColumn = try #require(try csvRows(out + "/orders.csv")[0].firstIndex(of: "feedback_requests"))
        #expect(orders.allSatisfy { $0[feedbackColumn] == "" })

        let rejects = try readText(out + "/rejects.ndjson")
        #expect(rejects.contains("\"missing_status\"") && rejects.contains("scan.code is missing"))
    }

    @Test func itsXMLIsValidAgainstTheSchemaThatNamesIt() throws {
        let out = try run()
        let xsd = try readText(out + "/report.xsd")
        #expect(xsd.contains(#"<xs:enumeration value="parrotpost"/>"#))
        #expect(try XMLCheck.validate(file: out + "/report.xml", xsd: xsd) == [])
        #expect(try readText(out + "/report.xml").contains(#"<kind name="parrotpost_scan" count="7"/>"#))
    }

    @Test func runJSONAndThePageKnowIt() throws {
        let out = try run()
        let run = try readText(out + "/run.json")
        #expect(run.contains(#""parrotpost": "America/Lima""#))
        #expect(run.contains(#""parrotpost": "PEN""#))
        #expect(run.contains(#""parrotpost_scan": 7"#))
        let html = try readText(out + "/report.html")
        #expect(html.contains("--cparrot: #009E73"))
        #expect(html.contains("chip chip-parrotpost"))
        let elements = try XMLCheck.parseHTML(Array(html.utf8))
        // Its marker: a diamond (a polygon) in its colour.
        #expect(elements.contains { $0.name == "polygon" && $0.attributes["fill"] == "#009E73" })
    }

    @Test func theConfigFileAndStatusMapsTakeItsId() throws {
        let text = "[parrotpost]\nzone = UTC\ncurrency = USD\n"
        let config = try ConfigFile.parse(text, name: "c.ini", registry: ParrotPost.registry)
        let parrot = try #require(ParrotPost.registry.carrier(id: "parrotpost"))
        #expect(config.zones[parrot] == "UTC")
        #expect(config.currencies[parrot] == "USD")
        #expect(throws: ShipKPIError.self) { try ConfigFile.parse(text, name: "c.ini", registry: .standard) }
        let rows = try StatusMapLoader.parse(
            Array("kind,carrier,code,canonical,name,label,category,party\nstatus,parrotpost,XX,LOST,,,,\n".utf8), name: "m.csv",
            registry: ParrotPost.registry)
        #expect(rows.first?.carrier == parrot)
    }
}
