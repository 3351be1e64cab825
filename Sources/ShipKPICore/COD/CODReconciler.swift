

/// Reconciles expected COD against remittance rows (SPEC §6, §11 "COD").
package enum CODReconciler {
    /// - Parameters:
    ///   - carrier: the carrier whose statements these are (the run's remittance carrier).
    ///   - orders: the carrier's orders, each once, sorted by order code (byte order).
    ///   - remittances: remittance rows in input order.
    ///   - lookup: finds an order by code (for remittances), nil when unknown.
    ///   - currency: the carrier's currency (VND for 247Express by default).
    ///   - asOf: as-of instant (ms), for days since delivery.
    package static func reconcile(
        carrier: Carrier, orders: [CODOrderFacts], remittances: [RemittanceRow], lookup: (String) -> CODOrderFacts?,
        currency: String, asOf: Int64
    ) -> CODReport {
        // Remittance rows per order code without an array per order: the first row's index, and
        // `next` chaining the rest in input order.
        var first: [String: Int32] = [:]
        first.reserveCapacity(remittances.count)
        var next = [Int32](repeating: -1, count: remittances.count)
        var last: [Int32] = []
        last.reserveCapacity(remittances.count)
        for (i, r) in remittances.enumerated() {
            if let head = first[r.orderCode] {
                next[Int(last[Int(head)])] = Int32(i)
                last[Int(head)] = Int32(i)
            } else {
                first[r.orderCode] = Int32(i)
            }
            last.append(Int32(i))
        }
        last = []
        func rowsFor(_ code: String) -> [RemittanceRow] {
            guard var i = first[code] else { return [] }
            var out: [RemittanceRow] = []
            while i >= 0 { out.append(remittances[Int(i)]); i = next[Int(i)] }
            return out
        }
        func rowCount(_ code: String) -> Int {
            guard var i = first[code] else { return 0 }
            var n = 0
            while i >= 0 { n += 1; i = next[Int(i)] }
            return n
        }
        var report = CODReport()

        // Remittances for codes the exports do not know, in byte order; merged with the (sorted) orders.
        let unknown = first.keys.filter { lookup($0) == nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // The exact number of rows, so the table is allocated once.
        var expectedRows = 0
        for facts in orders where (facts.cod.map { $0 > .zero } ?? false) || first[facts.orderCode] != nil {
            expectedRows += max(1, rowCount(facts.orderCode))
        }
        for code in unknown { expectedRows += rowCount(code) }
        report.rows.reserveCapacity(expectedRows)
        var u = 0
        func emitUnknown(upTo code: String?) {
            while u < unknown.count, code.map({ unknown[u].utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
                row(CODOrderFacts(orderCode: unknown[u], cod: nil, hasRecord: false, finalStatus: nil, deliveredAt: nil))
                u += 1
            }
        }
        func row(_ facts: CODOrderFacts) {
            let code = facts.orderCode
            let delivered = facts.finalStatus == .delivered
            var base = CODRow(
                carrier: carrier, orderCode: code, currency: currency, cod: facts.cod,
                finalStatus: facts.finalStatus, deliveredAt: delivered ? facts.deliveredAt : nil,
                remittance: nil, difference: nil, status: .notDue, daysSinceDelivery: nil)
            let rows = rowsFor(code)
            if rows.count > 1 {
                for r in rows {
                    var row = base
                    row.remittance = r
                    row.status = .duplicate
                    report.rows.append(row)
                }
                return
            }
            if let r = rows.first {
                base.remittance = r
                if delivered {
                    let expected = base.cod ?? .zero
                    base.difference = r.amount - expected
                    base.status = r.amount == expected ? .matched : (r.amount < expected ? .short : .over)
                    // A remittance for a delivered order with no COD to collect is OVER (SPEC §11),
                    // even a remittance of zero: the carrier reported money that was never due.
                    if expected.isZero { base.status = .over }
                } else {
                    base.status = .unexpected
                }
            } else if delivered {
                base.status = .notRemitted
                if let at = base.deliveredAt { base.daysSinceDelivery = floorDiv(asOf - at, 86_400_000) }
            } else {
                base.status = .notDue
            }
            report.rows.append(base)
        }
        for facts in orders {
            let hasCOD = facts.cod.map { $0 > .zero } ?? false
            guard hasCOD || first[facts.orderCode] != nil else { continue }
            emitUnknown(upTo: facts.orderCode)
            row(facts)
        }
        emitUnknown(upTo: nil)
        report.summary.add(report.rows, remittanceRows: Int64(remittances.count))
        return report
    }

}
