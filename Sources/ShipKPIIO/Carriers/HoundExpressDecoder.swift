import Foundation
import ShipKPICore
import ShipKPIJSON

/// Reads HoundExpress documents (see ``HoundExpress``): changeOrderStatus bodies
/// (`{"guide": {...}}`) and webhook notifications (`value` and `statusObj`).
final class HoundExpressDecoder: CarrierDecoder {
    private let guide, guideNumber, currentStatus, status, code, date, time: JSONField
    private let guidePOD, guidePODBase64, guideFormat: JSONField
    private let value, statusObj, statusID, statusCode, webhookDate, webhookDateTime, webhookDateTimeISO, pod, podBase64: JSONField
    private let zone: ZoneResolver
    /// Webhook `dateTime` and `date` are documented as UTC−06:00 (no daylight saving time).
    private let webhookZone = ZoneResolver(timeZone: TimeZone(secondsFromGMT: -6 * 3600)!)
    private let statusMap: StatusMap
    private let carrier: Carrier

    init(_ setup: CarrierDecoderSetup) throws {
        guide = try setup.field("guide")
        guideNumber = try setup.field("guide", "guideNumber")
        currentStatus = try setup.field("guide", "currentStatus")
        status = try setup.field("guide", "currentStatus", "status")
        code = try setup.field("guide", "currentStatus", "code")
        date = try setup.field("guide", "currentStatus", "date")
        time = try setup.field("guide", "currentStatus", "time")
        guidePOD = try setup.field("guide", "POD")
        guidePODBase64 = try setup.field("guide", "POD_B64")
        guideFormat = try setup.field("guide", "format")
        value = try setup.field("value")
        statusObj = try setup.field("statusObj")
        statusID = try setup.field("statusObj", "id")
        statusCode = try setup.field("statusObj", "code")
        webhookDate = try setup.field("date")
        webhookDateTime = try setup.field("dateTime")
        webhookDateTimeISO = try setup.field("dateTimeISO")
        pod = try setup.field("POD")
        podBase64 = try setup.field("POD_B64")
        zone = setup.zone
        statusMap = setup.options.statusMap
        carrier = setup.carrier
    }

    /// The shapes, in the order of ``HoundExpress/shapes``.
    enum Shape: Int { case changeOrderStatus, webhook, valueOnly }

    /// Record kinds, in the order of the profile's kinds.
    enum Kind: Int { case statusEvent, webhook }

    func decode(shape: Int, record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        switch Shape(rawValue: shape) {
        case .changeOrderStatus: decodeStatusEvent(record, context: &context, into: &batch)
        case .webhook: decodeWebhook(record, context: &context, into: &batch)
        case .valueOnly, nil: context.reject(.unknownShape, "value without statusObj", into: &batch)
        }
    }

    private func decodeStatusEvent(_ record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        guard let guideObject = record.child(guide) else { return context.reject(.unknownShape, "guide is not an object", into: &batch) }
        let current = guideObject.child(currentStatus)
        if guideObject.hasDuplicateKey || current?.hasDuplicateKey == true {
            return context.reject(.duplicateKey, "a field appears twice in one object", into: &batch)
        }
        if guideObject.isMissing(guideNumber) { return context.reject(.missingOrderCode, "guide.guideNumber is missing", into: &batch) }
        guard let current, !current.isMissing(status) else {
            return context.reject(.missingStatus, "guide.currentStatus.status is missing", into: &batch)
        }
        guard
            let codes = context.countEvent(
                kind: Kind.statusEvent.rawValue,
                orderCode: guideObject.text(guideNumber), orderDetail: "guide.guideNumber is not a string or number",
                statusCode: current.text(status), statusDetail: "currentStatus.status is not a string or number", into: &batch)
        else { return }
        var parts = EventParts(orderCode: codes.orderCode, statusCode: codes.statusCode, statusName: current.text(code))
        // `date`: epoch milliseconds, dd/MM/yyyy HH:mm:ss, or dd-MM-yyyy with `time` HH:mm:ss.
        if let dateText = current.text(date) {
            parts.rawDate = dateText
            parts.rawTime = current.text(time)
            if let ms = DateParsing.epochMillis(dateText) {
                parts.instant = ms
            } else if current.type(date) == .string,
                let local = DateParsing.slashedDayMonthYear(dateText) ?? DateParsing.dashedDayMonthYear(dateText, time: parts.rawTime)
            {
                parts.instant = local.utcMillis(localZone: zone)
            }
        } else {
            parts.rawTime = current.text(time)
        }
        if guideObject.hasContent(guidePOD) || guideObject.hasContent(guidePODBase64) { parts.flags.insert(.hasPOD) }
        if guideObject.hasContent(guideFormat) { parts.flags.insert(.hasAttachment) }
        append(parts, context: &context, into: &batch)
    }

    private func decodeWebhook(_ record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        let object = record.child(statusObj)
        if object?.hasDuplicateKey == true {
            return context.reject(.duplicateKey, "a field appears twice in one object", into: &batch)
        }
        if record.isMissing(value) {
            return context.reject(.missingOrderCode, "webhook: value (the guide number) is missing", into: &batch)
        }
        guard let object, !object.isMissing(statusID) else {
            return context.reject(.missingStatus, "webhook: statusObj.id is missing", into: &batch)
        }
        guard
            let codes = context.countEvent(
                kind: Kind.webhook.rawValue,
                orderCode: record.text(value), orderDetail: "value is not a string or number",
                statusCode: object.text(statusID), statusDetail: "statusObj.id is not a string or number", into: &batch)
        else { return }
        var parts = EventParts(orderCode: codes.orderCode, statusCode: codes.statusCode, statusName: object.text(statusCode))
        // The first of dateTimeISO, dateTime, date that is present and parses.
        var firstPresent: UnsafeRawBufferPointer?
        for (field, slashed) in [(webhookDateTimeISO, false), (webhookDateTime, false), (webhookDate, true)] {
            guard let text = record.text(field) else { continue }
            if firstPresent == nil { firstPresent = text }
            let local = slashed ? DateParsing.slashedDayMonthYear(text) : DateParsing.iso8601(text)
            if record.type(field) == .string, let local {
                parts.instant = local.utcMillis(localZone: webhookZone)
                parts.rawDate = text
                break
            }
        }
        if parts.instant == nil, let first = firstPresent { parts.rawDate = first }
        if record.hasContent(pod) || record.hasContent(podBase64) { parts.flags.insert(.hasPOD) }
        append(parts, context: &context, into: &batch)
    }

    /// The event, with the reason its status stands for when the status map has one.
    private func append(_ parts: EventParts, context: inout RecordContext, into batch: inout EventBatch) {
        var event = context.event(parts, into: &batch)
        if let info = statusMap.status(carrier, parts.statusCode), let reason = info.reason {
            event.flags.formUnion(.mappedReason)
            event.reasonCode = event.statusCode
            event.reasonLabel = batch.store(reason.label)
            event.reasonCategory = reason.category
            event.reasonParty = reason.party
        }
        batch.events.append(event)
    }
}
