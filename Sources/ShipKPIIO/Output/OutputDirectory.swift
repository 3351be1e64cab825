import Foundation
import ShipKPIDigest

#if canImport(Glibc)
import Glibc
#endif

/// The output directory of a run: a lock serialising runs, temporary files, and an all-or-nothing
/// commit (SPEC §8).
///
/// Every output is written to `.shipkpi-tmp.<pid>.<name>` in the directory itself (same file
/// system, so `rename(2)` is atomic) and renamed into place only after *all* of them were written
/// and flushed to disk. A failed or killed run leaves the previous reports as they were; the next
/// run deletes the temporary files a dead run left behind. The lock is `flock(2)` on
/// `.shipkpi.lock`: the kernel releases it when its holder dies, so a stale lock never blocks.
package final class OutputDirectory {
    package let path: String
    private var lock: DirectoryLock?
    private var pending: [(temp: String, name: String)] = []
    private static let tempPrefix = ".shipkpi-tmp."

    /// Creates the directory if needed and takes the lock; throws `.locked` when another
    /// live run holds it and `.io` when the directory cannot be used.
    package init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ShipKPIError.io("cannot create output directory \(path): \(Self.reason(error))")
        }
        lock = try DirectoryLock(directory: path, name: ".shipkpi.lock", what: "output directory")
        removeStaleTemporaries()
    }

    deinit {
        abandon()
        lock = nil
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }

    /// Deletes temporaries left by runs that died (we hold the lock, so none is alive).
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where name.hasPrefix(Self.tempPrefix) {
            unlink(path + "/" + name)
        }
    }

    /// A new temporary file for output `name`; written through the returned writer.
    package func create(_ name: String) throws -> OutputFile {
        let temp = reservePath(name)
        return try OutputFile(path: temp, displayName: name)
    }

    /// A temporary path for output `name`, for writers that open the file themselves (libxml2).
    package func reservePath(_ name: String) -> String {
        let temp = path + "/" + Self.tempPrefix + "\(getpid())." + name
        TemporaryRegistry.shared.register(temp)
        pending.append((temp, name))
        return temp
    }

    /// Subdirectory that receives the reports of a run that failed a gate (see `commit(aside:)`).
    package static let failedDirectory = ".failed"

    /// Renames every temporary into place (after all were closed by their writers), in one step
    /// that an interruption cannot cut in half.
    ///
    /// With `aside` (``failedDirectory``), the outputs go into that subdirectory instead, after
    /// its previous content is removed: the reports in the directory itself stay exactly as they
    /// were, and the new ones can still be inspected.
    package func commit(aside: String? = nil) throws {
        var target = path
        if let aside {
            target = path + "/" + aside
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? [] { unlink(target + "/" + name) }
        }
        try TemporaryRegistry.shared.uninterruptible {
            let dirFD = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if dirFD >= 0 { close(dirFD) } }
            for (temp, name) in pending {
                guard rename(temp, target + "/" + name) == 0 else {
                    throw ShipKPIError.io("cannot move \(temp) to \(target)/\(name): \(String(cString: strerror(errno)))")
                }
                TemporaryRegistry.shared.unregister(temp)
            }
            pending.removeAll()
            if dirFD >= 0 { fsync(dirFD) }
        }
    }

    /// Deletes the temporaries of an unfinished run.
    package func abandon() {
        for (temp, _) in pending {
            unlink(temp)
            TemporaryRegistry.shared.unregister(temp)
        }
        pending.removeAll()
    }

    /// Size and digest of every output written so far (read back from the temporaries, so the
    /// digest is of the bytes that will be published), in the order they were created.
    package func digests(hash: HashAlgorithm) throws -> [OutputDigest] {
        try pending.map { temp, name in
            let source = try FileByteSource(path: temp, hash: hash)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while try source.read(into: buffer) > 0 {}
            return OutputDigest(name: name, bytes: source.rawBytes, digest: source.digestHex())
        }
    }

    /// Names of the outputs written so far, in the order they were created.
    package var pendingNames: [String] { pending.map(\.name) }
}
