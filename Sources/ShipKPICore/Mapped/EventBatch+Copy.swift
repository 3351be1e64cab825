extension EventBatch {
    /// Appends copies of some of `other`'s records (their text copied into this batch's arena),
    /// in the order given. What cutting a split's records into order-key ranges needs.
    package mutating func append(from other: EventBatch, events: [Int], orders: [Int], remittances: [Int]) {
        other.arena.withUnsafeBytes { source in
            func copy(_ range: ByteRange) -> ByteRange {
                range.isEmpty ? .empty : store(UnsafeRawBufferPointer(rebasing: source[Int(range.offset) ..< Int(range.offset + range.count)]))
            }
            for i in events {
                var e = other.events[i]
                e.orderCode = copy(e.orderCode)
                e.identity = copy(e.identity)
                e.statusCode = copy(e.statusCode)
                e.statusName = copy(e.statusName)
                e.reasonCode = copy(e.reasonCode)
                e.reasonLabel = copy(e.reasonLabel)
                e.courier = copy(e.courier)
                e.eventID = copy(e.eventID)
                self.events.append(e)
            }
            for i in orders {
                var o = other.orders[i]
                o.orderCode = copy(o.orderCode)
                o.province = copy(o.province)
                o.service = copy(o.service)
                self.orders.append(o)
            }
        }
        for i in remittances { self.remittances.append(other.remittances[i]) }
    }

    /// The order key (carrier, order code bytes) of each event, order record and remittance row.
    package func eventKey(_ i: Int) -> StageCodec.OrderKey {
        StageCodec.OrderKey(carrier: events[i].carrier, code: bytes(events[i].orderCode))
    }

    package func orderKey(_ i: Int) -> StageCodec.OrderKey {
        StageCodec.OrderKey(carrier: orders[i].carrier, code: bytes(orders[i].orderCode))
    }

    package func remittanceKey(_ i: Int) -> StageCodec.OrderKey {
        StageCodec.OrderKey(carrier: remittances[i].carrier, code: Array(remittances[i].orderCode.utf8))
    }

    private func bytes(_ range: ByteRange) -> [UInt8] { Array(arena[Int(range.offset) ..< Int(range.offset + range.count)]) }
}
