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
    package private(set) var couriers: ByteInterner
    package private(set) var groups = ByteInterner()            // provinces and services
    package private(set) var reasonCodes: [ByteInterner]        // per carrier
    package private(set) var reasons: [[ReasonStats]]           // per carrier, by reason id
    private var dailyIndex: [Int64: Int] = [:]
    private var dailyKeys: [Int64] = []
    private var dailyValues: [DailyCounters] = []
    private var lastDayKey: Int64 = -1
    private var lastDaySlot = 0
    package private(set) var unknownCodes: [[Int32: Int64]]     // per carrier: code id → events
    package private(set) var duplicates: [Int64]                // per carrier
    package private(set) var fallbacks: [[Int64]]               // per carrier × DateSource
    package private(set) var acceptedEvents: [Int64]            // per carrier
    /// Instant (ms) of the newest accepted event dated by itself or its envelope (not by as-of).
    package private(set) var newestDatedInstant: Int64 = .min
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
        statusCodes = (0 ..< n).map { _ in ByteInterner(seed: orderSeed) }
        reasonCodes = (0 ..< n).map { _ in ByteInterner(seed: orderSeed) }
        couriers = ByteInterner(capacity: 1 << 10, seed: orderSeed)
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
    ///
    /// Two passes: the first decides duplicates and resolves ids (it may grow the tables), the
    /// second folds the accepted events into order states through one buffer pointer, so the hot
    /// loop does no uniqueness or exclusivity checks per event.
    package func ingest(_ batch: EventBatch, onAccepted: ((NormalizedEvent, EventBatch) -> Void)? = nil) {
        counters.add(batch.counters)
        for reject in batch.rejects { rejectCounts[reject.reason, default: 0] += 1 }
        let events = batch.events
        var ids = [Int32](repeating: -1, count: events.count)
        var codeIDs = [Int32](repeating: -1, count: events.count)
        var courierIDs = [Int32](repeating: -1, count: events.count)
        batch.arena.withUnsafeBytes { arena in
            for i in events.indices {
                let e = events[i]
                let c = Int(e.carrier.rawValue)
                guard identities.insert(e.identity) else {
                    duplicates[c] += 1
                    continue
                }
                ids[i] = orderID(e.carrier, slice(arena, e.orderCode), hash: e.orderHash)
                codeIDs[i] = statusCodes[c].intern(slice(arena, e.statusCode), hash: e.statusCodeHash).id
                if !e.courier.isEmpty { courierIDs[i] = couriers.intern(slice(arena, e.courier), hash: e.courierHash).id }
                if e.flags.contains(.hasReason) {
                    countReason(e, orderID: ids[i], arena)
                }
            }
            for record in batch.orders { applyOrder(record, arena) }
        }
        // Moved out (not copied) so the closure can mutate it without copying its storage.
        var overflowDays = orderDays
        orderDays = HashSet128(capacity: 0)
        orders.withUnsafeMutableBufferPointer { states in
            for i in events.indices where ids[i] >= 0 {
                let e = events[i]
                let id = Int(ids[i])
                apply(e, to: &states[id], code: codeIDs[i], courier: courierIDs[i])
                let isNewDay = states[id].touch(day: e.localDay) { day in
                    overflowDays.insert(high: UInt64(id) + 1, low: UInt64(bitPattern: Int64(day)))
                }
                countDay(e, newOrderDay: isNewDay)
                onAccepted?(e, batch)
            }
        }
        orderDays = overflowDays
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

    private func countReason(_ e: NormalizedEvent, orderID id: Int32, _ arena: UnsafeRawBufferPointer) {
        let c = Int(e.carrier.rawValue)
        let (rid, inserted) = reasonCodes[c].intern(slice(arena, e.reasonCode), hash: e.reasonCodeHash)
        if inserted {
            let label = String(decoding: slice(arena, e.reasonLabel), as: UTF8.self)
            reasons[c].append(ReasonStats(label: label, category: e.reasonCategory, party: e.reasonParty))
        }
        reasons[c][Int(rid)].events += 1
        if reasonOrders.insert(high: UInt64(id) + 1, low: UInt64(c) << 32 | UInt64(UInt32(bitPattern: rid))) {
            reasons[c][Int(rid)].orders += 1
        }
    }

    /// Folds one accepted event into its order's state.
    @inline(__always)
    private func apply(_ e: NormalizedEvent, to s: inout OrderState, code: Int32, courier: Int32) {
        let c = Int(e.carrier.rawValue)
        acceptedEvents[c] += 1
        fallbacks[c][Int(e.dateSource.rawValue)] += 1
        if e.dateSource != .asOf && e.instant > newestDatedInstant { newestDatedInstant = e.instant }
        let pos = position + UInt64(e.ordinal)
        let key = EventKey(instant: e.instant, rank: e.status.rank, position: pos)
        s.eventCount += 1
        if e.instant < s.firstInstant { s.firstInstant = e.instant }
        if s.final < key {
            s.final = key
            s.finalStatus = e.status
            s.finalCode = code
            s.finalLocalDay = e.localDay
        }
        switch e.status {
        case .pickedUp:
            s.flags.insert(.pickedUp)
            if e.instant < s.firstPickedUp { s.firstPickedUp = e.instant }
        case .outForDelivery:
            s.flags.insert(.attempted)
        case .attemptFailed:
            s.flags.formUnion(OrderState.Flags.attemptedAndFailed)
            s.failedAttempts += 1
            if key < s.firstAttemptFailed { s.firstAttemptFailed = key }
        case .delivered:
            s.flags.formUnion(OrderState.Flags.attemptedAndDelivered)
            if s.lastDelivered < key { s.lastDelivered = key }
        default:
            break
        }
        if e.flags.contains(.hasFeedback) {
            if !s.flags.contains(.feedback) || e.feedback > s.feedbackMax { s.feedbackMax = e.feedback }
            s.flags.insert(.feedback)
        }
        if courier >= 0 && s.courierKey < key {
            s.courierKey = key
            s.courier = courier
            s.flags.insert(.courier)
        }
        if e.status == .unknown { unknownCodes[c][code, default: 0] += 1 }
    }

    /// Daily counters of (carrier, local date); consecutive events mostly share the key.
    @inline(__always)
    private func countDay(_ e: NormalizedEvent, newOrderDay: Bool) {
        let key = Int64(e.carrier.rawValue) << 40 | (Int64(e.localDay) + (1 << 31))
        if key != lastDayKey {
            if let index = dailyIndex[key] {
                lastDaySlot = index
            } else {
                lastDaySlot = dailyValues.count
                dailyIndex[key] = lastDaySlot
                dailyValues.append(DailyCounters())
                dailyKeys.append(key)
            }
            lastDayKey = key
        }
        dailyValues.withUnsafeMutableBufferPointer { d in
            d[lastDaySlot].events += 1
            switch e.status {
            case .pickedUp: d[lastDaySlot].pickedUp += 1
            case .outForDelivery: d[lastDaySlot].outForDelivery += 1
            case .attemptFailed: d[lastDaySlot].failedAttempts += 1
            default: break
            }
            if newOrderDay { d[lastDaySlot].ordersTouched += 1 }
        }
    }

    /// Daily counters by (carrier << 40 | day + 2^31) key.
    package var daily: [Int64: DailyCounters] {
        var out: [Int64: DailyCounters] = [:]
        for (i, key) in dailyKeys.enumerated() { out[key] = dailyValues[i] }
        return out
    }

    /// Frees what only reading needs — duplicate detection, touched days, reason orders — once
    /// every input is read (the largest tables; the report no longer needs them).
    package func endOfInput() {
        identities = HashSet128(capacity: 0)
        orderDays = HashSet128(capacity: 0)
        reasonOrders = HashSet128(capacity: 0)
    }

    /// Memory held by the identity and pair sets (bytes), for run.json's notes.
    package var setBytes: Int { identities.capacityBytes + orderDays.capacityBytes + reasonOrders.capacityBytes }

    /// The number of distinct event identities kept (accepted events).
    package var distinctEvents: Int { identities.count }
}
