import ShipKPICore
import ShipKPIIO

// The shipped carriers and record kinds, by id, for tests that name them.

extension Carrier {
    package static let express247 = CarrierRegistry.standard.carrier(id: "247express")!
    package static let houndExpress = CarrierRegistry.standard.carrier(id: "houndexpress")!
}

extension RecordKind {
    /// The shipped record kind with run.json id `id`.
    package static func named(_ id: String, in registry: CarrierRegistry = .standard) -> RecordKind {
        RecordKind(index: registry.carriers.recordKinds.firstIndex { $0.id == id }!)
    }

    package static let event247 = named("247express_status_event")
    package static let statusLogItem247 = named("247express_status_log_item")
    package static let order247 = named("247express_order")
    package static let houndStatus = named("houndexpress_status_event")
    package static let houndWebhook = named("houndexpress_webhook")
}

/// The report id of a shipped carrier, or `ALL`.
package func id(_ scope: CarrierScope) -> String { CarrierRegistry.standard.carriers.id(scope) }
package func id(_ carrier: Carrier) -> String { CarrierRegistry.standard.carriers[carrier].id }
