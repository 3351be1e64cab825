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

// Partials (`shipkpi fold` → `shipkpi merge`) carry the names used in reports, so the
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
