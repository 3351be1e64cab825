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
        let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw ShipKPIError.io("cannot read standard input: \(String(cString: strerror(errno)))")
        }
        if n == 0 { return out }
        out += chunk[0 ..< n]
    }
}

/// Writes a whole file (atomically: a temporary then a rename), or standard output for `-`.
func writeOutput(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShipKPIError.io("cannot write standard output: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        return
    }
    let temp = path + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temp, contents: Data(bytes)), rename(temp, path) == 0 else {
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
