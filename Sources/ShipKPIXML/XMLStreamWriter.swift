internal import CLibXML2

/// Writes an indented XML document element by element through libxml2's output buffer
/// (`xmlOutputBuffer`), with libxml2's own escaping.
///
/// The layout is the one of libxml2's `xmlTextWriter` with indentation on (two spaces a level,
/// one element a line, text inline, `<empty/>` elements), produced without its per-call state
/// machine: bytes are gathered in a buffer and handed to libxml2 in large blocks, which is what
/// makes a report of millions of attributes cheap to write. Every text and attribute value is
/// passed through ``XMLText`` first; a value holding a character that must be escaped is escaped
/// by libxml2 (`xmlAttrSerializeTxtContent` for attributes, `xmlEncodeSpecialChars` for text,
/// exactly as the text writer does), and a value without one — almost every value of a report:
/// numbers, dates, codes — is copied as it is. Element and attribute names are the caller's
/// constants and are written as given.
///
/// A writer can also produce a **fragment**: rows at a given depth inside elements that another
/// writer opened (``fragment(depth:)``); ``raw(_:)`` splices a fragment back in. A document
/// written in one piece and one assembled from fragments are byte-identical.
///
/// Call ``endDocument()`` then ``close()``; `close()` reports the final flush's failure, which
/// `deinit` cannot. Not thread-safe: use one writer from one task at a time.
package final class XMLStreamWriter {
    /// Where the document goes; owned by the writer and released in ``close()`` / `deinit`.
    private enum Sink {
        /// A descriptor this writer opened, and the libxml2 buffer writing to it.
        case file(fd: Int32, output: xmlOutputBufferPtr, path: String)
        /// Bytes kept in memory (``bytes()``).
        case memory
    }

    private enum State { case name, content }

    private var sink: Sink?
    /// Set by ``close()``: every later write throws.
    private var closed = false
    private var buffer: [UInt8] = []
    private var stack: [(name: String, state: State)] = []
    /// Open elements above the stack (a fragment's enclosing elements, written elsewhere).
    private var baseDepth = 0
    /// The next end tag of an element with content goes on a line of its own (text writer's `doblock`).
    private var blockEnd = false
    /// A document whose encoding is UTF-8, for `xmlAttrSerializeTxtContent` (which writes non-ASCII
    /// characters as they are only when the document declares an encoding).
    private let escapeDoc: xmlDocPtr
    private let escapeBuffer: xmlBufferPtr
    private static let flushAt = 1 << 18

    /// Creates (or truncates) the file at `path` and prepares to write to it.
    ///
    /// The path is opened as a plain file name (see ``LibXML/openForWriting(_:)``), not as
    /// libxml2's filename APIs would: they percent-decode it as a URI.
    package convenience init(path: String) throws {
        let sink = try LibXML.capturingErrors { () throws -> Sink in
            let fd = try LibXML.openForWriting(path)
            guard let output = xmlOutputBufferCreateFd(fd, nil) else {
                let error = XMLError.libxml("xmlOutputBufferCreateFd", path: path)
                try? LibXML.closeWritten(fd, path: path)
                throw error
            }
            return .file(fd: fd, output: output, path: path)
        }
        try self.init(sink: sink)
    }

    /// A writer that keeps the document in memory; read it with ``bytes()``.
    package static func inMemory() throws -> XMLStreamWriter {
        try XMLStreamWriter(sink: .memory)
    }

    /// A writer of rows inside `depth` enclosing elements that are already open (written by
    /// another writer, into which ``bytes()`` is spliced with ``raw(_:)``).
    package static func fragment(depth: Int) throws -> XMLStreamWriter {
        let w = try XMLStreamWriter(sink: .memory)
        w.baseDepth = depth
        w.blockEnd = true
        return w
    }

    private init(sink: Sink) throws {
        _ = LibXML.initialized
        guard let doc = xmlNewDoc(nil) else { throw XMLError.libxml("xmlNewDoc") }
        guard let escapeBuffer = xmlBufferCreate() else {
            xmlFreeDoc(doc)
            throw XMLError.libxml("xmlBufferCreate")
        }
        doc.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
        self.escapeDoc = doc
        self.escapeBuffer = escapeBuffer
        self.sink = sink
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    deinit {
        // A writer dropped without `close()` still hands over what it gathered (best effort:
        // nothing can report a failure here).
        try? flush()
        LibXML.capturingErrors {
            if case .file(let fd, let output, let path)? = sink {
                _ = xmlOutputBufferClose(output)
                try? LibXML.closeWritten(fd, path: path)
            }
            xmlBufferFree(escapeBuffer)
            xmlFreeDoc(escapeDoc)
        }
    }

    /// Writes the XML declaration `<?xml version="1.0" encoding="UTF-8"?>`.
    package func startDocument() throws {
        try checkOpen("startDocument")
        try append(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8))
    }

    /// Opens element `name`; attributes may follow until the first child or text.
    package func startElement(_ name: String) throws {
        try checkOpen("startElement")
        if let top = stack.last, top.state == .name {
            buffer += [UInt8(ascii: ">"), 0x0A]
            stack[stack.count - 1].state = .content
        }
        stack.append((name, .name))
        indent(baseDepth + stack.count - 1)
        buffer.append(UInt8(ascii: "<"))
        buffer += name.utf8
        try flushIfFull()
    }

    /// Adds attribute `name` to the element just opened; `value` is sanitised and escaped.
    package func attribute(_ name: String, _ value: String) throws {
        try checkOpen("attribute")
        buffer.append(0x20)
        buffer += name.utf8
        buffer += [UInt8(ascii: "="), UInt8(ascii: "\"")]
        try appendEscaped(XMLText.sanitize(value), attribute: true)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes `value` as text content of the open element, sanitised and escaped.
    package func text(_ value: String) throws {
        try checkOpen("text")
        if let top = stack.last, top.state == .name {
            buffer.append(UInt8(ascii: ">"))
            stack[stack.count - 1].state = .content
        }
        blockEnd = false
        try appendEscaped(XMLText.sanitize(value), attribute: false)
        try flushIfFull()
    }

    /// Writes `<name>text</name>` (escaped, sanitised) as a child of the open element.
    package func element(_ name: String, text: String) throws {
        try startElement(name)
        try self.text(text)
        try endElement()
    }

    /// Closes the innermost open element (as `<name/>` when it has no content).
    package func endElement() throws {
        try checkOpen("endElement")
        guard let top = stack.popLast() else { throw XMLError(operation: "endElement", path: path, reason: "no element is open") }
        if top.state == .name {
            buffer += [UInt8(ascii: "/"), UInt8(ascii: ">")]
        } else {
            if blockEnd { indent(baseDepth + stack.count) }
            buffer += [UInt8(ascii: "<"), UInt8(ascii: "/")]
            buffer += top.name.utf8
            buffer.append(UInt8(ascii: ">"))
        }
        blockEnd = true
        buffer.append(0x0A)
        try flushIfFull()
    }

    /// Marks the open element as one with children without writing a child: what a writer that
    /// splices in a fragment of children (``raw(_:)``) calls first.
    package func beginChildren() {
        if let top = stack.last, top.state == .name {
            buffer += [UInt8(ascii: ">"), 0x0A]
            stack[stack.count - 1].state = .content
        }
        blockEnd = true
    }

    /// Appends bytes written by a ``fragment(depth:)`` writer at this writer's depth.
    package func raw(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count >= Self.flushAt {
            try flush()
            try write(bytes)
        } else {
            buffer += bytes
            try flushIfFull()
        }
    }

    /// Closes every element still open and flushes the document to its destination.
    package func endDocument() throws {
        while !stack.isEmpty { try endElement() }
        try flush()
    }

    /// Flushes and closes the file; later calls do nothing.
    ///
    /// Throws if the last writes or the close failed: the file is then incomplete. An in-memory
    /// writer's ``bytes()`` stay readable.
    package func close() throws {
        guard !closed else { return }
        try flush()
        closed = true
        guard case .file(let fd, let output, let path)? = sink else { return }
        sink = nil
        try LibXML.capturingErrors {
            var failure: XMLError?
            do throws(XMLError) { try LibXML.flushAndClose(output, operation: "xmlOutputBufferFlush", path: path) } catch { failure = error }
            do throws(XMLError) { try LibXML.closeWritten(fd, path: path) } catch { failure = failure ?? error }
            if let failure { throw failure }
        }
    }

    /// The document written so far, for a writer made by ``inMemory()`` or ``fragment(depth:)``.
    ///
    /// Calling it on a file writer is a programming error.
    package func bytes() throws -> [UInt8] {
        guard case .memory? = sink else {
            preconditionFailure("bytes() is only for in-memory writers")
        }
        return buffer
    }

    private var path: String? {
        if case .file(_, _, let path)? = sink { path } else { nil }
    }

    private func checkOpen(_ operation: String) throws {
        if closed { throw XMLError(operation: operation, path: path, reason: "the writer is already closed") }
    }

    @inline(__always)
    private func indent(_ levels: Int) {
        for _ in 0 ..< levels { buffer += [0x20, 0x20] }
    }

    private func append(_ bytes: [UInt8]) throws {
        buffer += bytes
        try flushIfFull()
    }

    /// Appends `value`, escaped by libxml2 when it holds a character that needs it.
    private func appendEscaped(_ value: String, attribute: Bool) throws {
        var value = value
        let plain = value.withUTF8 { bytes in
            for b in bytes {
                switch b {
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), 0x0D: return false
                // Line feeds always take libxml2's path; tabs only in attribute values.
                case 0x0A: return false
                case 0x09 where attribute: return false
                default: continue
                }
            }
            buffer += bytes
            return true
        }
        if plain { return }
        try LibXML.capturingErrors {
            if attribute {
                xmlBufferEmpty(escapeBuffer)
                value.withCString { xmlAttrSerializeTxtContent(escapeBuffer, escapeDoc, nil, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
                guard let content = xmlBufferContent(escapeBuffer) else { throw XMLError.libxml("xmlAttrSerializeTxtContent", path: path) }
                buffer += UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(escapeBuffer)))
            } else {
                guard let escaped = value.withCString({ xmlEncodeSpecialChars(nil, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }) else {
                    throw XMLError.libxml("xmlEncodeSpecialChars", path: path)
                }
                defer { shipkpi_xmlFree(escaped) }
                buffer += UnsafeBufferPointer(start: escaped, count: Int(xmlStrlen(escaped)))
            }
        }
    }

    @inline(__always)
    private func flushIfFull() throws {
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Hands the gathered bytes to libxml2's output buffer (file writers only).
    private func flush() throws {
        guard case .file? = sink, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard case .file(_, let output, let path)? = sink, let base = bytes.baseAddress else { return }
        try LibXML.capturingErrors {
            var done = 0
            while done < bytes.count {
                let n = min(bytes.count - done, 1 << 30)
                let written = xmlOutputBufferWrite(output, Int32(n), (base + done).assumingMemoryBound(to: CChar.self))
                if written < 0 || output.pointee.error != 0 { throw XMLError.libxml("xmlOutputBufferWrite", path: path) }
                done += n
            }
        }
    }
}
