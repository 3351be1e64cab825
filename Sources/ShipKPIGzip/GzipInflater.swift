internal import CZlib

/// Decompresses a gzip (or zlib) stream incrementally, reading the members of a concatenated
/// gzip file (`cat a.gz b.gz`) in turn, as `gzip -dc` does.
///
/// The only user of zlib in shipkpi: the `z_stream`, its allocation and every zlib call stay in
/// this type, and no zlib type appears in its interface. Compressed bytes are pulled from the
/// caller through `readInput` into a buffer of ``inputCapacity`` bytes the inflater owns (zlib's
/// `next_in` points into it between calls, so it must not move).
///
/// Corrupt data is not an error: decompression stops where it became unreadable, the bytes
/// decoded up to there are returned, and ``corruption`` says why it stopped (the caller writes a
/// `corrupt_gzip` reject and goes on). Not thread-safe: one inflater per input.
package final class GzipInflater {
    /// Size of the compressed-input buffer: 1 MiB.
    package static let inputCapacity = 1 << 20

    /// Heap-allocated: `z_stream` holds a pointer to itself and must never move.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed input; a raw allocation so `next_in` may point into it across calls.
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: GzipInflater.inputCapacity, alignment: 16)
    /// True once `readInput` returned 0: the compressed data has ended.
    package private(set) var inputEnded = false
    /// True once the stream has ended (normally or on corrupt data); reads then return 0.
    package private(set) var isFinished = false
    private var memberOpen = false
    private var sawAnyMember = false
    /// Why decompression stopped early, when it did: truncated data, data that is not gzip, or
    /// corrupt compressed data (with zlib's error number). Nil while the stream is intact.
    package private(set) var corruption: String?

    /// Sets up zlib's inflater with automatic gzip/zlib header detection (window bits 15 + 32).
    /// Throws ``GzipError`` when zlib cannot (out of memory).
    package init() throws(GzipError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = shipkpi_inflateInit2(stream, 15 + 32)
        guard rc == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw GzipError(zlibCode: rc)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `output` with decompressed bytes as far as the stream allows; returns the count
    /// (0 once the stream has ended, and for an empty `output`).
    ///
    /// - Parameter readInput: called whenever the inflater has used up its compressed input, with
    ///   its input buffer (``inputCapacity`` bytes) to fill; returns how many bytes it wrote, 0 at
    ///   the end of the compressed data. What it throws is rethrown, and the inflater can be
    ///   read again afterwards.
    ///
    /// At the end of a gzip member the inflater resets and reads the next member, if any. The end
    /// of the compressed data inside a member (a truncated file), or before any member (an empty
    /// file, or data that is not gzip), and corrupt data end the stream with ``corruption`` set.
    package func inflate(
        into output: UnsafeMutableRawBufferPointer, readInput: (UnsafeMutableRawBufferPointer) throws -> Int
    ) rethrows -> Int {
        guard let out = output.baseAddress, !isFinished else { return 0 }
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: output.count)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded {
                let n = try readInput(input)
                if n == 0 {
                    inputEnded = true
                } else {
                    stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = UInt32(n)
                }
            }
            if stream.pointee.avail_in == 0 && inputEnded {
                if memberOpen || !sawAnyMember {
                    corruption =
                        sawAnyMember
                        ? "the gzip stream ends before its end marker (truncated file)"
                        : "the file is empty or not gzip data"
                }
                isFinished = true
                break
            }
            let rc = CZlib.inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                memberOpen = true
                sawAnyMember = true
            case Z_STREAM_END:
                memberOpen = false
                sawAnyMember = true
                // Another member may follow (concatenated .gz files).
                if inflateReset(stream) != Z_OK {
                    corruption = "zlib could not restart after a gzip member"
                    isFinished = true
                }
            default:
                corruption = "the compressed data is corrupt (zlib error \(rc))"
                isFinished = true
            }
            if isFinished { break }
        }
        return output.count - Int(stream.pointee.avail_out)
    }
}

/// zlib could not set up an inflater (it runs out of memory; nothing in the input causes this).
package struct GzipError: Error, Sendable, CustomStringConvertible {
    /// zlib's return code (`Z_MEM_ERROR`, `Z_VERSION_ERROR`, …).
    package let zlibCode: Int32

    package var description: String { "cannot initialise zlib" }
}
