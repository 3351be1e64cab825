/// Errors that end a run, each saying what went wrong, where and why in the domain's words (no
/// command-line flag). Bad *data* is never one of these: it becomes a reject and the run goes on.
///
/// The library knows no exit codes: its caller decides what each case means (the command line
/// maps them to SPEC §8's exit codes, and gives `Runner` that mapping for run.json).
package enum ShipKPIError: Error, Sendable, CustomStringConvertible {
    /// Bad arguments or configuration: a value given to the library cannot be used.
    case usage(String)
    /// An input path does not exist.
    case inputMissing(String)
    /// A read or write failed.
    case io(String)
    /// Another run holds the output directory's lock.
    case locked(String)
    /// A broken invariant. Never caused by input data.
    case `internal`(String)

    package var description: String {
        switch self {
        case .usage(let m), .inputMissing(let m), .io(let m), .locked(let m): m
        case .internal(let m): "internal error: \(m)"
        }
    }
}
