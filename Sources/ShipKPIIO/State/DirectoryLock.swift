import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a directory for one run at a time: `flock(2)` on a lock file inside it,
/// which the kernel releases when its holder dies, so a stale lock never blocks. The holder's
/// pid is written into the file (informational).
package final class DirectoryLock {
    private var fd: Int32 = -1

    /// Takes the lock on `directory`'s `name`; throws `.locked` (naming `what`) when another live
    /// run holds it, `.io` when the file cannot be opened.
    package init(directory: String, name: String, what: String) throws {
        let lockPath = directory + "/" + name
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let why = String(cString: strerror(errno))
            throw ShipKPIError.io(
                access(directory, W_OK) != 0
                    ? "cannot write to the \(what) \(directory): \(why)"
                    : "cannot open the lock file \(lockPath): \(why)")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw ShipKPIError.locked(
                "another shipkpi run\(holder.map { " (pid \($0))" } ?? "") is writing to \(directory); try again when it has finished")
        }
        self.fd = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    private static func readHolder(_ fd: Int32) -> String? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard n > 0 else { return nil }
        let s = String(decoding: buf[0 ..< n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}
