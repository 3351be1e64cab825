import Foundation

/// Temporary directories for tests: each test gets its own (tests run in parallel), all under
/// one directory of this test process, which is removed when the process exits — so a run of
/// the suite leaves nothing behind in the system's temporary directory, whatever the tests do.
package enum TestDirectories {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var rootPath: String?

    /// The process's directory, created (and its removal at exit registered) on first use.
    static func root() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let rootPath { return rootPath }
        let path = NSTemporaryDirectory() + "shipkpi-tests-\(getpid())-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        rootPath = path
        atexit {
            if let path = TestDirectories.rootPath { try? FileManager.default.removeItem(atPath: path) }
        }
        return path
    }
}

/// A fresh, empty directory for one test; removed with every other one when the tests end.
package func temporaryDirectory() throws -> String {
    let path = try TestDirectories.root() + "/" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
