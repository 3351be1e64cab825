/// A COD row to review as the HTML page shows it.
package struct CODReviewRow: Sendable, Codable, Equatable {
    package var orderCode: String
    package var currency: String
    package var status: CODStatus
    package var finalStatus: CanonicalStatus?
    package var cod: ExactDecimal?
    package var remitted: ExactDecimal?
    package var fee: ExactDecimal?
    package var difference: ExactDecimal?
    package var deliveredAt: Int64?
    package var daysSinceDelivery: Int64?
    package var remittedAt: String
    package var reference: String
    /// The remittance row's statement (index among the statements) and line; nil without one.
    package var remittanceFile: Int32?
    package var remittanceLine: Int64?
    /// What the row puts in question (see ``amountAtStake(_:)``).
    package var stake: ExactDecimal

    package init(_ row: CODRow) {
        orderCode = row.orderCode
        currency = row.currency
        status = row.status
        finalStatus = row.finalStatus
        cod = row.cod
        remitted = row.remittance?.amount
        fee = row.remittance?.fee
        difference = row.difference
        deliveredAt = row.deliveredAt
        daysSinceDelivery = row.daysSinceDelivery
        remittedAt = row.remittance?.remittedAt ?? ""
        reference = row.remittance?.reference ?? ""
        remittanceFile = row.remittance?.source.file
        remittanceLine = row.remittance?.source.line
        stake = Self.amountAtStake(row)
    }

    /// The amount a COD row to review puts in question, in the row's currency, exact:
    /// - `SHORT`: the shortfall, |remitted − COD|;
    /// - `OVER`: the excess, remitted − COD;
    /// - `NOT_REMITTED`: the COD that has not been remitted;
    /// - `UNEXPECTED`, `DUPLICATE`: the amount remitted on that row;
    /// - `MATCHED`, `NOT_DUE`: zero (nothing to review).
    /// A value the row lacks counts as zero.
    package static func amountAtStake(_ row: CODRow) -> ExactDecimal {
        switch row.status {
        case .short, .over:
            guard let d = row.difference else { return .zero }
            return d.isNegative ? -d : d
        case .notRemitted: return row.cod ?? .zero
        case .unexpected, .duplicate: return row.remittance?.amount ?? .zero
        case .matched, .notDue: return .zero
        }
    }

    /// Review order: currency (byte order), largest amount at stake first (exact), order code
    /// (byte order), then the remittance row's position (rows without one last).
    package static func precedes(_ a: CODReviewRow, _ b: CODReviewRow) -> Bool {
        if a.currency != b.currency { return a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8) }
        if a.stake != b.stake { return a.stake > b.stake }
        if a.orderCode != b.orderCode { return a.orderCode.utf8.lexicographicallyPrecedes(b.orderCode.utf8) }
        let pa = (a.remittanceFile ?? .max, a.remittanceLine ?? .max)
        let pb = (b.remittanceFile ?? .max, b.remittanceLine ?? .max)
        return pa < pb
    }
}
