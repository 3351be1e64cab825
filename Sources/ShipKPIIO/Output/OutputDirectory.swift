import Foundation

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
    private var lockFD: Int32 = -1
    private var pending: [(temp: String, final: String)] = []
    private static let tempPrefix = ".shipkpi-tmp."

    /// Creates the directory if needed and takes the lock; throws `.locked` (exit 75) when another
    /// live run holds it and `.io` (exit 74) when the directory cannot be used.
    package init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ShipKPIError.io("cannot create output directory \(path): \(Self.reason(error))")
        }
        let lockPath = path + "/.shipkpi.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ShipKPIError.io("cannot open lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw ShipKPIError.locked(
                "another shipkpi run\(holder.map { " (pid \($0))" } ?? "") is writing to \(path); try again when it has finished")
        }
        lockFD = fd
        // Record who holds the lock (informational; the lock itself is the flock).
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        removeStaleTemporaries()
    }

    deinit {
        abandon()
        if lockFD >= 0 {
            flock(lockFD, LOCK_UN)
            close(lockFD)
        }
    }

    private static func readHolder(_ fd: Int32) -> String? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
        guard n > 0 else { return nil }
        let s = String(decoding: buf[0 ..< n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
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
        let temp = path + "/" + Self.tempPrefix + "\(getpid())." + name
        let file = try OutputFile(path: temp, displayName: name)
        pending.append((temp, path + "/" + name))
        return file
    }

    /// A temporary path for output `name`, for writers that open the file themselves (libxml2).
    package func reservePath(_ name: String) -> String {
        let temp = path + "/" + Self.tempPrefix + "\(getpid())." + name
        pending.append((temp, path + "/" + name))
        return temp
    }

    /// Renames every temporary into place (after all were closed by their writers).
    package func commit() throws {
        let dirFD = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if dirFD >= 0 { close(dirFD) } }
        for (temp, final) in pending {
            guard rename(temp, final) == 0 else {
                throw ShipKPIError.io("cannot move \(temp) to \(final): \(String(cString: strerror(errno)))")
            }
        }
        pending.removeAll()
        if dirFD >= 0 { fsync(dirFD) }
    }

    /// Deletes the temporaries of an unfinished run.
    package func abandon() {
        for (temp, _) in pending { unlink(temp) }
        pending.removeAll()
    }

    /// Final paths of the outputs, for run.json.
    package var pendingNames: [String] { pending.map { ($0.final as NSString).lastPathComponent } }
}

/// A buffered output file written with `write(2)`; every failure is an I/O error (exit 74),
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
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShipKPIError.io("cannot write \(displayName): \(String(cString: strerror(errno)))")
            }
            done += n
        }
        bytesWritten += Int64(done)
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
