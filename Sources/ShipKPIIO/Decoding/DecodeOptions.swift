import Foundation
import ShipKPICore

/// Seeds for the hashes shared between parse workers and the aggregator. Chosen per run so that
/// crafted input cannot aim at collisions; hashes never reach an output.
package struct HashSeeds: Sendable {
    package var order: UInt64
    package var identityHigh: UInt64
    package var identityLow: UInt64

    package static func random() -> HashSeeds {
        var g = SystemRandomNumberGenerator()
        return HashSeeds(order: g.next(), identityHigh: g.next(), identityLow: g.next())
    }

    package init(order: UInt64, identityHigh: UInt64, identityLow: UInt64) {
        self.order = order
        self.identityHigh = identityHigh
        self.identityLow = identityLow
    }
}

/// Everything a parse worker needs to turn records into normalised events; immutable, shared.
package struct DecodeOptions: Sendable {
    package var statusMap: StatusMap
    /// Zone per carrier in which naive carrier-local timestamps are read.
    package var carrierZones: [TimeZone]
    /// Zone per carrier for local dates and `event_at_local` (`--tz` sets all of them).
    package var reportZones: [TimeZone]
    /// The run's as-of instant (ms): the date of last resort (SPEC §3).
    package var asOf: Int64
    /// Inclusive local-date filter (days since 1970-01-01), nil = unbounded.
    package var fromDay: Int32?
    package var toDay: Int32?
    /// Carriers to keep (`--carrier`); all when empty.
    package var carriers: Set<Carrier>
    /// Accepted 247Express API keys; nil = not checked. Never empty (SPEC §9: an empty list is an error).
    package var apiKeys: [[UInt8]]?
    /// Keep the reject's text (redacted, ≤ 1 KiB): only with `--include-pii`.
    package var includePII: Bool
    /// Keep the per-event text needed by `events.csv` (event id, status name).
    package var keepEventText: Bool
    /// Maximum nesting depth of a document.
    package var maxDepth: UInt32
    package var seeds: HashSeeds

    package init(
        statusMap: StatusMap, carrierZones: [TimeZone], reportZones: [TimeZone], asOf: Int64,
        fromDay: Int32? = nil, toDay: Int32? = nil, carriers: Set<Carrier> = [], apiKeys: [[UInt8]]? = nil,
        includePII: Bool = false, keepEventText: Bool = false, maxDepth: UInt32 = 64, seeds: HashSeeds
    ) {
        self.statusMap = statusMap
        self.carrierZones = carrierZones
        self.reportZones = reportZones
        self.asOf = asOf
        self.fromDay = fromDay
        self.toDay = toDay
        self.carriers = carriers
        self.apiKeys = apiKeys
        self.includePII = includePII
        self.keepEventText = keepEventText
        self.maxDepth = maxDepth
        self.seeds = seeds
    }

    /// Default zones: 247Express Asia/Ho_Chi_Minh, HoundExpress America/Mexico_City.
    package static let defaultZoneIDs = ["Asia/Ho_Chi_Minh", "America/Mexico_City"]

    package func keeps(_ carrier: Carrier) -> Bool { carriers.isEmpty || carriers.contains(carrier) }
}
