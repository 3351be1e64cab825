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
    package mutating func add(_ s: OrderState, asOf: Int64) {
        events += Int64(s.eventCount)
        orders += 1
        failedAttempts += Int64(s.failedAttempts)
        switch s.finalStatus {
        case .delivered: delivered += 1
        case .returned: returned += 1
        case .lost: lost += 1
        case .confiscated: confiscated += 1
        case .cancelled: cancelled += 1
        default: open += 1
        }
        let resolvedOrder = s.finalStatus.outcome == .success || s.finalStatus.outcome == .failure
        if resolvedOrder && s.flags.contains(.attempted) { attempted += 1 }
        if s.isFirstAttemptDelivered { firstAttemptDelivered += 1 }
        if let lead = s.leadTimeMs {
            leadTimes += 1
            leadTimeSumMs += Int128(lead)
        }
        if s.finalStatus.outcome == .open {
            switch s.ageDays(asOf: asOf) {
            case ...2: open0to2 += 1
            case 3 ... 7: open3to7 += 1
            case 8 ... 14: open8to14 += 1
            default: open15plus += 1
            }
        }
    }

    /// The counts of both groups together (associative and commutative; `SummaryCounts()` is the identity).
    package mutating func merge(_ o: SummaryCounts) {
        events += o.events
        orders += o.orders
        delivered += o.delivered
        returned += o.returned
        lost += o.lost
        confiscated += o.confiscated
        cancelled += o.cancelled
        open += o.open
        attempted += o.attempted
        firstAttemptDelivered += o.firstAttemptDelivered
        failedAttempts += o.failedAttempts
        leadTimes += o.leadTimes
        leadTimeSumMs += o.leadTimeSumMs
        open0to2 += o.open0to2
        open3to7 += o.open3to7
        open8to14 += o.open8to14
        open15plus += o.open15plus
    }

    package var successRate: String? { Fixed.ratio(delivered, resolved) }
    package var firstAttemptRate: String? { Fixed.ratio(firstAttemptDelivered, attempted) }
    package var leadTimeMean: String? { Fixed.meanHours(sumMs: leadTimeSumMs, count: Int(leadTimes)) }
}
