import Foundation
import ShipKPICore
import ShipKPIJSON

/// What a carrier's decoder is made from: which carrier it is, the schema its fields were merged
/// into, and the run's decode options.
package struct CarrierDecoderSetup {
    package let carrier: Carrier
    package let schema: RecordSchema
    package let options: DecodeOptions

    /// The field at `path` (from the top level of a document). The carrier declared it, so a
    /// missing one is a programming error, reported when the decoder is made.
    package func field(_ path: String...) throws -> JSONField {
        guard let field = schema.field(path) else {
            throw ShipKPIError.internal("carrier \(options.registry.carriers[carrier].id) reads \(path.joined(separator: ".")), which it does not declare")
        }
        return field
    }

    /// The field `name` inside the object or array-of-objects field at `path`, as seen from its
    /// elements (for reading the same names at several places: a record's top level, and inside
    /// a wrapper).
    package func field(_ name: String, under path: [String]) throws -> JSONField {
        guard let field = schema.field(path + [name]) else {
            throw ShipKPIError.internal(
                "carrier \(options.registry.carriers[carrier].id) reads \((path + [name]).joined(separator: ".")), which it does not declare")
        }
        return field
    }

    /// The zone of the carrier's naive local timestamps.
    package var zone: ZoneResolver { ZoneResolver(timeZone: options.carrierZones[carrier]) }

    /// Kind number `local` of the carrier's record kinds (its profile's order).
    package func recordKind(_ local: Int) -> RecordKind { options.registry.carriers.recordKind(carrier, number: local) }
}
