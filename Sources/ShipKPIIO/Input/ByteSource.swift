import Foundation
import ShipKPIDigest
import ShipKPIGzip

#if canImport(Glibc)
import Glibc
#endif

extension SHA256Digest {
    /// A new digest for a byte source; OpenSSL failing to set one up is an internal error.
    fileprivate static func forSource() throws -> SHA256Digest {
        do {
            return try SHA256Digest()
        } catch {
            throw ShipKPIError.internal(error.description)
        }
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
        digest = try SHA256Digest.forSource()
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

/// A gzip (or zlib) stream over a raw source; concatenated gzip members are read in turn
/// (``GzipInflater``, ShipKPIGzip). Corrupt data ends the stream early and sets ``corruption``.
package final class GzipByteSource: ByteSource {
    private let raw: FileByteSource
    private let inflater: GzipInflater
    package var corruption: String? { inflater.corruption }
    package var rawBytes: Int64 { raw.rawBytes }

    package init(path: String) throws {
        raw = try FileByteSource(path: path)
        do {
            inflater = try GzipInflater()
        } catch {
            throw ShipKPIError.internal(error.description)
        }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inflater.inflate(into: buffer) { try raw.read(into: $0) }
    }

    package func sha256Hex() -> String {
        // Hash any bytes not yet read so the digest covers the whole file.
        if !inflater.inputEnded {
            let rest = UnsafeMutableRawBufferPointer.allocate(byteCount: GzipInflater.inputCapacity, alignment: 16)
            defer { rest.deallocate() }
            while ((try? raw.read(into: rest)) ?? 0) > 0 {}
        }
        return raw.sha256Hex()
    }
}

/// The lines of a plain file that **start** inside a byte range — how a file is cut into splits
/// that several processes map independently, Hadoop-style: a split skips the end of a line that
/// began before it, and reads past its end to finish its own last line. Splits of one file thus
/// cover every line exactly once, whatever the cut points.
///
/// Served bytes run from ``firstLineOffset`` (the first line start at or after `range.lowerBound`)
/// to the end of the line holding `range.upperBound − 1` (or the end of the file). The SHA-256
/// covers exactly the range's bytes, so the ranges' digests together describe the file.
package final class RangeByteSource: ByteSource {
    private let fd: Int32
    private let path: String
    private let digest: SHA256Digest
    private let range: Range<Int64>
    /// Absolute offset of the next byte to serve.
    private var at: Int64
    /// Set once the line holding `range.upperBound − 1` has ended (or the file has).
    private var done = false
    /// Bytes of the range hashed so far end here.
    private var hashedTo: Int64
    package private(set) var rawBytes: Int64 = 0
    package var corruption: String? { nil }
    /// Offset of the first line this split owns (served bytes start here).
    package private(set) var firstLineOffset: Int64
    /// True when the split reached the end of the file (its last line may lack a newline).
    package private(set) var reachedEndOfFile = false

    package init(path: String, range: Range<Int64>) throws {
        self.path = path
        self.range = range
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ShipKPIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        digest = try SHA256Digest.forSource()
        at = range.lowerBound
        hashedTo = range.lowerBound
        firstLineOffset = range.lowerBound
        if range.lowerBound > 0 {
            // A line starts at the range's first byte only if the byte before it ends a line.
            var previous: UInt8 = 0
            let n = Glibc.pread(fd, &previous, 1, off_t(range.lowerBound - 1))
            guard n >= 0 else { throw ShipKPIError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 1 && previous != 0x0A { try skipToNextLine() }
        }
        if at >= range.upperBound { done = true }
        firstLineOffset = at
    }

    deinit { close(fd) }

    /// Reads (and hashes) up to and including the next newline: the tail of a line that began
    /// before the range.
    private func skipToNextLine() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try pread(into: &chunk, at: at)
            if n == 0 {
                reachedEndOfFile = true
                done = true
                return
            }
            if let nl = chunk[0 ..< n].firstIndex(of: 0x0A) {
                at += Int64(nl + 1)
                return
            }
            at += Int64(n)
        }
    }

    private func pread(into chunk: inout [UInt8], at offset: Int64) throws -> Int {
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShipKPIError.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            hash(chunk, from: offset, count: n)
            return n
        }
    }

    /// Hashes the part of `bytes[0..<count]` (at absolute `from`) that lies in the range and was
    /// not hashed yet.
    private func hash(_ bytes: [UInt8], from: Int64, count: Int) {
        let lo = max(from, hashedTo), hi = min(from + Int64(count), range.upperBound)
        guard lo < hi else { return }
        bytes.withUnsafeBytes { raw in
            digest.update(UnsafeRawBufferPointer(rebasing: raw[Int(lo - from) ..< Int(hi - from)]))
        }
        hashedTo = hi
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !done, let base = buffer.baseAddress else { return 0 }
        var n: Int
        repeat {
            n = Glibc.pread(fd, base, buffer.count, off_t(at))
        } while n < 0 && errno == EINTR
        if n < 0 { throw ShipKPIError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
        if n == 0 {
            reachedEndOfFile = true
            done = true
            return 0
        }
        let bytes = UnsafeRawBufferPointer(start: base, count: n)
        // Hash what lies in the range.
        let lo = max(at, hashedTo), hi = min(at + Int64(n), range.upperBound)
        if lo < hi {
            digest.update(UnsafeRawBufferPointer(rebasing: bytes[Int(lo - at) ..< Int(hi - at)]))
            hashedTo = hi
        }
        // Past the range's last byte, stop after the newline that ends the split's last line.
        var served = n
        let lastByte = range.upperBound - 1
        if at + Int64(n) > lastByte {
            let from = Int(max(0, lastByte - at))
            if let nl = bytes[from ..< n].firstIndex(of: 0x0A) {
                served = nl + 1
                done = true
            }
        }
        at += Int64(served)
        rawBytes += Int64(served)
        return served
    }

    package func sha256Hex() -> String {
        // Hash the rest of the range if the split stopped early (a line spanning it).
        if hashedTo < range.upperBound {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var offset = hashedTo
            while offset < range.upperBound, let n = try? pread(into: &chunk, at: offset), n > 0 { offset += Int64(n) }
        }
        return digest.hexDigest()
    }
}
