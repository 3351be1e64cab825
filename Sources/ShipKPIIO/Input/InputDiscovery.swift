import Foundation

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

/// Expands command-line inputs: files as given, directories recursively (input extensions only,
/// ordered by full path in code-point order), `-` for stdin (NDJSON).
package enum InputDiscovery {
    package static func expand(_ arguments: [String]) throws -> [InputFile] {
        var out: [InputFile] = []
        let fm = FileManager.default
        for arg in arguments {
            if arg == "-" {
                out.append(InputFile(path: "-", format: .lines, gzip: false))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                throw ShipKPIError.inputMissing("input not found: \(arg)")
            }
            if isDir.boolValue {
                out += try directory(arg)
            } else if let (format, gz) = InputFile.classify(arg) {
                out.append(InputFile(path: arg, format: format, gzip: gz))
            } else {
                // A file named explicitly is read even with another extension: as NDJSON (or gzip).
                out.append(InputFile(path: arg, format: .lines, gzip: arg.lowercased().hasSuffix(".gz")))
            }
        }
        return out
    }

    private static func directory(_ root: String) throws -> [InputFile] {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        var found: [InputFile] = []
        var stack = [base]
        let fm = FileManager.default
        while let dir = stack.popLast() {
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: dir)
            } catch {
                throw ShipKPIError.io("cannot list directory \(dir): \(error.localizedDescription)")
            }
            for name in names {
                let path = dir + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
                if isDir.boolValue {
                    stack.append(path)
                } else if let (format, gz) = InputFile.classify(name) {
                    found.append(InputFile(path: path, format: format, gzip: gz))
                }
            }
        }
        // Code-point order of the full path: UTF-8 byte order is code-point order.
        found.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return found
    }
}
