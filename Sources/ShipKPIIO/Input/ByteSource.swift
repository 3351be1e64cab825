import Foundation
import ShipKPIDigest
import ShipKPIGzip

#if canImport(Glibc)
import Glibc
#endif

extension ContentDigest {
    /// A new digest for a byte source; the library failing to set one up is an internal error.
    static func forSource(_ algorithm: HashAlgorithm) throws -> ContentDigest {
        do {
            return try ContentDigest(algorithm)
        } catch {
            throw ShipKPIError.internal(error.description)
        }
    }
}

/// Sequential bytes of one input, decompressed when it is gzip, with the raw bytes' digest.
package protocol ByteSource: AnyObject {
    /// Fills `buffer` as far as possible; returns the count (0 at the end of the input).
    /// Throws `ShipKPIError.io` when reading fails. Corrupt gzip data ends the stream early and is
    /// reported through `corruption`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Why decompression stopped early, when it did (the caller writes a `corrupt_gzip` reject).
    var corruption: String? { get }
    /// Raw (compressed) bytes consumed so far.
    var rawBytes: Int64 { get }
    /// Hex digest of the raw bytes (all of them, read or not), in the algorithm the source was
    /// opened with.
    func digestHex() -> String
}

extension ByteSource {
    /// Everything left in the source, read in chunks of `chunkSize` bytes (a corrupt gzip stream
    /// ends early: see ``corruption``).
    package func readAll(chunkSize: Int = 1 << 16) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return out }
            out += chunk[0 ..< n]
        }
    }
}
