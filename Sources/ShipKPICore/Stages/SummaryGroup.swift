/// What a summary accumulator counts: a summary row (a carrier or `ALL`) or a breakdown group
/// (province, service type, courier) of one carrier.
///
/// Ordered as the report lists them: summary rows first (carriers, then `ALL`), then provinces,
/// services and couriers, each by carrier and then by name in byte order.
package struct SummaryGroup: Hashable, Sendable, Comparable, Codable {
    package enum Kind: UInt8, Sendable, Comparable, Codable {
        case summary, province, service, courier

        package static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    package var kind: Kind
    package var scope: CarrierScope
    /// The group's name (province, service type, courier); empty for summary rows.
    package var name: String

    package init(kind: Kind, scope: CarrierScope, name: String = "") {
        self.kind = kind
        self.scope = scope
        self.name = name
    }

    package static func summary(_ scope: CarrierScope) -> SummaryGroup { SummaryGroup(kind: .summary, scope: scope) }

    package static func < (a: SummaryGroup, b: SummaryGroup) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.scope != b.scope { return a.scope < b.scope }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }
}
