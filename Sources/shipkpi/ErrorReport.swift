import ShipKPICore
import ShipKPIIO

/// How the command line reports an error that ends a command: its exit code and its message.
///
/// The libraries' errors say what went wrong in the domain's words and carry neither an exit code
/// nor a flag name; this is the one place an error becomes an exit code (SPEC §8, sysexits). The
/// runner gets ``exitCode(for:)`` too, for the exit code run.json records.
enum ErrorReport {
    /// 64 bad arguments or configuration, 65 a damaged stage file (bad data from another stage),
    /// 66 a missing input, 74 a failed read or write, 75 a held lock, 1 anything else (a bug).
    /// Data-quality gates are not errors: a run that fails one ends normally with exit 65.
    static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case let error as ShipKPIError:
            switch error {
            case .usage: 64
            case .inputMissing: 66
            case .io: 74
            case .locked: 75
            case .internal: 1
            }
        case is StageFile.Failure: 65
        default: 1
        }
    }

    /// The error's one-line message, without the `shipkpi: error: ` prefix.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as ShipKPIError: error.description
        case let error as StageFile.Failure: "a stage file is \(error.description)"
        default: "internal error: \(error)"
        }
    }
}
