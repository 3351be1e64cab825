/// The report's tables — everything but the per-order rows — computed from the merged partial of
/// all folds and their lead times: the merge stage. Deterministic: every table is sorted
/// explicitly, never in dictionary order.
package struct ReportTables: Sendable {
    /// The run's carriers: ids and names of every carrier a row names.
    package var carriers: Carriers
    package var asOf: Int64
    /// COD currency per carrier.
    package var currencies: PerCarrier<String>
    package var summary: [SummaryRow]
    package var daily: [DailyRow]
    package var reasons: [ReasonRow]
    /// One row per carrier that reports feedback requests, in carrier order (zeros when it has no orders).
    package var feedback: [(carrier: Carrier, counts: FeedbackCounts)]
    package var breakdownProvince: [SummaryRow]
    package var breakdownService: [SummaryRow]
    package var breakdownCourier: [SummaryRow]
    package var cod: CODSummary
    package var checks: CheckSummary
    package var needsAction: BoundedList<NeedsActionRow>
    package var dataQuality: DataQuality
    /// Orders with at least one accepted event (rows of `orders.csv`).
    package var orders: Int64

    package func currency(_ carrier: Carrier) -> String { currencies[carrier] }

    /// The report id of a carrier (`247express`).
    package func id(_ carrier: Carrier) -> String { carriers[carrier].id }

    /// The tables of `partial`, with the exact lead-time percentiles of `leadTimes` (one stream
    /// per fold).
    package init(
        partial: Partial, leadTimes: [any LeadTimeStream], carriers: Carriers, asOf: Int64,
        currencies: PerCarrier<String>
    ) throws {
        self.carriers = carriers
        self.asOf = asOf
        self.currencies = currencies
        let percentiles = try LeadTimePercentiles.compute(leadTimes)
        func kpis(_ group: SummaryGroup, _ counts: SummaryCounts) -> SummaryKPIs {
            let p = percentiles[group]
            return SummaryKPIs(counts: counts, leadTimeP50Ms: p?.p50, leadTimeP90Ms: p?.p90)
        }
        // Summary: carriers with accepted events, then ALL (always).
        var summary: [SummaryRow] = []
        for carrier in carriers.all {
            let group = SummaryGroup.summary(.carrier(carrier))
            if let counts = partial.summary[group], counts.orders > 0 {
                summary.append(SummaryRow(scope: .carrier(carrier), group: nil, kpis: kpis(group, counts)))
            }
        }
        let all = SummaryGroup.summary(.all)
        summary.append(SummaryRow(scope: .all, group: nil, kpis: kpis(all, partial.summary[all] ?? SummaryCounts())))
        self.summary = summary
        func breakdown(_ kind: SummaryGroup.Kind) -> [SummaryRow] {
            partial.summary.keys.filter { $0.kind == kind }.sorted().map { g in
                SummaryRow(scope: g.scope, group: g.name, kpis: kpis(g, partial.summary[g]!))
            }
        }
        breakdownProvince = breakdown(.province)
        breakdownService = breakdown(.service)
        breakdownCourier = breakdown(.courier)
        orders = partial.summary[all]?.orders ?? 0

        // Daily rows of (carrier, date) with events, by carrier then date.
        daily = partial.daily.keys.sorted().compactMap { key in
            let counts = partial.daily[key]!
            return counts.events > 0 ? DailyRow(carrier: key.carrier, day: key.day, counts: counts) : nil
        }

        // Reasons: carrier, events descending, code ascending.
        var reasons: [ReasonRow] = []
        for carrier in carriers.all {
            let mine = partial.reasons.filter { $0.key.carrier == carrier }
            let total = mine.values.reduce(0) { $0 + $1.events }
            reasons += mine.map { ReasonRow(carrier: carrier, code: $0.key.code, counts: $0.value, carrierEvents: total) }.sorted { a, b in
                a.counts.events != b.counts.events ? a.counts.events > b.counts.events : a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }
        }
        self.reasons = reasons
        feedback = carriers.all.filter { carriers[$0].reportsFeedbackRequests }.map { ($0, partial.feedback[$0] ?? FeedbackCounts()) }
        cod = partial.cod
        checks = partial.checks
        needsAction = partial.needsAction
        let rejects = partial.rejects.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { (reason: $0.key, count: $0.value) }
        dataQuality = DataQuality(
            counters: partial.counters, quality: partial.quality, rejects: rejects,
            rejectTotal: rejects.reduce(0) { $0 + $1.count },
            unknownCodes: partial.unknownCodes.keys.sorted().map { UnknownCode(carrier: $0.carrier, code: $0.code, events: partial.unknownCodes[$0]!) })
    }
}
