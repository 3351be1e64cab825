/// One row of `summary.csv` or of a breakdown: the KPIs of a group of orders.
package struct SummaryRow: Sendable {
    package var carrier: String      // carrier id or `ALL`
    package var group: String?       // breakdown group (province, service, courier)
    package var counts: SummaryCounts
}

/// One row of `daily.csv`.
package struct DailyRow: Sendable {
    package var carrier: Carrier
    package var day: Int32
    package var counters: DailyCounters
    /// Orders whose final event falls on this date, by final status.
    package var delivered: Int64 = 0
    package var returned: Int64 = 0
    package var lost: Int64 = 0
    package var confiscated: Int64 = 0
    package var cancelled: Int64 = 0

    package var successRate: String? { Fixed.ratio(delivered, delivered + returned + lost + confiscated) }
}

/// One row of `reasons.csv`.
package struct ReasonRow: Sendable {
    package var carrier: Carrier
    package var code: String
    package var stats: ReasonStats
    /// Reason events of the carrier (the share's denominator).
    package var carrierEvents: Int64

    package var share: String? { Fixed.ratio(stats.events, carrierEvents) }
}

/// `feedback.csv` (247Express only): per-order request counts are the maximum over its events.
package struct FeedbackRow: Sendable {
    package var orders: Int64 = 0
    package var ordersWithRequests: Int64 = 0
    package var totalRequests: Int64 = 0
    /// Orders with 0, 1, 2, 3, 4 and 5+ requests.
    package var histogram: [Int64] = [0, 0, 0, 0, 0, 0]

    package var meanRequests: String? { Fixed.ratio(totalRequests, orders) }
}

/// One row of `orders.csv`, computed from the folded order state.
package struct OrderRow: Sendable {
    package var index: Int32
    package var carrier: Carrier
    package var finalStatus: CanonicalStatus
    package var finalCode: Int32
    package var firstEventAt: Int64
    package var finalEventAt: Int64
    package var pickedUpAt: Int64?
    package var deliveredAt: Int64?
    package var failedAttempts: Int32
    /// 247Express only: the maximum `RequestFeedbackCount` (0 when none was given).
    package var feedbackRequests: Int32?
    package var cod: ExactDecimal?
    package var needsAction: Bool
}

