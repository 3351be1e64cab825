import Foundation
import Glibc

/// Every temporary output file of the process, so that an interrupted run (SIGINT, SIGTERM) can
/// delete them before it exits. Commits hold the registry's lock while they rename, so an
/// interruption either comes before a commit (nothing is replaced) or after it (everything is).
package final class TemporaryRegistry: @unchecked Sendable {
    package static let shared = TemporaryRegistry()
    /// Recursive: a commit unregisters its files while it holds the lock.
    private let lock = NSRecursiveLock()
    private var paths = Set<String>()

    func register(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

    /// Runs `body` (a commit) so that an interruption cannot cut it in half.
    func uninterruptible<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Deletes every registered temporary and keeps the lock (the caller is about to exit, so no
    /// commit may start afterwards). Returns how many files were deleted.
    package func abandonAllAndHold() -> Int {
        lock.lock()
        let n = paths.count
        for path in paths { unlink(path) }
        paths.removeAll()
        return n
    }
}
