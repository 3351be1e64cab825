/// One (carrier, local date) of `daily.csv`, as counts that add up across folds. Every order is
/// folded in exactly one fold, so `ordersTouched` (distinct orders with events that day) and the
/// final-status counts add up too.
package struct DailyCounts: Sendable, Equatable, Codable {
    package var events: Int64 = 0
    package var pickedUp: Int64 = 0
    package var outForDelivery: Int64 = 0
    package var failedAttempts: Int64 = 0
    package var ordersTouched: Int64 = 0
    /// Orders whose final event falls on this date, by final status.
    package var delivered: Int64 = 0
    package var returned: Int64 = 0
    package var lost: Int64 = 0
    package var confiscated: Int64 = 0
    package var cancelled: Int64 = 0

    package init() {}

    package mutating func merge(_ other: DailyCounts) {
        events += other.events
        pickedUp += other.pickedUp
        outForDelivery += other.outForDelivery
        failedAttempts += other.failedAttempts
        ordersTouched += other.ordersTouched
        delivered += other.delivered
        returned += other.returned
        lost += other.lost
        confiscated += other.confiscated
        cancelled += other.cancelled
    }

    /// Counts an order whose final event falls on this date with final status `status`.
    package mutating func countFinal(_ status: CanonicalStatus) {
        switch status {
        case .delivered: delivered += 1
        case .returned: returned += 1
        case .lost: lost += 1
        case .confiscated: confiscated += 1
        case .cancelled: cancelled += 1
        default: break
        }
    }

    package var successRate: String? { Fixed.ratio(delivered, delivered + returned + lost + confiscated) }
}
