import Foundation
import ShipKPIDigest
import ShipKPIGzip
import Glibc

/// A file or stdin read with `read(2)`.
package final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsFD: Bool
    private let digest: ContentDigest
    private let path: String
    package private(set) var rawBytes: Int64 = 0
    package var corruption: String? { nil }

    /// Opens `path` (`-` = stdin); its bytes are hashed with `hash`.
    package init(path: String, hash: HashAlgorithm) throws {
        self.path = path
        if path == "-" {
            fd = 0
            ownsFD = false
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ShipKPIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
            ownsFD = true
        }
        digest = try ContentDigest.forSource(hash)
    }

    deinit { if ownsFD { close(fd) } }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let n = try POSIXFile.readSome(fd, into: base + total, count: buffer.count - total, name: path)
            if n == 0 { break }
            total += n
        }
        rawBytes += Int64(total)
        digest.update(UnsafeRawBufferPointer(start: base, count: total))
        return total
    }

    package func digestHex() -> String { digest.hexDigest() }
}
