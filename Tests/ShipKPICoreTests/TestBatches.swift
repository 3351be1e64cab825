import Foundation
import ShipKPICore
import Testing

// Builders for hand-made `EventBatch`es, so aggregation tests read like the input they describe:
//
//     let report = TB.run([[
//         TB.E(.express247, "A1", .pickedUp, TB.ms("2026-03-01T08:00:00Z")),
//         TB.E(.express247, "A1", .delivered, TB.ms("2026-03-02T08:00:00Z"), courier: "Minh"),
//     ]], asOf: TB.ms("2026-03-20T00:00:00Z"))
//
// Nothing here uses the code under test to compute an expectation: instants and day numbers are
// computed by the small, independent calendar below (checked against hand-computed constants in
// `TestBatchesSelfCheck`).

enum TB {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    // MARK: - Independent calendar (no code under test)

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days since 1970-01-01 of a civil date (years ≥ 1970), by plain counting.
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
        let monthDays = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var days: Int64 = 0
        for year in 1970 ..< y { days += isLeap(year) ? 366 : 365 }
        for month in 0 ..< (m - 1) { days += Int64(monthDays[month]) }
        return days + Int64(d - 1)
    }

    private static func number(_ s: Substring) -> Int { Int(s)! }

    /// `yyyy-MM-dd` → days since 1970-01-01.
    static func day(_ text: String) -> Int32 {
        let p = text.split(separator: "-")
        return Int32(dayNumber(number(p[0]), number(p[1]), number(p[2])))
    }

    /// `yyyy-MM-ddTHH:mm:ss[.SSS]Z` → epoch milliseconds.
    static func ms(_ text: String) -> Int64 {
        precondition(text.hasSuffix("Z"), "test instants are written in UTC")
        let parts = text.dropLast().split(separator: "T")
        let date = parts[0].split(separator: "-")
        let time = parts[1].split(separator: ":")
        let secParts = time[2].split(separator: ".")
        var millis: Int64 = 0
        if secParts.count == 2 {
            let frac = String(secParts[1]) + String(repeating: "0", count: max(0, 3 - secParts[1].count))
            millis = Int64(frac.prefix(3))!
        }
        let days = dayNumber(number(date[0]), number(date[1]), number(date[2]))
        let seconds = Int64(number(time[0])) * 3600 + Int64(number(time[1])) * 60 + Int64(number(secParts[0]))
        return days * day + seconds * 1000 + millis
    }

    /// Floor division (independent of the code under test).
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The reporting zone's offset used by default: 247Express +07:00, HoundExpress −06:00.
    static func defaultOffset(_ c: Carrier) -> Int32 {
        c == .express247 ? 7 * 3600 : -6 * 3600
    }

    /// A raw status code for a canonical status (the table of SPEC §2; HoundExpress codes not
    /// published yet get a made-up `h-…` text — the aggregator never reads the map).
    static func defaultCode(_ c: Carrier, _ s: CanonicalStatus) -> String {
        if c == .express247 {
            switch s {
            case .created: return "21"
            case .pickedUp: return "23"
            case .inTransit: return "24"
            case .outForDelivery: return "25"
            case .attemptFailed: return "16"
            case .returning: return "27"
            case .delivered: return "30"
            case .returned: return "28"
            case .lost: return "19"
            case .confiscated: return "32"
            case .cancelled: return "18"
            case .unknown: return "99"
            }
        }
        switch s {
        case .inTransit: return "38"
        case .attemptFailed: return "46"
        case .delivered: return "2"
        case .unknown: return "999"
        default: return "h-\(s.name)"
        }
    }

    // MARK: - Event and record descriptions

    /// One status event as a test writes it.
    struct E {
        var carrier: Carrier
        var order: String
        var status: CanonicalStatus
        var at: Int64
        /// Raw status code; default from `TB.defaultCode`.
        var code: String?
        /// Identity text; equal texts are the same event (duplicates). Default: the SPEC §4
        /// identity `(carrier, order, raw code, raw date)` written out.
        var id: String?
        var courier: String?
        var feedback: Int32?
        var reasonCode: String?
        var reasonLabel: String
        var category: ReasonCategory
        var party: Party
        /// Local date override (days since 1970-01-01); default from the carrier's offset.
        var localDay: Int32?

        init(
            _ carrier: Carrier, _ order: String, _ status: CanonicalStatus, _ at: Int64,
            code: String? = nil, id: String? = nil, courier: String? = nil, feedback: Int32? = nil,
            reason: String? = nil, label: String = "", category: ReasonCategory = .other,
            party: Party = .unknown, localDay: Int32? = nil
        ) {
            self.carrier = carrier
            self.order = order
            self.status = status
            self.at = at
            self.code = code
            self.id = id
            self.courier = courier
            self.feedback = feedback
            self.reasonCode = reason
            self.reasonLabel = label
            self.category = category
            self.party = party
            self.localDay = localDay
        }

        var rawCode: String { code ?? TB.defaultCode(carrier, status) }
        var identityText: String { id ?? "\(Carriers.test[carrier].id)|\(order)|\(rawCode)|\(at)" }
    }

    /// One 247Express order record as a test writes it.
    struct R {
        var order: String
        var cod: ExactDecimal?
        var province: String?
        var service: String?
        var findings: [OrderFinding]

        init(
            _ order: String, cod: ExactDecimal? = nil, province: String? = nil, service: String? = nil,
            findings: [OrderFinding] = []
        ) {
            self.order = order
            self.cod = cod
            self.province = province
            self.service = service
            self.findings = findings
        }
    }

    /// A batch holding `events` then `records`, at input positions after `first` (so that
    /// batches built one after the other follow each other in input order).
    static func batch(_ events: [E], records: [R] = [], input: Int32 = 0) -> EventBatch {
        var b = EventBatch()
        var offset: Int64 = 0
        for e in events {
            let orderRange = b.store(e.order)
            let codeRange = b.store(e.rawCode)
            let identity = e.identityText.utf8.withContiguousStorageIfAvailable {
                IdentityText.append(transactionID: UnsafeRawBufferPointer($0), to: &b.arena)
            }!
            let offsetSeconds = defaultOffset(e.carrier)
            let local = e.localDay ?? Int32(floorDiv(e.at + Int64(offsetSeconds) * 1000, day))
            var ev = NormalizedEvent(
                carrier: e.carrier, status: e.status, dateSource: .event, flags: [],
                localOffsetSeconds: offsetSeconds, instant: e.at, localDay: local,
                position: InputPosition(input: input, offset: offset), line: offset + 1,
                orderCode: orderRange, identity: identity, statusCode: codeRange)
            if let courier = e.courier { ev.courier = b.store(courier) }
            if let f = e.feedback {
                ev.feedback = f
                ev.flags.insert(.hasFeedback)
            }
            if let r = e.reasonCode {
                ev.flags.insert(.hasReason)
                ev.reasonCode = b.store(r)
                ev.reasonLabel = b.store(e.reasonLabel)
                ev.reasonCategory = e.category
                ev.reasonParty = e.party
            }
            b.events.append(ev)
            offset += 1
        }
        for r in records {
            let orderRange = b.store(r.order)
            let province = r.province.map { b.store($0) } ?? .empty
            let service = r.service.map { b.store($0) } ?? .empty
            b.orders.append(
                DecodedOrderRecord(
                    carrier: .express247, position: InputPosition(input: input, offset: offset), line: offset + 1, orderCode: orderRange, cod: r.cod,
                    province: province, service: service, findings: r.findings))
            offset += 1
        }
        return b
    }

    static let zones = [TimeZone(secondsFromGMT: 7 * 3600)!, TimeZone(secondsFromGMT: -6 * 3600)!]

    static let currencies = PerCarrier(.test) { ["VND", "MXN"][$0.index] }

    static func settings(asOf: Int64) -> FoldSettings {
        FoldSettings(carriers: .test, asOf: asOf, reportZones: PerCarrier(.test) { zones[$0.index] }, currencies: currencies)
    }

    /// Runs the report's stages over event batches (each a list of events) and records.
    static func run(
        _ batches: [[E]], records: [R] = [], asOf: Int64 = TB.asOf, remittances: [RemittanceRow] = []
    ) -> TestReport {
        var list = batches.enumerated().map { batch($0.element, input: Int32($0.offset)) }
        if !records.isEmpty { list.append(batch([], records: records, input: Int32(list.count))) }
        return run(batches: list, asOf: asOf, remittances: remittances)
    }

    /// Runs over ready-made batches (in input order), then the remittance rows.
    static func run(
        batches: [EventBatch], asOf: Int64 = TB.asOf, remittances: [RemittanceRow] = [],
        onAccepted: ((NormalizedEvent, EventBatch) -> Void)? = nil
    ) -> TestReport {
        var statement = EventBatch()
        statement.remittances = remittances
        let result = try! StagedReport.compute(settings: settings(asOf: asOf), onAccepted: onAccepted) { emit in
            // Batch i is input i: batches follow each other in input order.
            for (i, b) in batches.enumerated() {
                var b = b
                for j in b.events.indices { b.events[j].position.input = Int32(i) }
                for j in b.orders.indices { b.orders[j].position.input = Int32(i) }
                try emit(b)
            }
            try emit(statement)
        }
        return TestReport(result: result)
    }

    /// The default reference instants.
    static let t0 = ms("2026-03-01T00:00:00Z")
    static let asOf = ms("2026-03-20T00:00:00Z")

    static func remittance(_ order: String, _ amount: Int, fee: Int? = nil, line: Int64 = 1) -> RemittanceRow {
        RemittanceRow(
            carrier: .express247, orderCode: order, amount: ExactDecimal(amount), fee: fee.map { ExactDecimal($0) },
            remittedAt: "2026-03-15", reference: "REF\(line)", source: SourcePosition(file: 9, line: line, byteOffset: 0))
    }
}

