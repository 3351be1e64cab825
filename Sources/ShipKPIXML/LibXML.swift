internal import CLibXML2

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// libxml2 plumbing shared by the writer, the HTML builder and the checks.
enum LibXML {
    /// Initialises libxml2 once per process; every entry point touches it first.
    ///
    /// `xmlInitParser` is not safe to race with other libxml2 calls, and a `static let` is
    /// initialised exactly once, atomically.
    static let initialized: Void = xmlInitParser()

    /// Runs `body` with the errors libxml2 reports on this thread going to `log` (dropped when it is
    /// `nil`) instead of being printed to stderr.
    ///
    /// libxml2 keeps the structured error handler per thread, and `body` runs synchronously on the
    /// caller's thread, so concurrent calls each see only their own errors. Not reentrant: `body`
    /// must not call `capturingErrors` again (the inner call would uninstall the outer handler).
    static func capturingErrors<T>(into log: ErrorLog? = nil, _ body: () throws -> T) rethrows -> T {
        _ = initialized
        xmlResetLastError()
        let context = log.map { Unmanaged.passUnretained($0).toOpaque() }
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorLog>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try withExtendedLifetime(log) { try body() }
    }

    /// One line for a libxml2 error: `line N: message` (the line is in the document being parsed or
    /// validated; left out when libxml2 does not know it).
    static func describe(_ error: xmlError) -> String {
        var message = error.message.map { String(cString: $0) } ?? "error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        return error.line > 0 ? "line \(error.line): \(message)" : message
    }

    /// Opens `path` for writing (created with mode 0644 before umask, truncated).
    ///
    /// Opened here rather than with libxml2's filename APIs, which treat the path as a URI: they
    /// percent-decode it (`a%41.xml` writes `aA.xml`), write `-` to stdout and send `http://…` paths
    /// over the network.
    static func openForWriting(_ path: String) throws(XMLError) -> Int32 {
        var fd: Int32
        repeat {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw XMLError.system("open", path: path) }
        return fd
    }

    /// Opens `path` for reading, for the same reason as ``openForWriting(_:)``.
    static func openForReading(_ path: String) throws(XMLError) -> Int32 {
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw XMLError.system("open", path: path) }
        return fd
    }

    /// Closes a descriptor this module opened for writing; a failure here can mean lost data (NFS,
    /// quota), so it is reported.
    static func closeWritten(_ fd: Int32, path: String) throws(XMLError) {
        guard close(fd) == 0 else { throw XMLError.system("close", path: path) }
    }

    /// Flushes `output` and closes it (without closing its descriptor), throwing if any write
    /// through it failed.
    ///
    /// The failure is read from the buffer's `error` field after the flush, because
    /// `xmlOutputBufferClose` returns the total byte count as an `int`, which is negative past 2 GiB.
    static func flushAndClose(_ output: xmlOutputBufferPtr, operation: String, path: String) throws(XMLError) {
        let failed = xmlOutputBufferFlush(output) < 0 || output.pointee.error != 0
        let error = failed ? XMLError.libxml(operation, path: path) : nil
        _ = xmlOutputBufferClose(output)
        if let error { throw error }
    }
}

/// Collects the errors libxml2 reports during one ``LibXML/capturingErrors(into:_:)`` call.
///
/// Warnings are left out: only errors make a document ill-formed or invalid.
final class ErrorLog {
    private(set) var messages: [String] = []

    func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        messages.append(LibXML.describe(error))
    }

    func removeAll() { messages.removeAll() }
}
