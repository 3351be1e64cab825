internal import CLibXML2

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A libxml2 call or a file operation of this module failed.
///
/// Carries what failed (`operation`), on which file (`path`, when there is one) and why (`reason`:
/// libxml2's own message, taken from `xmlGetLastError()`, or the OS error).
package struct XMLError: Error, Sendable, CustomStringConvertible {
    /// The libxml2 function or step that failed, e.g. `xmlTextWriterStartElement`.
    package let operation: String
    /// The file being written or read, when the failure concerns one.
    package let path: String?
    /// Why it failed, as libxml2 or the OS reported it.
    package let reason: String

    package init(operation: String, path: String? = nil, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    package var description: String {
        "\(operation) failed" + (path.map { " for \($0)" } ?? "") + ": \(reason)"
    }

    /// The error libxml2 last reported on this thread for `operation`; resets it so it is not
    /// reported twice.
    ///
    /// Some calls fail without reporting anything (e.g. `xmlTextWriterEndElement` with no open
    /// element); the reason then says so rather than inventing one.
    static func libxml(_ operation: String, path: String? = nil) -> XMLError {
        defer { xmlResetLastError() }
        let reason = xmlGetLastError().map { LibXML.describe($0.pointee) } ?? "libxml2 gave no reason"
        return XMLError(operation: operation, path: path, reason: reason)
    }

    /// The OS error in `errno` for `operation` on `path`.
    static func system(_ operation: String, path: String) -> XMLError {
        XMLError(operation: operation, path: path, reason: String(cString: strerror(errno)))
    }
}
