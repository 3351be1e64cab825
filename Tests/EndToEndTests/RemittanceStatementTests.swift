import Foundation
import ShipKPITestSupport
import Testing

/// Remittance statements through the binary: ambiguous amounts, declared separators, RemittedAt
/// dates, huge amounts; and the config file (comments, file+line errors).
@Suite struct RemittanceStatementTests {
    /// A delivered 247Express order T1 with COD 149,000 đồng, and T2 with COD 9,007,199,254,740,993.
    static let export = """
        {"OrderInfo": {"OrderCode": "T1", "ServiceTypeID": "DE", "MailerType": "HH", "InformFee": 0, "CODAmount": 149000}}
        {"OrderCode": "T1", "Status": 30, "TransactionId": "t1-30", "Time": "2026-03-05T10:00:00+07:00"}
        {"OrderInfo": {"OrderCode": "T2", "ServiceTypeID": "DE", "MailerType": "HH", "InformFee": 0, "CODAmount": "9007199254740993"}}
        {"OrderCode": "T2", "Status": 30, "TransactionId": "t2-30", "Time": "2026-03-05T10:00:00+07:00"}

        """

    /// Writes the export and a statement; returns the directory.
    func fixture(statement: String) throws -> String {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try Data(Self.export.utf8).write(to: URL(fileURLWithPath: dir + "/in/export.ndjson"))
        try Data(statement.utf8).write(to: URL(fileURLWithPath: dir + "/statement.csv"))
        return dir
    }

    func report(_ dir: String, _ extra: [String] = []) throws -> RunResult {
        try shipkpi(
            [
                "report", dir + "/in", "--remittance", dir + "/statement.csv", "--as-of", "2026-04-01T00:00:00Z",
                "--out", dir + "/out", "-q",
            ] + extra)
    }

    /// cod_reconciliation.csv rows by order code: (remitted_amount, difference, status).
    func cod(_ dir: String) throws -> [String: [String]] {
        let rows = try csvRows(dir + "/out/cod_reconciliation.csv")
        let header = rows[0]
        let pick = ["remitted_amount", "difference", "status"].compactMap { header.firstIndex(of: $0) }
        var out: [String: [String]] = [:]
        for row in rows.dropFirst() { out[row[1]] = pick.map { row[$0] } }
        return out
    }

    func rejects(_ dir: String) throws -> [[String: Any]] {
        try readText(dir + "/out/rejects.ndjson").split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test func aThousandsDotIsAnAmbiguousRejectUntilTheLayoutIsDeclared() throws {
        let dir = try fixture(statement: "OrderCode,Amount,RemittedAt,Fee,Reference\nT1,149.000,2026-03-06 10:00:00,,CK-1\n")
        let r = try report(dir)
        #expect(r.status == 0, "\(r.stderr)")
        // Not SHORT by 148,851: the row is rejected and the order is still waiting for its money.
        #expect(try cod(dir)["T1"] == ["", "", "NOT_REMITTED"])
        let reject = try #require(try rejects(dir).first { ($0["file"] as? String)?.hasSuffix("statement.csv") == true })
        #expect(reject["reason"] as? String == "ambiguous_amount")
        #expect(reject["line"] as? Int == 2)
        #expect((reject["detail"] as? String)?.contains("declare the statement's separators") == true)

        // The separators declared: with the characters, with their names, or in the config file.
        for columns in ["decimal=,,thousands=.", "decimal=comma,thousands=dot", "thousands=.", "amount=Amount,thousands=dot,decimal=,"] {
            let declared = try report(dir, ["--remittance-columns", columns])
            #expect(declared.status == 0, "\(columns): \(declared.stderr)")
            #expect(try cod(dir)["T1"] == ["149000", "0", "MATCHED"], "\(columns)")
            #expect(try rejects(dir).allSatisfy { ($0["file"] as? String)?.hasSuffix("statement.csv") != true })
        }
        try Data("[remittance]\ndecimal = ,     # Vietnamese statements\nthousands = .\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/shipkpi.ini"))
        #expect(try report(dir, ["--config", dir + "/shipkpi.ini"]).status == 0)
        #expect(try cod(dir)["T1"] == ["149000", "0", "MATCHED"])
    }

    @Test func badRemittedAtIsARejectAndValidTextIsKeptAsWritten() throws {
        let dir = try fixture(statement: "OrderCode,Amount,RemittedAt\nT1,149000,06/03/2026 10:00\nT2,1,last tuesday\n")
        #expect(try report(dir).status == 0)
        let rows = try csvRows(dir + "/out/cod_reconciliation.csv")
        let at = try #require(rows[0].firstIndex(of: "remitted_at"))
        #expect(rows.first { $0[1] == "T1" }?[at] == "06/03/2026 10:00")
        let reject = try #require(try rejects(dir).first { ($0["file"] as? String)?.hasSuffix("statement.csv") == true })
        #expect(reject["reason"] as? String == "invalid_date")
        #expect(reject["line"] as? Int == 3)
    }

