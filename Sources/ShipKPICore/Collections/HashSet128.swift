/// An insert-only set of 128-bit keys (event identities, packed pairs), open addressing with
/// linear probing and load ≤ 3/4. 16 bytes a slot, no per-element allocation.
///
/// A key's two halves sit side by side (`slots[2i]`, `slots[2i + 1]`), so a probe touches one
/// cache line: the set is far larger than the caches, and the miss per probe is what an insert
/// costs (two arrays, one for each half, cost two misses — a third of the fold's time).
///
/// The all-zero key is reserved as "empty"; `insert` remaps it to a fixed non-zero key, which is
/// harmless for hashes (probability 2⁻¹²⁸) and avoided by construction for packed pairs.
package struct HashSet128: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    package private(set) var count = 0

    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: 2 * size)
        mask = size - 1
    }

    /// Inserts the key; returns false when it was already present.
    @inline(__always)
    package mutating func insert(high: UInt64, low: UInt64) -> Bool {
        var high = high, low = low
        if high == 0 && low == 0 { high = 0x5EED; low = 0x5EED }
        var i = Int(truncatingIfNeeded: low ^ (high &* 0x9E37_79B9_7F4A_7C15)) & mask
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { s in
            while true {
                let h = s[2 &* i], l = s[2 &* i &+ 1]
                if h == 0 && l == 0 { break }
                if h == high && l == low { return false }
                i = (i &+ 1) & mask
            }
            s[2 &* i] = high
            s[2 &* i &+ 1] = low
            return true
        }
        guard inserted else { return false }
        count += 1
        if count * 4 > (mask + 1) * 3 { grow() }
        return true
    }

    @inline(__always)
    package mutating func insert(_ id: Identity128) -> Bool { insert(high: id.high, low: id.low) }

    /// Approximate bytes held (for the memory notes in run.json and the README).
    package var capacityBytes: Int { slots.count * 8 }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var grown = [UInt64](repeating: 0, count: 2 * size)
        let newMask = size - 1
        for j in 0 ... mask where slots[2 * j] != 0 || slots[2 * j + 1] != 0 {
            let high = slots[2 * j], low = slots[2 * j + 1]
            var i = Int(truncatingIfNeeded: low ^ (high &* 0x9E37_79B9_7F4A_7C15)) & newMask
            while grown[2 * i] != 0 || grown[2 * i + 1] != 0 { i = (i + 1) & newMask }
            grown[2 * i] = high
            grown[2 * i + 1] = low
        }
        slots = grown
        mask = newMask
    }
}
