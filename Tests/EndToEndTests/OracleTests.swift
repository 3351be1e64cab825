import Foundation
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// Cross-checks shipkpi against Tests/oracle/oracle.py — an independent, deliberately plain Python
/// implementation of the SPEC written without reading shipkpi's sources. Agreement of two
/// independent readings is what makes the golden files trustworthy.
///
/// Known, documented interpretation differences (Tests/oracle/README.md, docs/DESIGN.md) are the
/// only exclusions: order-check messages are worded differently, and events.csv labels an unmapped
/// delay code with its first event's notes (shipkpi) vs each event's own notes (oracle).
@Suite(.serialized) struct OracleTests {
    static let python: String = {
        for p in ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return "/usr/bin/python3"
    }()

    func oracle(_ mode: String, _ arguments: [String]) throws -> RunResult {
        try runProcess(Self.python, [packageRoot + "/Tests/oracle/oracle.py", mode] + arguments)
    }

    /// Rows of a CSV file, keeping the first `columns` cells of each row.
    func table(_ path: String, columns: Int? = nil) throws -> [[String]] {
        try csvRows(path).map { row in columns.map { Array(row.prefix($0)) } ?? row }
    }

    @Test func oracleAgreesWithTheReports() throws {
        let ours = try temporaryDirectory(), theirs = try temporaryDirectory()
        let r = try shipkpi(["report"] + sampleArguments + ["--out", ours, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try oracle("report", sampleArguments + ["--out", theirs])
        try #require(o.status == 0, "oracle failed: \(o.stderr)")
        for file in [
            "summary.csv", "daily.csv", "reasons.csv", "feedback.csv", "orders.csv", "cod_reconciliation.csv",
            "breakdown_province.csv", "breakdown_service.csv", "breakdown_courier.csv",
        ] {
            let want = try table(theirs + "/" + file)
            let got = try table(ours + "/" + file, columns: want.first?.count)
            #expect(got == want, "\(file) differs from the oracle")
        }
        // Order checks: same findings (carrier, order, code, field); messages are worded differently.
        #expect(try table(ours + "/order_checks.csv", columns: 4) == table(theirs + "/order_checks.csv", columns: 4))
        // Rejects: same file, line and reason, in the same order.
        func rejects(_ dir: String) throws -> [String] {
            try readText(dir + "/rejects.ndjson").split(separator: "\n").map {
                let o = try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
                return "\(o["file"]!):\(o["line"]!):\(o["reason"]!)"
            }
        }
        #expect(try rejects(ours) == rejects(theirs))
    }

    @Test func oracleAgreesWithNormalize() throws {
        let dir = try temporaryDirectory()
        let args = ["samples", "--status-map", "samples/status-map.csv", "--as-of", "2026-04-01T00:00:00Z"]
        let r = try shipkpi(["normalize"] + args + ["--out", dir + "/ours.csv", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try oracle("normalize", args + ["--out", dir + "/theirs.csv"])
        try #require(o.status == 0, "oracle failed: \(o.stderr)")
        let ours = try table(dir + "/ours.csv"), theirs = try table(dir + "/theirs.csv")
        #expect(ours.count == theirs.count)
        let label = ours[0].firstIndex(of: "reason_label")!
        for (a, b) in zip(ours, theirs) {
            var a = a, b = b
            if a[label] != b[label] && a[ours[0].firstIndex(of: "reason_category")!] == "OTHER" { a[label] = ""; b[label] = "" }
            #expect(a == b)
        }
    }

    @Test(arguments: [
        ["--carrier", "houndexpress"], ["--from", "2026-03-10", "--to", "2026-03-20"], ["--tz", "UTC"],
        ["--as-of", "2026-03-15T12:00:00+07:00"],
    ])
    func oracleAgreesUnderFiltersAndZones(_ extra: [String]) throws {
        let ours = try temporaryDirectory(), theirs = try temporaryDirectory()
        var args = sampleArguments
        if extra.first == "--as-of" { args.removeLast(2) }
        #expect(try shipkpi(["report"] + args + extra + ["--out", ours, "-q"]).status == 0)
        try #require(try oracle("report", args + extra + ["--out", theirs]).status == 0)
        for file in ["summary.csv", "daily.csv", "reasons.csv", "orders.csv", "feedback.csv"] {
            let want = try table(theirs + "/" + file)
            #expect(try table(ours + "/" + file, columns: want.first?.count) == want, "\(file) with \(extra)")
        }
    }
}
