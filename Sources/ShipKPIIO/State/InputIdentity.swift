import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What identifies an input file between runs without reading it: its size, modification time
/// (nanoseconds) and inode on its device. A file with the same path and identity is taken to be
/// unchanged (`--verify-state` checks its SHA-256 as well).
package struct InputIdentity: Sendable, Equatable, Codable {
    package var size: Int64
    package var modifiedNanoseconds: Int64
    package var inode: UInt64
    package var device: UInt64

    /// The identity of the file at `path`, nil when it cannot be read with `stat(2)`.
    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }
}
