/// An insert-only set of 128-bit keys (event identities, packed pairs), open addressing with
/// linear probing and load ≤ 3/4. 16 bytes a slot, no per-element allocation.
///
/// The all-zero key is reserved as "empty"; `insert` remaps it to a fixed non-zero key, which is
/// harmless for hashes (probability 2⁻¹²⁸) and avoided by construction for packed pairs.
package struct HashSet128: Sendable {
    private var highs: [UInt64]
    private var lows: [UInt64]
    private var mask: Int
    package private(set) var count = 0

    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        highs = Array(repeating: 0, count: size)
        lows = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Inserts the key; returns false when it was already present.
    @inline(__always)
    package mutating func insert(high: UInt64, low: UInt64) -> Bool {
        var high = high, low = low
        if high == 0 && low == 0 { high = 0x5EED; low = 0x5EED }
        var i = Int(truncatingIfNeeded: low ^ (high &* 0x9E37_79B9_7F4A_7C15)) & mask
        while true {
            let h = highs[i], l = lows[i]
            if h == 0 && l == 0 { break }
            if h == high && l == low { return false }
            i = (i + 1) & mask
        }
        highs[i] = high
        lows[i] = low
        count += 1
        if count * 4 > highs.count * 3 { grow() }
        return true
    }

    @inline(__always)
    package mutating func insert(_ id: Identity128) -> Bool { insert(high: id.high, low: id.low) }

    /// Approximate bytes held (for the memory notes in run.json and the README).
    package var capacityBytes: Int { highs.count * 16 }

    private mutating func grow() {
        let size = highs.count * 2
        var nh = [UInt64](repeating: 0, count: size)
        var nl = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for j in 0 ..< highs.count where highs[j] != 0 || lows[j] != 0 {
            var i = Int(truncatingIfNeeded: lows[j] ^ (highs[j] &* 0x9E37_79B9_7F4A_7C15)) & newMask
            while nh[i] != 0 || nl[i] != 0 { i = (i + 1) & newMask }
            nh[i] = highs[j]
            nl[i] = lows[j]
        }
        highs = nh
        lows = nl
        mask = newMask
    }
}
