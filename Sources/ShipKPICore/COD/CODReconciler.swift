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
        let index = RemittanceIndex(remittances)
        let rules = RowRules(carrier: carrier, currency: currency, asOf: asOf)
        var report = CODReport()

        // Remittances for codes the exports do not know, in byte order; merged with the (sorted) orders.
        let unknown = index.codes.filter { lookup($0) == nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // The exact number of rows, so the table is allocated once.
        var expectedRows = 0
        for facts in orders where isReconciled(facts, in: index) {
            expectedRows += max(1, index.count(for: facts.orderCode))
        }
        for code in unknown { expectedRows += index.count(for: code) }
        report.rows.reserveCapacity(expectedRows)

        var u = 0
        func emitUnknown(upTo code: String?) {
            while u < unknown.count, code.map({ unknown[u].utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
                let facts = CODOrderFacts(orderCode: unknown[u], cod: nil, hasRecord: false, finalStatus: nil, deliveredAt: nil)
                rules.appendRows(for: facts, remitted: index.rows(for: unknown[u]), to: &report.rows)
                u += 1
            }
        }
        for facts in orders {
            guard isReconciled(facts, in: index) else { continue }
            emitUnknown(upTo: facts.orderCode)
            rules.appendRows(for: facts, remitted: index.rows(for: facts.orderCode), to: &report.rows)
        }
        emitUnknown(upTo: nil)
        report.summary.add(report.rows, remittanceRows: Int64(remittances.count))
        return report
    }

    /// Whether an order has reconciliation rows: it has COD to collect, or a remittance names it.
    private static func isReconciled(_ facts: CODOrderFacts, in index: RemittanceIndex) -> Bool {
        (facts.cod.map { $0 > .zero } ?? false) || index.contains(facts.orderCode)
    }

    /// Remittance rows per order code without an array per order: the first row's index, and
    /// `next` chaining the rest in input order.
    private struct RemittanceIndex {
        let remittances: [RemittanceRow]
        private var first: [String: Int32] = [:]
        private var next: [Int32]

        init(_ remittances: [RemittanceRow]) {
            self.remittances = remittances
            first.reserveCapacity(remittances.count)
            next = [Int32](repeating: -1, count: remittances.count)
            var last: [Int32] = []
            last.reserveCapacity(remittances.count)
            for (i, row) in remittances.enumerated() {
                if let head = first[row.orderCode] {
                    next[Int(last[Int(head)])] = Int32(i)
                    last[Int(head)] = Int32(i)
                } else {
                    first[row.orderCode] = Int32(i)
                }
                last.append(Int32(i))
            }
        }

        /// Every order code with a remittance row (in no particular order).
        var codes: Dictionary<String, Int32>.Keys { first.keys }

        func contains(_ code: String) -> Bool { first[code] != nil }

        /// The rows for `code`, in input order.
        func rows(for code: String) -> [RemittanceRow] {
            guard var i = first[code] else { return [] }
            var out: [RemittanceRow] = []
            while i >= 0 { out.append(remittances[Int(i)]); i = next[Int(i)] }
            return out
        }

        /// How many rows `code` has.
        func count(for code: String) -> Int {
            guard var i = first[code] else { return 0 }
            var n = 0
            while i >= 0 { n += 1; i = next[Int(i)] }
            return n
        }
    }

    /// Turns one order and its remittance rows into reconciliation rows (SPEC §6).
    private struct RowRules {
        let carrier: Carrier
        let currency: String
        /// As-of instant (ms), for days since delivery.
        let asOf: Int64

        /// One row per remittance row when there are several (each DUPLICATE), else one row:
        /// MATCHED, SHORT or OVER for a delivered order with a remittance, UNEXPECTED for an
        /// undelivered one, NOT_REMITTED for a delivered order without one, NOT_DUE otherwise.
        func appendRows(for facts: CODOrderFacts, remitted rows: [RemittanceRow], to out: inout [CODRow]) {
            let delivered = facts.finalStatus == .delivered
            var base = CODRow(
                carrier: carrier, orderCode: facts.orderCode, currency: currency, cod: facts.cod,
                finalStatus: facts.finalStatus, deliveredAt: delivered ? facts.deliveredAt : nil,
                remittance: nil, difference: nil, status: .notDue, daysSinceDelivery: nil)
            if rows.count > 1 {
                for remittance in rows {
                    var row = base
                    row.remittance = remittance
                    row.status = .duplicate
                    out.append(row)
                }
                return
            }
            if let remittance = rows.first {
                base.remittance = remittance
                if delivered {
                    let expected = base.cod ?? .zero
                    base.difference = remittance.amount - expected
                    base.status = remittance.amount == expected ? .matched : (remittance.amount < expected ? .short : .over)
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
            out.append(base)
        }
    }
}
