import CCrypto
import CZlib
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Incremental SHA-256 (OpenSSL's EVP, which uses the CPU's SHA extensions when present).
package final class SHA256Digest {
    private let ctx: OpaquePointer

    package init() throws {
        guard let c = EVP_MD_CTX_new() else { throw ShipKPIError.internal("cannot allocate a SHA-256 context") }
        ctx = c
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(c)
            throw ShipKPIError.internal("cannot initialise SHA-256")
        }
    }

    deinit { EVP_MD_CTX_free(ctx) }

    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(ctx, base, bytes.count)
    }

    /// The digest as lowercase hex (call once).
    package func hexDigest() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(ctx, $0.baseAddress, &len) }
        let hex = Array("0123456789abcdef".utf8)
        var s = [UInt8]()
        for b in out.prefix(Int(len)) {
            s.append(hex[Int(b >> 4)])
            s.append(hex[Int(b & 15)])
        }
        return String(decoding: s, as: UTF8.self)
    }
}

/// Sequential bytes of one input, decompressed when it is gzip, with the raw bytes' SHA-256.
package protocol ByteSource: AnyObject {
    /// Fills `buffer` as far as possible; returns the count (0 at the end of the input).
    /// Throws `ShipKPIError.io` when reading fails. Corrupt gzip data ends the stream early and is
    /// reported through `corruption`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Why decompression stopped early, when it did (the caller writes a `corrupt_gzip` reject).
    var corruption: String? { get }
    /// Raw (compressed) bytes consumed so far.
    var rawBytes: Int64 { get }
    func sha256Hex() -> String
}

/// A file or stdin read with `read(2)`.
package final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsFD: Bool
    private let digest: SHA256Digest
    private let path: String
    package private(set) var rawBytes: Int64 = 0
    package var corruption: String? { nil }

    /// Opens `path` (`-` = stdin).
    package init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 0
            ownsFD = false
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ShipKPIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
            ownsFD = true
        }
        digest = try SHA256Digest()
    }

    deinit { if ownsFD { close(fd) } }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let n = Glibc.read(fd, base + total, buffer.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                throw ShipKPIError.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        rawBytes += Int64(total)
        digest.update(UnsafeRawBufferPointer(start: base, count: total))
        return total
    }

    package func sha256Hex() -> String { digest.hexDigest() }
}

/// A gzip (or zlib) stream over a raw source; concatenated gzip members are read in turn.
package final class GzipByteSource: ByteSource {
    private let raw: FileByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed input; a raw allocation so `next_in` may point into it across calls.
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    private var inputEnd = false
    private var finished = false
    private var memberOpen = false
    private var sawAnyMember = false
    package private(set) var corruption: String?
    package var rawBytes: Int64 { raw.rawBytes }

    package init(path: String) throws {
        raw = try FileByteSource(path: path)
        // z_stream holds a pointer to itself: it must never move, so it lives on the heap.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard shipkpi_inflateInit2(stream, 15 + 32) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw ShipKPIError.internal("cannot initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, !finished else { return 0 }
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: buffer.count)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnd {
                let n = try raw.read(into: input)
                if n == 0 {
                    inputEnd = true
                } else {
                    stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = UInt32(n)
                }
            }
            if stream.pointee.avail_in == 0 && inputEnd {
                if memberOpen || !sawAnyMember {
                    corruption = sawAnyMember ? "the gzip stream ends before its end marker (truncated file)"
                        : "the file is empty or not gzip data"
                }
                finished = true
                break
            }
            let rc = inflate(stream, Z_NO_FLUSH)
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
                    finished = true
                }
            default:
                corruption = "the compressed data is corrupt (zlib error \(rc))"
                finished = true
            }
            if finished { break }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }

    package func sha256Hex() -> String {
        // Hash any bytes not yet read so the digest covers the whole file.
        if !inputEnd {
            while ((try? raw.read(into: input)) ?? 0) > 0 {}
            inputEnd = true
        }
        return raw.sha256Hex()
    }
}
