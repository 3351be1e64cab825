/// Reads what ``ByteWriter`` wrote, checking every length.
package struct ByteReader {
    private let b: UnsafeRawBufferPointer
    private var at = 0
    /// Carrier numbers at or above this are malformed (the run's carrier count).
    private let carriers: Int

    package init(_ b: UnsafeRawBufferPointer, carriers: Int) {
        self.b = b
        self.carriers = carriers
    }

    /// A carrier number of this run's carrier list.
    package mutating func carrier() throws(StageFile.Failure) -> Carrier {
        let c = try byte()
        guard Int(c) < carriers else { throw .malformed }
        return Carrier(rawValue: c)
    }

    package var atEnd: Bool { at == b.count }

    @inline(__always)
    package mutating func byte() throws(StageFile.Failure) -> UInt8 {
        guard at < b.count else { throw .truncated }
        defer { at += 1 }
        return b[at]
    }

    @inline(__always)
    package mutating func uint() throws(StageFile.Failure) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let x = try byte()
            guard shift < 64 else { throw .malformed }
            v |= UInt64(x & 0x7F) << shift
            if x < 0x80 { return v }
            shift += 7
        }
    }

    @inline(__always)
    package mutating func int() throws(StageFile.Failure) -> Int64 {
        let u = try uint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// A count of items that follow (bounded by the bytes left: every item takes one or more).
    package mutating func count() throws(StageFile.Failure) -> Int {
        let n = try uint()
        guard n <= UInt64(b.count - at) else { throw .truncated }
        return Int(n)
    }

    package mutating func rawBytes() throws(StageFile.Failure) -> UnsafeRawBufferPointer {
        let n = try uint()
        guard n <= UInt64(b.count - at) else { throw .truncated }
        defer { at += Int(n) }
        return UnsafeRawBufferPointer(rebasing: b[at ..< at + Int(n)])
    }

    /// Reads a byte string into `arena`, returning its range.
    @inline(__always)
    package mutating func store(into arena: inout [UInt8]) throws(StageFile.Failure) -> ByteRange {
        let bytes = try rawBytes()
        let offset = UInt32(arena.count)
        arena += bytes
        return ByteRange(offset: offset, count: UInt32(bytes.count))
    }

    package mutating func string() throws(StageFile.Failure) -> String {
        String(decoding: try rawBytes(), as: UTF8.self)
    }

    package mutating func position() throws(StageFile.Failure) -> InputPosition {
        InputPosition(input: Int32(truncatingIfNeeded: try int()), offset: try int(), sub: UInt32(truncatingIfNeeded: try uint()))
    }

    package mutating func source() throws(StageFile.Failure) -> SourcePosition {
        SourcePosition(file: Int32(truncatingIfNeeded: try int()), line: try int(), byteOffset: try int())
    }

    package mutating func decimal() throws(StageFile.Failure) -> ExactDecimal? {
        guard try byte() == 1 else { return nil }
        let low = try uint(), high = try uint()
        return ExactDecimal(units: Int128(bitPattern: UInt128(high) << 64 | UInt128(low)))
    }

    package mutating func group() throws(StageFile.Failure) -> SummaryGroup {
        guard let kind = SummaryGroup.Kind(rawValue: try byte()) else { throw .malformed }
        let c = try byte()
        let scope: CarrierScope
        if c == 0xFF {
            scope = .all
        } else if Int(c) < carriers {
            scope = .carrier(Carrier(rawValue: c))
        } else {
            throw .malformed
        }
        return SummaryGroup(kind: kind, scope: scope, name: try string())
    }

    package mutating func counters() throws(StageFile.Failure) -> BatchCounters {
        var c = BatchCounters()
        c.lines = try int()
        c.blankLines = try int()
        for i in 0 ..< (try count()) {
            let n = try int()
            guard n >= 0 else { throw .malformed }
            c.count(RecordKind(index: i), n)
        }
        c.envelopes = try int()
        c.bytes = try int()
        c.remittanceRows = try int()
        return c
    }
}
