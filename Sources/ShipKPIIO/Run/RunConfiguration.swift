import Foundation
import ShipKPIDigest
import ShipKPICore

/// Everything a run needs, resolved from the command line and the config file.
package struct RunConfiguration: Sendable {
    /// The carriers this run reads (``CarrierRegistry/standard`` unless a test brings its own).
    package var registry: CarrierRegistry
    package var inputs: [String]
    package var outDir: String = "reports"
    /// As-of instant (ms) and how it was given (for run.json).
    package var asOf: Int64
    package var asOfText: String
    package var fromDay: Int32?
    package var toDay: Int32?
    /// `--carrier`: the carriers to report on; all when empty.
    package var onlyCarriers: Set<Carrier> = []
    /// `--tz`: one reporting zone for every carrier.
    package var reportZone: TimeZone?
    /// Zone of each carrier's naive local timestamps (its profile's unless configured).
    package var carrierZones: PerCarrier<TimeZone>
    /// COD currency of each carrier (its profile's unless configured).
    package var currencies: PerCarrier<String>
    package var statusMapFiles: [String] = []
    package var includePII = false
    /// The data-quality gates (`--min-events`, `--max-reject-rate`, …, and `[gates]` in the config file).
    package var gates = GateSettings()
    package var csvBOM = false
    package var formats: Set<ReportFormat> = Set(ReportFormat.allCases)
    package var remittanceFiles: [String] = []
    package var remittanceColumns = RemittanceColumns()
    package var apiKeys: [[UInt8]]?
    package var maxLineBytes = 64 << 20
    /// `--state DIR`: keep each input's mapped records there and reuse those of unchanged inputs.
    package var stateDirectory: String?
    /// `--verify-state`: re-hash every reused input and read it again when its content differs.
    package var verifyState = false
    /// `--hash`: the digest run.json records for every input and output file.
    package var hash: HashAlgorithm = .xxh3
    /// See ``DecodeOptions/domFastPath`` (`SHIPKPI_JSON_EXACT=1` turns it off).
    package var jsonDOMFastPath = true
    package var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The command line as given (for run.json; never holds secrets: keys come from a file or the environment).
    package var arguments: [String] = []
    /// Things the user should know about the configuration itself (logged when the run starts).
    package var warnings: [String] = []

    package init(registry: CarrierRegistry = .standard, inputs: [String], asOf: Int64, asOfText: String) {
        self.registry = registry
        self.inputs = inputs
        self.asOf = asOf
        self.asOfText = asOfText
        carrierZones = registry.defaultZones
        currencies = registry.defaultCurrencies
    }

    /// The carriers, as Core sees them.
    package var carriers: Carriers { registry.carriers }

    /// Reporting zone of each carrier.
    package var reportZones: PerCarrier<TimeZone> { reportZone.map { z in carrierZones.map { _ in z } } ?? carrierZones }

    /// The fold stage's settings: as-of, filters, zones, currencies.
    package var foldSettings: FoldSettings {
        FoldSettings(
            carriers: carriers, asOf: asOf, fromDay: fromDay, toDay: toDay, onlyCarriers: onlyCarriers,
            reportZones: reportZones, currencies: currencies)
    }

    /// The map stage's options: the shipped status map extended by `--status-map` files, zones,
    /// API keys. `keepEventText`: keep what `events.csv` needs (`normalize`).
    package func decodeOptions(keepEventText: Bool) throws -> DecodeOptions {
        var options = DecodeOptions(
            registry: registry, statusMap: try StatusMapLoader.load(registry: registry, extraFiles: statusMapFiles),
            carrierZones: carrierZones, reportZones: reportZones, apiKeys: apiKeys, includePII: includePII, keepEventText: keepEventText)
        options.domFastPath = jsonDOMFastPath
        options.hash = hash
        return options
    }
}
