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
            decodeOrder(info, wrappedOrder, &context, &batch)
        case .statusLog:
            decodeStatusLog(record, &context, &batch)
        case .event:
            if record.isMissing(event.orderCode) {
                return context.reject(.missingOrderCode, "status event: OrderCode is missing", into: &batch)
            }
            decodeEvent(record, event, fromLog: false, &context, &batch)
        case .order:
            decodeOrder(record, order, &context, &batch)
        case .codeOnly, nil:
            context.reject(.unknownShape, "OrderCode without Status or ServiceTypeID", into: &batch)
        }
    }

    /// A GetStatusLogs export: every history item of every order is an event of its own
    /// `OrderCode` (never its parent's), numbered from 1 in the document for rejects.
    private func decodeStatusLog(_ record: JSONFrame, _ context: inout RecordContext, _ batch: inout EventBatch) {
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
                    decodeEvent(history, logItem, fromLog: true, &context, &batch)
                }
            }
        }
    }

    private func decodeEvent(_ r: JSONFrame, _ f: EventFields, fromLog: Bool, _ context: inout RecordContext, _ batch: inout EventBatch) {
        guard let codes = context.countEvent(
            kind: (fromLog ? Kind.statusLogItem : Kind.event).rawValue,
            orderCode: r.text(f.orderCode), orderDetail: "OrderCode is not a string or number",
            statusCode: r.text(f.status), statusDetail: "Status is not a string or number", into: &batch)
        else { return }
        // Webhook events carry the shared ApiKey; GetStatusLogs items are pulled with our own credentials.
        if let keys = apiKeys, !fromLog {
            guard let key = r.text(f.apiKey) else { return context.reject(.untrustedAPIKey, "ApiKey is missing", into: &batch) }
            guard keys.find(key) != nil else {
                return context.reject(.untrustedAPIKey, "ApiKey is not in the accepted list", into: &batch)
            }
        }
        var parts = EventParts(orderCode: codes.orderCode, statusCode: codes.statusCode, statusName: r.text(f.statusName))
        if let time = r.text(f.time) {
            parts.rawDate = time
            if r.type(f.time) == .string, let local = DateParsing.iso8601(time) { parts.instant = local.utcMillis(localZone: zone) }
        }
        parts.transactionID = r.text(f.transactionID)
        var event = context.event(parts, into: &batch)
        if let delay = r.text(f.delayCode), !context.addReason(delay, to: &event, into: &batch),
           let notes = r.text(f.delayNotes) {
            // An unmapped code's label is the DelayNotes of its first accepted event.
            event.reasonLabel = batch.store(notes)
        }
        if let feedback = r.text(f.feedback), let n = Self.smallInteger(feedback) {
            event.feedback = n
            event.flags.insert(.hasFeedback)
        }
        if let courier = r.text(f.mailman) { event.courier = batch.store(courier) }
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

    private func decodeOrder(_ r: JSONFrame, _ f: OrderFields, _ context: inout RecordContext, _ batch: inout EventBatch) {
        context.count(kind: Kind.order.rawValue, into: &batch)
        guard let orderCode = r.text(f.orderCode) else {
            return context.reject(.missingOrderCode, "order record: OrderCode is not a string or number", into: &batch)
        }
        var checked = OrderRecordFields()
        checked.hasServiceType = r.text(f.serviceType) != nil
        checked.hasReceiverAddress = r.text(f.address) != nil
        checked.hasProvince = r.text(f.province) != nil
        checked.hasDistrict = r.text(f.district) != nil
        checked.hasPhone = r.text(f.phone) != nil
        checked.hasClientHub = r.text(f.clientHub) != nil
        checked.hasWarehouse = r.text(f.warehouse) != nil || r.text(f.warehouseAlt) != nil
        if let mailer = r.text(f.mailerType) { checked.mailerType = String(decoding: mailer, as: UTF8.self) }
        checked.realWeight = r.amount(f.realWeight)
        checked.informFee = r.amount(f.informFee)
        checked.cod = r.amount(f.cod)
        checked.cop = r.amount(f.cop)
        checked.quantity = r.amount(f.quantity)
        if r.type(f.packages) == .array {
            checked.packages = r.elements(f.packages).map { p in
                guard p.isObject else { return PackageFields(isObject: false) }
                // A package with a duplicated field counts as one that is not an object (its
                // first values are still read).
                return PackageFields(isObject: !p.hasDuplicateKey, length: p.amount(f.length), width: p.amount(f.width),
                                     height: p.amount(f.height), weight: p.amount(f.packageWeight))
            }
        }
        checked.hasDVBH = r.elements(f.extras).contains { x in
            x.isObject && x.type(f.serviceID) == .string && x.bytes(f.serviceID).elementsEqual("DVBH".utf8)
        }
        let cod = checked.cod.value.flatMap { $0.isNegative ? nil : $0 }
        let province = r.text(f.province).map { batch.store($0) } ?? .empty
        let service = r.text(f.serviceType).map { batch.store($0) } ?? .empty
        batch.orders.append(DecodedOrderRecord(
            carrier: context.carrier, position: context.nextPosition(), line: context.line, orderCode: batch.store(orderCode),
            cod: cod, province: province, service: service, findings: OrderChecks.check(checked)))
    }
}
