/// A fast 64-bit hash of a byte string, for hash tables and event identities.
///
/// Reads 8 bytes at a time and mixes with 128-bit multiplication (the wyhash construction). It is
/// not cryptographic: identities use two lanes with different seeds (128 bits), and the seeds are
/// chosen per run, so crafted input cannot aim at collisions. Hash values never reach an output,
/// so output stays deterministic whatever the seed.
package enum ByteHash {
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    static func read64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Hashes `bytes` with `seed`; equal inputs give equal hashes within a process.
    @inline(__always)
    package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var h = seed ^ 0xA076_1D64_78BD_642F ^ UInt64(truncatingIfNeeded: count)
        guard let base = bytes.baseAddress, count > 0 else { return mix(h, 0xE703_7ED1_A0B4_28DB) }
        var i = 0
        while i + 16 <= count {
            h = mix(read64(base, i) ^ 0xE703_7ED1_A0B4_28DB, read64(base, i + 8) ^ h)
            i += 16
        }
        if i + 8 <= count {
            h = mix(read64(base, i) ^ 0x8EBC_6AF0_9C88_C6E3, h ^ 0x5899_65CC_7537_4CC3)
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = mix(tail ^ 0x1D8E_4E27_C47D_124F, h ^ 0xA076_1D64_78BD_642F)
        }
        return mix(h, h ^ 0xE703_7ED1_A0B4_28DB)
    }

    /// Combines a hash with a further 64-bit value (order-dependent).
    @inline(__always)
    package static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        mix(h ^ 0x8EBC_6AF0_9C88_C6E3, v ^ 0x5899_65CC_7537_4CC3)
    }
}

/// A 128-bit event identity: two independently seeded 64-bit hash lanes.
package struct Identity128: Hashable, Sendable {
    package var high: UInt64
    package var low: UInt64

    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}
