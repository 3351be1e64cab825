import ShipKPICore
import Testing

// SPEC §6 "COD reconciliation" and §11 "COD". Amounts are whole đồng written out; every expected
// status, difference, total and day count is worked out by hand beside it.

private let d = TB.day
private let h = TB.hour
private let asOf = TB.asOf

private func money(_ v: Int) -> ExactDecimal { ExactDecimal(v) }

/// Facts of one 247Express order: `cod` nil = no record; `status` nil = no accepted events.
private func fact(
    _ code: String, cod: Int?, _ status: CanonicalStatus?, deliveredAt: Int64? = nil
) -> CODOrderFacts {
    CODOrderFacts(
        orderCode: code, cod: cod.map(money), hasRecord: cod != nil, finalStatus: status,
        deliveredAt: deliveredAt ?? (status == .delivered ? asOf - d : nil))
}

private func rem(_ code: String, _ amount: Int, fee: Int? = nil, line: Int64 = 1) -> RemittanceRow {
    TB.remittance(code, amount, fee: fee, line: line)
}

/// Runs the reconciler as `KPIAggregator.finish` does: orders sorted by code bytes, lookup by code.
private func reconcile(_ orders: [CODOrderFacts], _ remittances: [RemittanceRow]) -> CODReport {
    let sorted = orders.sorted { Array($0.orderCode.utf8).lexicographicallyPrecedes(Array($1.orderCode.utf8)) }
    var byCode: [String: CODOrderFacts] = [:]
    for o in orders { byCode[o.orderCode] = o }
    return CODReconciler.reconcile(
        carrier: .express247, orders: sorted, remittances: remittances, lookup: { byCode[$0] }, currency: "VND", asOf: asOf)
}

extension CODReport {
    fileprivate func rows(_ code: String) -> [CODRow] { rows.filter { $0.orderCode == code } }
    fileprivate func row(_ code: String) -> CODRow? {
        let r = rows(code)
        return r.count == 1 ? r[0] : nil
    }
    fileprivate func total(_ status: CODStatus, _ currency: String = "VND") -> CODTotal? {
        totals.first { $0.status == status && $0.currency == currency }
    }
}

@Suite struct CODReconcilerTests {
    // MARK: - delivered with one remittance