/// A computed report as the tests read it: the merged tables, plus the fold's per-order rows.
@dynamicMemberLookup
struct TestReport {
    let result: StagedReport.Result

    subscript<T>(dynamicMember keyPath: KeyPath<ReportTables, T>) -> T { result.tables[keyPath: keyPath] }

    var summary: [SummaryRow] { result.tables.summary }

    /// The summary (or `ALL`) row of a carrier id.
    func summary(_ carrier: String) -> SummaryKPIs? {
        result.tables.summary.first { Carriers.test.id($0.scope) == carrier }?.kpis
    }

    var orders: OrderRows { result.fold.orders }

    /// The `feedback.csv` row of 247express.
    var feedback: FeedbackCounts { result.tables.feedback.first { $0.carrier == .express247 }!.counts }

    /// The COD rows (from the fold) with the merged figures.
    var cod: CODReport {
        var report = CODReport()
        report.rows = result.fold.cod
        report.summary = result.tables.cod
        return report
    }

    func orderCodeString(_ row: OrderRow) -> String { String(decoding: orders.orderCode(row), as: UTF8.self) }

    func order(_ carrier: Carrier, _ code: String) -> OrderRow? {
        orders.first { $0.carrier == carrier && orderCodeString($0) == code }
    }

    func finalCodeString(_ row: OrderRow) -> String { String(decoding: orders.statusCode(row), as: UTF8.self) }
}