    @Test func hugeAmountsReconcileExactly() throws {
        let dir = try fixture(
            statement: """
                OrderCode,Amount,RemittedAt
                T2,9007199254740993,2026-03-06
                T3,999999999999999999999999,2026-03-06
                T4,999999999999999999999999,2026-03-06
                T5,1000000000000000000000000,2026-03-06

                """)
        let r = try report(dir)
        #expect(r.status == 0, "\(r.stderr)")
        let cod = try cod(dir)
        #expect(cod["T2"] == ["9007199254740993", "0", "MATCHED"])
        #expect(cod["T3"] == ["999999999999999999999999", "", "UNEXPECTED"])
        #expect(cod["T5"] == nil)
        #expect(
            try rejects(dir).filter { ($0["file"] as? String)?.hasSuffix("statement.csv") == true }.map { $0["reason"] as? String }
                == ["invalid_amount"])
        // The UNEXPECTED total: 2 × (10²⁴ − 1), exact in the XML and the HTML.
        let xml = try readText(dir + "/out/report.xml")
        #expect(xml.contains("remitted=\"1999999999999999999999998\""))
        #expect(try readText(dir + "/out/report.html").contains("1\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{202F}998"))
    }

    @Test func theReadmeConfigExampleWorksWhenPasted() throws {
        let dir = try fixture(statement: "OrderCode,Amount,RemittedAt,Fee,Reference\nT1,149000,2026-03-06,,\n")
        try Data(
            """
            [247express]
            zone = Asia/Ho_Chi_Minh
            currency = VND
            [houndexpress]
            zone = America/Mexico_City
            currency = MXN
            [remittance]            # header names of your statement layout
            order_code = OrderCode
            amount = Amount
            remitted_at = RemittedAt
            fee = Fee
            reference = Reference
            [status_map]
            file = my-carrier-codes.csv   # relative to the config file; repeatable

            """.utf8
        ).write(to: URL(fileURLWithPath: dir + "/my.ini"))
        try Data("kind,carrier,code,canonical,name,label,category,party\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/my-carrier-codes.csv"))
        let r = try report(dir, ["--config", dir + "/my.ini"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try cod(dir)["T1"] == ["149000", "0", "MATCHED"])
    }

    @Test func configErrorsNameTheFileAndTheLine() throws {
        let dir = try fixture(statement: "OrderCode,Amount\n")
        try Data("# shipkpi\n[247express]\nzone = Asia/Hanoi2   # typo\n".utf8).write(to: URL(fileURLWithPath: dir + "/my.ini"))
        let r = try shipkpi(["report", dir + "/in", "--config", "my.ini", "--out", dir + "/out"], cwd: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("my.ini line 3: unknown time zone \"Asia/Hanoi2\""), "\(r.stderr)")
        #expect(!r.stderr.contains("--zone"))
        try Data("[status_map]\nfile = missing.csv\n".utf8).write(to: URL(fileURLWithPath: dir + "/my.ini"))
        let m = try shipkpi(["report", dir + "/in", "--config", "my.ini", "--out", dir + "/out"], cwd: dir)
        #expect(m.status == 66)
        #expect(m.stderr.contains("my.ini line 2: status map not found: missing.csv"), "\(m.stderr)")
    }

    @Test(arguments: [
        ["--remittance-columns", "decimal=.,thousands=."],
        ["--remittance-columns", "decimal=semicolon"],
        ["--remittance-columns", "colour=red"],
        ["--currency", "247express=vnd"],
    ])
    func badLayoutsAndCurrenciesAre64(_ extra: [String]) throws {
        let dir = try fixture(statement: "OrderCode,Amount\n")
        let r = try report(dir, extra)
        #expect(r.status == 64, "\(extra): \(r.stderr)")
    }

    @Test func theStatementFollowsThe247CarriersCurrency() throws {
        // In MXN, 149.00 is fine and 149.000 is ambiguous (two decimals, or a thousands dot?).
        let dir = try fixture(statement: "OrderCode,Amount\nT1,149000.00\nT2,149.000\n")
        #expect(try report(dir, ["--currency", "247express=MXN"]).status == 0)
        #expect(try cod(dir)["T1"] == ["149000.00", "0.00", "MATCHED"])
        #expect(try rejects(dir).compactMap { $0["reason"] as? String } == ["ambiguous_amount"])
    }
}
