import Foundation
import ShipKPIDigest
import ShipKPIGzip
import Glibc

/// The lines of a plain file that **start** inside a byte range — how a file is cut into splits
/// that several processes map independently, Hadoop-style: a split skips the end of a line that
/// began before it, and reads past its end to finish its own last line. Splits of one file thus
/// cover every line exactly once, whatever the cut points.
///
/// Served bytes run from ``firstLineOffset`` (the first line start at or after `range.lowerBound`)
/// to the end of the line holding `range.upperBound − 1` (or the end of the file). The digest
/// covers exactly the range's bytes, so the ranges' digests together describe the file.
package final class RangeByteSource: ByteSource {
    private let fd: Int32
    private let path: String
    private let digest: ContentDigest
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

    package init(path: String, range: Range<Int64>, hash: HashAlgorithm) throws {
        self.path = path
        self.range = range
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ShipKPIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        digest = try ContentDigest.forSource(hash)
        at = range.lowerBound
        hashedTo = range.lowerBound
        firstLineOffset = range.lowerBound
        if range.lowerBound > 0 {
            // A line starts at the range's first byte only if the byte before it ends a line.
            var previous: UInt8 = 0
            let n = try POSIXFile.readSome(fd, into: &previous, count: 1, at: range.lowerBound - 1, name: path)
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
        let n = try chunk.withUnsafeMutableBytes { raw in
            try POSIXFile.readSome(fd, into: raw.baseAddress, count: raw.count, at: offset, name: path)
        }
        hash(chunk, from: offset, count: n)
        return n
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
        let n = try POSIXFile.readSome(fd, into: base, count: buffer.count, at: at, name: path)
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

    package func digestHex() -> String {
        // Hash the rest of the range if the split stopped early (a line spanning it).
        if hashedTo < range.upperBound {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var offset = hashedTo
            while offset < range.upperBound, let n = try? pread(into: &chunk, at: offset), n > 0 { offset += Int64(n) }
        }
        return digest.hexDigest()
    }
}
