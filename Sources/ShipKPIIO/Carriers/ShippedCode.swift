import ShipKPICore

/// One row of a carrier's shipped status map: what a raw status code (or reason code) means, as
/// the carrier publishes it. `--status-map FILE` rows extend or override these.
package struct ShippedCode: Sendable, Equatable {
    package var kind: StatusMapRow.Kind
    package var code: String
    package var status: StatusInfo?
    package var reason: ReasonInfo?

    /// A status code.
    package static func status(_ code: String, _ canonical: CanonicalStatus, name: String = "", reason: ReasonInfo? = nil) -> ShippedCode {
        ShippedCode(kind: .status, code: code, status: StatusInfo(canonical: canonical, name: name, reason: reason), reason: nil)
    }

    /// A reason code.
    package static func reason(_ code: String, _ info: ReasonInfo) -> ShippedCode {
        ShippedCode(kind: .reason, code: code, status: nil, reason: info)
    }

    /// The status-map row of this code for `carrier`.
    package func row(for carrier: Carrier) -> StatusMapRow {
        StatusMapRow(kind: kind, carrier: carrier, code: code, status: status, reason: reason)
    }
}
