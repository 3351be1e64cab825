/// An order that needs action, as the HTML page lists it (the first ones in order-code order).
package struct NeedsActionRow: Sendable, Codable, Equatable {
    package var carrier: Carrier
    package var orderCode: String
    package var finalStatus: CanonicalStatus
    package var finalCode: String
    package var firstEventAt: Int64
    package var finalEventAt: Int64
    package var failedAttempts: Int32
    package var feedbackRequests: Int32?
    package var cod: ExactDecimal?

    package init(
        carrier: Carrier, orderCode: String, finalStatus: CanonicalStatus, finalCode: String, firstEventAt: Int64,
        finalEventAt: Int64, failedAttempts: Int32, feedbackRequests: Int32?, cod: ExactDecimal?
    ) {
        self.carrier = carrier
        self.orderCode = orderCode
        self.finalStatus = finalStatus
        self.finalCode = finalCode
        self.firstEventAt = firstEventAt
        self.finalEventAt = finalEventAt
        self.failedAttempts = failedAttempts
        self.feedbackRequests = feedbackRequests
        self.cod = cod
    }

    /// Report order: carrier, then order code (byte order).
    package static func precedes(_ a: NeedsActionRow, _ b: NeedsActionRow) -> Bool {
        a.carrier != b.carrier ? a.carrier < b.carrier : a.orderCode.utf8.lexicographicallyPrecedes(b.orderCode.utf8)
    }
}