/// The helpers' calendar against constants computed by hand.
@Suite struct TestBatchesSelfCheck {
    @Test func calendarConstants() {
        // 2000-01-01: 30 years from 1970, leap years 1972…1996 = 7 → 30·365 + 7 = 10,957 days;
        // 10,957 · 86,400,000 = 946,684,800,000 ms (the well-known Unix time 946684800).
        #expect(TB.ms("2000-01-01T00:00:00Z") == 946_684_800_000)
        // 2026-03-01: 56 years, leap years 1972…2024 = 14 → 20,454 days to 2026-01-01; + 31 + 28 = 20,513.
        #expect(TB.day("2026-03-01") == 20_513)
        #expect(TB.ms("2026-03-01T00:00:00Z") == 20_513 * 86_400_000)
        // 08:30:15.250 = 8·3,600,000 + 30·60,000 + 15,250 = 30,615,250 ms.
        #expect(TB.ms("2026-03-01T08:30:15.250Z") == 20_513 * 86_400_000 + 30_615_250)
        // 2024 is a leap year: 2024-03-01 is 2024-02-28 + 2 days.
        #expect(TB.day("2024-03-01") - TB.day("2024-02-28") == 2)
    }
}

// Core computes with carriers by position and traits; its tests cannot see the carrier registry
// (ShipKPIIO), so they name the shipped carriers' positions and traits here.
extension Carrier {
    static let express247 = Carrier(rawValue: 0)
    static let houndExpress = Carrier(rawValue: 1)
}

extension Carriers {
    static let test = Carriers([
        CarrierTraits(
            id: "247express", displayName: "247Express (Vietnam)", currency: "VND",
            recordKinds: [RecordKindTraits(id: "247express_order", label: "order records")],
            sendsOrderRecords: true, reportsFeedbackRequests: true, sendsRemittanceStatements: true),
        CarrierTraits(
            id: "houndexpress", displayName: "HoundExpress (Mexico)", currency: "MXN",
            recordKinds: [RecordKindTraits(id: "houndexpress_status_event", label: "status events")]),
    ])
}
