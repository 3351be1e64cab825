import Foundation
import ShipKPICore
import ShipKPIIO
import ShipKPIJSON

/// ParrotPost (Peru), a carrier that exists only in this test target: its own field names,
/// zone, currency, status and reason codes, chart style and record kind. It proves that a carrier
/// is one profile: nothing under Sources/ names it, and a registry that lists it reads it, maps
/// it and reports it like the shipped ones.
///
/// A ParrotPost scan: `{"shipment": "PP-1", "scan": {"code": "NH", "at": "2026-03-05 14:20:00"}, "cause": "R1"}`
/// (`at` is Lima time, without an offset).
enum ParrotPost {
    static let profile = CarrierProfile(
        traits: CarrierTraits(
            id: "parrotpost", displayName: "ParrotPost (Peru)", currency: "PEN",
            recordKinds: [RecordKindTraits(id: "parrotpost_scan", label: "parrotpost scans")]),
        defaultZone: "America/Lima",
        shippedCodes: [
            .status("PU", .pickedUp, name: "RECOGIDO"),
            .status("TR", .inTransit, name: "EN_RUTA"),
            .status("OD", .outForDelivery, name: "EN_REPARTO"),
            .status("NH", .attemptFailed, name: "NADIE_EN_CASA"),
            .status("DL", .delivered, name: "ENTREGADO"),
            .status("RT", .returned, name: "DEVUELTO"),
            .reason("R1", ReasonInfo(label: "customer not home", category: .recipientUnavailable, party: .recipient)),
        ],
        chartStyle: CarrierChartStyle(colour: "#009E73", cssName: "parrot", dash: "2 3", marker: .diamond, bar: .solid),
        reading: CarrierReading(
            fields: [.scalar("shipment"), .object("scan", [.scalar("code"), .scalar("at")]), .scalar("cause")],
            shapes: [RecordShape(.has("scan"), priority: 45)],
            makeDecoder: { try ParrotPostDecoder($0) }))

    /// The shipped carriers and ParrotPost.
    static let registry: CarrierRegistry = try! CarrierRegistry([Express247.profile, HoundExpress.profile, profile])
}

final class ParrotPostDecoder: CarrierDecoder {
    private let shipment, scan, code, at, cause: JSONField
    private let zone: ZoneResolver

    init(_ setup: CarrierDecoderSetup) throws {
        shipment = try setup.field("shipment")
        scan = try setup.field("scan")
        code = try setup.field("scan", "code")
        at = try setup.field("scan", "at")
        cause = try setup.field("cause")
        zone = setup.zone
    }

    func decode(shape: Int, record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        context.count(kind: 0, into: &batch)
        guard let order = record.text(shipment) else { return context.reject(.missingOrderCode, "shipment is missing", into: &batch) }
        guard let scan = record.child(scan), let status = scan.text(code) else {
            return context.reject(.missingStatus, "scan.code is missing", into: &batch)
        }
        var parts = EventParts(orderCode: order, statusCode: status, statusName: nil)
        if let when = scan.text(at) {
            parts.rawDate = when
            if let local = DateParsing.iso8601(when) { parts.instant = local.utcMillis(localZone: zone) }
        }
        var event = context.event(parts, into: &batch)
        if let reason = record.text(cause) { context.addReason(reason, to: &event, into: &batch) }
        batch.events.append(event)
    }
}
