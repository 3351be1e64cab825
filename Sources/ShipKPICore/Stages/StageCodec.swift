/// The binary layouts of the sections of stage files (``StageFile``): mapped batches, rejects,
/// lead times and order keys.
///
/// Integers are LEB128 varints (signed ones zigzag-encoded); texts and byte strings are a varint
/// length then the bytes. A batch is written field by field, without the arena's offsets, so
/// what crosses a process boundary is the records' values only — no pointer, interner id or seed.
///
/// Decoding checks every length against the payload and throws on anything malformed: a stage
/// file whose checksum matched but whose content does not parse is refused, never trusted.
package enum StageCodec {
    // MARK: - Batches

    /// Encodes a mapped batch: counters, events, order records, remittance rows (rejects travel
    /// separately, see ``encodeRejects(_:)``).
    package static func encodeBatch(_ batch: EventBatch) -> [UInt8] {
        var w = ByteWriter()
        w.counters(batch.counters)
        batch.arena.withUnsafeBytes { arena in
            w.uint(UInt64(batch.events.count))
            for event in batch.events { encode(event, arena: arena, into: &w) }
            w.uint(UInt64(batch.orders.count))
            for order in batch.orders { encode(order, arena: arena, into: &w) }
        }
        w.uint(UInt64(batch.remittances.count))
        for remittance in batch.remittances { encode(remittance, into: &w) }
        return w.out
    }

    /// The bytes of `range` in the batch's arena.
    private static func text(_ range: ByteRange, in arena: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(range.offset) ..< Int(range.offset + range.count)])
    }

    private static func encode(_ event: NormalizedEvent, arena: UnsafeRawBufferPointer, into w: inout ByteWriter) {
        w.byte(event.carrier.rawValue)
        w.byte(event.status.rawValue)
        w.byte(event.dateSource.rawValue)
        w.byte(event.flags.rawValue)
        w.byte(event.reasonCategory.rawValue)
        w.byte(event.reasonParty.rawValue)
        w.int(Int64(event.localOffsetSeconds))
        w.int(event.instant)
        w.int(Int64(event.localDay))
        w.int(Int64(event.feedback))
        w.position(event.position)
        w.int(event.line)
        w.bytes(text(event.orderCode, in: arena))
        w.bytes(text(event.identity, in: arena))
        w.bytes(text(event.statusCode, in: arena))
        w.bytes(text(event.statusName, in: arena))
        w.bytes(text(event.reasonCode, in: arena))
        w.bytes(text(event.reasonLabel, in: arena))
        w.bytes(text(event.courier, in: arena))
        w.bytes(text(event.eventID, in: arena))
    }

    private static func encode(_ order: DecodedOrderRecord, arena: UnsafeRawBufferPointer, into w: inout ByteWriter) {
        w.byte(order.carrier.rawValue)
        w.position(order.position)
        w.int(order.line)
        w.bytes(text(order.orderCode, in: arena))
        w.decimal(order.cod)
        w.bytes(text(order.province, in: arena))
        w.bytes(text(order.service, in: arena))
        w.uint(UInt64(order.findings.count))
        for finding in order.findings {
            w.string(finding.code)
            w.string(finding.field)
            w.string(finding.message)
        }
    }

    private static func encode(_ remittance: RemittanceRow, into w: inout ByteWriter) {
        w.byte(remittance.carrier.rawValue)
        w.string(remittance.orderCode)
        w.decimal(remittance.amount)
        w.decimal(remittance.fee)
        w.string(remittance.remittedAt)
        w.string(remittance.reference)
        w.source(remittance.source)
    }

    /// Decodes a batch written by ``encodeBatch(_:)`` (rejects empty).
    package static func decodeBatch(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) -> EventBatch {
        var r = ByteReader(payload, carriers: carriers)
        var batch = EventBatch()
        batch.counters = try r.counters()
        let events = try r.count()
        batch.events.reserveCapacity(events)
        batch.arena.reserveCapacity(payload.count)
        for _ in 0 ..< events { batch.events.append(try decodeEvent(&r, arena: &batch.arena)) }
        let orders = try r.count()
        for _ in 0 ..< orders { batch.orders.append(try decodeOrder(&r, arena: &batch.arena)) }
        let remittances = try r.count()
        for _ in 0 ..< remittances { batch.remittances.append(try decodeRemittance(&r)) }
        guard r.atEnd else { throw .malformed }
        return batch
    }

    /// An event written by ``encode(_:arena:into:)``; its texts are stored in `arena`.
    private static func decodeEvent(_ r: inout ByteReader, arena: inout [UInt8]) throws(StageFile.Failure) -> NormalizedEvent {
        let carrier = try r.carrier()
        guard let status = CanonicalStatus(rawValue: try r.byte()),
              let source = DateSource(rawValue: try r.byte()) else { throw .malformed }
        let flags = EventFlags(rawValue: try r.byte())
        guard let category = ReasonCategory(rawValue: try r.byte()), let party = Party(rawValue: try r.byte()) else {
            throw .malformed
        }
        let offset = Int32(truncatingIfNeeded: try r.int())
        let instant = try r.int()
        let day = Int32(truncatingIfNeeded: try r.int())
        let feedback = Int32(truncatingIfNeeded: try r.int())
        let position = try r.position()
        let line = try r.int()
        var event = NormalizedEvent(
            carrier: carrier, status: status, dateSource: source, flags: flags, localOffsetSeconds: offset, instant: instant,
            localDay: day, position: position, line: line, orderCode: try r.store(into: &arena),
            identity: try r.store(into: &arena), statusCode: try r.store(into: &arena))
        event.reasonCategory = category
        event.reasonParty = party
        event.feedback = feedback
        event.statusName = try r.store(into: &arena)
        event.reasonCode = try r.store(into: &arena)
        event.reasonLabel = try r.store(into: &arena)
        event.courier = try r.store(into: &arena)
        event.eventID = try r.store(into: &arena)
        return event
    }

    /// An order record written by ``encode(_:arena:into:)``; its texts are stored in `arena`.
    private static func decodeOrder(_ r: inout ByteReader, arena: inout [UInt8]) throws(StageFile.Failure)
        -> DecodedOrderRecord
    {
        let carrier = try r.carrier()
        let position = try r.position()
        let line = try r.int()
        let code = try r.store(into: &arena)
        let cod = try r.decimal()
        let province = try r.store(into: &arena)
        let service = try r.store(into: &arena)
        var findings: [OrderFinding] = []
        for _ in 0 ..< (try r.count()) {
            findings.append(OrderFinding(code: try r.string(), field: try r.string(), message: try r.string()))
        }
        return DecodedOrderRecord(
            carrier: carrier, position: position, line: line, orderCode: code, cod: cod, province: province, service: service,
            findings: findings)
    }

    /// A remittance row written by ``encode(_:into:)``.
    private static func decodeRemittance(_ r: inout ByteReader) throws(StageFile.Failure) -> RemittanceRow {
        let carrier = try r.carrier()
        let code = try r.string()
        guard let amount = try r.decimal() else { throw .malformed }
        let fee = try r.decimal()
        return RemittanceRow(
            carrier: carrier, orderCode: code, amount: amount, fee: fee, remittedAt: try r.string(), reference: try r.string(),
            source: try r.source())
    }

    // MARK: - Rejects

    package static func encodeRejects(_ rejects: [Reject]) -> [UInt8] {
        var w = ByteWriter()
        w.uint(UInt64(rejects.count))
        for reject in rejects {
            w.source(reject.source)
            w.string(reject.reason.rawValue)
            w.string(reject.detail)
            if let text = reject.text {
                w.byte(1)
                text.withUnsafeBytes { w.bytes($0) }
            } else {
                w.byte(0)
            }
        }
        return w.out
    }

    package static func decodeRejects(_ payload: UnsafeRawBufferPointer) throws(StageFile.Failure) -> [Reject] {
        var r = ByteReader(payload, carriers: 0)
        var out: [Reject] = []
        for _ in 0 ..< (try r.count()) {
            let source = try r.source()
            guard let reason = RejectReason(rawValue: try r.string()) else { throw .malformed }
            let detail = try r.string()
            let text: [UInt8]? = try r.byte() == 1 ? Array(try r.rawBytes()) : nil
            out.append(Reject(source: source, reason: reason, detail: detail, text: text))
        }
        guard r.atEnd else { throw .malformed }
        return out
    }

    // MARK: - Lead times

    /// Groups in report order, each with its sorted values (see ``LeadTimeStream``).
    package static func encodeLeadTimes(_ table: LeadTimeTable) -> [UInt8] {
        var w = ByteWriter()
        let groups = table.sortedGroups
        w.uint(UInt64(groups.count))
        for (group, values) in groups {
            w.group(group)
            w.uint(UInt64(values.count))
            for v in values { w.int(v) }
        }
        return w.out
    }

    /// A fold's lead times read back value by value, in the order they were written.
    package struct LeadTimeReader: LeadTimeStream {
        private var r: ByteReader
        private var groupsLeft: Int
        private var valuesLeft = 0

        package init(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) {
            r = ByteReader(payload, carriers: carriers)
            groupsLeft = try r.count()
        }

        package mutating func nextGroup() throws -> (group: SummaryGroup, count: Int)? {
            while valuesLeft > 0 { _ = try nextValue() }
            guard groupsLeft > 0 else { return nil }
            groupsLeft -= 1
            let group = try r.group()
            valuesLeft = try r.count()
            return (group, valuesLeft)
        }

        package mutating func nextValue() throws -> Int64 {
            guard valuesLeft > 0 else { throw StageFile.Failure.truncated }
            valuesLeft -= 1
            return try r.int()
        }
    }

    // MARK: - Order keys

    /// An order key (carrier, order code bytes), ordered as the report lists orders.
    package struct OrderKey: Sendable, Comparable, Hashable {
        package var carrier: Carrier
        package var code: [UInt8]

        package init(carrier: Carrier, code: [UInt8]) {
            self.carrier = carrier
            self.code = code
        }

        package static func < (a: OrderKey, b: OrderKey) -> Bool {
            a.carrier != b.carrier ? a.carrier < b.carrier : a.code.lexicographicallyPrecedes(b.code)
        }
    }

    package static func encodeKeys(_ keys: [OrderKey]) -> [UInt8] {
        var w = ByteWriter()
        w.uint(UInt64(keys.count))
        for k in keys {
            w.byte(k.carrier.rawValue)
            k.code.withUnsafeBytes { w.bytes($0) }
        }
        return w.out
    }

    package static func decodeKeys(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) -> [OrderKey] {
        var r = ByteReader(payload, carriers: carriers)
        var out: [OrderKey] = []
        for _ in 0 ..< (try r.count()) {
            let carrier = try r.carrier()
            out.append(OrderKey(carrier: carrier, code: Array(try r.rawBytes())))
        }
        guard r.atEnd else { throw .malformed }
        return out
    }
}
