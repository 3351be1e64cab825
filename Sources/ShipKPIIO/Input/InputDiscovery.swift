import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Expands command-line inputs: files as given, directories recursively (input extensions only,
/// ordered by full path in code-point order), `-` for stdin (NDJSON).
///
/// Inside a directory only **regular files** are read (a symbolic link counts as what it points
/// to): a FIFO that nobody writes to would block the run forever, and a device may never end.
/// A FIFO, a device or `-` named explicitly on the command line is read as a stream, because the
/// user asked for it. Everything skipped is returned with its reason, never dropped silently.
package enum InputDiscovery {
    package static func expand(_ arguments: [String]) throws -> [InputFile] {
        try discover(arguments).files
    }

    package static func discover(_ arguments: [String]) throws -> DiscoveredInputs {
        var out = DiscoveredInputs()
        for arg in arguments {
            if arg == "-" {
                out.files.append(InputFile(path: "-", format: .lines, gzip: false))
                continue
            }
            var info = stat()
            guard stat(arg, &info) == 0 else {
                throw ShipKPIError.inputMissing("input not found: \(arg)")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try directory(arg, into: &out)
            } else if let (format, gz) = InputFile.classify(arg) {
                out.files.append(InputFile(path: arg, format: format, gzip: gz))
            } else {
                // A file named explicitly is read even with another extension: as NDJSON (or gzip).
                out.files.append(InputFile(path: arg, format: .lines, gzip: arg.lowercased().hasSuffix(".gz")))
            }
        }
        return out
    }

    private static func directory(_ root: String, into out: inout DiscoveredInputs) throws {
        let base = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        var found: [InputFile] = []
        var skipped: [SkippedInput] = []
        var stack = [base]
        // (device, inode) of every directory entered, so a symbolic link loop is entered once.
        var visited = Set<[UInt64]>()
        let fm = FileManager.default
        while let dir = stack.popLast() {
            var dirInfo = stat()
            guard stat(dir, &dirInfo) == 0, visited.insert([UInt64(dirInfo.st_dev), UInt64(dirInfo.st_ino)]).inserted else {
                skipped.append(SkippedInput(path: dir, reason: .brokenOrLoopingLink))
                continue
            }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: dir)
            } catch {
                throw ShipKPIError.io("cannot list directory \(dir): \(error.localizedDescription)")
            }
            for name in names {
                let path = (dir == "/" ? "" : dir) + "/" + name
                var info = stat()
                guard stat(path, &info) == 0 else {
                    skipped.append(SkippedInput(path: path, reason: .brokenOrLoopingLink))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    stack.append(path)
                case S_IFREG:
                    if let (format, gz) = InputFile.classify(name) {
                        found.append(InputFile(path: path, format: format, gzip: gz))
                    } else {
                        skipped.append(SkippedInput(path: path, reason: .notAnExport))
                    }
                default:
                    skipped.append(SkippedInput(path: path, reason: .notARegularFile))
                }
            }
        }
        // Code-point order of the full path: UTF-8 byte order is code-point order.
        found.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        skipped.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        out.files += found
        out.skipped += skipped
    }
}
