/// The text an event is identified by within its order: its `TransactionId` when it has one, else
/// its raw status code, raw date and (HoundExpress) raw time. Two events of one order with equal
/// identity texts are one event; an event with a `TransactionId` never matches one without.
///
/// Layout (unambiguous whatever bytes the parts hold): `T` + TransactionId, or `K` + code length
/// (4 bytes, little-endian) + code + date length + date + (`1` + time | `0`).
package enum IdentityText {
    /// Appends the identity of an event with a `TransactionId`.
    package static func append(transactionID: UnsafeRawBufferPointer, to arena: inout [UInt8]) -> ByteRange {
        let start = UInt32(arena.count)
        arena.append(UInt8(ascii: "T"))
        arena.append(contentsOf: transactionID)
        return ByteRange(offset: start, count: UInt32(arena.count) - start)
    }

    /// Appends the identity of an event without one.
    package static func append(
        code: UnsafeRawBufferPointer, date: UnsafeRawBufferPointer, time: UnsafeRawBufferPointer?,
        to arena: inout [UInt8]
    ) -> ByteRange {
        let start = UInt32(arena.count)
        arena.append(UInt8(ascii: "K"))
        appendLength(code.count, to: &arena)
        arena.append(contentsOf: code)
        appendLength(date.count, to: &arena)
        arena.append(contentsOf: date)
        if let time {
            arena.append(1)
            arena.append(contentsOf: time)
        } else {
            arena.append(0)
        }
        return ByteRange(offset: start, count: UInt32(arena.count) - start)
    }

    private static func appendLength(_ n: Int, to arena: inout [UInt8]) {
        let v = UInt32(truncatingIfNeeded: n)
        arena.append(UInt8(truncatingIfNeeded: v))
        arena.append(UInt8(truncatingIfNeeded: v >> 8))
        arena.append(UInt8(truncatingIfNeeded: v >> 16))
        arena.append(UInt8(truncatingIfNeeded: v >> 24))
    }
}
