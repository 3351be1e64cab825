import ShipKPIDigest
import Testing

/// `SHA256Digest` against the FIPS 180-2 test vectors, fed whole and in pieces.
@Suite struct SHA256DigestTests {
    static func hex(_ pieces: [String]) throws -> String {
        let digest = try SHA256Digest()
        for piece in pieces { Array(piece.utf8).withUnsafeBytes { digest.update($0) } }
        return digest.hexDigest()
    }

    @Test func knownVectors() throws {
        #expect(try Self.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try Self.hex(["abc"]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func piecesGiveTheDigestOfTheWhole() throws {
        let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        let expected = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        #expect(try Self.hex([text]) == expected)
        #expect(try Self.hex([String(text.prefix(7)), "", String(text.dropFirst(7))]) == expected)
    }
}
