import Foundation

/// A carrier of the run: its position in the run's ``Carriers`` (the carrier registry's order,
/// which is also the order of every output). What a carrier *is* — its id, name, currency and
/// capabilities — is looked up in that list; Core knows no carrier by name.
package struct Carrier: RawRepresentable, Hashable, Comparable, Sendable, Codable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The position in the carrier list.
    package var index: Int { Int(rawValue) }

    package static func < (lhs: Carrier, rhs: Carrier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decoded from its number; with ``Foundation/CodingUserInfoKey/carrierCount`` set, a number
    /// beyond the run's carriers is corrupt data (a partial written by another registry).
    package init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(UInt8.self)
        if let count = decoder.userInfo[.carrierCount] as? Int, Int(raw) >= count {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "carrier \(raw) of \(count)"))
        }
        self.init(rawValue: raw)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

extension CodingUserInfoKey {
    /// The number of carriers of the run reading a partial (an `Int`).
    package static let carrierCount = CodingUserInfoKey(rawValue: "shipkpi.carrierCount")!
}
