/// One row of `orders.csv`, computed from a fold's order state.
package struct OrderRow: Sendable {
    /// The order's index in its fold.
    package var index: Int32
    package var carrier: Carrier
    package var finalStatus: CanonicalStatus
    package var firstEventAt: Int64
    package var finalEventAt: Int64
    package var pickedUpAt: Int64?
    package var deliveredAt: Int64?
    package var failedAttempts: Int32
    /// Carriers that report feedback requests only: the maximum request count of the order's
    /// events (0 when none was given).
    package var feedbackRequests: Int32?
    package var cod: ExactDecimal?
    package var needsAction: Bool
}
