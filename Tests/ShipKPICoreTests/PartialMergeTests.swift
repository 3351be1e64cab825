import Foundation
import ShipKPICore
import Testing

// The merge stage's algebra: partials of disjoint sets of orders merge like numbers add up —
// associative, commutative, with `Partial()` as the identity — and folding the orders in any
// number of order-key groups gives the same tables (exact percentiles included) as one fold.

private typealias E = TB.E
private let vn = Carrier.express247
private let mx = Carrier.houndExpress

/// A deterministic pseudo-random source for generated test data (xorshift).
private struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Events and records of `orders` generated orders: lifecycles with duplicates, reasons,
/// couriers, feedback, order records with provinces and COD, and remittance rows.
private func generated(orders: Int, seed: UInt64) -> (events: [E], records: [TB.R], remittances: [RemittanceRow]) {
    var rng = Rng(state: seed | 1)
    var events: [E] = []
    var records: [TB.R] = []
    var remittances: [RemittanceRow] = []
    let lifecycles: [[CanonicalStatus]] = [
        [.created, .pickedUp, .inTransit, .outForDelivery, .delivered],
        [.pickedUp, .outForDelivery, .attemptFailed, .outForDelivery, .delivered],
        [.pickedUp, .attemptFailed, .returning, .returned],
        [.created, .pickedUp, .inTransit],
        [.created, .cancelled],
        [.pickedUp, .lost],
        [.pickedUp, .unknown],
    ]
    for o in 0 ..< orders {
        let carrier = rng.below(3) == 0 ? mx : vn
        let code = "O\(rng.below(orders * 3))"  // some orders collide: more events per order
        var at = TB.t0 + Int64(rng.below(20)) * TB.day + Int64(rng.below(24)) * TB.hour
        for status in lifecycles[rng.below(lifecycles.count)] {
            at += Int64(1 + rng.below(30)) * TB.hour
            let reason = status == .attemptFailed ? ["R1", "R2", "R3"][rng.below(3)] : nil
            let e = E(
                carrier, code, status, at, courier: rng.below(4) == 0 ? nil : ["Lan", "Minh", "Pedro"][rng.below(3)],
                feedback: carrier == vn && rng.below(3) == 0 ? Int32(rng.below(6)) : nil, reason: reason,
                label: reason.map { "label \($0)" } ?? "", category: .recipientUnavailable, party: .recipient)
            events.append(e)
            if rng.below(10) == 0 { events.append(e) }  // a re-sent duplicate
        }
        if carrier == vn && rng.below(2) == 0 {
            records.append(
                TB.R(
                    code, cod: ExactDecimal(1000 * (1 + rng.below(500))),
                    province: ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng"][rng.below(3)], service: ["DE", "EX"][rng.below(2)]))
            if rng.below(2) == 0 {
                remittances.append(TB.remittance(code, 1000 * (1 + rng.below(500)), line: Int64(o + 2)))
            }
        }
    }
    return (events, records, remittances)
}

/// The order-key group of an event's order, for cutting the data into `groups` folds.
private func group(_ carrier: Carrier, _ code: String, _ groups: Int) -> Int {
    Int(truncatingIfNeeded: (code.utf8.reduce(UInt64(carrier.rawValue)) { $0 &* 31 &+ UInt64($1) }) % UInt64(groups))
}

/// Folds the data as `groups` separate folds of disjoint order sets (each fed the records of its
/// orders in input order); returns their results.
private func folds(_ data: (events: [E], records: [TB.R], remittances: [RemittanceRow]), groups: Int) throws -> [FoldResult] {
    let all = TB.batch(data.events, records: data.records)
    var statement = EventBatch()
    statement.remittances = data.remittances
    return (0 ..< groups).map { g in
        var part = EventBatch()
        part.append(
            from: all, events: data.events.indices.filter { group(data.events[$0].carrier, data.events[$0].order, groups) == g },
            orders: data.records.indices.filter { group(vn, data.records[$0].order, groups) == g }, remittances: [])
        var remitted = EventBatch()
        remitted.append(
            from: statement, events: [], orders: [],
            remittances: data.remittances.indices.filter { group(vn, data.remittances[$0].orderCode, groups) == g })
        let fold = OrderFold(settings: TB.settings(asOf: TB.asOf))
        fold.add(part)
        fold.add(remitted)
        return fold.finish()
    }
}

@Suite struct PartialMergeTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func mergeIsAssociativeAndCommutativeWithAnIdentity(seed: UInt64) throws {
        let parts = try folds(generated(orders: 300, seed: seed), groups: 3).map(\.partial)
        let (a, b, c) = (parts[0], parts[1], parts[2])
        func merged(_ x: Partial, _ y: Partial) -> Partial {
            var m = x
            m.merge(y)
            return m
        }
        #expect(merged(merged(a, b), c) == merged(a, merged(b, c)))
        #expect(merged(a, b) == merged(b, a))
        #expect(merged(a, Partial()) == a)
        #expect(merged(Partial(), a) == a)
        // The parts are not trivial: each holds orders, days, reasons and COD rows.
        for p in parts {
            #expect((p.summary[.summary(.all)]?.orders ?? 0) > 50 && !p.daily.isEmpty && !p.reasons.isEmpty && !p.cod.totals.isEmpty)
        }
    }

    @Test(arguments: [2, 3, 7])
    func foldingInGroupsGivesTheTablesOfOneFold(groups: Int) throws {
        let data = generated(orders: 400, seed: UInt64(groups))
        let one = try folds(data, groups: 1)[0]
        let many = try folds(data, groups: groups)
        var partial = Partial()
        for f in many { partial.merge(f.partial) }
        #expect(partial == one.partial)
        let expected = try ReportTables(
            partial: one.partial, leadTimes: [LeadTimeTableStream(one.leadTimes)], carriers: .test, asOf: TB.asOf,
            currencies: TB.currencies)
        let got = try ReportTables(
            partial: partial, leadTimes: many.map { LeadTimeTableStream($0.leadTimes) }, carriers: .test, asOf: TB.asOf,
            currencies: TB.currencies)
        // Every summary and breakdown row, percentiles included.
        let rows = { (t: ReportTables) in (t.summary + t.breakdownProvince + t.breakdownService + t.breakdownCourier).map { $0.kpis } }
        #expect(rows(got) == rows(expected))
        #expect(rows(expected).contains { $0.leadTimeP90Ms != nil })
        #expect(got.daily.map(\.counts) == expected.daily.map(\.counts))
        #expect(got.reasons.map(\.counts) == expected.reasons.map(\.counts))
        #expect(got.needsAction == expected.needsAction && got.cod == expected.cod && got.checks == expected.checks)
        // The per-order rows of the groups, together, are the one fold's rows.
        #expect(many.reduce(0) { $0 + $1.orders.count } == one.orders.count)
        #expect(many.reduce(0) { $0 + $1.cod.count } == one.cod.count)
    }

    @Test func percentilesOverSeveralStreamsAreTheExactNearestRank() throws {
        // Lead times 1…10 h spread over three folds: p50 = ⌈5⌉-th = 5 h, p90 = ⌈9⌉-th = 9 h.
        var tables = [LeadTimeTable(), LeadTimeTable(), LeadTimeTable()]
        for hours in 1 ... 10 { tables[hours % 3].values[.summary(.all), default: []].append(Int64(hours) * TB.hour) }
        for i in tables.indices { tables[i].values[.summary(.all)]!.sort() }
        let p = try LeadTimePercentiles.compute(tables.map { LeadTimeTableStream($0) })
        #expect(p[.summary(.all)]?.p50 == 5 * TB.hour)
        #expect(p[.summary(.all)]?.p90 == 9 * TB.hour)
    }
}
