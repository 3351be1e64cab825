import ShipKPICore

/// Everything shipkpi knows about one carrier, in one value: its id, names, zone and currency,
/// the record kinds it sends, its shipped status codes, how its charts look, and how its JSON is
/// read (the fields it declares, the shapes it recognises and the decoder that turns a matched
/// document into events, order records or rejects).
///
/// A carrier is added by writing one profile and listing it in ``CarrierRegistry/standard``;
/// nothing else in the codebase names a carrier. Tests define carriers of their own and run them
/// through a registry of their own.
package struct CarrierProfile: Sendable {
    /// Id, display name, currency, record kinds and report capabilities (what Core needs).
    package var traits: CarrierTraits
    /// IANA zone of the carrier's naive local timestamps, and its default reporting zone
    /// (`[id] zone` in the config file and `--tz` override it).
    package var defaultZone: String
    /// The shipped status map: only what the carrier publishes.
    package var shippedCodes: [ShippedCode]
    package var chartStyle: CarrierChartStyle
    /// How the carrier's JSON is read.
    package var reading: CarrierReading
    /// Its webhook events carry a shared `ApiKey`, checked against `--api-keys` when given.
    package var checksWebhookAPIKey: Bool

    package init(
        traits: CarrierTraits, defaultZone: String, shippedCodes: [ShippedCode], chartStyle: CarrierChartStyle,
        reading: CarrierReading, checksWebhookAPIKey: Bool = false
    ) {
        self.traits = traits
        self.defaultZone = defaultZone
        self.shippedCodes = shippedCodes
        self.chartStyle = chartStyle
        self.reading = reading
        self.checksWebhookAPIKey = checksWebhookAPIKey
    }

    package var id: String { traits.id }
}
