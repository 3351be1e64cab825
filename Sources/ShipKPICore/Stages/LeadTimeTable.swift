/// The lead times (ms) of one fold's delivered orders with a pickup, per summary group, each list
/// sorted. Percentiles cannot be merged as numbers; the exact ⌈q·n⌉-th smallest lead time of a
/// group is found by walking the folds' sorted lists together (``LeadTimePercentiles``), which
/// needs one cursor per fold, never all lead times at once.
package struct LeadTimeTable: Sendable {
    package var values: [SummaryGroup: [Int64]] = [:]

    package init() {}

    /// Groups in report order, each with its sorted lead times.
    package var sortedGroups: [(group: SummaryGroup, values: [Int64])] {
        values.keys.sorted().map { ($0, values[$0]!) }
    }
}
