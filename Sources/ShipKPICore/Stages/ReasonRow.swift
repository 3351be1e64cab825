/// One row of `reasons.csv`.
package struct ReasonRow: Sendable {
    package var carrier: Carrier
    package var code: String
    package var counts: ReasonCounts
    /// Reason events of the carrier (the share's denominator).
    package var carrierEvents: Int64

    package var share: String? { Fixed.ratio(counts.events, carrierEvents) }
}
