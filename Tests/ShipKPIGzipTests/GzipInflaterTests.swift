import ShipKPIGzip
import Testing

/// `GzipInflater`: concatenated members, and each way a stream can stop early.
@Suite struct GzipInflaterTests {
    /// `printf 'hello\n' | gzip -n -9` and the same of `world\n`.
    static let hello: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30,
        0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
    ]
    static let world: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2b, 0xcf, 0x2f, 0xca, 0x49, 0xe1, 0x02, 0x00, 0xa8, 0x61,
        0x38, 0xdd, 0x06, 0x00, 0x00, 0x00,
    ]

    /// Inflates `compressed`, handing it over `feed` bytes at a time and reading `chunk` bytes at a time.
    static func inflate(_ compressed: [UInt8], feed: Int = 1 << 20, chunk: Int = 4096) throws -> (text: String, corruption: String?) {
        let inflater = try GzipInflater()
        var offset = 0
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { output in
                inflater.inflate(into: output) { input in
                    let n = min(feed, input.count, compressed.count - offset)
                    input.copyBytes(from: compressed[offset ..< offset + n])
                    offset += n
                    return n
                }
            }
            if n == 0 { break }
            out += buffer[0 ..< n]
        }
        #expect(inflater.isFinished)
        return (String(decoding: out, as: UTF8.self), inflater.corruption)
    }

    @Test func oneMember() throws {
        let r = try Self.inflate(Self.hello)
        #expect(r.text == "hello\n" && r.corruption == nil)
    }

    @Test(arguments: [1, 3, 1 << 20])
    func concatenatedMembersAreReadInTurn(feed: Int) throws {
        let r = try Self.inflate(Self.hello + Self.world, feed: feed, chunk: 5)
        #expect(r.text == "hello\nworld\n" && r.corruption == nil)
    }

    @Test func aTruncatedStreamKeepsWhatWasDecodedAndSaysWhy() throws {
        let r = try Self.inflate(Self.hello + Self.world.dropLast(4))
        #expect(r.text.hasPrefix("hello\n"))
        #expect(r.corruption == "the gzip stream ends before its end marker (truncated file)")
    }

    @Test func emptyOrNonGzipInput() throws {
        #expect(try Self.inflate([]).corruption == "the file is empty or not gzip data")
        #expect(try Self.inflate(Array("hello\n".utf8)).corruption?.hasPrefix("the compressed data is corrupt (zlib error") == true)
    }

    @Test func corruptDataEndsTheStream() throws {
        var bad = Self.hello
        bad[bad.count - 5] ^= 0xFF  // the CRC-32
        let r = try Self.inflate(bad)
        #expect(r.corruption?.hasPrefix("the compressed data is corrupt (zlib error") == true)
    }

    @Test func anErrorFromTheReaderIsRethrown() throws {
        struct Broken: Error {}
        let inflater = try GzipInflater()
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: Broken.self) {
            try buffer.withUnsafeMutableBytes { output in try inflater.inflate(into: output) { _ in throw Broken() } }
        }
        #expect(!inflater.isFinished && inflater.corruption == nil)
    }
}
