/// What a fold produced: the mergeable partial, the lead times behind the percentiles, and the
/// per-order rows of its orders in report order (`orders.csv`, `cod_reconciliation.csv`,
/// `order_checks.csv`).
package struct FoldResult: Sendable {
    package var partial: Partial
    package var leadTimes: LeadTimeTable
    package var orders: OrderRows
    package var cod: [CODRow]
    package var checks: [CheckRow]
}
