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