/// The per-order table in (carrier, order code) order. Rows are computed from the folded order
/// state when read: the report shares the aggregator's arrays instead of holding a second,
/// fully materialised copy of every order (a quarter of a million rows per gigabyte of input).
package struct OrderRows: RandomAccessCollection, Sendable {
    /// Indices into `states` of the orders with events, sorted.
    private let order: [Int32]
    private let states: [OrderState]
    private let records: [Int32: OrderRecordInfo]
    private let asOf: Int64

    init(order: [Int32], states: [OrderState], records: [Int32: OrderRecordInfo], asOf: Int64) {
        self.order = order
        self.states = states
        self.records = records
        self.asOf = asOf
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { order.count }

    package subscript(position: Int) -> OrderRow {
        let index = order[position]
        let s = states[Int(index)]
        let open = s.finalStatus.outcome == .open
        let needsAction = open && ([.attemptFailed, .returning, .unknown].contains(s.finalStatus) || s.ageDays(asOf: asOf) >= 8)
        return OrderRow(
            index: index, carrier: s.carrier, finalStatus: s.finalStatus, finalCode: s.finalCode,
            firstEventAt: s.firstInstant, finalEventAt: s.final.instant,
            pickedUpAt: s.flags.contains(.pickedUp) ? s.firstPickedUp : nil,
            deliveredAt: s.flags.contains(.delivered) ? s.lastDelivered.instant : nil,
            failedAttempts: s.failedAttempts,
            feedbackRequests: s.carrier == .express247 ? s.feedbackMax : nil,
            cod: records[index]?.cod, needsAction: needsAction)
    }
}

/// One row of `order_checks.csv`.
package struct CheckRow: Sendable {
    package var carrier: Carrier
    package var orderCode: String
    package var finding: OrderFinding
}

/// An unmapped raw status code and how many accepted events carried it.
package struct UnknownCode: Sendable {
    package var carrier: Carrier
    package var code: String
    package var events: Int64
}

/// Everything the data-quality section reports.
package struct DataQuality: Sendable {
    package var counters: BatchCounters
    package var orderRecords: Int64
    package var rejects: [(reason: RejectReason, count: Int64)]
    package var rejectTotal: Int64
    package var duplicates: [Int64]           // per carrier
    package var fallbacks: [[Int64]]          // per carrier × DateSource
    package var acceptedEvents: [Int64]       // per carrier
    package var unknownCodes: [UnknownCode]
    package var remittanceRows: Int64
}

/// The complete, deterministic result of a run; renderers only format it.
package struct KPIReport: Sendable {
    package var asOf: Int64
    package var summary: [SummaryRow]
    package var daily: [DailyRow]
    package var reasons: [ReasonRow]
    package var feedback: FeedbackRow
    package var breakdownProvince: [SummaryRow]
    package var breakdownService: [SummaryRow]
    package var breakdownCourier: [SummaryRow]
    package var orders: OrderRows
    package var cod: CODReport
    package var checks: [CheckRow]
    package var dataQuality: DataQuality
    package var currencies: [String]          // per carrier

    // Interned text, resolved through the accessors below.
    package var orderKeys: [ByteInterner]
    package var orderLocal: [Int32]
    package var orderCarrier: [Carrier]
    package var statusCodes: [ByteInterner]

    package func orderCode(_ row: OrderRow) -> ArraySlice<UInt8> {
        orderKeys[Int(row.carrier.rawValue)].bytes(orderLocal[Int(row.index)])
    }

    package func statusCode(_ row: OrderRow) -> ArraySlice<UInt8> {
        row.finalCode < 0 ? [] : statusCodes[Int(row.carrier.rawValue)].bytes(row.finalCode)
    }

    package func currency(_ carrier: Carrier) -> String { currencies[Int(carrier.rawValue)] }
}

extension KPIAggregator {
    /// Computes every table of SPEC §5–§7 (with the COD section when remittances are given).
    /// - Parameter currencies: currency per carrier, in `Carrier.allCases` order.
    package func finish(remittances: [RemittanceRow], currencies: [String]) -> KPIReport {
        let carriers = Carrier.allCases
        // Orders with events, in (carrier, order code byte) order.
        var withEvents: [Int32] = []
        withEvents.reserveCapacity(orders.count)
        for i in orders.indices where orders[i].hasEvents { withEvents.append(Int32(i)) }
        withEvents.sort { a, b in
            let sa = orders[Int(a)], sb = orders[Int(b)]
            if sa.carrier != sb.carrier { return sa.carrier < sb.carrier }
            return orderKeys[Int(sa.carrier.rawValue)].lexicographicallyPrecedes(
                orderCarrierLocal[Int(a)], orderCarrierLocal[Int(b)])
        }

        // Summary per carrier and ALL; breakdowns; feedback; final-status counts per day.
        var perCarrier = carriers.map { _ in SummaryCounts() }
        var all = SummaryCounts()
        var byProvince: [Int64: SummaryCounts] = [:]
        var byService: [Int64: SummaryCounts] = [:]
        var byCourier: [Int64: SummaryCounts] = [:]
        var feedback = FeedbackRow()
        var finals: [Int64: (Int64, Int64, Int64, Int64, Int64)] = [:]
        for index in withEvents {
            let s = orders[Int(index)]
            let c = Int(s.carrier.rawValue)
            perCarrier[c].add(s, asOf: asOf)
            all.add(s, asOf: asOf)
            let record = records[index]
            if let p = record?.province, p >= 0 { byProvince[Int64(c) << 32 | Int64(p), default: SummaryCounts()].add(s, asOf: asOf) }
            if let v = record?.service, v >= 0 { byService[Int64(c) << 32 | Int64(v), default: SummaryCounts()].add(s, asOf: asOf) }
            if s.courier >= 0 { byCourier[Int64(c) << 32 | Int64(s.courier), default: SummaryCounts()].add(s, asOf: asOf) }
            if s.carrier == .express247 {
                let requests = Int64(s.feedbackMax)
                feedback.orders += 1
                feedback.totalRequests += requests
                if requests > 0 { feedback.ordersWithRequests += 1 }
                feedback.histogram[Int(min(max(requests, 0), 5))] += 1
            }
            let dayKey = Int64(c) << 40 | (Int64(s.finalLocalDay) + (1 << 31))
            var f = finals[dayKey] ?? (0, 0, 0, 0, 0)
            switch s.finalStatus {
            case .delivered: f.0 += 1
            case .returned: f.1 += 1
            case .lost: f.2 += 1
            case .confiscated: f.3 += 1
            case .cancelled: f.4 += 1
            default: break
            }
            finals[dayKey] = f
        }
        var summary: [SummaryRow] = []
        for carrier in carriers where perCarrier[Int(carrier.rawValue)].orders > 0 {
            var counts = perCarrier[Int(carrier.rawValue)]
            counts.finish()
            summary.append(SummaryRow(carrier: carrier.id, group: nil, counts: counts))
        }
        all.finish()
        summary.append(SummaryRow(carrier: "ALL", group: nil, counts: all))

        // Daily rows in (carrier, date) order.
        let daily: [DailyRow] = self.daily.keys.sorted().map { key in
            let carrier = Carrier(rawValue: UInt8(key >> 40))!
            let day = Int32(truncatingIfNeeded: (key & ((1 << 40) - 1)) - (1 << 31))
            var row = DailyRow(carrier: carrier, day: day, counters: self.daily[key]!)
            if let f = finals[key] {
                (row.delivered, row.returned, row.lost, row.confiscated, row.cancelled) = f
            }
            return row
        }

        // Reasons: carrier, events descending, code ascending.
        var reasonRows: [ReasonRow] = []
        for carrier in carriers {
            let c = Int(carrier.rawValue)
            let total = reasons[c].reduce(0) { $0 + $1.events }
            var rows = reasons[c].indices.map { i in
                ReasonRow(carrier: carrier, code: reasonCodes[c].string(Int32(i)), stats: reasons[c][i], carrierEvents: total)
            }
            rows.sort { a, b in
                a.stats.events != b.stats.events ? a.stats.events > b.stats.events
                    : a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }
            reasonRows += rows
        }

        func breakdown(_ groups: [Int64: SummaryCounts], name: (Int32) -> String) -> [SummaryRow] {
            var rows = groups.map { key, counts -> SummaryRow in
                var counts = counts
                counts.finish()
                let carrier = Carrier(rawValue: UInt8(key >> 32))!
                return SummaryRow(carrier: carrier.id, group: name(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)), counts: counts)
            }
            rows.sort { a, b in
                a.carrier != b.carrier ? Carrier(id: a.carrier)! < Carrier(id: b.carrier)!
                    : a.group!.utf8.lexicographicallyPrecedes(b.group!.utf8)
            }
            return rows
        }

        // COD and order checks: 247Express orders with a record or events.
        var codFacts: [CODOrderFacts] = []
        var checks: [CheckRow] = []
        let c247 = Int(Carrier.express247.rawValue)
        var local247 = Array(0 ..< Int32(orderKeys[c247].count))
        local247.sort { orderKeys[c247].lexicographicallyPrecedes($0, $1) }
        codFacts.reserveCapacity(local247.count)
        func facts(_ index: Int32) -> CODOrderFacts {
            let s = orders[Int(index)]
            let record = records[index]
            return CODOrderFacts(
                orderCode: orderCodeString(index), cod: record?.cod, hasRecord: record != nil,
                finalStatus: s.hasEvents ? s.finalStatus : nil,
                deliveredAt: s.flags.contains(.delivered) ? s.lastDelivered.instant : nil)
        }
        for local in local247 {
            let index = orderIndex[c247][Int(local)]
            codFacts.append(facts(index))
            if let record = records[index] {
                for finding in record.findings {
                    checks.append(CheckRow(carrier: .express247, orderCode: orderCodeString(index), finding: finding))
                }
            }
        }
        let cod = CODReconciler.reconcile(
            orders: codFacts, remittances: remittances,
            lookup: { code in self.findOrder(.express247, code).map(facts) },
            currency: currencies[c247], asOf: asOf)

        let rejectList = rejectCounts.sorted { $0.key < $1.key }.map { (reason: $0.key, count: $0.value) }
        var unknown: [UnknownCode] = []
        for carrier in carriers {
            let c = Int(carrier.rawValue)
            let rows = unknownCodes[c].map { UnknownCode(carrier: carrier, code: statusCodes[c].string($0.key), events: $0.value) }
            unknown += rows.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        }
        let quality = DataQuality(
            counters: counters, orderRecords: orderRecordsRead, rejects: rejectList,
            rejectTotal: rejectList.reduce(0) { $0 + $1.count }, duplicates: duplicates,
            fallbacks: fallbacks, acceptedEvents: acceptedEvents, unknownCodes: unknown,
            remittanceRows: Int64(remittances.count))

        return KPIReport(
            asOf: asOf, summary: summary, daily: daily, reasons: reasonRows, feedback: feedback,
            breakdownProvince: breakdown(byProvince) { groups.string($0) },
            breakdownService: breakdown(byService) { groups.string($0) },
            breakdownCourier: breakdown(byCourier) { couriers.string($0) },
            orders: OrderRows(order: withEvents, states: orders, records: records, asOf: asOf), cod: cod, checks: checks, dataQuality: quality, currencies: currencies,
            orderKeys: orderKeys, orderLocal: orderCarrierLocal, orderCarrier: orders.map(\.carrier),
            statusCodes: statusCodes)
    }
}
