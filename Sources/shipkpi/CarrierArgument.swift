import ArgumentParser
import Foundation
import Logging
import ShipKPICore
import ShipKPIIO

/// A carrier named on the command line (`--carrier 247express`): one of the shipped registry's ids.
struct CarrierArgument: ExpressibleByArgument {
    let carrier: Carrier
    static let registry = CarrierRegistry.standard

    init?(argument: String) {
        guard let carrier = Self.registry.carrier(id: argument) else { return nil }
        self.carrier = carrier
    }

    static var allValueStrings: [String] { registry.carriers.ids }
    var defaultValueDescription: String { Self.registry.carriers[carrier].id }
    static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: registry.carriers.traits.map { ($0.id, $0.displayName) })
    }

    /// `247express=Asia/Ho_Chi_Minh, houndexpress=America/Mexico_City` for help texts.
    static func defaults(_ value: (CarrierProfile) -> String) -> String {
        registry.profiles.map { $0.id + "=" + value($0) }.joined(separator: ", ")
    }
}
