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

// Partials (`shipkpi fold` → `shipkpi merge`) carry the names used in reports, so the
// intermediate format does not depend on the order of the enum cases.
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
