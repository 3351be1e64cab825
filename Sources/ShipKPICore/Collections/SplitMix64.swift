/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, fully specified pseudo-random generator,
/// so the same seed gives the same stream on every machine and every Swift version. For
/// deterministic data (the export generator, test mutations), never for secrets.
///
/// `@usableFromInline` on the type as well as `@inlinable` on its members: without it, other
/// modules call `next()` instead of inlining it (the generator spent ~8% more instructions).
@usableFromInline package struct SplitMix64: RandomNumberGenerator {
    @usableFromInline var state: UInt64

    @inlinable
    package init(state: UInt64) { self.state = state }

    /// The SplitMix64 finaliser of `x` plus the golden-ratio increment: a bijection on 64 bits
    /// with good avalanche (``next()`` is this with `x` the state before its increment).
    @inlinable @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 { finalise(x &+ 0x9E37_79B9_7F4A_7C15) }

    @inlinable @inline(__always)
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalise(state)
    }

    @inlinable @inline(__always)
    static func finalise(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
