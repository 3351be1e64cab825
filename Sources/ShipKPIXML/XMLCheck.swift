internal import CLibXML2

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads documents back with libxml2: well-formedness, XSD validation, and the element tree of XML
/// or HTML output, for tests and for the tool's self-check.
///
/// Parsing never touches the network (`XML_PARSE_NONET`) and never substitutes entities or loads
/// DTDs. Errors are collected per call, so calls may run concurrently. Messages read
/// `line N: message`, with the line in the checked document.
package enum XMLCheck {
    /// One element of a parsed document, in document order.
    package struct Element: Sendable, Equatable {
        /// The element name (lower-cased by the HTML parser; as written for XML).
        package let name: String
        /// Attribute values with character references decoded.
        package let attributes: [String: String]
        /// All text inside the element, descendants included, with character references decoded.
        package let text: String
    }

    /// The errors that make `xml` not well-formed; empty when it is well-formed.
    package static func wellFormedErrors(xml: [UInt8]) -> [String] {
        let log = ErrorLog()
        return LibXML.capturingErrors(into: log) {
            guard let doc = readXML(xml) else { return parseErrors(log) }
            xmlFreeDoc(doc)
            return log.messages
        }
    }

    /// Validates `xml` against the XML Schema `xsd` and returns the errors; empty when valid.
    ///
    /// A document that is not well-formed yields its parse errors. Throws when `xsd` itself is not
    /// a usable schema, or when libxml2 fails internally.
    package static func validate(xml: [UInt8], xsd: String) throws -> [String] {
        let log = ErrorLog()
        return try LibXML.capturingErrors(into: log) {
            try withSchema(xsd, log: log) { context in
                guard let doc = readXML(xml) else { return parseErrors(log) }
                defer { xmlFreeDoc(doc) }
                return try outcome(xmlSchemaValidateDoc(context, doc), log: log, operation: "xmlSchemaValidateDoc")
            }
        }
    }

    /// Validates the file at `path` against `xsd` while streaming it, without building a tree, so
    /// memory does not grow with the file; returns the errors, empty when valid.
    ///
    /// Throws when the file cannot be opened, `xsd` is not a usable schema, or libxml2 fails
    /// internally. A file that is not well-formed yields its parse errors.
    package static func validate(file path: String, xsd: String) throws -> [String] {
        let log = ErrorLog()
        return try LibXML.capturingErrors(into: log) {
            try withSchema(xsd, log: log) { context in
                let fd = try LibXML.openForReading(path)
                // The input buffer closes `fd` when freed; the validation stream takes ownership of it.
                guard let input = xmlParserInputBufferCreateFd(fd, XML_CHAR_ENCODING_NONE) else {
                    let error = XMLError.libxml("xmlParserInputBufferCreateFd", path: path)
                    _ = close(fd)
                    throw error
                }
                let result = xmlSchemaValidateStream(context, input, XML_CHAR_ENCODING_NONE, nil, nil)
                return try outcome(result, log: log, operation: "xmlSchemaValidateStream", path: path)
            }
        }
    }

    /// Every element of the XML document `xml`, in document order.
    ///
    /// Throws with the parse errors when `xml` is not well-formed.
    package static func parseXML(_ xml: [UInt8]) throws -> [Element] {
        let log = ErrorLog()
        return try LibXML.capturingErrors(into: log) {
            guard let doc = readXML(xml) else {
                throw XMLError(operation: "xmlReadMemory", reason: parseErrors(log).joined(separator: "; "))
            }
            defer { xmlFreeDoc(doc) }
            return elements(of: doc)
        }
    }

    /// Every element of the HTML document `html`, in document order, as a browser-like parser sees
    /// it: hostile text that came through as text shows up in ``Element/text``, not as elements.
    ///
    /// The HTML parser recovers from any input, so this throws only when libxml2 produces no tree.
    package static func parseHTML(_ html: [UInt8]) throws -> [Element] {
        try LibXML.capturingErrors {
            let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
            guard html.count <= Int32.max else {
                throw XMLError(operation: "htmlReadMemory", reason: "document larger than 2 GiB")
            }
            let parsed = html.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
                }
            }
            guard let doc = parsed else { throw XMLError.libxml("htmlReadMemory") }
            defer { xmlFreeDoc(doc) }
            return elements(of: doc)
        }
    }

    /// Parses `xml` with `XML_PARSE_NONET` only; `nil` when it is not well-formed (the errors are
    /// in the current log).
    private static func readXML(_ xml: [UInt8]) -> xmlDocPtr? {
        guard xml.count <= Int32.max else { return nil }
        return xml.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32($0.count), nil, nil, Int32(XML_PARSE_NONET.rawValue))
            }
        }
    }

    /// The errors of a failed ``readXML(_:)``, with a stand-in for the failures libxml2 does not
    /// report (an empty buffer, one over 2 GiB).
    private static func parseErrors(_ log: ErrorLog) -> [String] {
        log.messages.isEmpty ? ["the document could not be parsed (empty, or larger than 2 GiB)"] : log.messages
    }

    /// Compiles `xsd` and runs `body` with a validation context for it; `log` is emptied first so
    /// `body` sees only its own errors.
    private static func withSchema<T>(
        _ xsd: String, log: ErrorLog, _ body: (xmlSchemaValidCtxtPtr) throws -> T
    ) throws -> T {
        var xsd = xsd
        return try xsd.withUTF8 { text in
            // The parser context reads `text` in xmlSchemaParse, so both stay inside this closure.
            guard text.count <= Int32.max else {
                throw XMLError(operation: "xmlSchemaNewMemParserCtxt", reason: "schema larger than 2 GiB")
            }
            let created = text.withMemoryRebound(to: CChar.self) {
                xmlSchemaNewMemParserCtxt($0.baseAddress, Int32($0.count))
            }
            guard let parserContext = created else { throw XMLError.libxml("xmlSchemaNewMemParserCtxt") }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            guard let schema = xmlSchemaParse(parserContext) else {
                let reason = log.messages.isEmpty ? "the schema is not valid" : log.messages.joined(separator: "; ")
                throw XMLError(operation: "xmlSchemaParse", reason: reason)
            }
            defer { xmlSchemaFree(schema) }
            guard let context = xmlSchemaNewValidCtxt(schema) else { throw XMLError.libxml("xmlSchemaNewValidCtxt") }
            defer { xmlSchemaFreeValidCtxt(context) }
            log.removeAll()
            return try body(context)
        }
    }

    /// The errors for a validation result: 0 valid, > 0 invalid, < 0 libxml2 failed internally.
    ///
    /// Never reports an invalid document as valid: if libxml2 counted errors without reporting any,
    /// a generic message stands in.
    private static func outcome(
        _ result: Int32, log: ErrorLog, operation: String, path: String? = nil
    ) throws
        -> [String]
    {
        if result < 0 {
            let reason = log.messages.isEmpty ? "internal error" : log.messages.joined(separator: "; ")
            throw XMLError(operation: operation, path: path, reason: reason)
        }
        if result > 0 && log.messages.isEmpty { return ["the document is not valid (\(result) errors)"] }
        return log.messages
    }

    /// The elements under `doc` in document order; iterative, so a deep tree cannot overflow the stack.
    private static func elements(of doc: xmlDocPtr) -> [Element] {
        var result: [Element] = []
        var pending: [xmlNodePtr] = xmlDocGetRootElement(doc).map { [$0] } ?? []
        while let node = pending.popLast() {
            result.append(element(node, in: doc))
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            pending.append(contentsOf: children.reversed())
        }
        return result
    }

    private static func element(_ node: xmlNodePtr, in doc: xmlDocPtr) -> Element {
        var attributes: [String: String] = [:]
        var property = node.pointee.properties
        while let attribute = property {
            attributes[String(cString: attribute.pointee.name)] = ownedString(
                xmlNodeListGetString(doc, attribute.pointee.children, 1))
            property = attribute.pointee.next
        }
        let name = String(cString: node.pointee.name)
        return Element(name: name, attributes: attributes, text: ownedString(xmlNodeGetContent(node)))
    }

    /// Copies a string libxml2 allocated for us and frees it; `nil` (no content) is "".
    private static func ownedString(_ string: UnsafeMutablePointer<xmlChar>?) -> String {
        guard let string else { return "" }
        defer { shipkpi_xmlFree(string) }
        return String(cString: string)
    }
}
