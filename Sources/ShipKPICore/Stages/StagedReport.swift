/// The report's three stages in one process — the one implementation the runner, the fuzzer and
/// the tests share: `map` hands over mapped batches in input order, one fold folds them (every
/// rule that spans events), and the merge computes the tables from the fold's partial and lead
/// times. The per-order rows stay in the fold's result, computed when they are written.
package enum StagedReport {
    package struct Result: Sendable {
        package var tables: ReportTables
        package var fold: FoldResult
        /// Map- and fold-stage figures together (what the tables were computed from).
        package var partial: Partial
    }

    /// - Parameters:
    ///   - settings: the fold's settings (as-of, filters, zones, currencies).
    ///   - onAccepted: sees each accepted event, dated, in input order (`normalize`'s events file).
    ///   - map: calls its argument with every mapped batch, in input order.
    package static func compute(
        settings: FoldSettings, onAccepted: ((NormalizedEvent, EventBatch) -> Void)? = nil,
        map: (_ emit: (EventBatch) throws -> Void) throws -> Void
    ) throws -> Result {
        let fold = OrderFold(settings: settings)
        var partial = Partial()
        try map { batch in
            partial.count(batch)
            fold.add(batch, onAccepted: onAccepted)
        }
        let result = fold.finish()
        partial.merge(result.partial)
        let tables = try ReportTables(
            partial: partial, leadTimes: [LeadTimeTableStream(result.leadTimes)], carriers: settings.carriers, asOf: settings.asOf,
            currencies: settings.currencies)
        return Result(tables: tables, fold: result, partial: partial)
    }
}
