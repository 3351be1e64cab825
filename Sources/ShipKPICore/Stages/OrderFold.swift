import Foundation

/// The fold stage: folds the mapped records of a set of orders, **in input-position order**, into
/// per-order state, and finishes into a ``FoldResult``: a mergeable ``Partial``, the lead times
/// behind the percentiles, and the per-order rows.
///
/// Every rule that depends on several events of an order is decided here, exactly as the spec
/// says: the filters, then duplicates (an event's identity is scoped to its order, so all
/// duplicates of an order meet in the fold that holds it; the first occurrence is kept), the
/// order of events (instant, canonical rank, input position), the last order record wins. Records
/// must arrive in input-position order — one process reading everything in order, or a Spark task
/// that concatenates the splits of its partition in split order; positions never interleave.
///
/// Interning, the identity set and hash seeds are this fold's own (random per fold): nothing
/// process-local leaves it except through the result's plain values.
///
/// One thread folds (`add`, then `finish`); after `finish` the fold is only read (its
/// ``OrderRows`` compute rows from it), from any thread — hence `@unchecked Sendable`.
package final class OrderFold: @unchecked Sendable {
    package let settings: FoldSettings
    private let seeds: (order: UInt64, high: UInt64, low: UInt64)
    private var orderKeys: [ByteInterner]  // per carrier: order code → local id
    private var orderIndex: [[Int32]]  // per carrier: local id → fold index
    private var orders: [OrderState] = []
    private var orderLocal: [Int32] = []  // fold index → local id
    private var statusCodes: [ByteInterner]  // per carrier: raw status codes
    private var couriers: ByteInterner
    private var groups = ByteInterner()  // provinces and services
    private var reasonCodes: [ByteInterner]  // per carrier
    private var reasons: [[ReasonCounts]]  // per carrier, by reason id
    private var dailyIndex: [Int64: Int] = [:]
    private var dailyKeys: [DayKey] = []
    private var dailyValues: [DailyCounts] = []
    private var lastDayKey: Int64 = -1
    private var lastDaySlot = 0
    private var unknownCodes: [[Int32: Int64]]  // per carrier: code id → events
    /// The winning record of each order: its index in `recordInfos` by fold index (−1: none).
    private var recordSlot: [Int32] = []
    private var recordInfos: [OrderRecordInfo] = []
    private var remittances: [Int32: [RemittanceRow]] = [:]
    private var quality = QualityCounts()
    private var duplicates: [Int64]
    private var dateSources: [[Int64]]
    private var accepted: [Int64]
    private var newestDated: Int64 = .min
    private var identities = HashSet128(capacity: 1 << 16)
    private var orderDays = HashSet128(capacity: 1 << 16)
    private var reasonOrders = HashSet128(capacity: 1 << 10)
    /// Events accepted so far: the input-position tie-break (records arrive in position order).
    private var arrival: UInt64 = 0
    /// Reporting-zone offset (seconds) and local day of the as-of instant, per carrier: the date
    /// of events that have none.
    private let asOfOffset: [Int32]
    private let asOfDay: [Int32]
    /// Per carrier: kept by the carrier filter; reports feedback requests (looked up per event
    /// and per order, so kept as plain flags).
    private let kept: [Bool]
    package let reportsFeedback: [Bool]

    package init(settings: FoldSettings) {
        self.settings = settings
        var g = SystemRandomNumberGenerator()
        let seed: UInt64 = g.next()
        seeds = (seed, g.next(), g.next())
        let n = settings.carriers.count
        orderKeys = (0 ..< n).map { _ in ByteInterner(capacity: 1 << 14, seed: seed) }
        orderIndex = Array(repeating: [], count: n)
        statusCodes = (0 ..< n).map { _ in ByteInterner(seed: seed) }
        reasonCodes = (0 ..< n).map { _ in ByteInterner(seed: seed) }
        couriers = ByteInterner(capacity: 1 << 10, seed: seed)
        reasons = Array(repeating: [], count: n)
        unknownCodes = Array(repeating: [:], count: n)
        duplicates = Array(repeating: 0, count: n)
        dateSources = Array(repeating: [0, 0, 0], count: n)
        accepted = Array(repeating: 0, count: n)
        var offsets: [Int32] = []
        var days: [Int32] = []
        for zone in settings.reportZones.inOrder {
            let offset = ZoneResolver(timeZone: zone).offsetSeconds(atUTC: settings.asOf)
            offsets.append(Int32(offset))
            days.append(Int32(clamping: floorDiv(settings.asOf + Int64(offset) * 1000, 86_400_000)))
        }
        asOfOffset = offsets
        asOfDay = days
        kept = settings.carriers.all.map { settings.keeps($0) }
        reportsFeedback = settings.carriers.traits.map(\.reportsFeedbackRequests)
    }

    // MARK: - Folding

    /// The order's fold index, creating its state when new.
    @inline(__always)
    private func orderID(_ carrier: Carrier, _ code: UnsafeRawBufferPointer) -> Int32 {
        let c = Int(carrier.rawValue)
        let (local, inserted) = orderKeys[c].intern(code)
        if inserted {
            let index = Int32(orders.count)
            orders.append(OrderState(carrier: carrier))
            recordSlot.append(-1)
            orderIndex[c].append(index)
            orderLocal.append(local)
            return index
        }
        return orderIndex[c][Int(local)]
    }

    /// Folds one batch (its records follow every record folded before, in input position).
    /// `onAccepted` sees each accepted event (dated, not a duplicate, inside the filters), in
    /// input order.
    package func add(_ batch: EventBatch, onAccepted: ((NormalizedEvent, EventBatch) -> Void)? = nil) {
        batch.arena.withUnsafeBytes { arena in
            for var e in batch.events {
                let c = Int(e.carrier.rawValue)
                if e.dateSource == .asOf {
                    e.instant = settings.asOf
                    e.localOffsetSeconds = asOfOffset[c]
                    e.localDay = asOfDay[c]
                }
                guard kept[c], settings.fromDay.map({ e.localDay >= $0 }) ?? true,
                    settings.toDay.map({ e.localDay <= $0 }) ?? true
                else {
                    quality.filteredOut += 1
                    continue
                }
                let id = orderID(e.carrier, slice(arena, e.orderCode))
                // The identity is scoped to the order: its fold index is part of the key.
                let text = slice(arena, e.identity)
                let mixed = UInt64(UInt32(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15
                guard
                    identities.insert(
                        high: ByteHash.hash(text, seed: seeds.high) ^ mixed,
                        low: ByteHash.hash(text, seed: seeds.low) &+ UInt64(UInt32(bitPattern: id)))
                else {
                    duplicates[c] += 1
                    continue
                }
                let code = statusCodes[c].intern(slice(arena, e.statusCode)).id
                let courier = e.courier.isEmpty ? -1 : couriers.intern(slice(arena, e.courier)).id
                if e.flags.contains(.hasReason) { countReason(e, order: id, arena) }
                apply(e, to: Int(id), code: code, courier: courier)
                onAccepted?(e, batch)
            }
            for record in batch.orders {
                guard kept[record.carrier.index] else {
                    quality.filteredOut += 1
                    continue
                }
                quality.orderRecords += 1
                let id = orderID(record.carrier, slice(arena, record.orderCode))
                let province = record.province.isEmpty ? -1 : groups.intern(slice(arena, record.province)).id
                let service = record.service.isEmpty ? -1 : groups.intern(slice(arena, record.service)).id
                let info = OrderRecordInfo(cod: record.cod, province: province, service: service, findings: record.findings)
                if recordSlot[Int(id)] >= 0 {
                    recordInfos[Int(recordSlot[Int(id)])] = info  // the last record wins
                } else {
                    recordSlot[Int(id)] = Int32(recordInfos.count)
                    recordInfos.append(info)
                }
            }
        }
        // A remittance statement is its carrier's: with the carrier filtered out it reconciles nothing.
        for row in batch.remittances where kept[row.carrier.index] {
            quality.remittanceRows += 1
            var code = row.orderCode
            let id = code.withUTF8 { orderID(row.carrier, UnsafeRawBufferPointer($0)) }
            remittances[id, default: []].append(row)
        }
    }

    @inline(__always)
    private func slice(_ arena: UnsafeRawBufferPointer, _ range: ByteRange) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(range.offset) ..< Int(range.offset + range.count)])
    }

    private func countReason(_ event: NormalizedEvent, order id: Int32, _ arena: UnsafeRawBufferPointer) {
        let c = Int(event.carrier.rawValue)
        let (rid, inserted) = reasonCodes[c].intern(slice(arena, event.reasonCode))
        if inserted {
            let label = String(decoding: slice(arena, event.reasonLabel), as: UTF8.self)
            reasons[c].append(ReasonCounts(label: label, category: event.reasonCategory, party: event.reasonParty, firstSeen: event.position))
        }
        reasons[c][Int(rid)].events += 1
        if reasonOrders.insert(high: UInt64(UInt32(bitPattern: id)) + 1, low: UInt64(c) << 32 | UInt64(UInt32(bitPattern: rid))) {
            reasons[c][Int(rid)].orders += 1
        }
    }

    /// Folds one accepted event into its order's state and the daily counters.
    @inline(__always)
    private func apply(_ event: NormalizedEvent, to id: Int, code: Int32, courier: Int32) {
        let c = Int(event.carrier.rawValue)
        accepted[c] += 1
        dateSources[c][Int(event.dateSource.rawValue)] += 1
        if event.dateSource != .asOf && event.instant > newestDated { newestDated = event.instant }
        let key = EventKey(instant: event.instant, rank: event.status.rank, position: arrival)
        arrival += 1
        var newDay = false
        orders.withUnsafeMutableBufferPointer { states in
            states[id].fold(event, key: key, code: code, courier: courier)
            newDay = states[id].touch(day: event.localDay) { day in
                orderDays.insert(high: UInt64(id) + 1, low: UInt64(bitPattern: Int64(day)))
            }
        }
        if event.status == .unknown { unknownCodes[c][code, default: 0] += 1 }
        countDay(event, newOrderDay: newDay)
    }

    /// Daily counters of (carrier, local date); consecutive events mostly share the key.
    @inline(__always)
    private func countDay(_ event: NormalizedEvent, newOrderDay: Bool) {
        let key = Int64(event.carrier.rawValue) << 40 | (Int64(event.localDay) + (1 << 31))
        if key != lastDayKey {
            if let index = dailyIndex[key] {
                lastDaySlot = index
            } else {
                lastDaySlot = dailyValues.count
                dailyIndex[key] = lastDaySlot
                dailyValues.append(DailyCounts())
                dailyKeys.append(DayKey(carrier: event.carrier, day: event.localDay))
            }
            lastDayKey = key
        }
        dailyValues.withUnsafeMutableBufferPointer { d in
            d[lastDaySlot].events += 1
            switch event.status {
            case .pickedUp: d[lastDaySlot].pickedUp += 1
            case .outForDelivery: d[lastDaySlot].outForDelivery += 1
            case .attemptFailed: d[lastDaySlot].failedAttempts += 1
            default: break
            }
            if newOrderDay { d[lastDaySlot].ordersTouched += 1 }
        }
    }

    /// Accepted events folded so far (all carriers).
    package var acceptedEvents: Int64 { accepted.reduce(0, +) }

    /// Orders with at least one accepted event so far.
    package var ordersWithEvents: Int { orders.reduce(0) { $0 + ($1.hasEvents ? 1 : 0) } }

    // MARK: - Finishing

    /// Computes the fold's partial, lead times and per-order rows. Frees the duplicate-detection
    /// sets first (the largest tables; nothing after reading needs them). Call once.
    package func finish() -> FoldResult {
        identities = HashSet128(capacity: 0)
        orderDays = HashSet128(capacity: 0)
        reasonOrders = HashSet128(capacity: 0)
        var partial = Partial()
        let rows = OrderRows(fold: self, order: ordersWithEventsInReportOrder())
        let leadTimes = summarise(rows, into: &partial)
        for row in rows where row.needsAction {
            partial.needsAction.offer(rows.needsActionRow(row), by: NeedsActionRow.precedes)
        }
        let checks = checkOrderRecords(into: &partial)
        let cod = reconcileCOD(into: &partial)
        countCodesAndQuality(into: &partial)
        return FoldResult(partial: partial, leadTimes: leadTimes, orders: rows, cod: cod, checks: checks)
    }

    /// Fold indices of the orders with events, in (carrier, order code byte) order.
    private func ordersWithEventsInReportOrder() -> [Int32] {
        var withEvents: [Int32] = []
        withEvents.reserveCapacity(orders.count)
        for i in orders.indices where orders[i].hasEvents { withEvents.append(Int32(i)) }
        withEvents.sort { a, b in
            let ca = orders[Int(a)].carrier, cb = orders[Int(b)].carrier
            if ca != cb { return ca < cb }
            return orderKeys[ca.index].lexicographicallyPrecedes(orderLocal[Int(a)], orderLocal[Int(b)])
        }
        return withEvents
    }

    /// Adds every order with events to its summary groups (carrier, `ALL`, province, service,
    /// courier), the feedback counts and the daily final outcomes; returns the lead times.
    ///
    /// Groups are counted under integer keys (kind, carrier, interned name) and named once at
    /// the end: per order, no group name is built and no string is hashed.
    private func summarise(_ rows: OrderRows, into partial: inout Partial) -> LeadTimeTable {
        let asOf = settings.asOf
        var slots = GroupSlots()
        for index in rows.foldIndices {
            let s = orders[Int(index)]
            let carrier = s.carrier
            let c = Int64(carrier.rawValue)
            let lead = s.leadTimeMs
            func count(_ kind: SummaryGroup.Kind, _ carrier: Int64, _ name: Int32) {
                let slot = slots.slot(kind, carrier, name)
                slots.counts[slot].add(s, asOf: asOf)
                if let lead { slots.leads[slot].append(lead) }
            }
            count(.summary, c, -1)
            count(.summary, GroupSlots.all, -1)
            if let record = record(index) {
                if record.province >= 0 { count(.province, c, record.province) }
                if record.service >= 0 { count(.service, c, record.service) }
            }
            if s.courier >= 0 { count(.courier, c, s.courier) }
            if reportsFeedback[carrier.index] {
                partial.feedback[carrier, default: FeedbackCounts()].add(requests: Int64(s.feedbackMax))
            }
            if s.finalStatus.outcome != .open {
                let final = DayKey(carrier: carrier, day: s.finalLocalDay)
                partial.daily[final, default: DailyCounts()].countFinal(s.finalStatus)
            }
        }
        var leadTimes = LeadTimeTable()
        for (slot, key) in slots.keys.enumerated() {
            let scope: CarrierScope = key.carrier == GroupSlots.all ? .all : .carrier(Carrier(rawValue: UInt8(key.carrier)))
            let name: String
            switch key.kind {
            case .summary: name = ""
            case .province, .service: name = groups.string(key.name)
            case .courier: name = couriers.string(key.name)
            }
            let group = SummaryGroup(kind: key.kind, scope: scope, name: name)
            partial.summary[group] = slots.counts[slot]
            if !slots.leads[slot].isEmpty { leadTimes.values[group] = slots.leads[slot].sorted() }
        }
        for (i, key) in dailyKeys.enumerated() { partial.daily[key, default: DailyCounts()].merge(dailyValues[i]) }
        return leadTimes
    }

    /// Summary groups under integer keys while orders are added (see ``summarise``).
    private struct GroupSlots {
        static let all: Int64 = 0xFF
        var index: [Int64: Int] = [:]
        var keys: [(kind: SummaryGroup.Kind, carrier: Int64, name: Int32)] = []
        var counts: [SummaryCounts] = []
        var leads: [[Int64]] = []

        @inline(__always)
        mutating func slot(_ kind: SummaryGroup.Kind, _ carrier: Int64, _ name: Int32) -> Int {
            let key = Int64(kind.rawValue) << 48 | carrier << 32 | Int64(UInt32(bitPattern: name))
            if let slot = index[key] { return slot }
            let slot = counts.count
            index[key] = slot
            keys.append((kind, carrier, name))
            counts.append(SummaryCounts())
            leads.append([])
            return slot
        }
    }

    /// A carrier's orders (with a record, events or remittances), sorted by code: local ids.
    private func sortedLocalIDs(_ carrier: Carrier) -> [Int32] {
        let keys = orderKeys[carrier.index]
        var local = Array(0 ..< Int32(keys.count))
        local.sort { keys.lexicographicallyPrecedes($0, $1) }
        return local
    }

    /// The findings of every order's winning record, carrier by carrier, by order code.
    private func checkOrderRecords(into partial: inout Partial) -> [CheckRow] {
        var checks: [CheckRow] = []
        for carrier in settings.carriers.all {
            for local in sortedLocalIDs(carrier) {
                let index = orderIndex[carrier.index][Int(local)]
                guard let findings = record(index)?.findings, !findings.isEmpty else { continue }
                let code = orderKeys[carrier.index].string(local)
                for (i, finding) in findings.enumerated() {
                    let row = CheckRow(carrier: carrier, orderCode: code, finding: finding, index: i)
                    checks.append(row)
                    partial.checks.add(row)
                }
            }
        }
        return checks
    }

    /// COD reconciliation of the remittance carrier's orders (none when no carrier of the run
    /// sends remittance statements).
    private func reconcileCOD(into partial: inout Partial) -> [CODRow] {
        guard let carrier = settings.carriers.remittanceCarrier else { return [] }
        var facts: [CODOrderFacts] = []
        var foldRemittances: [RemittanceRow] = []
        for local in sortedLocalIDs(carrier) {
            let index = orderIndex[carrier.index][Int(local)]
            let s = orders[Int(index)]
            let record = self.record(index)
            facts.append(
                CODOrderFacts(
                    orderCode: orderKeys[carrier.index].string(local), cod: record?.cod, hasRecord: record != nil,
                    finalStatus: s.hasEvents ? s.finalStatus : nil, deliveredAt: s.flags.contains(.delivered) ? s.lastDelivered.instant : nil))
            foldRemittances += remittances[index] ?? []
        }
        foldRemittances.sort { ($0.source.file, $0.source.line) < ($1.source.file, $1.source.line) }
        let byCode = Dictionary(facts.map { ($0.orderCode, $0) }, uniquingKeysWith: { a, _ in a })
        let cod = CODReconciler.reconcile(
            carrier: carrier, orders: facts, remittances: foldRemittances, lookup: { byCode[$0] },
            currency: settings.currencies[carrier], asOf: settings.asOf)
        partial.cod = cod.summary
        return cod.rows
    }

    /// Reasons, unknown status codes and the per-carrier quality counts.
    private func countCodesAndQuality(into partial: inout Partial) {
        for carrier in settings.carriers.all {
            let c = carrier.index
            for (i, stats) in reasons[c].enumerated() { partial.reasons[CodeKey(carrier: carrier, code: reasonCodes[c].string(Int32(i)))] = stats }
            for (code, events) in unknownCodes[c] { partial.unknownCodes[CodeKey(carrier: carrier, code: statusCodes[c].string(code))] = events }
            if duplicates[c] > 0 { quality.duplicates[carrier] = duplicates[c] }
            if dateSources[c] != [0, 0, 0] { quality.dateSources[carrier] = dateSources[c] }
            if accepted[c] > 0 { quality.acceptedEvents[carrier] = accepted[c] }
        }
        quality.newestDatedInstant = newestDated == .min ? nil : newestDated
        partial.quality = quality
    }

    // MARK: - Per-order text (for the rows)

    /// Bytes of the order code of fold index `index`.
    package func orderCode(_ index: Int32) -> ArraySlice<UInt8> {
        orderKeys[orders[Int(index)].carrier.index].bytes(orderLocal[Int(index)])
    }

    /// Bytes of the final event's raw status code of fold index `index` (empty without events).
    package func finalCode(_ index: Int32) -> ArraySlice<UInt8> {
        let s = orders[Int(index)]
        return s.finalCode < 0 ? [] : statusCodes[s.carrier.index].bytes(s.finalCode)
    }

    package func state(_ index: Int32) -> OrderState { orders[Int(index)] }

    package func record(_ index: Int32) -> OrderRecordInfo? {
        let slot = recordSlot[Int(index)]
        return slot >= 0 ? recordInfos[Int(slot)] : nil
    }
}
