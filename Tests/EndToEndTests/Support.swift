import Foundation
import ShipKPITestSupport
import ShipKPIIO

/// The package root (this file is Tests/EndToEndTests/Support.swift).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0 ..< 3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The built `shipkpi` binary: next to the test bundle (same build directory), or $SHIPKPI_BIN.
let shipkpiBinary: String = {
    if let env = ProcessInfo.processInfo.environment["SHIPKPI_BIN"] { return env }
    let fm = FileManager.default
    var candidates: [String] = []
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0 ..< 3 {
        candidates.append(dir.appendingPathComponent("shipkpi").path)
        dir.deleteLastPathComponent()
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("shipkpi").path)
    candidates.append(packageRoot + "/.build/debug/shipkpi")
    return candidates.first { fm.isExecutableFile(atPath: $0) } ?? candidates.last!
}()

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion (cwd = package root unless given).
@discardableResult
func runProcess(
    _ executable: String, _ arguments: [String], cwd: String = packageRoot, environment: [String: String]? = nil,
    stdin: Data? = nil
) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full pipe cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return RunResult(
        status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

@discardableResult
func shipkpi(_ arguments: [String], cwd: String = packageRoot, environment: [String: String]? = nil, stdin: Data? = nil) throws -> RunResult {
    try runProcess(shipkpiBinary, arguments, cwd: cwd, environment: environment, stdin: stdin)
}

/// The arguments that reproduce the bundled samples' reports (as `make report` runs them).
let sampleArguments = [
    "samples", "--status-map", "samples/status-map.csv",
    "--remittance", "samples/remittance/247express-remittance.csv",
    "--remittance", "samples/remittance/247express-remittance-2026-03-27.csv",
    "--as-of", "2026-04-01T00:00:00Z",
]

func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

func readText(_ path: String) throws -> String {
    String(decoding: try read(path), as: UTF8.self)
}

/// Parses a CSV file with the project's RFC 4180 reader (header included).
func csvRows(_ path: String) throws -> [[String]] {
    var reader = CSVReader(try read(path))
    var rows: [[String]] = []
    while let next = reader.next() {
        switch next {
        case .success(let r): rows.append(r.fields)
        case .failure(let e): throw e
        }
    }
    return rows
}

/// Every output file of SPEC §7 for `report`.
let reportFiles = [
    "summary.csv", "daily.csv", "reasons.csv", "feedback.csv", "orders.csv", "cod_reconciliation.csv",
    "order_checks.csv", "breakdown_province.csv", "breakdown_service.csv", "breakdown_courier.csv",
    "report.xml", "report.xsd", "report.html", "rejects.ndjson", "run.json",
]
