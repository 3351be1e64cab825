import ArgumentParser
import Foundation
import ShipKPICore
import ShipKPIIO

#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file, or standard input for `-`.
func readInput(_ path: String) throws -> [UInt8] {
    if path != "-" {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShipKPIError.inputMissing("not found: \(path)") }
        return Array(data)
    }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = try chunk.withUnsafeMutableBytes { raw in
            try POSIXFile.readSome(0, into: raw.baseAddress, count: raw.count, name: "standard input")
        }
        if n == 0 { return out }
        out += chunk[0 ..< n]
    }
}

/// Writes a whole file (atomically: a temporary then a rename), or standard output for `-`.
func writeOutput(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
        try bytes.withUnsafeBytes { raw in try POSIXFile.writeAll(1, raw, name: "standard output") }
        return
    }
    // Written from the array itself (no copy into a `Data`), to a temporary name renamed into place.
    let temp = path + ".tmp-\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ShipKPIError.io("cannot write \(path): \(String(cString: strerror(errno)))") }
    do {
        try bytes.withUnsafeBytes { raw in try POSIXFile.writeAll(fd, raw, name: path) }
    } catch {
        close(fd)
        unlink(temp)
        throw error
    }
    guard close(fd) == 0, rename(temp, path) == 0 else {
        unlink(temp)
        throw ShipKPIError.io("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}

/// Runs a stage command's body, mapping errors to exit codes with one message on stderr.
func runStage(_ body: () throws -> Void) throws {
    signal(SIGPIPE, SIG_IGN)
    do {
        try body()
    } catch {
        FileHandle.standardError.write(Data("shipkpi: error: \(ErrorReport.message(for: error))\n".utf8))
        throw ExitCode(ErrorReport.exitCode(for: error))
    }
}
