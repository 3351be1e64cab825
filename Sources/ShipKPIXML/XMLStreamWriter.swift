internal import CLibXML2

/// Writes an indented XML document element by element, through libxml2's `xmlTextWriter`.
///
/// A file writer streams: libxml2 flushes its buffer to the file every few KiB, so memory stays flat
/// however many rows a report holds. An in-memory writer (``inMemory()``) keeps the document in an
/// `xmlBuffer` for tests and small documents.
///
/// Every text, attribute value and comment is passed through ``XMLText`` first and written with the
/// escaping APIs (`xmlTextWriterWriteString`, `xmlTextWriterWriteAttribute`), never the raw or
/// entity-parsing ones, so input cannot break the document. Element and attribute names are the
/// caller's constants and are written as given.
///
/// Call ``endDocument()`` then ``close()``; `close()` reports the final flush's failure, which
/// `deinit` cannot. Not thread-safe: use one writer from one task at a time.
package final class XMLStreamWriter {
    /// Where the document goes; owned by the writer and released in ``close()`` / `deinit`.
    private enum Sink {
        /// A descriptor this writer opened, and the libxml2 buffer writing to it (freed with the
        /// writer; the descriptor is closed by us).
        case file(fd: Int32, output: xmlOutputBufferPtr, path: String)
        /// A buffer that outlives the writer (`xmlFreeTextWriter` does not free it), so ``bytes()``
        /// still works after ``close()``.
        case memory(xmlBufferPtr)
    }

    private var writer: xmlTextWriterPtr?
    private let sink: Sink

    /// Creates (or truncates) the file at `path` and prepares to write to it, indented by two spaces.
    ///
    /// The path is opened as a plain file name (see ``LibXML/openForWriting(_:)``), not as
    /// libxml2's `xmlNewTextWriterFilename` would: that one percent-decodes it as a URI.
    package convenience init(path: String) throws {
        let (writer, sink) = try LibXML.capturingErrors { () throws -> (xmlTextWriterPtr, Sink) in
            let fd = try LibXML.openForWriting(path)
            guard let output = xmlOutputBufferCreateFd(fd, nil) else {
                let error = XMLError.libxml("xmlOutputBufferCreateFd", path: path)
                try? LibXML.closeWritten(fd, path: path)
                throw error
            }
            // On success the writer owns `output` and frees it in xmlFreeTextWriter.
            guard let writer = xmlNewTextWriter(output) else {
                let error = XMLError.libxml("xmlNewTextWriter", path: path)
                _ = xmlOutputBufferClose(output)
                try? LibXML.closeWritten(fd, path: path)
                throw error
            }
            return (writer, .file(fd: fd, output: output, path: path))
        }
        try self.init(writer: writer, sink: sink)
    }

    /// A writer that keeps the document in memory; read it with ``bytes()``.
    package static func inMemory() throws -> XMLStreamWriter {
        let (writer, sink) = try LibXML.capturingErrors { () throws -> (xmlTextWriterPtr, Sink) in
            guard let buffer = xmlBufferCreate() else { throw XMLError.libxml("xmlBufferCreate") }
            guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
                let error = XMLError.libxml("xmlNewTextWriterMemory")
                xmlBufferFree(buffer)
                throw error
            }
            return (writer, .memory(buffer))
        }
        return try XMLStreamWriter(writer: writer, sink: sink)
    }

    /// Takes ownership of `writer` and `sink`, releasing both if indentation cannot be set up.
    private init(writer: xmlTextWriterPtr, sink: Sink) throws {
        self.writer = writer
        self.sink = sink
        try perform("xmlTextWriterSetIndent") { xmlTextWriterSetIndent($0, 1) }
        try perform("xmlTextWriterSetIndentString") { xmlTextWriterSetIndentString($0, "  ") }
    }

    deinit {
        LibXML.capturingErrors {
            if let writer {
                xmlFreeTextWriter(writer)
                if case .file(let fd, _, let path) = sink { try? LibXML.closeWritten(fd, path: path) }
            }
            if case .memory(let buffer) = sink { xmlBufferFree(buffer) }
        }
    }

    /// Writes the XML declaration `<?xml version="1.0" encoding="UTF-8"?>`.
    package func startDocument() throws {
        try perform("xmlTextWriterStartDocument") { xmlTextWriterStartDocument($0, "1.0", "UTF-8", nil) }
    }

    /// Opens element `name`; attributes may follow until the first child or text.
    package func startElement(_ name: String) throws {
        try perform("xmlTextWriterStartElement") { w in Self.withXMLChars(name) { xmlTextWriterStartElement(w, $0) } }
    }

    /// Adds attribute `name` to the element just opened; `value` is sanitised and escaped.
    package func attribute(_ name: String, _ value: String) throws {
        let value = XMLText.sanitize(value)
        try perform("xmlTextWriterWriteAttribute") { w in
            Self.withXMLChars(name) { n in Self.withXMLChars(value) { xmlTextWriterWriteAttribute(w, n, $0) } }
        }
    }

    /// Writes `value` as text content of the open element, sanitised and escaped.
    package func text(_ value: String) throws {
        let value = XMLText.sanitize(value)
        try perform("xmlTextWriterWriteString") { w in Self.withXMLChars(value) { xmlTextWriterWriteString(w, $0) } }
    }

    /// A NUL-terminated UTF-8 view of `s` for libxml2, without copying native strings (the
    /// implicit String-to-`const xmlChar *` conversion allocates an array on every call, which
    /// dominated writing large reports).
    @inline(__always)
    private static func withXMLChars<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// Writes `<name>text</name>` (escaped, sanitised) as a child of the open element.
    package func element(_ name: String, text: String) throws {
        try startElement(name)
        try self.text(text)
        try endElement()
    }

    /// Closes the innermost open element (as `<name/>` when it has no content).
    package func endElement() throws {
        try perform("xmlTextWriterEndElement") { xmlTextWriterEndElement($0) }
    }

    /// Writes `<!--text-->`; `--` inside `text` is broken up (see ``XMLText/commentSafe(_:)``).
    package func comment(_ text: String) throws {
        let text = XMLText.commentSafe(text)
        try perform("xmlTextWriterWriteComment") { xmlTextWriterWriteComment($0, text) }
    }

    /// Closes every element still open and flushes the document to its destination.
    package func endDocument() throws {
        try perform("xmlTextWriterEndDocument") { xmlTextWriterEndDocument($0) }
    }

    /// Flushes and frees the writer and closes the file; later calls do nothing.
    ///
    /// Throws if the last writes or the close failed: the file is then incomplete. Further writes
    /// throw. An in-memory writer's ``bytes()`` stay readable.
    package func close() throws {
        guard let writer else { return }
        self.writer = nil
        try LibXML.capturingErrors {
            var failure: XMLError?
            if xmlTextWriterFlush(writer) < 0 { failure = XMLError.libxml("xmlTextWriterFlush", path: path) }
            if case .file(_, let output, _) = sink, failure == nil, output.pointee.error != 0 {
                failure = XMLError.libxml("xmlTextWriterFlush", path: path)
            }
            xmlFreeTextWriter(writer)
            if case .file(let fd, _, let path) = sink {
                do throws(XMLError) { try LibXML.closeWritten(fd, path: path) } catch { failure = failure ?? error }
            }
            if let failure { throw failure }
        }
    }

    /// The document written so far, for a writer made by ``inMemory()``; flushes first if the
    /// writer is still open.
    ///
    /// Calling it on a file writer is a programming error.
    package func bytes() throws -> [UInt8] {
        guard case .memory(let buffer) = sink else {
            preconditionFailure("bytes() is only for writers made by XMLStreamWriter.inMemory()")
        }
        if writer != nil { try perform("xmlTextWriterFlush") { xmlTextWriterFlush($0) } }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private var path: String? {
        if case .file(_, _, let path) = sink { path } else { nil }
    }

    /// Runs one writer call, turning a negative return into an ``XMLError`` named after `operation`.
    private func perform(_ operation: String, _ call: (xmlTextWriterPtr) -> Int32) throws {
        guard let writer else {
            throw XMLError(operation: operation, path: path, reason: "the writer is already closed")
        }
        try LibXML.capturingErrors {
            if call(writer) < 0 { throw XMLError.libxml(operation, path: path) }
        }
    }
}
