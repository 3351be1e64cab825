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
        var writer = ByteWriter()
        writer.counters(batch.counters)
        batch.arena.withUnsafeBytes { arena in
            writer.uint(UInt64(batch.events.count))
            for event in batch.events { encode(event, arena: arena, into: &writer) }
            writer.uint(UInt64(batch.orders.count))
            for order in batch.orders { encode(order, arena: arena, into: &writer) }
        }
        writer.uint(UInt64(batch.remittances.count))
        for remittance in batch.remittances { encode(remittance, into: &writer) }
        return writer.out
    }

    /// The bytes of `range` in the batch's arena.
    private static func text(_ range: ByteRange, in arena: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(range.offset) ..< Int(range.offset + range.count)])
    }

    private static func encode(_ event: NormalizedEvent, arena: UnsafeRawBufferPointer, into writer: inout ByteWriter) {
        writer.byte(event.carrier.rawValue)
        writer.byte(event.status.rawValue)
        writer.byte(event.dateSource.rawValue)
        writer.byte(event.flags.rawValue)
        writer.byte(event.reasonCategory.rawValue)
        writer.byte(event.reasonParty.rawValue)
        writer.int(Int64(event.localOffsetSeconds))
        writer.int(event.instant)
        writer.int(Int64(event.localDay))
        writer.int(Int64(event.feedback))
        writer.position(event.position)
        writer.int(event.line)
        writer.bytes(text(event.orderCode, in: arena))
        writer.bytes(text(event.identity, in: arena))
        writer.bytes(text(event.statusCode, in: arena))
        writer.bytes(text(event.statusName, in: arena))
        writer.bytes(text(event.reasonCode, in: arena))
        writer.bytes(text(event.reasonLabel, in: arena))
        writer.bytes(text(event.courier, in: arena))
        writer.bytes(text(event.eventID, in: arena))
    }

    private static func encode(_ order: DecodedOrderRecord, arena: UnsafeRawBufferPointer, into writer: inout ByteWriter) {
        writer.byte(order.carrier.rawValue)
        writer.position(order.position)
        writer.int(order.line)
        writer.bytes(text(order.orderCode, in: arena))
        writer.decimal(order.cod)
        writer.bytes(text(order.province, in: arena))
        writer.bytes(text(order.service, in: arena))
        writer.uint(UInt64(order.findings.count))
        for finding in order.findings {
            writer.string(finding.code)
            writer.string(finding.field)
            writer.string(finding.message)
        }
    }

    private static func encode(_ remittance: RemittanceRow, into writer: inout ByteWriter) {
        writer.byte(remittance.carrier.rawValue)
        writer.string(remittance.orderCode)
        writer.decimal(remittance.amount)
        writer.decimal(remittance.fee)
        writer.string(remittance.remittedAt)
        writer.string(remittance.reference)
        writer.source(remittance.source)
    }

    /// Decodes a batch written by ``encodeBatch(_:)`` (rejects empty).
    package static func decodeBatch(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) -> EventBatch {
        var reader = ByteReader(payload, carriers: carriers)
        var batch = EventBatch()
        batch.counters = try reader.counters()
        let events = try reader.count()
        batch.events.reserveCapacity(events)
        batch.arena.reserveCapacity(payload.count)
        for _ in 0 ..< events { batch.events.append(try decodeEvent(&reader, arena: &batch.arena)) }
        let orders = try reader.count()
        for _ in 0 ..< orders { batch.orders.append(try decodeOrder(&reader, arena: &batch.arena)) }
        let remittances = try reader.count()
        for _ in 0 ..< remittances { batch.remittances.append(try decodeRemittance(&reader)) }
        guard reader.atEnd else { throw .malformed }
        return batch
    }

    /// An event written by ``encode(_:arena:into:)``; its texts are stored in `arena`.
    private static func decodeEvent(_ reader: inout ByteReader, arena: inout [UInt8]) throws(StageFile.Failure) -> NormalizedEvent {
        let carrier = try reader.carrier()
        guard let status = CanonicalStatus(rawValue: try reader.byte()),
            let source = DateSource(rawValue: try reader.byte())
        else { throw .malformed }
        let flags = EventFlags(rawValue: try reader.byte())
        guard let category = ReasonCategory(rawValue: try reader.byte()), let party = Party(rawValue: try reader.byte()) else {
            throw .malformed
        }
        let offset = Int32(truncatingIfNeeded: try reader.int())
        let instant = try reader.int()
        let day = Int32(truncatingIfNeeded: try reader.int())
        let feedback = Int32(truncatingIfNeeded: try reader.int())
        let position = try reader.position()
        let line = try reader.int()
        var event = NormalizedEvent(
            carrier: carrier, status: status, dateSource: source, flags: flags, localOffsetSeconds: offset, instant: instant,
            localDay: day, position: position, line: line, orderCode: try reader.store(into: &arena),
            identity: try reader.store(into: &arena), statusCode: try reader.store(into: &arena))
        event.reasonCategory = category
        event.reasonParty = party
        event.feedback = feedback
        event.statusName = try reader.store(into: &arena)
        event.reasonCode = try reader.store(into: &arena)
        event.reasonLabel = try reader.store(into: &arena)
        event.courier = try reader.store(into: &arena)
        event.eventID = try reader.store(into: &arena)
        return event
    }

    /// An order record written by ``encode(_:arena:into:)``; its texts are stored in `arena`.
    private static func decodeOrder(
        _ reader: inout ByteReader, arena: inout [UInt8]
    ) throws(StageFile.Failure)
        -> DecodedOrderRecord
    {
        let carrier = try reader.carrier()
        let position = try reader.position()
        let line = try reader.int()
        let code = try reader.store(into: &arena)
        let cod = try reader.decimal()
        let province = try reader.store(into: &arena)
        let service = try reader.store(into: &arena)
        var findings: [OrderFinding] = []
        for _ in 0 ..< (try reader.count()) {
            findings.append(OrderFinding(code: try reader.string(), field: try reader.string(), message: try reader.string()))
        }
        return DecodedOrderRecord(
            carrier: carrier, position: position, line: line, orderCode: code, cod: cod, province: province, service: service,
            findings: findings)
    }

    /// A remittance row written by ``encode(_:into:)``.
    private static func decodeRemittance(_ reader: inout ByteReader) throws(StageFile.Failure) -> RemittanceRow {
        let carrier = try reader.carrier()
        let code = try reader.string()
        guard let amount = try reader.decimal() else { throw .malformed }
        let fee = try reader.decimal()
        return RemittanceRow(
            carrier: carrier, orderCode: code, amount: amount, fee: fee, remittedAt: try reader.string(), reference: try reader.string(),
            source: try reader.source())
    }

    // MARK: - Rejects

    package static func encodeRejects(_ rejects: [Reject]) -> [UInt8] {
        var writer = ByteWriter()
        writer.uint(UInt64(rejects.count))
        for reject in rejects {
            writer.source(reject.source)
            writer.string(reject.reason.rawValue)
            writer.string(reject.detail)
            if let text = reject.text {
                writer.byte(1)
                text.withUnsafeBytes { writer.bytes($0) }
            } else {
                writer.byte(0)
            }
        }
        return writer.out
    }

    package static func decodeRejects(_ payload: UnsafeRawBufferPointer) throws(StageFile.Failure) -> [Reject] {
        var reader = ByteReader(payload, carriers: 0)
        var out: [Reject] = []
        for _ in 0 ..< (try reader.count()) {
            let source = try reader.source()
            guard let reason = RejectReason(rawValue: try reader.string()) else { throw .malformed }
            let detail = try reader.string()
            let text: [UInt8]? = try reader.byte() == 1 ? Array(try reader.rawBytes()) : nil
            out.append(Reject(source: source, reason: reason, detail: detail, text: text))
        }
        guard reader.atEnd else { throw .malformed }
        return out
    }

    // MARK: - Lead times

    /// Groups in report order, each with its sorted values (see ``LeadTimeStream``).
    package static func encodeLeadTimes(_ table: LeadTimeTable) -> [UInt8] {
        var writer = ByteWriter()
        let groups = table.sortedGroups
        writer.uint(UInt64(groups.count))
        for (group, values) in groups {
            writer.group(group)
            writer.uint(UInt64(values.count))
            for v in values { writer.int(v) }
        }
        return writer.out
    }

    /// A fold's lead times read back value by value, in the order they were written.
    package struct LeadTimeReader: LeadTimeStream {
        private var reader: ByteReader
        private var groupsLeft: Int
        private var valuesLeft = 0

        package init(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) {
            reader = ByteReader(payload, carriers: carriers)
            groupsLeft = try reader.count()
        }

        package mutating func nextGroup() throws -> (group: SummaryGroup, count: Int)? {
            while valuesLeft > 0 { _ = try nextValue() }
            guard groupsLeft > 0 else { return nil }
            groupsLeft -= 1
            let group = try reader.group()
            valuesLeft = try reader.count()
            return (group, valuesLeft)
        }

        package mutating func nextValue() throws -> Int64 {
            guard valuesLeft > 0 else { throw StageFile.Failure.truncated }
            valuesLeft -= 1
            return try reader.int()
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
        var writer = ByteWriter()
        writer.uint(UInt64(keys.count))
        for k in keys {
            writer.byte(k.carrier.rawValue)
            k.code.withUnsafeBytes { writer.bytes($0) }
        }
        return writer.out
    }

    package static func decodeKeys(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) -> [OrderKey] {
        var reader = ByteReader(payload, carriers: carriers)
        var out: [OrderKey] = []
        for _ in 0 ..< (try reader.count()) {
            let carrier = try reader.carrier()
            out.append(OrderKey(carrier: carrier, code: Array(try reader.rawBytes())))
        }
        guard reader.atEnd else { throw .malformed }
        return out
    }
}
