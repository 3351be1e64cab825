/// A group's summary KPIs as reported: its counts and its exact lead-time percentiles.
@dynamicMemberLookup
package struct SummaryKPIs: Sendable, Equatable {
    package var counts: SummaryCounts
    /// The ⌈0.5·n⌉-th and ⌈0.9·n⌉-th smallest lead time (ms) of the group; nil without lead times.
    package var leadTimeP50Ms: Int64?
    package var leadTimeP90Ms: Int64?

    package init(counts: SummaryCounts, leadTimeP50Ms: Int64? = nil, leadTimeP90Ms: Int64? = nil) {
        self.counts = counts
        self.leadTimeP50Ms = leadTimeP50Ms
        self.leadTimeP90Ms = leadTimeP90Ms
    }

    package subscript<T>(dynamicMember keyPath: KeyPath<SummaryCounts, T>) -> T { counts[keyPath: keyPath] }

    /// Hours with 2 decimals (`44.50`), or nil.
    package var leadTimeP50: String? { leadTimeP50Ms.map { Fixed.hours(ms: $0) } }
    package var leadTimeP90: String? { leadTimeP90Ms.map { Fixed.hours(ms: $0) } }
}
