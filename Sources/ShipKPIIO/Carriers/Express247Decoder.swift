import ShipKPICore
import ShipKPIJSON

/// Reads 247Express documents (see ``Express247``): webhook status events, GetStatusLogs exports
/// (every history item is an event of its own order) and order records, flat or in `OrderInfo`.
final class Express247Decoder: CarrierDecoder {
    /// The event fields, at the top level or in a status-log history item.
    struct EventFields {
        let orderCode, status, statusName, time, transactionID, delayCode, delayNotes, feedback, mailman, apiKey: JSONField

        init(_ setup: CarrierDecoderSetup, under path: [String]) throws {
            func f(_ name: String) throws -> JSONField { try setup.field(name, under: path) }
            orderCode = try f("OrderCode")
            status = try f("Status")
            statusName = try f("StatusName")
            time = try f("Time")
            transactionID = try f("TransactionId")
            delayCode = try f("DelayCode")
            delayNotes = try f("DelayNotes")
            feedback = try f("RequestFeedbackCount")
            mailman = try f("Mailman")
            apiKey = try f("ApiKey")
        }
    }

    /// The order-record fields, at the top level or in `OrderInfo`.
    struct OrderFields {
        let orderCode, serviceType, address, province, district, phone, clientHub, warehouse, warehouseAlt, mailerType: JSONField
        let realWeight, informFee, cod, cop, quantity, packages, extras: JSONField
        let length, width, height, packageWeight, serviceID: JSONField

        init(_ setup: CarrierDecoderSetup, under path: [String]) throws {
            func f(_ name: String) throws -> JSONField { try setup.field(name, under: path) }
            orderCode = try f("OrderCode")
            serviceType = try f("ServiceTypeID")
            address = try f("ReceiverAddress")
            province = try f("ReceiverProvinceName")
            district = try f("ReceiverDistrictName")
            phone = try f("ReceiverPhone")
            clientHub = try f("ClientHubID")
            warehouse = try f("CusWareHouseID")
            warehouseAlt = try f("CusWarehouseID")
            mailerType = try f("MailerType")
            realWeight = try f("RealWeight")
            informFee = try f("InformFee")
            cod = try f("CODAmount")
            cop = try f("COPAmt")
            quantity = try f("Quantity")
            packages = try f("Packages")
            extras = try f("ExtraServices")
            length = try setup.field("Length", under: path + ["Packages"])
            width = try setup.field("Width", under: path + ["Packages"])
            height = try setup.field("Height", under: path + ["Packages"])
            packageWeight = try setup.field("RealWeight", under: path + ["Packages"])
            serviceID = try setup.field("ServiceID", under: path + ["ExtraServices"])
        }
    }

    private let event: EventFields
    private let logItem: EventFields
    private let order: OrderFields
    private let wrappedOrder: OrderFields
    private let orderInfo, data, orders, histories: JSONField
    private let zone: ZoneResolver
    /// Accepted webhook keys; nil when not checked.
    private let apiKeys: ByteInterner?

    init(_ setup: CarrierDecoderSetup) throws {
        event = try EventFields(setup, under: [])
        logItem = try EventFields(setup, under: ["Data", "Orders", "Histories"])
        order = try OrderFields(setup, under: [])
        wrappedOrder = try OrderFields(setup, under: ["OrderInfo"])
        orderInfo = try setup.field("OrderInfo")
        data = try setup.field("Data")
        orders = try setup.field("Data", "Orders")
        histories = try setup.field("Data", "Orders", "Histories")
        zone = setup.zone
        if let keys = setup.options.apiKeys {
            var interner = ByteInterner(capacity: keys.count)
            for key in keys { key.withUnsafeBytes { _ = interner.intern($0) } }
            apiKeys = interner
        } else {
            apiKeys = nil
        }
    }

    /// The shapes, in the order of ``Express247/shapes``.
    enum Shape: Int { case wrappedOrder, statusLog, event, order, codeOnly }

    /// Record kinds, in the order of the profile's kinds.
    enum Kind: Int { case event, statusLogItem, order }

    func decode(shape: Int, record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        switch Shape(rawValue: shape) {
        case .wrappedOrder:
            guard let info = record.child(orderInfo) else {
                return context.reject(.unknownShape, "OrderInfo is not an object", into: &batch)
            }
            if info.isMissing(wrappedOrder.orderCode) {
                return context.reject(.missingOrderCode, "order record: OrderCode is missing", into: &batch)
            }
            if info.hasDuplicateKey { return context.reject(.duplicateKey, "a field appears twice in one object", into: &batch) }
            decodeOrder(info, fields: wrappedOrder, context: &context, into: &batch)
        case .statusLog:
            decodeStatusLog(record, context: &context, into: &batch)
        case .event:
            if record.isMissing(event.orderCode) {
                return context.reject(.missingOrderCode, "status event: OrderCode is missing", into: &batch)
            }
            decodeEvent(record, fields: event, fromLog: false, context: &context, into: &batch)
        case .order:
            decodeOrder(record, fields: order, context: &context, into: &batch)
        case .codeOnly, nil:
            context.reject(.unknownShape, "OrderCode without Status or ServiceTypeID", into: &batch)
        }
    }

