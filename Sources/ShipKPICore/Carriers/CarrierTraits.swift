/// What the computations need to know of a carrier: its id and name for the reports, its COD
/// currency, the kinds of record it sends, and which of the optional report parts apply to it.
/// Everything else about a carrier (its JSON shapes, time zone, shipped status codes, colours)
/// is its profile's, in ShipKPIIO.
package struct CarrierTraits: Sendable, Equatable {
    /// The id written in every column, flag and config section (`247express`).
    package var id: String
    /// The carrier's name for people (`247Express (Vietnam)`).
    package var displayName: String
    /// ISO 4217 code of its cash-on-delivery amounts (`VND`); its minor unit is the ISO 4217 one
    /// (``CurrencyExponent``). A run may override it (`[247express] currency` in the config file).
    package var currency: String
    /// The kinds of record it sends, counted in run.json and the data-quality tables.
    package var recordKinds: [RecordKindTraits]
    /// It sends order records (COD amounts, destination, service, packages): orders get
    /// province and service breakdowns and order checks.
    package var sendsOrderRecords: Bool
    /// Its status events carry feedback-request counts: it gets a `feedback.csv` row and a
    /// `feedback_requests` value in `orders.csv`.
    package var reportsFeedbackRequests: Bool
    /// Remittance statements (`--remittance`) are this carrier's: its orders are reconciled.
    /// At most one carrier of a run has it.
    package var sendsRemittanceStatements: Bool

    package init(
        id: String, displayName: String, currency: String, recordKinds: [RecordKindTraits],
        sendsOrderRecords: Bool = false, reportsFeedbackRequests: Bool = false, sendsRemittanceStatements: Bool = false
    ) {
        self.id = id
        self.displayName = displayName
        self.currency = currency
        self.recordKinds = recordKinds
        self.sendsOrderRecords = sendsOrderRecords
        self.reportsFeedbackRequests = reportsFeedbackRequests
        self.sendsRemittanceStatements = sendsRemittanceStatements
    }
}
