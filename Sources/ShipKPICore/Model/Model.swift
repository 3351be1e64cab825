/// Outcome class of a canonical status (SPEC §2).
package enum OutcomeClass: UInt8, Sendable {
    case open, success, failure, cancelled
}

/// Canonical statuses in lifecycle order. `rank` breaks ties between events at the same instant
/// (SPEC §4); every terminal status has rank 7, `UNKNOWN` rank 0.
package enum CanonicalStatus: UInt8, CaseIterable, Sendable {
    case created, pickedUp, inTransit, outForDelivery, attemptFailed, returning
    case delivered, returned, lost, confiscated, cancelled, unknown

    /// The wire name used in reports and in the status-map file.
    package var name: String {
        switch self {
        case .created: "CREATED"
        case .pickedUp: "PICKED_UP"
        case .inTransit: "IN_TRANSIT"
        case .outForDelivery: "OUT_FOR_DELIVERY"
        case .attemptFailed: "ATTEMPT_FAILED"
        case .returning: "RETURNING"
        case .delivered: "DELIVERED"
        case .returned: "RETURNED"
        case .lost: "LOST"
        case .confiscated: "CONFISCATED"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        }
    }

    package init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    package var rank: UInt8 {
        switch self {
        case .created: 1
        case .pickedUp: 2
        case .inTransit: 3
        case .outForDelivery: 4
        case .attemptFailed: 5
        case .returning: 6
        case .delivered, .returned, .lost, .confiscated, .cancelled: 7
        case .unknown: 0
        }
    }

    package var outcome: OutcomeClass {
        switch self {
        case .delivered: .success
        case .returned, .lost, .confiscated: .failure
        case .cancelled: .cancelled
        default: .open
        }
    }
}

/// Canonical reason categories (SPEC §2).
package enum ReasonCategory: UInt8, CaseIterable, Sendable {
    case recipientUnavailable, refused, addressProblem, rescheduled, operationalDelay, damaged, prohibited, other

    package var name: String {
        switch self {
        case .recipientUnavailable: "RECIPIENT_UNAVAILABLE"
        case .refused: "REFUSED"
        case .addressProblem: "ADDRESS_PROBLEM"
        case .rescheduled: "RESCHEDULED"
        case .operationalDelay: "OPERATIONAL_DELAY"
        case .damaged: "DAMAGED"
        case .prohibited: "PROHIBITED"
        case .other: "OTHER"
        }
    }

    package init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// The party that caused a reason (SPEC §2).
package enum Party: UInt8, CaseIterable, Sendable {
    case carrier, shipper, recipient, authority, unknown

    package var name: String {
        switch self {
        case .carrier: "carrier"
        case .shipper: "shipper"
        case .recipient: "recipient"
        case .authority: "authority"
        case .unknown: "unknown"
        }
    }

    package init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// Where an event's instant came from (SPEC §3): its own date, the envelope's `receivedAt`, or the
/// run's as-of instant (the last two are "date fallbacks").
package enum DateSource: UInt8, Sendable {
    case event, receivedAt, asOf

    package var name: String {
        switch self {
        case .event: "event"
        case .receivedAt: "received_at"
        case .asOf: "as_of"
        }
    }
}

// Wire forms in partials (`shipkpi fold` → `shipkpi merge`): the names used in reports, so the
// intermediate format does not depend on the order of the enum cases.

extension CanonicalStatus: Codable {
    package init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let status = CanonicalStatus(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown status \(name)"))
        }
        self = status
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}

extension ReasonCategory: Codable {
    package init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let value = ReasonCategory(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown category \(name)"))
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}

extension Party: Codable {
    package init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let value = Party(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown party \(name)"))
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
