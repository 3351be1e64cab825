/// Everything the report's tables need from a set of inputs and orders, as values that merge:
/// what the map stage counted of the lines it read, and what the fold stage computed of the
/// orders it folded. Partials of disjoint inputs and disjoint order sets merge into the partial of
/// the whole: `merge` is associative and commutative, and `Partial()` is its identity. It holds no
/// per-order data beyond the capped lists, so merging costs O(carriers × days × codes × groups).
///
/// Lead-time percentiles need the lead times themselves: they come from the folds'
/// ``LeadTimeTable``s when the tables are computed (``ReportTables``).
package struct Partial: Sendable, Codable, Equatable {
    // Map stage.
    package var counters = BatchCounters()
    @SortedByKey package var rejects: [RejectReason: Int64] = [:]
    // Fold stage.
    package var quality = QualityCounts()
    @SortedByKey package var summary: [SummaryGroup: SummaryCounts] = [:]
    @SortedByKey package var daily: [DayKey: DailyCounts] = [:]
    @SortedByKey package var reasons: [CodeKey: ReasonCounts] = [:]
    /// Accepted events whose raw status code the status map does not know, per code.
    @SortedByKey package var unknownCodes: [CodeKey: Int64] = [:]
    /// Per carrier that reports feedback requests.
    @SortedByKey package var feedback: [Carrier: FeedbackCounts] = [:]
    package var cod = CODSummary()
    package var checks = CheckSummary()
    package var needsAction = BoundedList<NeedsActionRow>(limit: ReportLimits.listRows)

    package init() {}

    package mutating func merge(_ other: Partial) {
        counters.add(other.counters)
        for (r, n) in other.rejects { rejects[r, default: 0] += n }
        quality.merge(other.quality)
        for (g, c) in other.summary { summary[g, default: SummaryCounts()].merge(c) }
        for (k, d) in other.daily { daily[k, default: DailyCounts()].merge(d) }
        for (k, r) in other.reasons {
            if var mine = reasons[k] {
                mine.merge(r)
                reasons[k] = mine
            } else {
                reasons[k] = r
            }
        }
        for (k, n) in other.unknownCodes { unknownCodes[k, default: 0] += n }
        for (c, f) in other.feedback { feedback[c, default: FeedbackCounts()].merge(f) }
        cod.merge(other.cod)
        checks.merge(other.checks)
        needsAction.merge(other.needsAction, by: NeedsActionRow.precedes)
    }

    /// Counts one batch's map-stage figures (its counters and rejects).
    package mutating func count(_ batch: EventBatch) {
        counters.add(batch.counters)
        for reject in batch.rejects { rejects[reject.reason, default: 0] += 1 }
    }

    /// Accepted events (all carriers).
    package var acceptedEvents: Int64 { quality.acceptedEvents.values.reduce(0, +) }

    /// Rejects of every reason.
    package var rejectTotal: Int64 { rejects.values.reduce(0, +) }

    /// Accepted events with an unmapped status code.
    package var unknownEvents: Int64 { unknownCodes.values.reduce(0, +) }
}
