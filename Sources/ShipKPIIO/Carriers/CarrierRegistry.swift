import Foundation
import ShipKPICore

/// The carriers shipkpi reads, in output order: their profiles and the ``Carriers`` list Core
/// computes with. A run takes one registry (``RunConfiguration/registry``); everything that
/// iterates carriers iterates it, and everything that names one looks it up by id here.
package struct CarrierRegistry: Sendable {
    package let profiles: [CarrierProfile]
    package let carriers: Carriers

    /// A registry of `profiles`, in that order. Fails on duplicate ids, more than one carrier
    /// taking remittance statements, or JSON field declarations that contradict each other.
    package init(_ profiles: [CarrierProfile]) throws {
        var seen = Set<String>()
        for p in profiles {
            guard CarrierRegistry.isWellFormedID(p.id) else { throw ShipKPIError.internal("carrier id \"\(p.id)\" must be lowercase letters and digits") }
            guard seen.insert(p.id).inserted else { throw ShipKPIError.internal("carrier \(p.id) is registered twice") }
            guard TimeZone(identifier: p.defaultZone) != nil else { throw ShipKPIError.internal("carrier \(p.id): unknown zone \(p.defaultZone)") }
        }
        guard profiles.filter(\.traits.sendsRemittanceStatements).count <= 1 else {
            throw ShipKPIError.internal("at most one carrier can take remittance statements")
        }
        self.profiles = profiles
        carriers = Carriers(profiles.map(\.traits))
        _ = try RecordSchema(self)  // the carriers' JSON declarations must fit together
    }

    /// The carriers shipkpi ships with. **The one list**: a new carrier is a profile added here.
    package static let standard: CarrierRegistry = {
        do {
            return try CarrierRegistry([Express247.profile, HoundExpress.profile])
        } catch {
            fatalError("the shipped carrier profiles do not fit together: \(error)")
        }
    }()

    package subscript(_ carrier: Carrier) -> CarrierProfile { profiles[carrier.index] }

    package func carrier(id: String) -> Carrier? { carriers.carrier(id: id) }

    /// The carriers, in order.
    package var all: [Carrier] { carriers.all }

    /// The ids, for messages: `247express or houndexpress`, `a, b or c`.
    package var idList: String {
        let ids = carriers.ids
        guard ids.count > 1 else { return ids.first ?? "" }
        return ids.dropLast().joined(separator: ", ") + " or " + ids.last!
    }

    /// The shipped status map of every carrier.
    package var shippedRows: [StatusMapRow] {
        all.flatMap { c in self[c].shippedCodes.map { $0.row(for: c) } }
    }

    /// Each carrier's default zone (checked when the registry was made).
    package var defaultZones: PerCarrier<TimeZone> { PerCarrier(carriers) { TimeZone(identifier: self[$0].defaultZone)! } }

    /// Each carrier's default currency.
    package var defaultCurrencies: PerCarrier<String> { PerCarrier(carriers) { self.carriers[$0].currency } }

    static func isWellFormedID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
