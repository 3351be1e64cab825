import ShipKPIDigest
import Testing

/// `ContentDigest` in both algorithms against published vectors (XXH3-128 as `xxhsum -H2`
/// prints it, SHA-256 from FIPS 180-2), fed whole and in pieces.
@Suite struct ContentDigestTests {
    static func hex(_ algorithm: HashAlgorithm, _ pieces: [[UInt8]]) throws -> String {
        let digest = try ContentDigest(algorithm)
        for piece in pieces { piece.withUnsafeBytes { digest.update($0) } }
        return digest.hexDigest()
    }

    @Test func knownVectors() throws {
        #expect(try Self.hex(.xxh3, []) == "99aa06d3014798d86001c324468d497f")
        #expect(try Self.hex(.xxh3, [Array("abc".utf8)]) == "06b05ab6733a618578af5f94892f3950")
        #expect(try Self.hex(.sha256, [Array("abc".utf8)]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Pieces of every size give the digest of the whole (XXH3 buffers 256-byte stripes).
    @Test(arguments: HashAlgorithm.allCases)
    func piecesGiveTheDigestOfTheWhole(algorithm: HashAlgorithm) throws {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0 ..< 100_000).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let whole = try Self.hex(algorithm, [bytes])
        var pieces: [[UInt8]] = []
        var at = 0
        for size in [0, 1, 63, 64, 255, 256, 257, 1000, 4096] + Array(repeating: 7919, count: 20) where at < bytes.count {
            pieces.append(Array(bytes[at ..< min(bytes.count, at + size)]))
            at += size
        }
        pieces.append(Array(bytes[min(at, bytes.count)...]))
        #expect(try Self.hex(algorithm, pieces) == whole)
        #expect(whole.count == (algorithm == .xxh3 ? 32 : 64))
        var changed = bytes
        changed[50_000] ^= 1
        #expect(try Self.hex(algorithm, [changed]) != whole)
    }
}
