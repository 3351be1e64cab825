import Foundation
import Glibc

/// A buffered output file written with `write(2)`; every failure is an I/O error (`.io`),
/// including a full disk or a file-size limit (SIGXFSZ is ignored so that `write` reports EFBIG).
package final class OutputFile {
    package let path: String
    package let displayName: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20
    package private(set) var bytesWritten: Int64 = 0

    init(path: String, displayName: String) throws {
        self.path = path
        self.displayName = displayName
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ShipKPIError.io("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    package func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= Self.flushAt { try flush() }
    }

    package func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer += bytes
        if buffer.count >= Self.flushAt { try flush() }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer += bytes
        if buffer.count >= Self.flushAt { try flush() }
    }

    package func write(_ string: String) throws {
        buffer += string.utf8
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Appends through a closure that writes straight into the buffer (no intermediate array).
    package func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= Self.flushAt { try flush() }
    }

    package func flush() throws {
        try buffer.withUnsafeBytes { raw in try POSIXFile.writeAll(fd, raw, name: displayName) }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs to disk and closes.
    package func close() throws {
        try flush()
        guard fd >= 0 else { return }
        if fsync(fd) != 0 {
            throw ShipKPIError.io("cannot sync \(displayName): \(String(cString: strerror(errno)))")
        }
        if Glibc.close(fd) != 0 {
            fd = -1
            throw ShipKPIError.io("cannot close \(displayName): \(String(cString: strerror(errno)))")
        }
        fd = -1
    }
}
