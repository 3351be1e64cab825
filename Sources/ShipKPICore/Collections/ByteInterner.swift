/// Interns byte strings into dense `Int32` ids, without allocating per lookup.
///
/// All distinct keys live back to back in one byte arena; an open-addressing table (linear
/// probing, power-of-two size, load ≤ 1/2) maps a key's 64-bit hash to its id. Memory is
/// proportional to the number and length of *distinct* keys: order codes, couriers, raw codes.
package struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]  // key i is arena[offsets[i] ..< offsets[i + 1]]
    private var hashes: [UInt64] = []  // per id
    private var slots: [Int32]  // -1 empty, else id
    private var mask: Int
    private let seed: UInt64

    package init(capacity: Int = 64, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        self.seed = seed
    }

    /// Number of distinct keys.
    package var count: Int { hashes.count }

    /// The hash this interner uses for `bytes` (callers on other threads may precompute it).
    @inline(__always)
    package func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        ByteHash.hash(bytes, seed: seed)
    }

    /// The id of `bytes`, or nil when it was never interned.
    package func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[i]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return id }
            i = (i + 1) & mask
        }
    }

    package func find(_ bytes: UnsafeRawBufferPointer) -> Int32? { find(bytes, hash: hash(bytes)) }

    /// The id of `bytes`, interning it when new. `inserted` tells which happened.
    @discardableResult
    package mutating func intern(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> (id: Int32, inserted: Bool) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return (id, false) }
            i = (i + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(arena.count))
        hashes.append(hash)
        slots[i] = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    @discardableResult
    package mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        intern(bytes, hash: hash(bytes))
    }

    @discardableResult
    package mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)).id }
    }

    package func find(_ string: String) -> Int32? {
        var s = string
        return s.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with the bytes of key `id`.
    package func withBytes<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let lo = Int(offsets[Int(id)]), hi = Int(offsets[Int(id) + 1])
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lo ..< hi])) }
    }

    /// Key `id` as a String (invalid UTF-8 is repaired; keys come from validated JSON).
    package func string(_ id: Int32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Bytes of key `id` as an array.
    package func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        arena[Int(offsets[Int(id)]) ..< Int(offsets[Int(id) + 1])]
    }

    /// Compares the keys `a` and `b` by their bytes (code-point order for UTF-8).
    package func lexicographicallyPrecedes(_ a: Int32, _ b: Int32) -> Bool {
        let aLo = Int(offsets[Int(a)]), aHi = Int(offsets[Int(a) + 1])
        let bLo = Int(offsets[Int(b)]), bHi = Int(offsets[Int(b) + 1])
        return arena.withUnsafeBytes { raw in
            let n = min(aHi - aLo, bHi - bLo)
            if n > 0, let base = raw.baseAddress {
                let c = memcmpBytes(base + aLo, base + bLo, n)
                if c != 0 { return c < 0 }
            }
            return aHi - aLo < bHi - bLo
        }
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let lo = Int(offsets[id]), hi = Int(offsets[id + 1])
        guard hi - lo == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return arena.withUnsafeBytes { raw in
            memcmpBytes(raw.baseAddress! + lo, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: -1, count: size)
        let newMask = size - 1
        for id in 0 ..< hashes.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & newMask
            while fresh[i] >= 0 { i = (i + 1) & newMask }
            fresh[i] = Int32(id)
        }
        slots = fresh
        mask = newMask
    }
}

/// Byte comparison without importing a C library into Core.
@inline(__always)
package func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int {
    var i = 0
    while i + 8 <= n {
        let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        if x != y { return x < y ? -1 : 1 }
        i += 8
    }
    while i < n {
        let x = a.load(fromByteOffset: i, as: UInt8.self), y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return 0
}