    @Test func matched() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, .delivered)], [rem("A", 500_000)]).row("A"))
        #expect(r.status == .matched)
        #expect(r.difference == money(0))  // 500,000 − 500,000
        #expect(r.daysSinceDelivery == nil)
        #expect(r.cod == money(500_000))
        #expect(r.remittance?.amount == money(500_000))
        #expect(r.currency == "VND")
        #expect(r.finalStatus == .delivered)
    }

    @Test func shortHasNegativeDifference() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, .delivered)], [rem("A", 480_000)]).row("A"))
        #expect(r.status == .short)
        #expect(r.difference == money(-20_000))  // 480,000 − 500,000
        #expect(r.daysSinceDelivery == nil)
    }

    @Test func over() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, .delivered)], [rem("A", 520_000)]).row("A"))
        #expect(r.status == .over)
        #expect(r.difference == money(20_000))  // 520,000 − 500,000
    }

    @Test func exactDecimalDifferenceIsNotRounded() throws {
        // COD 100.10, remitted 100.09 → SHORT by exactly −0.01 (units are 10⁻¹²).
        let cod = ExactDecimal(units: 100_100_000_000_000)  // 100.10
        let paid = ExactDecimal(units: 100_090_000_000_000)  // 100.09
        let facts = CODOrderFacts(orderCode: "A", cod: cod, hasRecord: true, finalStatus: .delivered, deliveredAt: asOf - d)
        let row = RemittanceRow(
            carrier: .express247, orderCode: "A", amount: paid, fee: nil, remittedAt: "", reference: "", source: SourcePosition(file: 0, line: 1, byteOffset: 0)
        )
        let r = try #require(reconcile([facts], [row]).row("A"))
        #expect(r.status == .short)
        #expect(r.difference == ExactDecimal(units: -10_000_000_000))  // −0.01 = −10¹⁰ units of 10⁻¹²
    }

    @Test func deliveredWithZeroCODAndARemittanceIsOver() throws {
        let report = reconcile(
            [fact("Z", cod: 0, .delivered), fact("N", cod: nil, .delivered)],
            [rem("Z", 30_000), rem("N", 25_000, line: 2)])
        let z = try #require(report.row("Z"))
        #expect(z.status == .over)
        #expect(z.difference == money(30_000))  // 30,000 − 0
        #expect(z.cod == money(0))
        let n = try #require(report.row("N"))
        #expect(n.status == .over)  // no record = COD 0 (§11)
        #expect(n.cod == nil)  // cod_amount empty without a record
        #expect(n.difference == money(25_000))  // 25,000 − 0
    }

    @Test func deliveredWithZeroCODAndAZeroRemittanceIsStillOver() throws {
        // §11, literally: "a delivered order with COD 0 (or no record) and a remittance is OVER" —
        // the rule names no amount, so a 0 remittance row is OVER too (difference 0 − 0 = 0).
        let report = reconcile(
            [fact("Z", cod: 0, .delivered), fact("N", cod: nil, .delivered)],
            [rem("Z", 0), rem("N", 0, line: 2)])
        #expect(try #require(report.row("Z")).status == .over)
        #expect(try #require(report.row("N")).status == .over)
    }

    // MARK: - NOT_REMITTED

    @Test func notRemittedDaysSinceDeliveryFloored() throws {
        let report = reconcile(
            [
                fact("A", cod: 500_000, .delivered, deliveredAt: asOf - (3 * d - 1)),  // ⌊(3d − 1 ms)/d⌋ = 2
                fact("B", cod: 500_000, .delivered, deliveredAt: asOf - 3 * d),  // 3
                fact("C", cod: 500_000, .delivered, deliveredAt: asOf - 12 * h),  // ⌊0.5⌋ = 0
            ], [])
        let a = try #require(report.row("A"))
        #expect(a.status == .notRemitted)
        #expect(a.daysSinceDelivery == 2)
        #expect(a.difference == nil)
        #expect(a.remittance == nil)
        #expect(a.deliveredAt == asOf - (3 * d - 1))
        #expect(try #require(report.row("B")).daysSinceDelivery == 3)
        #expect(try #require(report.row("C")).daysSinceDelivery == 0)
    }

    // MARK: - NOT_DUE

    @Test(arguments: [
        CanonicalStatus.created, .inTransit, .outForDelivery, .attemptFailed, .returning,
        .unknown, .returned, .lost, .confiscated, .cancelled,
    ])
    func notDueWhenNotDeliveredAndNothingRemitted(status: CanonicalStatus) throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, status)], []).row("A"))
        #expect(r.status == .notDue)
        #expect(r.difference == nil)
        #expect(r.daysSinceDelivery == nil)
        #expect(r.finalStatus == status)
    }

    @Test func recordWithoutEventsIsNotDue() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, nil)], []).row("A"))
        #expect(r.status == .notDue)
        #expect(r.finalStatus == nil)
        #expect(r.cod == money(500_000))
    }

    @Test func noRowWithoutCODAndWithoutRemittance() {
        // "Per order with COD > 0 or any remittance": COD 0 or no record, nothing remitted → no row.
        let report = reconcile(
            [fact("Z", cod: 0, .delivered), fact("N", cod: nil, .delivered), fact("O", cod: 0, .inTransit)], [])
        #expect(report.rows.isEmpty)
    }

    // MARK: - UNEXPECTED

    @Test(arguments: [CanonicalStatus.inTransit, .attemptFailed, .returned, .lost, .cancelled, .unknown])
    func unexpectedWhenRemittedButNotDelivered(status: CanonicalStatus) throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, status)], [rem("A", 500_000)]).row("A"))
        #expect(r.status == .unexpected)
        #expect(r.difference == nil)
        #expect(r.daysSinceDelivery == nil)
        #expect(r.remittance?.amount == money(500_000))
    }

    @Test func unexpectedForUnknownOrderCode() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, .delivered)], [rem("ZZ", 5_000)]).row("ZZ"))
        #expect(r.status == .unexpected)
        #expect(r.cod == nil)  // empty cod_amount
        #expect(r.finalStatus == nil)  // empty final_status
        #expect(r.deliveredAt == nil)
        #expect(r.difference == nil)
    }

    @Test func unexpectedForRecordWithoutEvents() throws {
        let r = try #require(reconcile([fact("A", cod: 500_000, nil)], [rem("A", 500_000)]).row("A"))
        #expect(r.status == .unexpected)
        #expect(r.cod == money(500_000))
    }

    // MARK: - DUPLICATE

    @Test func duplicateOneRowPerRemittanceAndWinsOverEverything() throws {
        let report = reconcile(
            [
                fact("D1", cod: 500_000, .delivered),  // would be MATCHED with one row
                fact("D2", cod: 500_000, .inTransit),  // would be UNEXPECTED
            ],
            [
                rem("D1", 500_000, fee: 10_000, line: 1),
                rem("D2", 100, line: 2),
                rem("D1", 499_000, line: 3),
                rem("DX", 7_000, line: 4),  // unknown code, twice
                rem("D2", 200, fee: 5, line: 5),
                rem("DX", 8_000, line: 6),
                rem("D1", 1, line: 7),
            ])
        let d1 = report.rows("D1")
        try #require(d1.count == 3)
        #expect(d1.allSatisfy { $0.status == .duplicate })
        // In remittance input order, each with its own amount and fee.
        #expect(d1.map { $0.remittance?.amount } == [money(500_000), money(499_000), money(1)])
        #expect(d1.map { $0.remittance?.fee } == [money(10_000), nil, nil])
        #expect(d1.map { $0.remittance?.reference } == ["REF1", "REF3", "REF7"])
        #expect(d1.allSatisfy { $0.difference == nil && $0.daysSinceDelivery == nil })
        #expect(d1.allSatisfy { $0.cod == money(500_000) && $0.finalStatus == .delivered })
        let d2 = report.rows("D2")
        #expect(d2.map { $0.status } == [.duplicate, .duplicate])
        #expect(d2.map { $0.remittance?.amount } == [money(100), money(200)])
        #expect(d2.map { $0.remittance?.fee } == [nil, money(5)])
        let dx = report.rows("DX")
        #expect(dx.map { $0.status } == [.duplicate, .duplicate])
        #expect(dx.allSatisfy { $0.cod == nil && $0.finalStatus == nil })
        // Rows: order code (byte order: D1 < D2 < DX), then remittance input position.
        #expect(report.rows.map { $0.orderCode } == ["D1", "D1", "D1", "D2", "D2", "DX", "DX"])
    }

    // MARK: - fee and net paid

    @Test func feeEmptyOrPresentAndNetPaid() throws {
        let report = reconcile(
            [fact("A", cod: 500_000, .delivered), fact("B", cod: 500_000, .delivered)],
            [rem("A", 500_000, fee: 15_000), rem("B", 500_000, line: 2)])
        let a = try #require(report.row("A")).remittance
        #expect(a?.fee == money(15_000))
        #expect(a?.netPaid == money(485_000))  // 500,000 − 15,000
        let b = try #require(report.row("B")).remittance
        #expect(b?.fee == nil)  // empty Fee cell stays empty
        #expect(b?.netPaid == money(500_000))  // nothing deducted
    }

    // MARK: - totals and the delivered-COD identity

    @Test func totalsPerStatusAndTheDeliveredIdentity() throws {
        let report = reconcile(
            [
                fact("A", cod: 100_000, .delivered),  // MATCHED
                fact("B", cod: 200_000, .delivered),  // SHORT
                fact("C", cod: 300_000, .delivered),  // OVER
                fact("D", cod: 0, .delivered),  // OVER (COD 0)
                fact("E", cod: 400_000, .delivered, deliveredAt: asOf - 10 * d),  // NOT_REMITTED
                fact("F", cod: 50_000, .delivered, deliveredAt: asOf - 40 * d),  // NOT_REMITTED
                fact("G", cod: 70_000, .inTransit),  // NOT_DUE
                fact("H", cod: 80_000, .returned),  // UNEXPECTED
                fact("J", cod: 600_000, .delivered),  // DUPLICATE (delivered)
                fact("K", cod: 90_000, .inTransit),  // DUPLICATE (open)
            ],
            [
                rem("A", 100_000, fee: 5_000, line: 1),
                rem("B", 150_000, line: 2),
                rem("C", 310_000, fee: 1_000, line: 3),
                rem("D", 20_000, line: 4),
                rem("H", 80_000, line: 5),
                rem("I", 5_000, line: 6),  // unknown → UNEXPECTED
                rem("J", 600_000, fee: 6_000, line: 7),
                rem("J", 600_000, line: 8),
                rem("K", 90_000, line: 9),
                rem("K", 90_000, fee: 900, line: 10),
            ])
        #expect(report.remittanceRows == 10)
        #expect(
            report.rows.map { $0.status } == [
                .matched, .short, .over, .over, .notRemitted, .notRemitted, .notDue, .unexpected, .unexpected,
                .duplicate, .duplicate, .duplicate, .duplicate,
            ])

        let matched = try #require(report.total(.matched))
        #expect(matched.rows == 1)
        #expect(matched.expected == money(100_000))
        #expect(matched.remitted == money(100_000))
        #expect(matched.fees == money(5_000))
        #expect(matched.netPaid == money(95_000))  // 100,000 − 5,000
        #expect(matched.difference == money(0))

        let short = try #require(report.total(.short))
        #expect(short.rows == 1)
        #expect(short.expected == money(200_000))
        #expect(short.remitted == money(150_000))
        #expect(short.fees == money(0))
        #expect(short.netPaid == money(150_000))
        #expect(short.difference == money(-50_000))  // 150,000 − 200,000

        let over = try #require(report.total(.over))
        #expect(over.rows == 2)  // C, D
        #expect(over.expected == money(300_000))  // 300,000 + 0
        #expect(over.remitted == money(330_000))  // 310,000 + 20,000
        #expect(over.fees == money(1_000))
        #expect(over.netPaid == money(329_000))  // 309,000 + 20,000
        #expect(over.difference == money(30_000))  // 10,000 + 20,000

        let notRemitted = try #require(report.total(.notRemitted))
        #expect(notRemitted.rows == 2)
        #expect(notRemitted.expected == money(450_000))  // 400,000 + 50,000
        #expect(notRemitted.remitted == money(0))

        let notDue = try #require(report.total(.notDue))
        #expect(notDue.rows == 1)
        #expect(notDue.expected == money(70_000))

        let unexpected = try #require(report.total(.unexpected))
        #expect(unexpected.rows == 2)  // H, I
        #expect(unexpected.expected == money(80_000))  // H 80,000; I has no COD
        #expect(unexpected.remitted == money(85_000))  // 80,000 + 5,000
        #expect(unexpected.netPaid == money(85_000))

        let duplicate = try #require(report.total(.duplicate))
        #expect(duplicate.rows == 4)  // J ×2, K ×2
        #expect(duplicate.expected == money(690_000))  // each order once: 600,000 + 90,000
        #expect(duplicate.remitted == money(1_380_000))  // 600,000·2 + 90,000·2
        #expect(duplicate.fees == money(6_900))  // 6,000 + 900
        #expect(duplicate.netPaid == money(1_373_100))  // 1,380,000 − 6,900

        // Identity: expected COD of delivered orders (each once):
        // A 100,000 + B 200,000 + C 300,000 + D 0 + E 400,000 + F 50,000 + J 600,000 = 1,650,000
        // = MATCHED 100,000 + SHORT 200,000 + OVER 300,000 + NOT_REMITTED 450,000 (= 1,050,000)
        //   + the delivered part of DUPLICATE (J: 600,000).
        let deliveredExpected = money(1_650_000)
        #expect(report.expectedFromDelivered(currency: "VND") == deliveredExpected)
        let sum = matched.expected + short.expected + over.expected + notRemitted.expected + money(600_000)
        #expect(sum == deliveredExpected)
        #expect(report.totals.allSatisfy { $0.currency == "VND" })
    }

    // MARK: - ageing (CODReport: NOT_REMITTED by days since delivery, buckets 0–7, 8–14, 15–30, 31+)

    @Test func ageingBucketsAtBoundaries() throws {
        let days: [(String, Int64, Int)] = [
            ("A00", 0, 1_000), ("A07", 7, 2_000),  // 0–7
            ("A08", 8, 4_000), ("A14", 14, 8_000),  // 8–14
            ("A15", 15, 16_000), ("A30", 30, 32_000),  // 15–30
            ("A31", 31, 64_000),  // 31+
        ]
        let report = reconcile(days.map { fact($0.0, cod: $0.2, .delivered, deliveredAt: asOf - $0.1 * d) }, [])
        #expect(report.rows.allSatisfy { $0.status == .notRemitted })
        let ageing = report.ageing.filter { $0.currency == "VND" }
        try #require(ageing.count == 4)
        #expect(ageing.map { $0.orders } == [2, 2, 2, 1])
        #expect(ageing.map { $0.amount } == [money(3_000), money(12_000), money(48_000), money(64_000)].map(ExactSum.init))
        // 1,000 + 2,000; 4,000 + 8,000; 16,000 + 32,000; 64,000.
    }
}

