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
    package static func encodeBatch(_ b: EventBatch) -> [UInt8] {
        var w = ByteWriter()
        w.counters(b.counters)
        b.arena.withUnsafeBytes { arena in
            func text(_ r: ByteRange) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: arena[Int(r.offset) ..< Int(r.offset + r.count)])
            }
            w.uint(UInt64(b.events.count))
            for e in b.events {
                w.byte(e.carrier.rawValue)
                w.byte(e.status.rawValue)
                w.byte(e.dateSource.rawValue)
                w.byte(e.flags.rawValue)
                w.byte(e.reasonCategory.rawValue)
                w.byte(e.reasonParty.rawValue)
                w.int(Int64(e.localOffsetSeconds))
                w.int(e.instant)
                w.int(Int64(e.localDay))
                w.int(Int64(e.feedback))
                w.position(e.position)
                w.int(e.line)
                w.bytes(text(e.orderCode))
                w.bytes(text(e.identity))
                w.bytes(text(e.statusCode))
                w.bytes(text(e.statusName))
                w.bytes(text(e.reasonCode))
                w.bytes(text(e.reasonLabel))
                w.bytes(text(e.courier))
                w.bytes(text(e.eventID))
            }
            w.uint(UInt64(b.orders.count))
            for o in b.orders {
                w.byte(o.carrier.rawValue)
                w.position(o.position)
                w.int(o.line)
                w.bytes(text(o.orderCode))
                w.decimal(o.cod)
                w.bytes(text(o.province))
                w.bytes(text(o.service))
                w.uint(UInt64(o.findings.count))
                for f in o.findings {
                    w.string(f.code)
                    w.string(f.field)
                    w.string(f.message)
                }
            }
        }
        w.uint(UInt64(b.remittances.count))
        for r in b.remittances {
            w.byte(r.carrier.rawValue)
            w.string(r.orderCode)
            w.decimal(r.amount)
            w.decimal(r.fee)
            w.string(r.remittedAt)
            w.string(r.reference)
            w.source(r.source)
        }
        return w.out
    }

    /// Decodes a batch written by ``encodeBatch(_:)`` (rejects empty).
    package static func decodeBatch(_ payload: UnsafeRawBufferPointer, carriers: Int) throws(StageFile.Failure) -> EventBatch {
        var r = ByteReader(payload, carriers: carriers)
        var b = EventBatch()
        b.counters = try r.counters()
        let events = try r.count()
        b.events.reserveCapacity(events)
        b.arena.reserveCapacity(payload.count)
        for _ in 0 ..< events {
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
            var e = NormalizedEvent(
                carrier: carrier, status: status, dateSource: source, flags: flags, localOffsetSeconds: offset, instant: instant,
                localDay: day, position: position, line: line, orderCode: try r.store(into: &b.arena),
                identity: try r.store(into: &b.arena), statusCode: try r.store(into: &b.arena))
            e.reasonCategory = category
            e.reasonParty = party
            e.feedback = feedback
            e.statusName = try r.store(into: &b.arena)
            e.reasonCode = try r.store(into: &b.arena)
            e.reasonLabel = try r.store(into: &b.arena)
            e.courier = try r.store(into: &b.arena)
            e.eventID = try r.store(into: &b.arena)
            b.events.append(e)
        }
        let orders = try r.count()
        for _ in 0 ..< orders {
            let carrier = try r.carrier()
            let position = try r.position()
            let line = try r.int()
            let code = try r.store(into: &b.arena)
            let cod = try r.decimal()
            let province = try r.store(into: &b.arena)
            let service = try r.store(into: &b.arena)
            var findings: [OrderFinding] = []
            for _ in 0 ..< (try r.count()) {
                findings.append(OrderFinding(code: try r.string(), field: try r.string(), message: try r.string()))
            }
            b.orders.append(DecodedOrderRecord(
                carrier: carrier, position: position, line: line, orderCode: code, cod: cod, province: province, service: service, findings: findings))
        }
        let remittances = try r.count()
        for _ in 0 ..< remittances {
            let carrier = try r.carrier()
            let code = try r.string()
            guard let amount = try r.decimal() else { throw .malformed }
            let fee = try r.decimal()
            b.remittances.append(RemittanceRow(
                carrier: carrier, orderCode: code, amount: amount, fee: fee, remittedAt: try r.string(), reference: try r.string(), source: try r.source()))
        }
        guard r.atEnd else { throw .malformed }
        return b
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
