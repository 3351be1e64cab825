import Foundation
import Logging
import ShipKPIIO

/// Log output decisions made before a command is parsed (usage errors happen before the
/// command's own logger exists).
enum LogSetup {
    /// True when the arguments ask for JSON logs (`--log-format json` or `--log-format=json`).
    static func wantsJSON(_ arguments: [String]) -> Bool {
        for (i, a) in arguments.enumerated() {
            if a == "--log-format=json" { return true }
            if a == "--log-format", i + 1 < arguments.count, arguments[i + 1] == "json" { return true }
        }
        return false
    }

    /// One usage error on stderr: a JSON log line (with the exit code) or `shipkpi: error: …`.
    static func usageError(_ message: String, json: Bool, exitCode: Int32 = 64) {
        let format: LogFormat = json ? .json : .text
        let logger = Logger(label: "shipkpi") { StderrLogHandler(label: $0, format: format, level: .info) }
        logger.error("\(message)", metadata: json ? ["exit_code": .stringConvertible(exitCode), "status": "usage_error"] : [:])
    }
}
