/// Reconciliation status of an order's cash on delivery (SPEC §6).
package enum CODStatus: String, Sendable, CaseIterable, Comparable, Codable {
    case matched = "MATCHED"
    case short = "SHORT"
    case over = "OVER"
    case notRemitted = "NOT_REMITTED"
    case notDue = "NOT_DUE"
    case unexpected = "UNEXPECTED"
    case duplicate = "DUPLICATE"

    /// In declaration order, as the report lists them (and a stage file, ``SortedByKey``).
    package static func < (a: CODStatus, b: CODStatus) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}
