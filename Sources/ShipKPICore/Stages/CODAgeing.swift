/// The NOT_REMITTED orders and amount of one ageing bucket.
package struct CODAgeing: Sendable, Codable, Equatable {
    package var orders: Int64 = 0
    package var amount: ExactSum = .zero
}
