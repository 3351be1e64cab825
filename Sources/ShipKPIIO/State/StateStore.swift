import Foundation
import ShipKPICore
import ShipKPIDigest

#if canImport(Glibc)
import Glibc
#endif

/// The state directory of nightly runs (`--state DIR`): per input, the records it mapped to, kept
/// so that an unchanged input is not read again.
///
/// One file per input and ``StateKey`` (`<digest>.state`, a checksummed ``StageFile``), named by a
/// digest of the key and the input's absolute path: runs with other settings keep files of their
/// own and never read each other's. Files are written to a temporary name and renamed into place,
/// so a killed run leaves either the old file or the new one; its temporaries are deleted by the
/// next run. One run at a time holds the directory's lock. A file that fails its checks (another
/// format version, a bad checksum, a truncated file) is never trusted: the input is read again
/// and the file replaced.
package final class StateStore {
    package let path: String
    package let key: StateKey
    private let lock: DirectoryLock
    static let suffix = ".state"
    static let tempPrefix = ".state-tmp."
    static let lockName = ".shipkpi-state.lock"

    package init(path: String, key: StateKey) throws {
        self.path = path
        self.key = key
        lock = try Self.open(path)
    }

    /// Creates the directory if needed, takes its lock and deletes a dead run's temporaries.
    static func open(_ path: String) throws -> DirectoryLock {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ShipKPIError.io("cannot create the state directory \(path): \((error as NSError).localizedDescription)")
        }
        let lock = try DirectoryLock(directory: path, name: lockName, what: "state directory")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix(tempPrefix) {
            unlink(path + "/" + name)
        }
        return lock
    }

    /// What to do with one input.
    package enum Decision {
        /// Its stored records can be replayed.
        case reuse(StoredInput)
        /// It must be read; `warning` says why when that is not the normal case of a new or
        /// changed file (a damaged state file, a content that differs under `--verify-state`).
        case read(warning: String?)
    }

    /// Whether `input` can be reused. `verify`: re-hash the file and compare with the SHA-256
    /// recorded when it was mapped.
    package func decide(_ input: InputFile, verify: Bool) -> Decision {
        guard !input.isStdin, let absolute = Self.absolutePath(input.path), let identity = InputIdentity(path: input.path) else {
            return .read(warning: nil)
        }
        let file = self.file(for: absolute)
        guard FileManager.default.fileExists(atPath: file) else { return .read(warning: nil) }
        let stored: StoredInput
        do {
            stored = try StoredInput(path: file)
        } catch {
            return .read(warning: "the state of \(input.path) is unusable (\(Self.describe(error))); reading the input again")
        }
        guard stored.meta.stateKey == key.digest, stored.meta.absolutePath == absolute, stored.meta.identity == identity else {
            return .read(warning: nil)
        }
        if verify {
            guard let digest = try? self.digest(of: input.path), digest == stored.meta.digest else {
                return .read(warning: "\(input.path) differs from its state although its size, time and inode did not change; reading it again")
            }
        }
        return .reuse(stored)
    }

    /// Stores an input's finished state file in place of any earlier one.
    package func store(_ bytes: [UInt8], absolutePath: String) throws {
        try Self.writeAtomically(bytes, to: file(for: absolutePath), in: path)
    }

    /// The state file of an input (by absolute path) under this run's key.
    func file(for absolutePath: String) -> String {
        path + "/" + Self.fileName(key: key.digest, absolutePath: absolutePath)
    }

    static func fileName(key: String, absolutePath: String) -> String {
        let digest = try? SHA256Digest()
        Array((key + "\u{0}" + absolutePath).utf8).withUnsafeBytes { digest?.update($0) }
        return String((digest?.hexDigest() ?? "").prefix(40)) + suffix
    }

    /// `path` made absolute (against the working directory) and free of `.`/`..` and symbolic
    /// links; nil when it does not exist.
    package static func absolutePath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The digest of a file's bytes (hex), as run.json records inputs.
    func digest(of path: String) throws -> String {
        let source = try FileByteSource(path: path, hash: key.hash)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) > 0 {}
        return source.digestHex()
    }

    /// Writes `bytes` to a temporary file in `directory`, flushes it and renames it to `target`.
    static func writeAtomically(_ bytes: [UInt8], to target: String, in directory: String) throws {
        let temp = directory + "/" + tempPrefix + "\(getpid())." + UUID().uuidString
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ShipKPIError.io("cannot write the state file \(temp): \(String(cString: strerror(errno)))") }
        var failed: String?
        do {
            try bytes.withUnsafeBytes { raw in try POSIXFile.writeAll(fd, raw, name: temp) }
        } catch {
            failed = "\(error)"
        }
        if failed == nil && fsync(fd) != 0 { failed = String(cString: strerror(errno)) }
        close(fd)
        if failed == nil && rename(temp, target) != 0 { failed = String(cString: strerror(errno)) }
        if let failed {
            unlink(temp)
            throw ShipKPIError.io("cannot write the state file \(target): \(failed)")
        }
    }

    static func describe(_ error: Error) -> String {
        if let failure = error as? StageFile.Failure { return failure.description }
        return "unreadable meta"
    }
}
