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
