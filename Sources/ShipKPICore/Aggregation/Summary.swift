/// The summary KPIs of one group of orders (a carrier, `ALL`, or a breakdown group), as counts
/// that add up: the counts of two disjoint sets of orders are the sum of theirs, so folds over
/// any partition of the orders merge into the same numbers.
///
/// Lead-time percentiles cannot be added up; they are computed when partials are merged
/// (``SummaryKPIs``) from the lead times themselves (``LeadTimeTable``).
package struct SummaryCounts: Sendable, Equatable, Codable {
    package var events: Int64 = 0
    package var orders: Int64 = 0
    package var delivered: Int64 = 0
    package var returned: Int64 = 0
    package var lost: Int64 = 0
    package var confiscated: Int64 = 0
    package var cancelled: Int64 = 0
    package var open: Int64 = 0
    package var attempted: Int64 = 0
    package var firstAttemptDelivered: Int64 = 0
    package var failedAttempts: Int64 = 0
    /// Delivered orders with a PICKED_UP event, and the sum of their lead times (ms).
    package var leadTimes: Int64 = 0
    package var leadTimeSumMs: Int128 = 0
    package var open0to2: Int64 = 0
    package var open3to7: Int64 = 0
    package var open8to14: Int64 = 0
    package var open15plus: Int64 = 0

    package init() {}

    /// delivered + returned + lost + confiscated (cancelled is not a delivery failure).
    package var resolved: Int64 { delivered + returned + lost + confiscated }

    /// Adds one order that has at least one accepted event.
    package mutating func add(_ state: OrderState, asOf: Int64) {
        events += Int64(state.eventCount)
        orders += 1
        failedAttempts += Int64(state.failedAttempts)
        switch state.finalStatus {
        case .delivered: delivered += 1
        case .returned: returned += 1
        case .lost: lost += 1
        case .confiscated: confiscated += 1
        case .cancelled: cancelled += 1
        default: open += 1
        }
        let resolvedOrder = state.finalStatus.outcome == .success || state.finalStatus.outcome == .failure
        if resolvedOrder && state.flags.contains(.attempted) { attempted += 1 }
        if state.isFirstAttemptDelivered { firstAttemptDelivered += 1 }
        if let lead = state.leadTimeMs {
            leadTimes += 1
            leadTimeSumMs += Int128(lead)
        }
        if state.finalStatus.outcome == .open {
            switch state.ageDays(asOf: asOf) {
            case ...2: open0to2 += 1
            case 3 ... 7: open3to7 += 1
            case 8 ... 14: open8to14 += 1
            default: open15plus += 1
            }
        }
    }

    /// The counts of both groups together (associative and commutative; `SummaryCounts()` is the identity).
    package mutating func merge(_ other: SummaryCounts) {
        events += other.events
        orders += other.orders
        delivered += other.delivered
        returned += other.returned
        lost += other.lost
        confiscated += other.confiscated
        cancelled += other.cancelled
        open += other.open
        attempted += other.attempted
        firstAttemptDelivered += other.firstAttemptDelivered
        failedAttempts += other.failedAttempts
        leadTimes += other.leadTimes
        leadTimeSumMs += other.leadTimeSumMs
        open0to2 += other.open0to2
        open3to7 += other.open3to7
        open8to14 += other.open8to14
        open15plus += other.open15plus
    }

    package var successRate: String? { Fixed.ratio(delivered, resolved) }
    package var firstAttemptRate: String? { Fixed.ratio(firstAttemptDelivered, attempted) }
    package var leadTimeMean: String? { Fixed.meanHours(sumMs: leadTimeSumMs, count: Int(leadTimes)) }
}
