/// What the map stage made of a piece of input: events, order records, remittance rows and
/// rejects, each array in input order, their text in `arena`, and the counters of the lines read.
package struct EventBatch: Sendable, Equatable {
    package var arena: [UInt8] = []
    package var events: [NormalizedEvent] = []
    package var orders: [DecodedOrderRecord] = []
    package var remittances: [RemittanceRow] = []
    package var rejects: [Reject] = []
    package var counters = BatchCounters()

    package init() {}

    /// Empties the batch, keeping its arrays' capacity for reuse.
    package mutating func reset() {
        arena.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        remittances.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        counters = BatchCounters()
    }

    /// Appends bytes to the arena and returns their range.
    @inline(__always)
    package mutating func store(_ bytes: UnsafeRawBufferPointer) -> ByteRange {
        let offset = UInt32(arena.count)
        arena.append(contentsOf: bytes)
        return ByteRange(offset: offset, count: UInt32(bytes.count))
    }

    package mutating func store(_ string: String) -> ByteRange {
        let offset = UInt32(arena.count)
        arena.append(contentsOf: string.utf8)
        return ByteRange(offset: offset, count: UInt32(arena.count) - offset)
    }

    package func string(_ range: ByteRange) -> String {
        String(decoding: arena[Int(range.offset) ..< Int(range.offset + range.count)], as: UTF8.self)
    }

    /// The bytes of `range`, valid inside `body`.
    @inline(__always)
    package func withBytes<R>(_ range: ByteRange, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[Int(range.offset) ..< Int(range.offset + range.count)])) }
    }
}

extension RemittanceRow: Equatable {
    package static func == (a: RemittanceRow, b: RemittanceRow) -> Bool {
        a.orderCode == b.orderCode && a.amount == b.amount && a.fee == b.fee && a.remittedAt == b.remittedAt
            && a.reference == b.reference && a.source == b.source
    }
}
