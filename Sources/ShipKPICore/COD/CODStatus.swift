/// Reconciliation status of an order's cash on delivery (SPEC §6).
package enum CODStatus: String, Sendable, CaseIterable, Codable {
    case matched = "MATCHED"
    case short = "SHORT"
    case over = "OVER"
    case notRemitted = "NOT_REMITTED"
    case notDue = "NOT_DUE"
    case unexpected = "UNEXPECTED"
    case duplicate = "DUPLICATE"
}