// MARK: - huge amounts (every amount ExactDecimal holds; totals in ExactSum)

@Suite struct CODHugeAmountTests {
    /// 10²⁴ − 1, the largest whole amount a statement or order record can hold.
    static let largest = ExactDecimal(units: 999_999_999_999_999_999_999_999 * ExactDecimal.unitsPerOne)

    @Test func rowArithmeticIsExactForTheLargestAmounts() throws {
        let big = CODOrderFacts(orderCode: "B", cod: Self.largest, hasRecord: true, finalStatus: .delivered, deliveredAt: asOf - d)
        let small = CODOrderFacts(orderCode: "S", cod: money(1), hasRecord: true, finalStatus: .delivered, deliveredAt: asOf - d)
        let rows = [
            RemittanceRow(
                carrier: .express247, orderCode: "B", amount: .zero, fee: Self.largest, remittedAt: "", reference: "",
                source: SourcePosition(file: 0, line: 1, byteOffset: 0)),
            RemittanceRow(
                carrier: .express247, orderCode: "S", amount: Self.largest, fee: nil, remittedAt: "", reference: "",
                source: SourcePosition(file: 0, line: 2, byteOffset: 0)),
        ]
        let report = CODReconciler.reconcile(
            carrier: .express247, orders: [big, small], remittances: rows, lookup: { ["B": big, "S": small][$0] }, currency: "VND", asOf: asOf)
        let b = try #require(report.row("B"))
        #expect(b.status == .short)
        #expect(b.difference?.description == "-999999999999999999999999")  // 0 − (10²⁴ − 1)
        #expect(b.remittance?.netPaid.description == "-999999999999999999999999")  // 0 − fee
        let s = try #require(report.row("S"))
        #expect(s.status == .over)
        #expect(s.difference?.description == "999999999999999999999998")
    }

