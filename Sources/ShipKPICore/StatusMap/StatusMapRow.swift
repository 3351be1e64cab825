/// One row of a status-map file (see docs/DESIGN.md "Status map").
package struct StatusMapRow: Sendable, Equatable {
    package enum Kind: String, Sendable { case status, reason }
    package var kind: Kind
    package var carrier: Carrier
    package var code: String
    package var status: StatusInfo?  // kind == .status
    package var reason: ReasonInfo?  // kind == .reason

    package init(kind: Kind, carrier: Carrier, code: String, status: StatusInfo? = nil, reason: ReasonInfo? = nil) {
        self.kind = kind
        self.carrier = carrier
        self.code = code
        self.status = status
        self.reason = reason
    }
}
