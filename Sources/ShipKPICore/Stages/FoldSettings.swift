import Foundation

/// What a fold needs to know of the run beyond its input: the carriers, the as-of instant (dates
/// of last resort, ages), the filters, the reporting zones (local dates of as-of-dated events)
/// and the carriers' COD currencies. Everything here is applied after the map stage, so changing
/// it never changes a mapped record.
package struct FoldSettings: Sendable {
    package var carriers: Carriers
    package var asOf: Int64
    /// Inclusive local-date filter (days since 1970-01-01), nil = unbounded.
    package var fromDay: Int32?
    package var toDay: Int32?
    /// Carriers to keep; all when empty.
    package var onlyCarriers: Set<Carrier>
    package var reportZones: PerCarrier<TimeZone>
    /// COD currency per carrier.
    package var currencies: PerCarrier<String>

    package init(
        carriers: Carriers, asOf: Int64, fromDay: Int32? = nil, toDay: Int32? = nil, onlyCarriers: Set<Carrier> = [],
        reportZones: PerCarrier<TimeZone>, currencies: PerCarrier<String>
    ) {
        self.carriers = carriers
        self.asOf = asOf
        self.fromDay = fromDay
        self.toDay = toDay
        self.onlyCarriers = onlyCarriers
        self.reportZones = reportZones
        self.currencies = currencies
    }

    package func keeps(_ carrier: Carrier) -> Bool { onlyCarriers.isEmpty || onlyCarriers.contains(carrier) }
}