    @Test func totalsOfManyHugeRowsAreExact() throws {
        // 1,000 delivered orders of COD 10²⁴ − 1: 600 remitted in full (MATCHED), 400 not (NOT_REMITTED,
        // 10 days). Every total exceeds Int128 (1.7 × 10²⁶).
        var orders: [CODOrderFacts] = []
        var remittances: [RemittanceRow] = []
        for i in 0 ..< 1000 {
            let code = "H" + String(1000 + i)
            orders.append(
                CODOrderFacts(
                    orderCode: code, cod: Self.largest, hasRecord: true, finalStatus: .delivered,
                    deliveredAt: asOf - 10 * d))
            if i < 600 {
                remittances.append(
                    RemittanceRow(
                        carrier: .express247, orderCode: code, amount: Self.largest, fee: Self.largest, remittedAt: "",
                        reference: "", source: SourcePosition(file: 0, line: Int64(i + 2), byteOffset: 0)))
            }
        }
        var byCode: [String: CODOrderFacts] = [:]
        for o in orders { byCode[o.orderCode] = o }
        let report = CODReconciler.reconcile(
            carrier: .express247, orders: orders, remittances: remittances, lookup: { byCode[$0] }, currency: "VND", asOf: asOf)
        let matched = try #require(report.total(.matched))
        #expect(matched.rows == 600)
        #expect(matched.expected.description == "599999999999999999999999400")  // 600 × (10²⁴ − 1)
        #expect(matched.remitted.description == "599999999999999999999999400")
        #expect(matched.fees.description == "599999999999999999999999400")
        #expect(matched.netPaid == ExactDecimal.zero)
        #expect(matched.difference == ExactDecimal.zero)
        let notRemitted = try #require(report.total(.notRemitted))
        #expect(notRemitted.expected.description == "399999999999999999999999600")  // 400 × (10²⁴ − 1)
        #expect(report.expectedFromDelivered(currency: "VND").description == "999999999999999999999999000")
        #expect(report.ageing.first { $0.bucket == "8-14d" }?.amount.description == "399999999999999999999999600")
        // The HTML's sums of totals: still exact.
        #expect((matched.expected + notRemitted.expected).formatted(minFractionDigits: 0) == "999999999999999999999999000")
    }
}

