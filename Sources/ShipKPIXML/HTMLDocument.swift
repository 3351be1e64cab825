internal import CLibXML2

/// An HTML5 document built as a libxml2 tree and serialised by libxml2's HTML serialiser.
///
/// Starts as `<!DOCTYPE html><html lang=…><head><meta http-equiv="Content-Type" content="text/html;
/// charset=UTF-8"></head><body></body></html>`. The charset `<meta>` is what makes libxml2 write
/// non-ASCII as UTF-8 characters; without it "Hồ Chí Minh" would come out as entities.
///
/// Text and attribute values are sanitised (``XMLText``) and stored as text nodes, which the
/// serialiser escapes, so input cannot inject markup. The exception is raw-text elements: libxml2
/// writes the content of `<style>` and `<script>` verbatim, so ``text(_:in:)`` refuses them and
/// ``addStyle(_:)`` is the only way to fill a `<style>`. Element and attribute names are the caller's
/// constants. Escaping does not make a value safe in every attribute: never put input in `on…`
/// handlers or `href`/`src` (libxml2 percent-escapes those as URIs, and `javascript:` would still run).
///
/// SVG is built from ordinary elements in the same tree (`svg`, `g`, `rect`, `text`…); names and
/// attributes keep their case (`viewBox`), and HTML parsers put them in the SVG namespace.
///
/// Not thread-safe: build and serialise a document from one task.
package final class HTMLDocument {
    private let doc: xmlDocPtr
    private let rootNode: xmlNodePtr
    private let headNode: xmlNodePtr
    private let bodyNode: xmlNodePtr

    /// Creates the document skeleton; `lang` is the `<html lang>` attribute (e.g. `"en"`, `"vi"`).
    package init(lang: String = "en") throws {
        (doc, rootNode, headNode, bodyNode) = try LibXML.capturingErrors {
            guard let doc = htmlNewDocNoDtD(nil, nil) else { throw XMLError.libxml("htmlNewDocNoDtD") }
            do {
                // `htmlNewDoc` would write an HTML 4.0 doctype; this subset prints as `<!DOCTYPE html>`.
                guard xmlCreateIntSubset(doc, "html", nil, nil) != nil else {
                    throw XMLError.libxml("xmlCreateIntSubset")
                }
                guard let root = xmlNewDocNode(doc, nil, "html", nil) else { throw XMLError.libxml("xmlNewDocNode") }
                xmlDocSetRootElement(doc, root)
                guard xmlDocGetRootElement(doc) == root else {
                    xmlFreeNode(root)
                    throw XMLError.libxml("xmlDocSetRootElement")
                }
                try Self.setAttribute("lang", lang, on: root)
                let head = try Self.appendElement("head", to: root, in: doc)
                let body = try Self.appendElement("body", to: root, in: doc)
                // Needs `<head>` to exist; inserts the charset `<meta>` as its first child.
                guard htmlSetMetaEncoding(doc, "UTF-8") == 0 else { throw XMLError.libxml("htmlSetMetaEncoding") }
                return (doc, root, head, body)
            } catch {
                xmlFreeDoc(doc)
                throw error
            }
        }
    }

    deinit {
        // Frees every node of the tree, including those `HTMLNode` handles point to; handles keep
        // the document alive, so none outlives it.
        xmlFreeDoc(doc)
    }

    /// The `<html>` element.
    package var root: HTMLNode { HTMLNode(pointer: rootNode, document: self) }
    /// The `<head>` element (already holding the charset `<meta>`).
    package var head: HTMLNode { HTMLNode(pointer: headNode, document: self) }
    /// The `<body>` element.
    package var body: HTMLNode { HTMLNode(pointer: bodyNode, document: self) }

    /// Appends element `name` with `attributes` (values sanitised; a repeated name keeps the last
    /// value) as the last child of `parent`.
    @discardableResult
    package func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], in parent: HTMLNode
    ) throws -> HTMLNode {
        try checkOwned(parent)
        let node = try LibXML.capturingErrors {
            let node = try Self.appendElement(name, to: parent.pointer, in: doc)
            for (key, value) in attributes { try Self.setAttribute(key, value, on: node) }
            return node
        }
        return HTMLNode(pointer: node, document: self)
    }

    /// Appends element `name` holding `text` (sanitised, escaped) as the last child of `parent`.
    @discardableResult
    package func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String, in parent: HTMLNode
    ) throws -> HTMLNode {
        let node = try element(name, attributes, in: parent)
        try self.text(text, in: node)
        return node
    }

    /// Appends `text` (sanitised) as a text node of `parent`; the serialiser escapes `<`, `>`, `&`.
    ///
    /// Throws when `parent` is `<style>` or `<script>`: libxml2 writes their content unescaped, so
    /// `</style><script>…` in input would become markup.
    package func text(_ text: String, in parent: HTMLNode) throws {
        try checkOwned(parent)
        let name = String(cString: parent.pointer.pointee.name)
        guard !Self.rawTextElements.contains(name.lowercased()) else {
            throw XMLError(
                operation: "text", reason: "<\(name)> content is written unescaped; use addStyle for CSS")
        }
        try LibXML.capturingErrors { try Self.appendText(XMLText.sanitize(text), to: parent.pointer, in: doc) }
    }

    /// Sets attribute `name` of `node` to `value` (sanitised, escaped), replacing any earlier value.
    package func setAttribute(_ name: String, _ value: String, on node: HTMLNode) throws {
        try checkOwned(node)
        try LibXML.capturingErrors { try Self.setAttribute(name, value, on: node.pointer) }
    }

    /// Appends `<style>css</style>` to `<head>`, with `css` written verbatim.
    ///
    /// `<style>` is a raw-text element: browsers do not decode entities in it, and libxml2 does not
    /// escape it, so `a > b` selectors survive. `css` must be the tool's own text, never input;
    /// anything that would end the element early (`</style`, any case) is refused.
    package func addStyle(_ css: String) throws {
        guard !css.lowercased().contains("</style") else {
            throw XMLError(operation: "addStyle", reason: "CSS contains </style, which would end the element")
        }
        try LibXML.capturingErrors {
            let style = try Self.appendElement("style", to: headNode, in: doc)
            try Self.appendText(XMLText.sanitize(css), to: style, in: doc)
        }
    }

    /// The document as UTF-8 bytes, indented, starting with `<!DOCTYPE html>`.
    package func serialize() throws -> [UInt8] {
        try LibXML.capturingErrors {
            var memory: UnsafeMutablePointer<xmlChar>?
            var size: Int32 = 0
            htmlDocDumpMemoryFormat(doc, &memory, &size, 1)
            guard let memory else { throw XMLError.libxml("htmlDocDumpMemoryFormat") }
            defer { shipkpi_xmlFree(memory) }
            return Array(UnsafeBufferPointer(start: memory, count: Int(max(size, 0))))
        }
    }

    /// Writes ``serialize()``'s bytes to the file at `path` (created or truncated), streaming them
    /// rather than building them in memory first.
    ///
    /// The path is opened as a plain file name, not through libxml2's URI-decoding filename APIs
    /// (see ``LibXML/openForWriting(_:)``).
    package func write(to path: String) throws {
        try LibXML.capturingErrors {
            let fd = try LibXML.openForWriting(path)
            do {
                // No encoder: the tree's UTF-8 goes out as is, which is what the charset <meta> says.
                guard let output = xmlOutputBufferCreateFd(fd, nil) else {
                    throw XMLError.libxml("xmlOutputBufferCreateFd", path: path)
                }
                htmlDocContentDumpFormatOutput(output, doc, nil, 1)
                try LibXML.flushAndClose(output, operation: "htmlDocContentDumpFormatOutput", path: path)
            } catch {
                try? LibXML.closeWritten(fd, path: path)
                throw error
            }
            try LibXML.closeWritten(fd, path: path)
        }
    }

    /// Elements whose content libxml2's HTML serialiser writes without escaping.
    private static let rawTextElements: Set<String> = ["script", "style"]

    /// Refuses a node of another document: adding to it would move nodes between trees that free
    /// them separately.
    private func checkOwned(_ node: HTMLNode) throws {
        guard node.document === self else {
            throw XMLError(operation: "HTMLDocument", reason: "the node belongs to another document")
        }
    }

    private static func appendElement(_ name: String, to parent: xmlNodePtr, in doc: xmlDocPtr) throws -> xmlNodePtr {
        // `xmlNewDocNode` with nil content: passing content would parse it for entities.
        guard let node = xmlNewDocNode(doc, nil, name, nil) else { throw XMLError.libxml("xmlNewDocNode") }
        guard xmlAddChild(parent, node) != nil else {
            xmlFreeNode(node)
            throw XMLError.libxml("xmlAddChild")
        }
        return node
    }

    /// Appends already-sanitised `text`; `xmlNewDocText` stores it as is (no entity parsing).
    private static func appendText(_ text: String, to parent: xmlNodePtr, in doc: xmlDocPtr) throws {
        guard let node = xmlNewDocText(doc, text) else { throw XMLError.libxml("xmlNewDocText") }
        // May merge `node` into a preceding text node and free it; only a nil return leaves it ours.
        guard xmlAddChild(parent, node) != nil else {
            xmlFreeNode(node)
            throw XMLError.libxml("xmlAddChild")
        }
    }

    private static func setAttribute(_ name: String, _ value: String, on node: xmlNodePtr) throws {
        // `xmlSetProp` stores the value as a text node (no entity parsing) and replaces an old one.
        guard xmlSetProp(node, name, XMLText.sanitize(value)) != nil else { throw XMLError.libxml("xmlSetProp") }
    }
}
