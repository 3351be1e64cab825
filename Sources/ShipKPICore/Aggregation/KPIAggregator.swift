/// Per (carrier, local date) event counters (SPEC §7 `daily.csv`).
package struct DailyCounters: Sendable {
    package var events: Int64 = 0
    package var pickedUp: Int64 = 0
    package var outForDelivery: Int64 = 0
    package var failedAttempts: Int64 = 0
    package var ordersTouched: Int64 = 0
}

/// Per (carrier, raw reason code) statistics.
package struct ReasonStats: Sendable {
    package var events: Int64 = 0
    package var orders: Int64 = 0
    package var label: String
    package var category: ReasonCategory
    package var party: Party
}

/// The winning (last in input order) 247Express order record of an order.
package struct OrderRecordInfo: Sendable {
    package var cod: ExactDecimal?
    package var province: Int32   // id in `KPIAggregator.groups`, -1 when missing
    package var service: Int32
    package var findings: [OrderFinding]
    package var source: SourcePosition
}

/// Folds batches of normalised events, in input order, into per-order state and counters.
///
/// Single-threaded by design: batches are parsed in parallel but ingested here in input order,
/// so duplicates ("the first occurrence is kept") and every tie-break are decided exactly as in a
/// single-threaded run, and the output is byte-identical whatever the number of threads.
package final class KPIAggregator {
    package let asOf: Int64
    package private(set) var orderKeys: [ByteInterner]          // per carrier: order code → local id
    package private(set) var orderIndex: [[Int32]]              // per carrier: local id → global index
    package private(set) var orders: [OrderState] = []
    package private(set) var orderCarrierLocal: [Int32] = []    // global index → local id
    package private(set) var statusCodes: [ByteInterner]        // per carrier: raw status codes
    package private(set) var couriers = ByteInterner()
    package private(set) var groups = ByteInterner()            // provinces and services
    package private(set) var reasonCodes: [ByteInterner]        // per carrier
    package private(set) var reasons: [[ReasonStats]]           // per carrier, by reason id
    package private(set) var daily: [Int64: DailyCounters] = [:]
    package private(set) var unknownCodes: [[Int32: Int64]]     // per carrier: code id → events
    package private(set) var duplicates: [Int64]                // per carrier
    package private(set) var fallbacks: [[Int64]]               // per carrier × DateSource
    package private(set) var acceptedEvents: [Int64]            // per carrier
    package private(set) var records: [Int32: OrderRecordInfo] = [:]
    package private(set) var orderRecordsRead: Int64 = 0
    package private(set) var counters = BatchCounters()
    package private(set) var rejectCounts: [RejectReason: Int64] = [:]

    private var identities = HashSet128(capacity: 1 << 16)
    private var orderDays = HashSet128(capacity: 1 << 16)
    private var reasonOrders = HashSet128(capacity: 1 << 10)
    private var position: UInt64 = 0

    /// - Parameters:
    ///   - asOf: the run's as-of instant in ms (open-order ages, days since delivery).
    ///   - orderSeed: the seed workers used for `NormalizedEvent.orderHash`.
    package init(asOf: Int64, orderSeed: UInt64) {
        self.asOf = asOf
        let n = Carrier.allCases.count
        orderKeys = (0 ..< n).map { _ in ByteInterner(capacity: 1 << 14, seed: orderSeed) }
        orderIndex = Array(repeating: [], count: n)
        statusCodes = (0 ..< n).map { _ in ByteInterner() }
        reasonCodes = (0 ..< n).map { _ in ByteInterner() }
        reasons = Array(repeating: [], count: n)
        unknownCodes = Array(repeating: [:], count: n)
        duplicates = Array(repeating: 0, count: n)
        fallbacks = Array(repeating: [0, 0, 0], count: n)
        acceptedEvents = Array(repeating: 0, count: n)
    }

    /// The order's global index, creating its state when new.
    @inline(__always)
    private func orderID(_ carrier: Carrier, _ code: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        let c = Int(carrier.rawValue)
        let (local, inserted) = orderKeys[c].intern(code, hash: hash)
        if inserted {
            let global = Int32(orders.count)
            orders.append(OrderState(carrier: carrier))
            orderIndex[c].append(global)
            orderCarrierLocal.append(local)
            return global
        }
        return orderIndex[c][Int(local)]
    }

    /// The global index of an existing order, or nil.
    package func findOrder(_ carrier: Carrier, _ code: String) -> Int32? {
        let c = Int(carrier.rawValue)
        guard let local = orderKeys[c].find(code) else { return nil }
        return orderIndex[c][Int(local)]
    }

    /// Bytes of the order code of global order `index`.
    package func orderCode(_ index: Int32) -> ArraySlice<UInt8> {
        let state = orders[Int(index)]
        return orderKeys[Int(state.carrier.rawValue)].bytes(orderCarrierLocal[Int(index)])
    }

    package func orderCodeString(_ index: Int32) -> String {
        String(decoding: orderCode(index), as: UTF8.self)
    }

    /// Ingests one batch. `onAccepted` sees each accepted (non-duplicate) event, in input order.
    package func ingest(_ batch: EventBatch, onAccepted: ((NormalizedEvent, EventBatch) -> Void)? = nil) {
        counters.add(batch.counters)
        for reject in batch.rejects { rejectCounts[reject.reason, default: 0] += 1 }
        batch.arena.withUnsafeBytes { arena in
            // Events and order records do not affect each other, so each list is applied in order.
            for event in batch.events where apply(event, arena) { onAccepted?(event, batch) }
            for record in batch.orders { applyOrder(record, arena) }
        }
        position += UInt64(batch.recordCount)
    }

    /// Counts rejects that did not come through a batch (remittance rows, unreadable inputs).
    package func countReject(_ reason: RejectReason) { rejectCounts[reason, default: 0] += 1 }

    @inline(__always)
    private func slice(_ arena: UnsafeRawBufferPointer, _ r: ByteRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(r.offset) ..< Int(r.offset + r.count)])
    }

    private func applyOrder(_ record: DecodedOrderRecord, _ arena: UnsafeRawBufferPointer) {
        orderRecordsRead += 1
        let id = orderID(.express247, slice(arena, record.orderCode), hash: record.orderHash)
        let province = record.province.isEmpty ? -1 : groups.intern(slice(arena, record.province)).id
        let service = record.service.isEmpty ? -1 : groups.intern(slice(arena, record.service)).id
        records[id] = OrderRecordInfo(
            cod: record.cod, province: province, service: service, findings: record.findings, source: record.source)
    }

    /// Folds one event; false when it is a duplicate.
    @inline(__always)
    private func apply(_ e: NormalizedEvent, _ arena: UnsafeRawBufferPointer) -> Bool {
        let c = Int(e.carrier.rawValue)
        guard identities.insert(e.identity) else {
            duplicates[c] += 1
            return false
        }
        acceptedEvents[c] += 1
        fallbacks[c][Int(e.dateSource.rawValue)] += 1
        let id = orderID(e.carrier, slice(arena, e.orderCode), hash: e.orderHash)
        let pos = position + UInt64(e.ordinal)
        let key = EventKey(instant: e.instant, rank: e.status.rank, position: pos)
        let codeID = statusCodes[c].intern(slice(arena, e.statusCode)).id

        var s = orders[Int(id)]
        s.eventCount += 1
        if e.instant < s.firstInstant { s.firstInstant = e.instant }
        if s.final < key {
            s.final = key
            s.finalStatus = e.status
            s.finalCode = codeID
            s.finalLocalDay = e.localDay
        }
        switch e.status {
        case .pickedUp:
            s.flags.insert(.pickedUp)
            if e.instant < s.firstPickedUp { s.firstPickedUp = e.instant }
        case .outForDelivery:
            s.flags.insert(.attempted)
        case .attemptFailed:
            s.flags.formUnion([.attempted, .attemptFailed])
            s.failedAttempts += 1
            if key < s.firstAttemptFailed { s.firstAttemptFailed = key }
        case .delivered:
            s.flags.formUnion([.attempted, .delivered])
            if s.lastDelivered < key { s.lastDelivered = key }
        default:
            break
        }
        if e.flags.contains(.hasFeedback) {
            if !s.flags.contains(.feedback) || e.feedback > s.feedbackMax { s.feedbackMax = e.feedback }
            s.flags.insert(.feedback)
        }
        if !e.courier.isEmpty && s.courierKey < key {
            s.courierKey = key
            s.courier = couriers.intern(slice(arena, e.courier)).id
            s.flags.insert(.courier)
        }
        orders[Int(id)] = s

        // Daily counters.
        let dayKey = Int64(c) << 40 | (Int64(e.localDay) + (1 << 31))
        var d = daily[dayKey] ?? DailyCounters()
        d.events += 1
        switch e.status {
        case .pickedUp: d.pickedUp += 1
        case .outForDelivery: d.outForDelivery += 1
        case .attemptFailed: d.failedAttempts += 1
        default: break
        }
        if orderDays.insert(high: UInt64(id) + 1, low: UInt64(bitPattern: Int64(e.localDay))) { d.ordersTouched += 1 }
        daily[dayKey] = d

        // Reasons.
        if e.flags.contains(.hasReason) {
            let (rid, inserted) = reasonCodes[c].intern(slice(arena, e.reasonCode))
            if inserted {
                let label = String(decoding: slice(arena, e.reasonLabel), as: UTF8.self)
                reasons[c].append(ReasonStats(label: label, category: e.reasonCategory, party: e.reasonParty))
            }
            reasons[c][Int(rid)].events += 1
            if reasonOrders.insert(high: UInt64(id) + 1, low: UInt64(c) << 32 | UInt64(UInt32(bitPattern: rid))) {
                reasons[c][Int(rid)].orders += 1
            }
        }
        if e.status == .unknown { unknownCodes[c][codeID, default: 0] += 1 }
        return true
    }

    /// Memory held by the identity and pair sets (bytes), for run.json's notes.
    package var setBytes: Int { identities.capacityBytes + orderDays.capacityBytes + reasonOrders.capacityBytes }

    /// The number of distinct event identities kept (accepted events).
    package var distinctEvents: Int { identities.count }
}
