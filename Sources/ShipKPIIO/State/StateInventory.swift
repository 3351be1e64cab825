import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a state directory holds (`shipkpi state info`) and its clean-up (`shipkpi state prune`).
package enum StateInventory {
    /// One state file.
    package struct Entry: Sendable {
        package var fileName: String
        /// Bytes of the state file.
        package var size: Int64
        /// Nil when the file fails its checks (`problem` says why).
        package var meta: InputStateMeta?
        package var problem: String?
        /// Whether its input still exists with the identity it had when mapped.
        package var inputUnchanged: Bool
    }

    /// Every state file, by input path (then file name).
    package static func list(_ path: String) throws -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ShipKPIError.inputMissing("state directory not found: \(path)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(StateStore.suffix) }
        var entries: [Entry] = []
        for name in names {
            let file = path + "/" + name
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0
            do {
                let stored = try StoredInput(path: file)
                let unchanged = InputIdentity(path: stored.meta.absolutePath) == stored.meta.identity
                entries.append(Entry(fileName: name, size: size, meta: stored.meta, problem: nil, inputUnchanged: unchanged))
            } catch {
                entries.append(Entry(fileName: name, size: size, meta: nil, problem: StateStore.describe(error), inputUnchanged: false))
            }
        }
        return entries.sorted { ($0.meta?.path ?? "", $0.fileName) < ($1.meta?.path ?? "", $1.fileName) }
    }

    /// Deletes the state files that can no longer be reused: their input is gone or has changed
    /// since it was mapped, or the file fails its checks. Takes the directory's lock (no run may
    /// be using it). Returns what was deleted.
    package static func prune(_ path: String) throws -> [Entry] {
        let lock = try StateStore.open(path)
        defer { withExtendedLifetime(lock) {} }
        var removed: [Entry] = []
        for entry in try list(path) where !entry.inputUnchanged {
            if unlink(path + "/" + entry.fileName) == 0 { removed.append(entry) }
        }
        return removed
    }
}
