/// Totals for one (status, currency) pair. Sums are ``ExactSum``s: exact, and they cannot
/// overflow however many rows a statement holds.
package struct CODTotal: Sendable, Equatable, Codable {
    package var status: CODStatus
    package var currency: String
    package var rows: Int64 = 0
    /// Σ expected COD, counting each order once (a DUPLICATE order appears on several rows).
    package var expected: ExactSum = .zero
    package var remitted: ExactSum = .zero
    package var fees: ExactSum = .zero
    package var netPaid: ExactSum = .zero
    package var difference: ExactSum = .zero
}
