import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only into memory: its bytes are paged in on demand and shared with the
/// page cache, so a large stage file is read without a copy. The bytes are valid while the
/// object lives.
package final class MappedFile: @unchecked Sendable {
    package let path: String
    private let base: UnsafeMutableRawPointer?
    private let count: Int

    package init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ShipKPIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ShipKPIError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw ShipKPIError.io("cannot map \(path): \(String(cString: strerror(errno)))") }
        base = p
    }

    deinit { if let base { munmap(base, count) } }

    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
