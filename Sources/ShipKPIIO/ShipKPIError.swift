/// Errors that end a run, each with its exit code (SPEC §8, sysexits). Bad *data* is never one of
/// these: it becomes a reject and the run goes on.
package enum ShipKPIError: Error, Sendable, CustomStringConvertible {
    /// Bad arguments or configuration (64).
    case usage(String)
    /// An input path does not exist (66).
    case inputMissing(String)
    /// A read or write failed (74).
    case io(String)
    /// Another run holds the output directory's lock (75).
    case locked(String)
    /// A broken invariant (1). Never caused by input data.
    case `internal`(String)

    package var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .inputMissing: 66
        case .io: 74
        case .locked: 75
        case .internal: 1
        }
    }

    package var description: String {
        switch self {
        case .usage(let m), .inputMissing(let m), .io(let m), .locked(let m): m
        case .internal(let m): "internal error: \(m)"
        }
    }
}

/// The reject-rate threshold was breached (65): everything was written first.
package struct RejectThresholdExceeded: Error, Sendable, CustomStringConvertible {
    package var rejects: Int64
    package var records: Int64
    package var threshold: Double

    package var description: String {
        "rejects \(rejects) of \(records + rejects) exceed --max-reject-rate \(threshold)"
    }
}
