import Foundation
import ShipKPICore
import ShipKPIDigest

/// Everything the map stage needs to turn records into normalised events: the status map, the
/// carriers' zones, the reporting zones, the accepted API keys and what text to keep. Immutable,
/// shared by the parse workers. Whatever changes a mapped record is here — and nothing else is
/// but the content hash of the bytes read (``hash``): the as-of instant and the filters are
/// applied by the fold, after the map.
package struct DecodeOptions: Sendable {
    /// The carriers whose records are recognised.
    package var registry: CarrierRegistry
    package var statusMap: StatusMap
    /// Zone per carrier in which naive carrier-local timestamps are read.
    package var carrierZones: PerCarrier<TimeZone>
    /// Zone per carrier for local dates and `event_at_local` (`--tz` sets all of them).
    package var reportZones: PerCarrier<TimeZone>
    /// Accepted webhook API keys (carriers whose webhooks carry one); nil = not checked. Never
    /// empty (an empty list is an error).
    package var apiKeys: [[UInt8]]?
    /// Keep the reject's text (redacted, ≤ 1 KiB): only with `--include-pii`.
    package var includePII: Bool
    /// Keep the per-event text needed by `events.csv` (event id, status name).
    package var keepEventText: Bool
    /// Maximum nesting depth of a document.
    package var maxDepth: UInt32
    /// Small documents go through simdjson's DOM parser (faster; the exact walk decides whenever
    /// DOM cannot); false sends every document through the exact walk. Both decide every
    /// document alike — this exists so that tests can check it.
    package var domFastPath = true
    /// The digest of every input's bytes (run.json, state files, stage files).
    package var hash: HashAlgorithm = .xxh3

    package init(
        registry: CarrierRegistry, statusMap: StatusMap, carrierZones: PerCarrier<TimeZone>, reportZones: PerCarrier<TimeZone>,
        apiKeys: [[UInt8]]? = nil, includePII: Bool = false, keepEventText: Bool = false, maxDepth: UInt32 = 64
    ) {
        self.registry = registry
        self.statusMap = statusMap
        self.carrierZones = carrierZones
        self.reportZones = reportZones
        self.apiKeys = apiKeys
        self.includePII = includePII
        self.keepEventText = keepEventText
        self.maxDepth = maxDepth
    }

    /// The carrier whose remittance statements the run reads; a usage error when no carrier of
    /// the registry sends any.
    package func remittanceCarrier() throws -> Carrier {
        guard let carrier = registry.carriers.remittanceCarrier else {
            throw ShipKPIError.usage("no carrier of this run sends remittance statements")
        }
        return carrier
    }
}
