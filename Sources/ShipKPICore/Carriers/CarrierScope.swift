import Foundation

/// The carriers of a summary table: one carrier, or all of them together (the `ALL` row).
package enum CarrierScope: Hashable, Sendable, Comparable, Codable {
    case carrier(Carrier)
    case all

    /// The carrier, nil for `ALL`.
    package var carrier: Carrier? {
        if case .carrier(let c) = self { return c }
        return nil
    }

    /// Carriers in their list order, then `ALL`.
    package static func < (a: CarrierScope, b: CarrierScope) -> Bool {
        switch (a, b) {
        case (.carrier(let x), .carrier(let y)): x < y
        case (.carrier, .all): true
        default: false
        }
    }
}
