import Foundation
import ShipKPICore

/// Everything the map stage needs to turn records into normalised events: the status map, the
/// carriers' zones, the reporting zones, the accepted API keys and what text to keep. Immutable,
/// shared by the parse workers. Whatever changes a mapped record is here — and nothing else is:
/// the as-of instant and the filters are applied by the fold, after the map.
package struct DecodeOptions: Sendable {
    package var statusMap: StatusMap
    /// Zone per carrier in which naive carrier-local timestamps are read.
    package var carrierZones: [TimeZone]
    /// Zone per carrier for local dates and `event_at_local` (`--tz` sets all of them).
    package var reportZones: [TimeZone]
    /// Accepted 247Express API keys; nil = not checked. Never empty (an empty list is an error).
    package var apiKeys: [[UInt8]]?
    /// Keep the reject's text (redacted, ≤ 1 KiB): only with `--include-pii`.
    package var includePII: Bool
    /// Keep the per-event text needed by `events.csv` (event id, status name).
    package var keepEventText: Bool
    /// Maximum nesting depth of a document.
    package var maxDepth: UInt32

    package init(
        statusMap: StatusMap, carrierZones: [TimeZone], reportZones: [TimeZone], apiKeys: [[UInt8]]? = nil,
        includePII: Bool = false, keepEventText: Bool = false, maxDepth: UInt32 = 64
    ) {
        self.statusMap = statusMap
        self.carrierZones = carrierZones
        self.reportZones = reportZones
        self.apiKeys = apiKeys
        self.includePII = includePII
        self.keepEventText = keepEventText
        self.maxDepth = maxDepth
    }

    /// Default zones: 247Express Asia/Ho_Chi_Minh, HoundExpress America/Mexico_City.
    package static let defaultZoneIDs = ["Asia/Ho_Chi_Minh", "America/Mexico_City"]
}
