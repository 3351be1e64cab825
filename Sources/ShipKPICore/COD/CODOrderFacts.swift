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
