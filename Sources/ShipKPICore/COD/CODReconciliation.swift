/// One row of a carrier's remittance statement: what it says it collected for an order and paid out.
/// A class (immutable): a reconciliation row refers to its remittance instead of copying its
/// 112 bytes, which keeps the COD table about half as large.
package final class RemittanceRow: Sendable {
    /// The carrier whose statement it is (the run's remittance carrier).
    package let carrier: Carrier
    package let orderCode: String
    package let amount: ExactDecimal
    /// The fee deducted, nil when the statement's `Fee` cell is empty.
    package let fee: ExactDecimal?
    package let remittedAt: String
    package let reference: String
    package let source: SourcePosition

    package init(carrier: Carrier, orderCode: String, amount: ExactDecimal, fee: ExactDecimal?, remittedAt: String, reference: String,
                 source: SourcePosition) {
        self.carrier = carrier
        self.orderCode = orderCode
        self.amount = amount
        self.fee = fee
        self.remittedAt = remittedAt
        self.reference = reference
        self.source = source
    }

    /// What the carrier actually paid: `Amount − Fee` (the amount itself when there is no fee).
    /// Exact: both are parsed amounts (below 10²⁴), so the difference is far inside `Int128`.
    package var netPaid: ExactDecimal { fee.map { amount - $0 } ?? amount }
}

/// Reconciliation status of an order's cash on delivery (SPEC §6).
package enum CODStatus: String, Sendable, CaseIterable, Codable {
    case matched = "MATCHED"
    case short = "SHORT"
    case over = "OVER"
    case notRemitted = "NOT_REMITTED"
    case notDue = "NOT_DUE"
    case unexpected = "UNEXPECTED"
    case duplicate = "DUPLICATE"
}

/// One row of `cod_reconciliation.csv`.
package struct CODRow: Sendable {
    package var carrier: Carrier
    package var orderCode: String
    package var currency: String
    /// Expected COD (the winning order record's `CODAmount`); nil without a usable record.
    package var cod: ExactDecimal?
    /// Final canonical status; nil when the order has no accepted events.
    package var finalStatus: CanonicalStatus?
    /// Instant (ms) of the last DELIVERED event, for delivered orders.
    package var deliveredAt: Int64?
    package var remittance: RemittanceRow?
    /// remitted − COD, for MATCHED, SHORT and OVER only (exact: both are parsed amounts below 10²⁴).
    package var difference: ExactDecimal?
    package var status: CODStatus
    /// Whole days from the last DELIVERED instant to as-of, for NOT_REMITTED only.
    package var daysSinceDelivery: Int64?
}

/// Totals for one (status, currency) pair. Sums are ``ExactSum``s: exact, and they cannot
/// overflow however many rows a statement holds.
package struct CODTotal: Sendable, Equatable, Codable {
    package var status: CODStatus
    package var currency: String
    package var rows: Int64 = 0
    /// Σ expected COD, counting each order once (a DUPLICATE order appears on several rows).
    package var expected: ExactSum = .zero
    package var remitted: ExactSum = .zero
    package var fees: ExactSum = .zero
    package var netPaid: ExactSum = .zero
    package var difference: ExactSum = .zero
}

/// The COD rows of a set of orders in report order, and their figures (totals, ageing, rows to
/// review) as a mergeable ``CODSummary``.
package struct CODReport: Sendable {
    package var rows: [CODRow] = []
    package var summary = CODSummary()

    package init() {}

    /// Totals per status and currency (see ``CODSummary/totalsList``).
    package var totals: [CODTotal] { summary.totalsList }
    /// NOT_REMITTED ageing (see ``CODSummary/ageingList``).
    package var ageing: [(bucket: String, currency: String, orders: Int64, amount: ExactSum)] { summary.ageingList }
    package var remittanceRows: Int64 { summary.remittanceRows }

    /// Expected COD of delivered orders (each order once) — equals the sum of the `expected` totals
    /// of MATCHED, SHORT, OVER, NOT_REMITTED and the delivered part of DUPLICATE.
    package func expectedFromDelivered(currency: String) -> ExactSum {
        var seen = Set<String>()
        var sum = ExactSum.zero
        for row in rows where row.currency == currency && row.finalStatus == .delivered {
            if let cod = row.cod, seen.insert(row.orderCode).inserted { sum += cod }
        }
        return sum
    }
}

/// What the reconciler needs to know of one 247Express order.
package struct CODOrderFacts: Sendable {
    package var orderCode: String
    package var cod: ExactDecimal?
    package var hasRecord: Bool
    package var finalStatus: CanonicalStatus?
    package var deliveredAt: Int64?

    package init(orderCode: String, cod: ExactDecimal?, hasRecord: Bool, finalStatus: CanonicalStatus?, deliveredAt: Int64?) {
        self.orderCode = orderCode
        self.cod = cod
        self.hasRecord = hasRecord
        self.finalStatus = finalStatus
        self.deliveredAt = deliveredAt
    }
}

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
