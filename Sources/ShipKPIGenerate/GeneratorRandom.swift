import ShipKPICore

/// The generator's own pseudo-random numbers: ``SplitMix64``, which is tiny, fast and fully
/// specified, so the same seed gives the same stream on every machine and every Swift version.
/// `SystemRandomNumberGenerator` and Foundation's randomness are never used.
///
/// Everything the generator decides is drawn from a stream keyed by *what* is being decided
/// (`GeneratorRandom(seed, salt, carrier, order, event)`), never from one global stream: an
/// event's rendering is then the same wherever and however often it is written (re-sends,
/// overlapping re-exports, `--repeat`), and one decision never shifts the others.
struct GeneratorRandom {
    private var stream: SplitMix64

    init(state: UInt64) { stream = SplitMix64(state: state) }

    /// A stream keyed by the run's seed and up to four integers.
    init(_ seed: UInt64, _ salt: UInt64, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) {
        var h = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C909)
        h = SplitMix64.mix(h ^ salt &* 0x9E37_79B9_7F4A_7C15)
        h = SplitMix64.mix(h ^ a &* 0xBF58_476D_1CE4_E5B9)
        h = SplitMix64.mix(h ^ b &* 0x94D0_49BB_1331_11EB)
        h = SplitMix64.mix(h ^ c &* 0xD6E8_FEB8_6659_FD93)
        stream = SplitMix64(state: h)
    }

    @inline(__always)
    mutating func next() -> UInt64 { stream.next() }

    /// A uniform integer in `0 ..< n` (n > 0), by Lemire's multiply-shift (the tiny bias for
    /// huge `n` does not matter here; what matters is that it is exact integer arithmetic).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range` (inclusive).
    @inline(__always)
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform 64-bit integer in `range` (inclusive).
    @inline(__always)
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound + 1)))
    }

    /// True with probability `perMillion` / 1,000,000.
    @inline(__always)
    mutating func chance(perMillion: Int) -> Bool { below(1_000_000) < perMillion }

    /// True with probability `percent` / 100.
    @inline(__always)
    mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

    /// An index drawn with the given integer weights (at least one positive).
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        var x = below(total)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}

/// The keys of the independent random streams (`salt` of ``GeneratorRandom``).
enum RandomSalt: UInt64 {
    case orderProfile = 1
    case lifecycle = 2
    case transport = 3
    case render = 4
    case remittance = 5
    case creation = 6
    case statusLog = 7
    case keys = 8
    case courier = 9
    case pod = 10
    case malformed = 11
    case unknownRemittance = 12
}

extension GeneratorRandom {
    init(_ seed: UInt64, _ salt: RandomSalt, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) {
        self.init(seed, salt.rawValue, a, b, c)
    }
}
