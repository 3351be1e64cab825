import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One input of a run, in the order it is read.
package struct InputFile: Sendable, Equatable {
    package enum Format: Sendable, Equatable {
        /// One JSON document per line (`.ndjson`, `.jsonl`, stdin).
        case lines
        /// One document: an object, or an array whose elements are records (`.json`).
        case document
    }

    /// The path as shown in rejects and run.json (`-` for stdin).
    package var path: String
    package var format: Format
    package var gzip: Bool

    package var isStdin: Bool { path == "-" }

    package init(path: String, format: Format, gzip: Bool) {
        self.path = path
        self.format = format
        self.gzip = gzip
    }

    /// The format a file name implies, or nil when it is not an input file (SPEC §1).
    package static func classify(_ name: String) -> (Format, Bool)? {
        var base = name.lowercased()
        var gz = false
        if base.hasSuffix(".gz") {
            gz = true
            base.removeLast(3)
        }
        if base.hasSuffix(".ndjson") || base.hasSuffix(".jsonl") { return (.lines, gz) }
        if base.hasSuffix(".json") { return (.document, gz) }
        return nil
    }
}

/// A file a directory held that is not read, and why (reported in the log and in run.json).
package struct SkippedInput: Sendable, Equatable {
    package enum Reason: String, Sendable {
        /// A regular file whose name is not an export's (`.csv`, `.txt`, …).
        case notAnExport = "not_an_export"
        /// A FIFO, socket or device: reading it could block forever or never end.
        case notARegularFile = "not_a_regular_file"
        /// A symbolic link that points nowhere, or at a directory already visited (a loop).
        case brokenOrLoopingLink = "broken_or_looping_link"
    }

    package var path: String
    package var reason: Reason
}

/// The inputs of a run and what the directories held that is not read.
package struct DiscoveredInputs: Sendable {
    package var files: [InputFile] = []
    package var skipped: [SkippedInput] = []

    package init() {}
}

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
