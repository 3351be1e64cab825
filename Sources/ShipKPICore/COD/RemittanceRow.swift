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

    package init(
        carrier: Carrier, orderCode: String, amount: ExactDecimal, fee: ExactDecimal?, remittedAt: String, reference: String,
        source: SourcePosition
    ) {
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
