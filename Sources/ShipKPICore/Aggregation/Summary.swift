/// The summary KPIs of SPEC §5 for one group of orders (a carrier, `ALL`, or a breakdown group).
package struct SummaryCounts: Sendable, Equatable {
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
    /// Lead times (ms) of delivered orders with a PICKED_UP event, sorted ascending by `finish`.
    package var leadTimesMs: [Int64] = []
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
        if let lead = s.leadTimeMs { leadTimesMs.append(lead) }
        if s.finalStatus.outcome == .open {
            switch s.ageDays(asOf: asOf) {
            case ...2: open0to2 += 1
            case 3 ... 7: open3to7 += 1
            case 8 ... 14: open8to14 += 1
            default: open15plus += 1
            }
        }
    }

    /// Sorts the lead times (call once, after the last `add`).
    package mutating func finish() { leadTimesMs.sort() }

    package var successRate: String? { Fixed.ratio(delivered, resolved) }
    package var firstAttemptRate: String? { Fixed.ratio(firstAttemptDelivered, attempted) }
    package var leadTimeP50: String? { Fixed.nearestRank(leadTimesMs, num: 1, den: 2).map { Fixed.hours(ms: $0) } }
    package var leadTimeP90: String? { Fixed.nearestRank(leadTimesMs, num: 9, den: 10).map { Fixed.hours(ms: $0) } }
    package var leadTimeMean: String? {
        Fixed.meanHours(sumMs: leadTimesMs.reduce(Int128(0)) { $0 + Int128($1) }, count: leadTimesMs.count)
    }
}