// MARK: - through the aggregator

@Suite struct CODThroughAggregatorTests {
    private typealias E = TB.E

    @Test func reconciliationFromEventsRecordsAndRemittances() throws {
        let v = Carrier.express247
        let report = TB.run(
            [
                [
                    // C1: DELIVERED at as-of − 5 d read first, another DELIVERED at as-of − 10 d read later:
                    // the last DELIVERED in §4 order is as-of − 5 d → days since delivery ⌊5⌋ = 5.
                    E(v, "C1", .pickedUp, asOf - 12 * d),
                    E(v, "C1", .delivered, asOf - 5 * d, id: "c1-late"),
                    E(v, "C1", .delivered, asOf - 10 * d, id: "c1-early"),
                    E(v, "C3", .delivered, asOf - 2 * d),  // COD 0, no remittance → no row
                    E(v, "C4", .delivered, asOf - 2 * d),  // no record, remitted → OVER
                    E(v, "C5", .delivered, asOf - 2 * d),  // MATCHED
                    E(.houndExpress, "H1", .delivered, asOf - 2 * d),  // remittances are 247Express's
                ]
            ],
            records: [
                TB.R("C1", cod: money(100_000)),
                TB.R("C2", cod: money(50_000)),  // no events → NOT_DUE
                TB.R("C3", cod: money(0)),
                TB.R("C5", cod: money(70_000)),
                TB.R("C1", cod: money(120_000)),  // later record of C1 wins
            ],
            remittances: [rem("C4", 10_000, line: 1), rem("H1", 5_000, line: 2), rem("C5", 70_000, line: 3)])
        let cod = report.cod
        #expect(cod.rows.map { $0.orderCode } == ["C1", "C2", "C4", "C5", "H1"])

        let c1 = try #require(cod.row("C1"))
        #expect(c1.status == .notRemitted)
        #expect(c1.cod == money(120_000))
        #expect(c1.deliveredAt == asOf - 5 * d)
        #expect(c1.daysSinceDelivery == 5)

        let c2 = try #require(cod.row("C2"))
        #expect(c2.status == .notDue)
        #expect(c2.finalStatus == nil)

        let c4 = try #require(cod.row("C4"))
        #expect(c4.status == .over)
        #expect(c4.cod == nil)
        #expect(c4.difference == money(10_000))  // 10,000 − 0

        let c5 = try #require(cod.row("C5"))
        #expect(c5.status == .matched)
        #expect(c5.difference == money(0))

        let h1 = try #require(cod.row("H1"))
        #expect(h1.status == .unexpected)  // not a known 247Express order
        #expect(h1.cod == nil)
        #expect(h1.finalStatus == nil)

        // orders.csv shows the winning record's COD too.
        #expect(try #require(report.order(v, "C1")).cod == money(120_000))
        #expect(try #require(report.order(v, "C4")).cod == nil)
    }
}
