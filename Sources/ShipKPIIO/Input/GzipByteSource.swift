import Foundation
import ShipKPIDigest
import ShipKPIGzip
import Glibc

/// A gzip (or zlib) stream over a raw source; concatenated gzip members are read in turn
/// (``GzipInflater``, ShipKPIGzip). Corrupt data ends the stream early and sets ``corruption``.
package final class GzipByteSource: ByteSource {
    private let raw: FileByteSource
    private let inflater: GzipInflater
    package var corruption: String? { inflater.corruption }
    package var rawBytes: Int64 { raw.rawBytes }

    /// The raw (compressed) bytes are hashed with `hash`.
    package init(path: String, hash: HashAlgorithm) throws {
        raw = try FileByteSource(path: path, hash: hash)
        do {
            inflater = try GzipInflater()
        } catch {
            throw ShipKPIError.internal(error.description)
        }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inflater.inflate(into: buffer) { try raw.read(into: $0) }
    }

    package func digestHex() -> String {
        // Hash any bytes not yet read so the digest covers the whole file.
        if !inflater.inputEnded {
            let rest = UnsafeMutableRawBufferPointer.allocate(byteCount: GzipInflater.inputCapacity, alignment: 16)
            defer { rest.deallocate() }
            while ((try? raw.read(into: rest)) ?? 0) > 0 {}
        }
        return raw.digestHex()
    }
}
