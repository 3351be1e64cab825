/// Appends varints, texts and the model's small values.
package struct ByteWriter {
    package var out: [UInt8] = []

    package init() {}

    @inline(__always)
    package mutating func byte(_ b: UInt8) { out.append(b) }

    @inline(__always)
    package mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Zigzag, then a varint.
    @inline(__always)
    package mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    @inline(__always)
    package mutating func bytes(_ b: UnsafeRawBufferPointer) {
        uint(UInt64(b.count))
        out += b
    }

    package mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    package mutating func position(_ p: InputPosition) {
        int(Int64(p.input))
        int(p.offset)
        uint(UInt64(p.sub))
    }

    package mutating func source(_ s: SourcePosition) {
        int(Int64(s.file))
        int(s.line)
        int(s.byteOffset)
    }

    /// An optional exact decimal: 0, or 1 then its units (two 64-bit halves).
    package mutating func decimal(_ d: ExactDecimal?) {
        guard let d else { return byte(0) }
        byte(1)
        let bits = UInt128(bitPattern: d.units)
        uint(UInt64(truncatingIfNeeded: bits))
        uint(UInt64(truncatingIfNeeded: bits >> 64))
    }

    package mutating func group(_ group: SummaryGroup) {
        byte(group.kind.rawValue)
        switch group.scope {
        case .carrier(let c): byte(c.rawValue)
        case .all: byte(0xFF)
        }
        string(group.name)
    }

    package mutating func counters(_ counters: BatchCounters) {
        int(counters.lines)
        int(counters.blankLines)
        uint(UInt64(counters.records.count))
        for n in counters.records { int(n) }
        int(counters.envelopes)
        int(counters.bytes)
        int(counters.remittanceRows)
    }
}
