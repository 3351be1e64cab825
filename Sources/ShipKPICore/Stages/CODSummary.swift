/// The COD section's figures as sums that add up across folds: totals per status and currency,
/// the ageing of NOT_REMITTED amounts, row counts per status, and the rows to review (the largest
/// amounts at stake first, capped). Each order is reconciled in exactly one fold, so "each
/// order's expected COD counts once" holds across folds too.
package struct CODSummary: Sendable, Codable, Equatable {
    package struct TotalKey: Hashable, Sendable, Comparable, Codable {
        package var status: CODStatus
        package var currency: String

        /// The order a stage file lists totals in (``SortedByKey``).
        package static func < (a: TotalKey, b: TotalKey) -> Bool {
            a.status != b.status ? a.status < b.status : a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8)
        }
    }

    package struct AgeingKey: Hashable, Sendable, Comparable, Codable {
        package var currency: String
        package var bucket: Int

        /// The order a stage file lists ageing buckets in (``SortedByKey``).
        package static func < (a: AgeingKey, b: AgeingKey) -> Bool {
            a.currency != b.currency ? a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8) : a.bucket < b.bucket
        }
    }

    /// Ageing buckets of NOT_REMITTED rows, in days since delivery.
    package static let ageingBuckets: [(name: String, days: ClosedRange<Int64>)] = [
        ("0-7d", Int64.min ... 7), ("8-14d", 8 ... 14), ("15-30d", 15 ... 30), ("31d+", 31 ... Int64.max),
    ]

    @SortedByKey package var totals: [TotalKey: CODTotal] = [:]
    @SortedByKey package var ageing: [AgeingKey: CODAgeing] = [:]
    /// Remittance rows reconciled.
    package var remittanceRows: Int64 = 0
    /// Rows per status (the page's "N MATCHED rows").
    @SortedByKey package var rowsByStatus: [CODStatus: Int64] = [:]
    /// Expected COD of delivered orders per currency, each order counted once.
    package var expectedDelivered: [String: ExactSum] = [:]
    /// Rows that are neither MATCHED nor NOT_DUE, largest amount at stake first.
    package var review = BoundedList<CODReviewRow>(limit: ReportLimits.listRows)

    package init() {}

    /// Adds the rows of one fold (an order's rows all at once: its expected COD counts once).
    package mutating func add(_ rows: [CODRow], remittanceRows: Int64) {
        self.remittanceRows += remittanceRows
        var duplicateSeen = Set<String>()
        var deliveredSeen = Set<String>()
        for row in rows {
            if row.finalStatus == .delivered, let cod = row.cod, deliveredSeen.insert(row.orderCode).inserted {
                expectedDelivered[row.currency, default: .zero] += cod
            }
            let key = TotalKey(status: row.status, currency: row.currency)
            var t = totals[key] ?? CODTotal(status: row.status, currency: row.currency)
            t.rows += 1
            if let cod = row.cod, row.status != .duplicate || duplicateSeen.insert(row.orderCode).inserted {
                t.expected += cod
            }
            if let r = row.remittance {
                t.remitted += r.amount
                t.fees += r.fee ?? .zero
                t.netPaid += r.netPaid
            }
            if let d = row.difference { t.difference += d }
            totals[key] = t
            rowsByStatus[row.status, default: 0] += 1
            if row.status == .notRemitted, let days = row.daysSinceDelivery,
                let b = Self.ageingBuckets.firstIndex(where: { $0.days.contains(days) })
            {
                let k = AgeingKey(currency: row.currency, bucket: b)
                var a = ageing[k] ?? CODAgeing()
                a.orders += 1
                a.amount += row.cod ?? .zero
                ageing[k] = a
            }
            if row.status != .matched && row.status != .notDue {
                review.offer(CODReviewRow(row), by: CODReviewRow.precedes)
            }
        }
    }

    package mutating func merge(_ other: CODSummary) {
        for (k, t) in other.totals {
            var mine = totals[k] ?? CODTotal(status: k.status, currency: k.currency)
            mine.rows += t.rows
            mine.expected += t.expected
            mine.remitted += t.remitted
            mine.fees += t.fees
            mine.netPaid += t.netPaid
            mine.difference += t.difference
            totals[k] = mine
        }
        for (k, a) in other.ageing {
            var mine = ageing[k] ?? CODAgeing()
            mine.orders += a.orders
            mine.amount += a.amount
            ageing[k] = mine
        }
        remittanceRows += other.remittanceRows
        for (s, n) in other.rowsByStatus { rowsByStatus[s, default: 0] += n }
        for (c, v) in other.expectedDelivered { expectedDelivered[c, default: .zero] += v }
        review.merge(other.review, by: CODReviewRow.precedes)
    }

    /// Expected COD of delivered orders (each order once) — equals the sum of the `expected`
    /// totals of MATCHED, SHORT, OVER, NOT_REMITTED and the delivered part of DUPLICATE.
    package func expectedFromDelivered(currency: String) -> ExactSum { expectedDelivered[currency] ?? .zero }

    /// Totals in report order: statuses in `CODStatus` order, currencies in byte order.
    package var totalsList: [CODTotal] {
        let statuses = CODStatus.allCases
        return totals.values.sorted { a, b in
            a.status != b.status
                ? statuses.firstIndex(of: a.status)! < statuses.firstIndex(of: b.status)!
                : a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8)
        }
    }

    /// Ageing rows: every bucket of every currency that has a NOT_REMITTED row, currencies in
    /// byte order, buckets in ``ageingBuckets`` order.
    package var ageingList: [(bucket: String, currency: String, orders: Int64, amount: ExactSum)] {
        let currencies = Set(ageing.keys.map(\.currency)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out: [(bucket: String, currency: String, orders: Int64, amount: ExactSum)] = []
        for currency in currencies {
            for (i, bucket) in Self.ageingBuckets.enumerated() {
                let a = ageing[AgeingKey(currency: currency, bucket: i)] ?? CODAgeing()
                out.append((bucket.name, currency, a.orders, a.amount))
            }
        }
        return out
    }
}
