/// The order-check findings as figures that add up across folds: findings per rule, and the first
/// findings in report order (capped).
package struct CheckSummary: Sendable, Codable, Equatable {
    /// A rule as the carrier states it: its error code (may be empty), field and message.
    package struct Rule: Hashable, Sendable, Comparable, Codable {
        package var code: String
        package var field: String
        package var message: String

        /// By code, field, then message (the order a stage file lists rules in, ``SortedByKey``).
        package static func < (a: Rule, b: Rule) -> Bool { (a.code, a.field, a.message) < (b.code, b.field, b.message) }
    }

    @SortedByKey package var byRule: [Rule: Int64] = [:]
    package var first = BoundedList<CheckRow>(limit: ReportLimits.listRows)

    package init() {}

    package mutating func add(_ row: CheckRow) {
        byRule[Rule(code: row.finding.code, field: row.finding.field, message: row.finding.message), default: 0] += 1
        first.offer(row, by: CheckRow.precedes)
    }

    package mutating func merge(_ other: CheckSummary) {
        for (rule, n) in other.byRule { byRule[rule, default: 0] += n }
        first.merge(other.first, by: CheckRow.precedes)
    }

    /// Findings in all.
    package var total: Int64 { first.total }

    /// Rules by findings, most frequent first (ties by code, field, message).
    package var rules: [(rule: Rule, findings: Int64)] {
        byRule.map { ($0.key, $0.value) }.sorted { a, b in
            a.findings != b.findings
                ? a.findings > b.findings
                : (a.rule.code, a.rule.field, a.rule.message) < (b.rule.code, b.rule.field, b.rule.message)
        }
    }
}