    /// A GetStatusLogs export: every history item of every order is an event of its own
    /// `OrderCode` (never its parent's), numbered from 1 in the document for rejects.
    private func decodeStatusLog(_ record: JSONFrame, context: inout RecordContext, into batch: inout EventBatch) {
        guard let data = record.child(data), data.type(orders) == .array else {
            return context.reject(.unknownShape, "Data has no Orders array", into: &batch)
        }
        var item = 0
        for entry in data.elements(orders) where entry.isObject {
            for history in entry.elements(histories) {
                item += 1
                let at = "status-log item \(item): "
                if !history.isObject {
                    context.reject(.unknownShape, at + "a status-log history item is not an object", into: &batch)
                } else if history.hasDuplicateKey {
                    context.reject(.duplicateKey, at + "a field appears twice in one object", into: &batch)
                } else if history.isMissing(logItem.orderCode) {
                    context.reject(.missingOrderCode, at + "history item: OrderCode is missing", into: &batch)
                } else if history.isMissing(logItem.status) {
                    context.reject(.missingStatus, at + "history item: Status is missing", into: &batch)
                } else {
                    decodeEvent(history, fields: logItem, fromLog: true, context: &context, into: &batch)
                }
            }
        }
    }

    private func decodeEvent(
        _ record: JSONFrame, fields: EventFields, fromLog: Bool, context: inout RecordContext, into batch: inout EventBatch
    ) {
        guard
            let codes = context.countEvent(
                kind: (fromLog ? Kind.statusLogItem : Kind.event).rawValue,
                orderCode: record.text(fields.orderCode), orderDetail: "OrderCode is not a string or number",
                statusCode: record.text(fields.status), statusDetail: "Status is not a string or number", into: &batch)
        else { return }
        // Webhook events carry the shared ApiKey; GetStatusLogs items are pulled with our own credentials.
        if let keys = apiKeys, !fromLog {
            guard let key = record.text(fields.apiKey) else { return context.reject(.untrustedAPIKey, "ApiKey is missing", into: &batch) }
            guard keys.find(key) != nil else {
                return context.reject(.untrustedAPIKey, "ApiKey is not in the accepted list", into: &batch)
            }
        }
        var parts = EventParts(orderCode: codes.orderCode, statusCode: codes.statusCode, statusName: record.text(fields.statusName))
        if let time = record.text(fields.time) {
            parts.rawDate = time
            if record.type(fields.time) == .string, let local = DateParsing.iso8601(time) { parts.instant = local.utcMillis(localZone: zone) }
        }
        parts.transactionID = record.text(fields.transactionID)
        var event = context.event(parts, into: &batch)
        if let delay = record.text(fields.delayCode), !context.addReason(delay, to: &event, into: &batch),
            let notes = record.text(fields.delayNotes)
        {
            // An unmapped code's label is the DelayNotes of its first accepted event.
            event.reasonLabel = batch.store(notes)
        }
        if let feedback = record.text(fields.feedback), let n = Self.smallInteger(feedback) {
            event.feedback = n
            event.flags.insert(.hasFeedback)
        }
        if let courier = record.text(fields.mailman) { event.courier = batch.store(courier) }
        batch.events.append(event)
    }

    /// A non-negative integer of at most 9 digits (`RequestFeedbackCount`), else nil.
    static func smallInteger(_ text: UnsafeRawBufferPointer) -> Int32? {
        guard !text.isEmpty, text.count <= 9 else { return nil }
        var n: Int32 = 0
        for b in text {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int32(b - 0x30)
        }
        return n
    }

    private func decodeOrder(
        _ record: JSONFrame, fields: OrderFields, context: inout RecordContext, into batch: inout EventBatch
    ) {
        context.count(kind: Kind.order.rawValue, into: &batch)
        guard let orderCode = record.text(fields.orderCode) else {
            return context.reject(.missingOrderCode, "order record: OrderCode is not a string or number", into: &batch)
        }
        var checked = OrderRecordFields()
        checked.hasServiceType = record.text(fields.serviceType) != nil
        checked.hasReceiverAddress = record.text(fields.address) != nil
        checked.hasProvince = record.text(fields.province) != nil
        checked.hasDistrict = record.text(fields.district) != nil
        checked.hasPhone = record.text(fields.phone) != nil
        checked.hasClientHub = record.text(fields.clientHub) != nil
        checked.hasWarehouse = record.text(fields.warehouse) != nil || record.text(fields.warehouseAlt) != nil
        if let mailer = record.text(fields.mailerType) { checked.mailerType = String(decoding: mailer, as: UTF8.self) }
        checked.realWeight = record.amount(fields.realWeight)
        checked.informFee = record.amount(fields.informFee)
        checked.cod = record.amount(fields.cod)
        checked.cop = record.amount(fields.cop)
        checked.quantity = record.amount(fields.quantity)
        if record.type(fields.packages) == .array {
            checked.packages = record.elements(fields.packages).map { p in
                guard p.isObject else { return PackageFields(isObject: false) }
                // A package with a duplicated field counts as one that is not an object (its
                // first values are still read).
                return PackageFields(
                    isObject: !p.hasDuplicateKey, length: p.amount(fields.length), width: p.amount(fields.width),
                    height: p.amount(fields.height), weight: p.amount(fields.packageWeight))
            }
        }
        checked.hasDVBH = record.elements(fields.extras).contains { x in
            x.isObject && x.type(fields.serviceID) == .string && x.bytes(fields.serviceID).elementsEqual("DVBH".utf8)
        }
        let cod = checked.cod.value.flatMap { $0.isNegative ? nil : $0 }
        let province = record.text(fields.province).map { batch.store($0) } ?? .empty
        let service = record.text(fields.serviceType).map { batch.store($0) } ?? .empty
        batch.orders.append(
            DecodedOrderRecord(
                carrier: context.carrier, position: context.nextPosition(), line: context.line, orderCode: batch.store(orderCode),
                cod: cod, province: province, service: service, findings: OrderChecks.check(checked)))
    }
}
