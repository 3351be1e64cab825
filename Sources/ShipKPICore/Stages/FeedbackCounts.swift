/// One row of `feedback.csv` (a carrier that reports feedback requests) as counts that add up: per-order request counts are the
/// maximum over the order's events (the carrier's count is cumulative), folded per order.
package struct FeedbackCounts: Sendable, Equatable, Codable {
    package var orders: Int64 = 0
    package var ordersWithRequests: Int64 = 0
    package var totalRequests: Int64 = 0
    /// Orders with 0, 1, 2, 3, 4 and 5+ requests.
    package var histogram: [Int64] = [0, 0, 0, 0, 0, 0]

    package init() {}

    package mutating func add(requests: Int64) {
        orders += 1
        totalRequests += requests
        if requests > 0 { ordersWithRequests += 1 }
        histogram[Int(min(max(requests, 0), 5))] += 1
    }

    package mutating func merge(_ other: FeedbackCounts) {
        orders += other.orders
        ordersWithRequests += other.ordersWithRequests
        totalRequests += other.totalRequests
        for i in histogram.indices { histogram[i] += other.histogram[i] }
    }

    package var meanRequests: String? { Fixed.ratio(totalRequests, orders) }
}
