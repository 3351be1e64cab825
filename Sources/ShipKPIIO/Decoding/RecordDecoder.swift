import CShipJSON
import Foundation
import ShipKPICore

/// Turns JSON documents into normalised events, order records and rejects (SPEC §1–§4, §8).
///
/// One decoder per worker thread: it owns a simdjson parser and zone caches, so it is not
/// `Sendable`. Records are appended to an `EventBatch` in input order; each record of a document
/// (a line, a `.json` element, or a status-log item) takes the next ordinal.
package final class RecordDecoder {
    private let parser: OpaquePointer
    private let options: DecodeOptions
    private let carrierZones: PerCarrier<ZoneResolver>
    private let reportZones: PerCarrier<ZoneResolver>
    // PENDING-JSON: replaced by the carrier profiles' decoders.
    private let c247 = Carrier(rawValue: 0), cHound = Carrier(rawValue: 1)
    /// HoundExpress webhook `dateTime`/`date` are documented as UTC−06:00 (no DST).
    private let houndWebhookZone = ZoneResolver(timeZone: TimeZone(secondsFromGMT: -6 * 3600)!)
    private let utc = ZoneResolver(timeZone: TimeZone(secondsFromGMT: 0)!)
    private let apiKeys: ByteInterner?
    private static let day: Int64 = 86_400_000
    /// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z (days from civil: −719162 and 2932896).
    static let minInstant: Int64 = -719_162 * 86_400_000
    static let maxInstant: Int64 = 2_932_897 * 86_400_000 - 1

    /// False: every document goes through the shim's On-Demand walk (for checking that the DOM
    /// fast path decides alike; see skp_parser_set_dom).
    private let domFastPath: Bool

    package init(options: DecodeOptions, domFastPath: Bool = true) throws {
        guard let p = skp_parser_create(options.maxDepth) else { throw ShipKPIError.internal("cannot allocate the JSON parser") }
        parser = p
        self.domFastPath = domFastPath
        if !domFastPath { skp_parser_set_dom(p, 0) }
        self.options = options
        carrierZones = options.carrierZones.map { ZoneResolver(timeZone: $0) }
        reportZones = options.reportZones.map { ZoneResolver(timeZone: $0) }
        if let keys = options.apiKeys {
            var interner = ByteInterner(capacity: keys.count)
            for key in keys { key.withUnsafeBytes { _ = interner.intern($0) } }
            apiKeys = interner
        } else {
            apiKeys = nil
        }
    }

    deinit { skp_parser_destroy(parser) }

    /// Documents above this size are parsed by a parser of their own that is freed afterwards, so
    /// a worker's buffers do not stay sized for the largest proof-of-delivery line it has seen.
    static let bigDocument = 1 << 20

    /// Decodes one document. `document` must be followed by `SKP_PADDING` readable bytes.
    /// `terminated`: false for a last line without a newline (a cut export → `truncated`).
    package func decode(_ document: UnsafeRawBufferPointer, source: SourcePosition, terminated: Bool, into batch: inout EventBatch) {
        guard document.count > Self.bigDocument, let big = skp_parser_create(options.maxDepth) else {
            decode(document, with: parser, source: source, terminated: terminated, into: &batch)
            return
        }
        defer { skp_parser_destroy(big) }
        if !domFastPath { skp_parser_set_dom(big, 0) }
        decode(document, with: big, source: source, terminated: terminated, into: &batch)
    }

    private func decode(_ document: UnsafeRawBufferPointer, with parser: OpaquePointer, source: SourcePosition, terminated: Bool,
                        into batch: inout EventBatch) {
        let rc = skp_parse(parser, document.baseAddress!.assumingMemoryBound(to: UInt8.self), document.count)
        if rc != Int32(SKP_OK) {
            var reason: RejectReason
            switch Int(rc) {
            case Int(SKP_R_INVALID_UTF8): reason = .invalidUTF8
            case Int(SKP_R_TOO_DEEP): reason = .tooDeep
            default: reason = .invalidJSON
            }
            if reason == .invalidJSON && !terminated { reason = .truncated }
            var detail = String(cString: skp_error_detail(parser))
            let at = skp_error_offset(parser)
            if at >= 0 { detail += " (at byte \(at) of the record)" }
            if reason == .truncated { detail = "the last line ends without a newline and is incomplete: " + detail }
            reject(reason, detail, document, source, &batch)
            return
        }
        let count = skp_record_count(parser)
        guard count > 0, let records = skp_records(parser) else { return }
        let arena = UnsafeRawPointer(skp_arena(parser))
        var i = 0
        var sub: UInt32 = 0
        while i < count {
            let record = records + i
            let view = Record(record, arena)
            let at = Place(source: source, position: InputPosition(input: source.file, offset: source.byteOffset, sub: sub))
            sub += 1
            switch Int(record.pointee.kind) {
            case Int(SKP_K_EVENT_247):
                decode247Event(view, in: document, at: at, into: &batch)
            case Int(SKP_K_ORDER_247):
                let packages = Int(record.pointee.package_count)
                decodeOrder(view, packages: (0 ..< packages).map { Record(records + i + 1 + $0, arena) }, in: document, at: at, into: &batch)
                i += packages
            case Int(SKP_K_HOUND_STATUS), Int(SKP_K_HOUND_WEBHOOK):
                decodeHound(view, webhook: Int(record.pointee.kind) == Int(SKP_K_HOUND_WEBHOOK), in: document, at: at, into: &batch)
            default:
                let reason: RejectReason
                switch Int(record.pointee.reason) {
                case Int(SKP_R_MISSING_ORDER_CODE): reason = .missingOrderCode
                case Int(SKP_R_MISSING_STATUS): reason = .missingStatus
                case Int(SKP_R_DUPLICATE_KEY): reason = .duplicateKey
                default: reason = .unknownShape
                }
                var detail = record.pointee.detail.map { String(cString: $0) } ?? "not a known record shape"
                if record.pointee.sub_index > 0 { detail = "status-log item \(record.pointee.sub_index): " + detail }
                reject(reason, detail, document, source, &batch)
            }
            i += 1
        }
    }

    /// Where a record of a document sits: the document's reject position and the record's
    /// input position (the document's offset, and the record's index among its records).
    struct Place {
        var source: SourcePosition
        var position: InputPosition
    }

    // MARK: - Slots

    /// A decoded record's slots (valid until the next `decode`).
    struct Record {
        let record: UnsafePointer<skp_record>
        let arena: UnsafeRawPointer?

        init(_ record: UnsafePointer<skp_record>, _ arena: UnsafeRawPointer?) {
            self.record = record
            self.arena = arena
        }

        var flags: Int { Int(record.pointee.flags) }

        @inline(__always)
        func type(_ slot: Int32) -> Int { Int(skp_slot(record, slot).pointee.type) }

        /// Raw bytes of a slot (string content or number token); empty when absent/null/container.
        @inline(__always)
        func bytes(_ slot: Int32) -> UnsafeRawBufferPointer {
            let v = skp_slot(record, slot).pointee
            guard let arena, v.len > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: arena + Int(v.off), count: Int(v.len))
        }

        /// A string or number slot's text when present and not blank (SPEC §1 loose types).
        @inline(__always)
        func text(_ slot: Int32) -> UnsafeRawBufferPointer? {
            let t = type(slot)
            guard t == Int(SKP_T_STRING) || t == Int(SKP_T_NUMBER) else { return nil }
            let b = bytes(slot)
            return b.isEmpty ? nil : b
        }

        /// True when the slot holds something other than null/missing/blank.
        func present(_ slot: Int32) -> Bool {
            switch type(slot) {
            case Int(SKP_T_ABSENT), Int(SKP_T_NULL): return false
            case Int(SKP_T_STRING): return !bytes(slot).isEmpty
            default: return true
            }
        }
    }

    // MARK: - Events

    /// The fields every event kind shares once its carrier-specific parts are read.
    private struct EventParts {
        var carrier: Carrier
        var orderCode: UnsafeRawBufferPointer
        var statusCode: UnsafeRawBufferPointer
        var statusName: UnsafeRawBufferPointer?
        var instant: Int64?
        var rawDate: UnsafeRawBufferPointer
        var rawTime: UnsafeRawBufferPointer?
        var transactionID: UnsafeRawBufferPointer?
        var flags = EventFlags(rawValue: 0)  // not `[]`: an array literal builds the set generically
    }

    private func decode247Event(_ r: Record, in document: UnsafeRawBufferPointer, at place: Place, into batch: inout EventBatch) {
        let source = place.source
        let fromLog = r.flags & Int(SKP_F_STATUS_LOG) != 0
        batch.counters.count(options.registry.carriers.recordKind(c247, fromLog ? 1 : 0))
        if r.flags & Int(SKP_F_ENVELOPE) != 0 { batch.counters.envelopes += 1 }
        guard let order = r.text(Int32(SKP_S_ORDER_CODE)) else {
            return reject(.missingOrderCode, "OrderCode is not a string or number", document, source, &batch)
        }
        guard let code = r.text(Int32(SKP_S_STATUS)) else {
            return reject(.missingStatus, "Status is not a string or number", document, source, &batch)
        }
        // Webhook events carry the shared ApiKey; GetStatusLogs items are pulled with our own credentials.
        if let keys = apiKeys, !fromLog {
            guard let key = r.text(Int32(SKP_S_API_KEY)) else {
                return reject(.untrustedAPIKey, "ApiKey is missing", document, source, &batch)
            }
            guard keys.find(key) != nil else {
                return reject(.untrustedAPIKey, "ApiKey is not in the accepted list", document, source, &batch)
            }
        }
        var parts = EventParts(carrier: c247, orderCode: order, statusCode: code, statusName: r.text(Int32(SKP_S_STATUS_NAME)),
                               instant: nil, rawDate: r.text(Int32(SKP_S_TIME)) ?? UnsafeRawBufferPointer(start: nil, count: 0))
        if r.type(Int32(SKP_S_TIME)) == Int(SKP_T_STRING), let time = r.text(Int32(SKP_S_TIME)), let local = DateParsing.iso8601(time) {
            parts.instant = local.utcMillis(localZone: carrierZones[c247])
        }
        parts.transactionID = r.text(Int32(SKP_S_TRANSACTION_ID))
        var event = makeEvent(parts, r, place, &batch)

        if let delay = r.text(Int32(SKP_S_DELAY_CODE)) {
            event.flags.insert(.hasReason)
            event.reasonCode = batch.store(delay)
            if let info = options.statusMap.reason(c247, delay) {
                event.flags.insert(.reasonLabelFromMap)
                event.reasonLabel = batch.store(info.label)
                event.reasonCategory = info.category
                event.reasonParty = info.party
            } else if let notes = r.text(Int32(SKP_S_DELAY_NOTES)) {
                event.reasonLabel = batch.store(notes)
            }
        }
        if let feedback = r.text(Int32(SKP_S_FEEDBACK)), let n = Self.smallInteger(feedback) {
            event.feedback = n
            event.flags.insert(.hasFeedback)
        }
        if let courier = r.text(Int32(SKP_S_MAILMAN)) { event.courier = batch.store(courier) }
        batch.events.append(event)
    }

    private func decodeHound(_ r: Record, webhook: Bool, in document: UnsafeRawBufferPointer, at place: Place, into batch: inout EventBatch) {
        let source = place.source
        batch.counters.count(options.registry.carriers.recordKind(cHound, webhook ? 1 : 0))
        if r.flags & Int(SKP_F_ENVELOPE) != 0 { batch.counters.envelopes += 1 }
        guard let order = r.text(Int32(SKP_S_ORDER_CODE)) else {
            return reject(.missingOrderCode, webhook ? "value is not a string or number" : "guide.guideNumber is not a string or number", document, source, &batch)
        }
        guard let code = r.text(Int32(SKP_S_STATUS)) else {
            return reject(.missingStatus, webhook ? "statusObj.id is not a string or number" : "currentStatus.status is not a string or number", document, source, &batch)
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var parts = EventParts(carrier: cHound, orderCode: order, statusCode: code, statusName: r.text(Int32(SKP_S_STATUS_NAME)),
                               instant: nil, rawDate: empty)
        if webhook {
            // The first of dateTimeISO, dateTime, date that is present and parses (SPEC §11).
            let candidates: [(Int32, Bool)] = [(Int32(SKP_S_HD_DATETIME_ISO), false), (Int32(SKP_S_HD_DATETIME), false), (Int32(SKP_S_HD_DATE), true)]
            var firstPresent: UnsafeRawBufferPointer?
            for (slot, slashed) in candidates {
                guard let text = r.text(slot) else { continue }
                if firstPresent == nil { firstPresent = text }
                let local = slashed ? DateParsing.slashedDayMonthYear(text) : DateParsing.iso8601(text)
                if r.type(slot) == Int(SKP_T_STRING), let local {
                    parts.instant = local.utcMillis(localZone: houndWebhookZone)
                    parts.rawDate = text
                    break
                }
            }
            if parts.instant == nil, let first = firstPresent { parts.rawDate = first }
        } else {
            let dateSlot = Int32(SKP_S_HD_DATE)
            if let date = r.text(dateSlot) {
                parts.rawDate = date
                parts.rawTime = r.text(Int32(SKP_S_HD_TIME))
                if let ms = DateParsing.epochMillis(date) {
                    parts.instant = ms
                } else if r.type(dateSlot) == Int(SKP_T_STRING) {
                    if let local = DateParsing.slashedDayMonthYear(date) ?? DateParsing.dashedDayMonthYear(date, time: parts.rawTime) {
                        parts.instant = local.utcMillis(localZone: carrierZones[cHound])
                    }
                }
            } else {
                parts.rawTime = r.text(Int32(SKP_S_HD_TIME))
            }
        }
        if r.flags & Int(SKP_F_HAS_POD) != 0 { parts.flags.insert(.hasPOD) }
        if r.flags & Int(SKP_F_HAS_ATTACHMENT) != 0 { parts.flags.insert(.hasAttachment) }
        var event = makeEvent(parts, r, place, &batch)
        if let info = options.statusMap.status(cHound, code), let reason = info.reason {
            event.flags.formUnion(.mappedReason)
            event.reasonCode = event.statusCode
            event.reasonLabel = batch.store(reason.label)
            event.reasonCategory = reason.category
            event.reasonParty = reason.party
        }
        batch.events.append(event)
    }

    /// Dates, date fallbacks, identity and the status map: what every event goes through. An
    /// event without a usable date (and no envelope `receivedAt`) is left undated (`.asOf`): the
    /// fold dates it with the run's as-of, which the map stage does not know.
    private func makeEvent(_ p: EventParts, _ r: Record, _ place: Place, _ batch: inout EventBatch) -> NormalizedEvent {
        let c = p.carrier
        var instant: Int64 = 0
        var dateSource = DateSource.event
        // Instants outside years 0001–9999 (a far-future epoch, an offset past 9999-12-31) are
        // unparseable like any impossible date: every output can then write them as yyyy-….
        func inRange(_ ms: Int64) -> Bool { ms >= Self.minInstant && ms <= Self.maxInstant }
        if let parsed = p.instant, inRange(parsed) {
            instant = parsed
        } else if r.type(Int32(SKP_S_RECEIVED_AT)) == Int(SKP_T_STRING), let text = r.text(Int32(SKP_S_RECEIVED_AT)),
                  let local = DateParsing.iso8601(text), inRange(local.utcMillis(localZone: utc)) {
            instant = local.utcMillis(localZone: utc)
            dateSource = .receivedAt
        } else {
            dateSource = .asOf
        }
        var offset = 0
        var day: Int32 = 0
        if dateSource != .asOf {
            offset = reportZones[c].offsetSeconds(atUTC: instant)
            day = Int32(clamping: floorDiv(instant + Int64(offset) * 1000, Self.day))
        }
        let info = options.statusMap.status(p.carrier, p.statusCode)
        let orderRange = batch.store(p.orderCode)
        let identity = p.transactionID.map { IdentityText.append(transactionID: $0, to: &batch.arena) }
            ?? IdentityText.append(code: p.statusCode, date: p.rawDate, time: p.rawTime, to: &batch.arena)
        var event = NormalizedEvent(
            carrier: p.carrier, status: info?.canonical ?? .unknown, dateSource: dateSource, flags: p.flags,
            localOffsetSeconds: Int32(offset), instant: instant, localDay: day, position: place.position, line: place.source.line,
            orderCode: orderRange, identity: identity, statusCode: batch.store(p.statusCode))
        if p.transactionID != nil { event.flags.insert(.hasTransactionID) }
        if options.keepEventText {
            if let name = p.statusName {
                event.statusName = batch.store(name)
            } else if let name = info?.name, !name.isEmpty {
                event.statusName = batch.store(name)
            }
            if let tx = p.transactionID {
                event.eventID = batch.store(tx)
            } else {
                let start = UInt32(batch.arena.count)
                batch.arena.append(contentsOf: p.orderCode)
                batch.arena.append(UInt8(ascii: "|"))
                batch.arena.append(contentsOf: p.statusCode)
                batch.arena.append(UInt8(ascii: "|"))
                batch.arena.append(contentsOf: p.rawDate)
                if let time = p.rawTime {
                    batch.arena.append(UInt8(ascii: "|"))
                    batch.arena.append(contentsOf: time)
                }
                event.eventID = ByteRange(offset: start, count: UInt32(batch.arena.count) - start)
            }
        }
        return event
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

    // MARK: - Order records

    private func decodeOrder(_ r: Record, packages: [Record], in document: UnsafeRawBufferPointer, at place: Place, into batch: inout EventBatch) {
        let source = place.source
        batch.counters.count(options.registry.carriers.recordKind(c247, 2))
        if r.flags & Int(SKP_F_ENVELOPE) != 0 { batch.counters.envelopes += 1 }
        guard let order = r.text(Int32(SKP_S_ORDER_CODE)) else {
            return reject(.missingOrderCode, "order record: OrderCode is not a string or number", document, source, &batch)
        }
        var f = OrderRecordFields()
        f.hasServiceType = r.text(Int32(SKP_S_SERVICE_TYPE)) != nil
        f.hasReceiverAddress = r.text(Int32(SKP_S_RCV_ADDRESS)) != nil
        f.hasProvince = r.text(Int32(SKP_S_RCV_PROVINCE)) != nil
        f.hasDistrict = r.text(Int32(SKP_S_RCV_DISTRICT)) != nil
        f.hasPhone = r.text(Int32(SKP_S_RCV_PHONE)) != nil
        f.hasClientHub = r.text(Int32(SKP_S_CLIENT_HUB)) != nil
        f.hasWarehouse = r.text(Int32(SKP_S_CUS_WAREHOUSE)) != nil || r.text(Int32(SKP_S_CUS_WAREHOUSE_ALT)) != nil
        if let mailer = r.text(Int32(SKP_S_MAILER_TYPE)) { f.mailerType = String(decoding: mailer, as: UTF8.self) }
        f.realWeight = Self.amount(r, Int32(SKP_S_REAL_WEIGHT))
        f.informFee = Self.amount(r, Int32(SKP_S_INFORM_FEE))
        f.cod = Self.amount(r, Int32(SKP_S_COD_AMOUNT))
        f.cop = Self.amount(r, Int32(SKP_S_COP_AMT))
        f.quantity = Self.amount(r, Int32(SKP_S_QUANTITY))
        if r.type(Int32(SKP_S_PACKAGES)) == Int(SKP_T_ARRAY) {
            f.packages = packages.map { p in
                PackageFields(
                    isObject: p.record.pointee.reason == 0,
                    length: Self.amount(p, Int32(SKP_S_LENGTH)), width: Self.amount(p, Int32(SKP_S_WIDTH)),
                    height: Self.amount(p, Int32(SKP_S_HEIGHT)), weight: Self.amount(p, Int32(SKP_S_REAL_WEIGHT)))
            }
        }
        f.hasDVBH = r.flags & Int(SKP_F_HAS_DVBH) != 0
        let cod = f.cod.value.flatMap { $0.isNegative ? nil : $0 }
        let province = r.text(Int32(SKP_S_RCV_PROVINCE)).map { batch.store($0) } ?? .empty
        let service = r.text(Int32(SKP_S_SERVICE_TYPE)).map { batch.store($0) } ?? .empty
        batch.orders.append(DecodedOrderRecord(
            carrier: c247, position: place.position, line: source.line, orderCode: batch.store(order),
            cod: cod, province: province, service: service, findings: OrderChecks.check(f)))
    }

    /// A numeric order field: a JSON number or a numeric string, parsed exactly (SPEC §6).
    static func amount(_ r: Record, _ slot: Int32) -> AmountField {
        switch r.type(slot) {
        case Int(SKP_T_ABSENT), Int(SKP_T_NULL): return .missing
        case Int(SKP_T_STRING) where r.bytes(slot).isEmpty: return .missing
        case Int(SKP_T_STRING), Int(SKP_T_NUMBER):
            return MoneyParsing.amountField(r.bytes(slot))
        default:
            return .invalid(notExact: false)
        }
    }

    // MARK: - Rejects

    private func reject(_ reason: RejectReason, _ detail: String, _ document: UnsafeRawBufferPointer, _ source: SourcePosition, _ batch: inout EventBatch) {
        let text = options.includePII ? Redactor.redactedExcerpt(document, secrets: options.apiKeys ?? []) : nil
        batch.rejects.append(Reject(source: source, reason: reason, detail: detail, text: text))
    }
}
