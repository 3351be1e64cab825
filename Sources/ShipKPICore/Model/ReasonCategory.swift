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

// Partials (`shipkpi fold` → `shipkpi merge`) carry the names used in reports, so the
// intermediate format does not depend on the order of the enum cases.
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
