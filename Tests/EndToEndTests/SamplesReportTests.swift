import Foundation
import ShipKPIIO
import ShipKPIXML
import ShipKPITestSupport
import Testing

/// `shipkpi report` on the bundled samples, end to end through the built binary.
///
/// The golden files in Tests/EndToEndTests/Golden/samples were produced by the binary and then
/// checked against an independent Python implementation of the SPEC (Tests/oracle), which
/// `oracleAgreesWithTheReports` re-checks on every run; update them with
/// `Tests/EndToEndTests/update-golden.sh` and review the diff.
@Suite(.serialized) struct SamplesReportTests {
    static let golden = packageRoot + "/Tests/EndToEndTests/Golden/samples"

    func report(_ extra: [String] = []) throws -> String {
        let out = try temporaryDirectory()
        let r = try shipkpi(["report"] + sampleArguments + ["--out", out, "--no-progress"] + extra)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return out
    }

    @Test func writesEveryFileOfSpecSection7() throws {
        let out = try report()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        for file in reportFiles { #expect(names.contains(file), "missing \(file)") }
        #expect(!names.contains { $0.hasPrefix(".shipkpi-tmp") }, "temporary files left: \(names)")
    }

    @Test(arguments: [
        "summary.csv", "daily.csv", "reasons.csv", "feedback.csv", "orders.csv", "cod_reconciliation.csv",
        "order_checks.csv", "breakdown_province.csv", "breakdown_service.csv", "breakdown_courier.csv",
        "rejects.ndjson", "report.xml",
    ])
    func matchesTheGoldenFile(_ name: String) throws {
        let out = try report()
        let got = try read(out + "/" + name)
        let want = try read(Self.golden + "/" + name)
        guard got != want else { return }
        // Name the first differing line rather than dumping bytes.
        let a = String(decoding: got, as: UTF8.self).components(separatedBy: "\n")
        let b = String(decoding: want, as: UTF8.self).components(separatedBy: "\n")
        let i = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
        Issue.record(
            """
            \(name) differs from the golden file at line \(i + 1):
              got:  \(i < a.count ? a[i] : "<end>")
              want: \(i < b.count ? b[i] : "<end>")
            Run Tests/EndToEndTests/update-golden.sh and review the diff.
            """)
    }

    @Test func runManifestMatchesTheGoldenFileExceptTheOutputPath() throws {
        let out = try report()
        func load(_ path: String) throws -> NSDictionary {
            var json = try readText(path)
            json = json.replacingOccurrences(of: out, with: "<out>").replacingOccurrences(of: Self.golden, with: "<out>")
            return try JSONSerialization.jsonObject(with: Data(json.utf8)) as! NSDictionary
        }
        let got = try load(out + "/run.json"), want = try load(Self.golden + "/run.json")
        for key in want.allKeys as! [String] where key != "arguments" {
            #expect(got[key] as? NSObject == want[key] as? NSObject, "run.json \(key) differs")
        }
        // The arguments, without where the output went and how quiet the run was.
        func significant(_ args: [String]) -> [String] {
            var out: [String] = []
            var skip = false
            for a in args {
                if skip { skip = false; continue }
                if a == "--out" { skip = true; continue }
                if a == "-q" || a == "--no-progress" { continue }
                out.append(a)
            }
            return out
        }
        #expect(significant(got["arguments"] as! [String]) == significant(want["arguments"] as! [String]))
    }

    @Test func csvHeadersAreExactlyTheSpecColumns() throws {
        let out = try report()
        let expected: [String: [String]] = [
            "summary.csv": ["carrier"] + CSVReports.summaryColumns,
            "daily.csv": CSVReports.dailyColumns,
            "reasons.csv": CSVReports.reasonColumns,
            "feedback.csv": CSVReports.feedbackColumns,
            "orders.csv": CSVReports.orderColumns,
            "order_checks.csv": CSVReports.checkColumns,
            "breakdown_courier.csv": ["carrier", "group"] + CSVReports.summaryColumns,
        ]
        // The SPEC §7 column lists, spelled out independently of the code's constants.
        #expect(
            expected["summary.csv"]!.joined(separator: ",")
                == "carrier,events,orders,delivered,returned,lost,confiscated,cancelled,open,resolved,success_rate,attempted,first_attempt_delivered,first_attempt_rate,failed_attempts,lead_time_p50_h,lead_time_p90_h,lead_time_mean_h,open_0_2d,open_3_7d,open_8_14d,open_15d_plus"
        )
        #expect(
            Array(CSVReports.codColumns.prefix(11)).joined(separator: ",")
                == "carrier,order_code,currency,cod_amount,final_status,delivered_at,remitted_amount,fee,difference,status,days_since_delivery")
        for (file, columns) in expected {
            #expect(try csvRows(out + "/" + file).first == columns, "\(file)")
        }
    }

    @Test func reportXMLIsValidAgainstItsSchema() throws {
        let out = try report()
        let xsd = try readText(out + "/report.xsd")
        #expect(xsd == XMLReport.schema(CarrierRegistry.standard.carriers))
        let errors = try XMLCheck.validate(file: out + "/report.xml", xsd: xsd)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        // The schema is not a tautology: a wrong value is refused.
        var xml = try readText(out + "/report.xml")
        xml = xml.replacingOccurrences(of: "success_rate=\"0.8261\"", with: "success_rate=\"82.6%\"")
        #expect(!(try XMLCheck.validate(xml: Array(xml.utf8), xsd: xsd)).isEmpty)
    }

    @Test func outputIsByteIdenticalAcrossRunsAndThreadCounts() throws {
        let a = try report(["--threads", "1"])
        let b = try report(["--threads", "2"])
        let c = try report(["--threads", "2"])
        for file in reportFiles where file != "run.json" {
            #expect(try read(a + "/" + file) == read(b + "/" + file), "\(file): 1 vs 2 threads")
            #expect(try read(b + "/" + file) == read(c + "/" + file), "\(file): two runs")
        }
        let runB = try readText(b + "/run.json").replacingOccurrences(of: b, with: "<out>")
        let runC = try readText(c + "/run.json").replacingOccurrences(of: c, with: "<out>")
        #expect(runB == runC)
    }

    @Test func everyCODStatusIsPresentAndTheTotalsAddUp() throws {
        let out = try report()
        let rows = try csvRows(out + "/cod_reconciliation.csv")
        let status = rows[0].firstIndex(of: "status")!
        let present = Set(rows.dropFirst().map { $0[status] })
        #expect(present == ["MATCHED", "SHORT", "OVER", "NOT_REMITTED", "NOT_DUE", "UNEXPECTED", "DUPLICATE"])
        // Expected COD of delivered orders = MATCHED + SHORT + OVER + NOT_REMITTED (+ delivered DUPLICATE),
        // summed here from the CSV with integer arithmetic (VND has no minor unit).
        let cod = rows[0].firstIndex(of: "cod_amount")!, final = rows[0].firstIndex(of: "final_status")!
        let code = rows[0].firstIndex(of: "order_code")!
        var delivered = Set<String>(), expected = 0, parts = 0
        for row in rows.dropFirst() where row[final] == "DELIVERED" && !row[cod].isEmpty {
            if delivered.insert(row[code]).inserted { expected += Int(row[cod])! }
        }
        var seen = Set<String>()
        for row in rows.dropFirst() where ["MATCHED", "SHORT", "OVER", "NOT_REMITTED", "DUPLICATE"].contains(row[status]) {
            if row[final] == "DELIVERED", !row[cod].isEmpty, seen.insert(row[code]).inserted { parts += Int(row[cod])! }
        }
        #expect(expected > 0 && expected == parts)
        // And the report's own totals say the same (XML totals per status).
        let xml = try XMLCheck.parseXML(try read(out + "/report.xml"))
        let totals = xml.filter { $0.name == "total" }
        let sum = totals.filter { ["MATCHED", "SHORT", "OVER", "NOT_REMITTED"].contains($0.attributes["status"]) }
            .reduce(0) { $0 + Int($1.attributes["expected"]!)! }
        let dup = rows.dropFirst().filter { $0[status] == "DUPLICATE" && $0[final] == "DELIVERED" && !$0[cod].isEmpty }
        let dupExpected = Set(dup.map { $0[code] }).reduce(0) { acc, c in acc + Int(dup.first { $0[code] == c }![cod])! }
        #expect(sum + dupExpected == expected)
    }

    @Test func normalizeWritesOneRowPerAcceptedEventAndEveryMalformedLineIsARejectWithItsLine() throws {
        let dir = try temporaryDirectory()
        let r = try shipkpi(["normalize"] + sampleArguments.filter { !$0.contains("remittance") } + ["--out", dir + "/events.csv", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csvRows(dir + "/events.csv")
        #expect(rows.first == EventsCSVWriter.columns)
        // The report's run.json counts the same accepted events.
        let reportOut = try report()
        let manifest = try JSONSerialization.jsonObject(with: Data(try read(reportOut + "/run.json"))) as! [String: Any]
        let accepted = (manifest["counts"] as! [String: Any])["accepted_events"] as! [String: Int]
        #expect(rows.count - 1 == accepted.values.reduce(0, +))
        // samples/README.md lists every malformed line: each must be in rejects.ndjson with its line.
        let readme = try readText(packageRoot + "/samples/README.md")
        let table = readme.components(separatedBy: "## Malformed lines")[1].components(separatedBy: "\n## ")[0]
        var listed: [(String, Int, String)] = []
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let n = Int(cells[1]) else { continue }
            listed.append(
                (cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), n, cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))))
        }
        #expect(listed.count >= 15)
        let rejects = try readText(dir + "/rejects.ndjson").split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        for (file, line, reason) in listed where !file.hasPrefix("remittance") {
            #expect(
                rejects.contains { ($0["file"] as! String).hasSuffix(file) && $0["line"] as! Int == line && $0["reason"] as! String == reason },
                "\(file):\(line) \(reason) not rejected")
        }
    }
}
