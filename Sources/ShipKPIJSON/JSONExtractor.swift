internal import CShipJSON

/// Validates JSON documents and captures a ``JSONSchema``'s fields from them, over simdjson.
///
/// The only owner of the C extractor (`sj_extract.h`): every C pointer is made and freed here and
/// no C type leaves this module. Every document is validated completely — strings and escapes,
/// surrogate pairs, numbers against the JSON grammar, literals, nesting up to `maxDepth` — and a
/// document that is not valid JSON comes back as a ``JSONFailure`` whose detail and offset are
/// static, value-free text fit for reject files.
///
/// One extractor per thread: it is a mutable parser (not `Sendable`), and what ``extract(_:)``
/// returns points into its buffers until the next call. Memory: buffers grow to the largest
/// document seen, but after a document of more than 1 MiB the ones it made large are released
/// (simdjson's at once, the extractor's output buffers at the next call), so a worker does not
/// keep memory sized for the largest proof-of-delivery line it has met.
package final class JSONExtractor {
    /// Bytes that must be readable (any value) after every document given to ``extract(_:)``.
    package static let padding = Int(SJ_PADDING)

    private let parser: OpaquePointer

    /// An extractor capturing `schema`'s fields from documents nested at most `maxDepth`
    /// containers deep (values below 2 count as 2).
    ///
    /// `domFastPath: false` sends every document through the exact On-Demand walk instead of
    /// simdjson's DOM first; both decide and capture every document alike (tests and the fuzzer
    /// check that with this switch).
    ///
    /// - Throws: ``JSONExtractorError`` when the C schema or parser cannot be allocated.
    package init(schema: JSONSchema, maxDepth: UInt32, domFastPath: Bool = true) throws(JSONExtractorError) {
        Self.checkLayout()
        guard let cSchema = sj_schema_create() else { throw .outOfMemory }
        defer { sj_schema_destroy(cSchema) }
        try Self.build(schema, into: cSchema)
        // The parser copies the schema, so the C schema is freed right here (defer).
        guard let p = sj_parser_create(cSchema, maxDepth) else { throw .outOfMemory }
        parser = p
        if !domFastPath { sj_parser_set_dom(p, 0) }
    }

    deinit { sj_parser_destroy(parser) }

    /// Validates `document` and captures the schema's fields from it.
    ///
    /// `document` must be followed by ``padding`` readable bytes. The result (frames and their
    /// bytes) is valid until the next call on this extractor. Allocates nothing in Swift (but a
    /// failure's detail string), and ``JSONFrame`` reads inline into the caller.
    package func extract(_ document: UnsafeRawBufferPointer) -> JSONExtraction {
        let rc = sj_parse(parser, document.baseAddress?.assumingMemoryBound(to: UInt8.self), document.count)
        guard rc == SJ_OK else { return .failure(failure(rc)) }
        switch Int(sj_root_type(parser)) {
        case Int(SJ_T_OBJECT):
            guard sj_frame_count(parser) > 0, let frames = sj_frames(parser), let arena = sj_arena(parser) else {
                return .failure(JSONFailure(kind: .invalidJSON, detail: "internal error: no root frame", offset: nil))
            }
            let buffers = JSONBuffers(
                frames: UnsafeRawPointer(frames), values: sj_values(parser).map { UnsafeRawPointer($0) },
                arena: UnsafeRawPointer(arena))
            return .object(buffers.frame(0))
        case Int(SJ_T_ARRAY):
            return .array
        default:
            return .scalar
        }
    }

    private func failure(_ rc: Int32) -> JSONFailure {
        let kind: JSONFailure.Kind
        switch Int(rc) {
        case Int(SJ_R_INVALID_UTF8): kind = .invalidUTF8
        case Int(SJ_R_TOO_DEEP): kind = .tooDeep
        default: kind = .invalidJSON
        }
        let at = sj_error_offset(parser)
        return JSONFailure(kind: kind, detail: String(cString: sj_error_detail(parser)), offset: at >= 0 ? Int(at) : nil)
    }

    /// Declares `schema` to the C side; the C ids are the Swift ones (nodes and slots are numbered
    /// in the same order on both sides).
    private static func build(_ schema: JSONSchema, into schemaHandle: OpaquePointer) throws(JSONExtractorError) {
        for _ in 1 ..< schema.nodeCount {
            guard sj_schema_add_node(schemaHandle) >= 0 else { throw .schemaRejected("node") }
        }
        for (n, fields) in schema.nodes.enumerated() {
            for (slot, field) in fields.enumerated() {
                let child = field.kind.childNode.map { Int32($0.index) } ?? -1
                guard sj_schema_add_field(schemaHandle, Int32(n), field.kind.code, child) == Int32(slot) else {
                    throw .schemaRejected("field \(slot) of node \(n)")
                }
                for name in field.names {
                    let rc = name.withUnsafeBufferPointer { sj_schema_add_name(schemaHandle, Int32(n), Int32(slot), $0.baseAddress, $0.count) }
                    guard rc == 0 else { throw .schemaRejected("a name of field \(slot) of node \(n)") }
                }
            }
        }
    }

    /// The raw-pointer reads of JSONFrame assume the C layout and codes; a mismatch is a build
    /// error in spirit, caught here once per extractor.
    private static func checkLayout() {
        precondition(
            MemoryLayout<sj_frame>.stride == JSONLayout.frameStride
                && MemoryLayout<sj_frame>.offset(of: \.node) == JSONLayout.frameNode
                && MemoryLayout<sj_frame>.offset(of: \.values) == JSONLayout.frameValues
                && MemoryLayout<sj_frame>.offset(of: \.next) == JSONLayout.frameNext
                && MemoryLayout<sj_frame>.offset(of: \.parent) == JSONLayout.frameParent
                && MemoryLayout<sj_frame>.offset(of: \.flags) == JSONLayout.frameFlags
                && MemoryLayout<sj_value>.stride == JSONLayout.valueStride
                && MemoryLayout<sj_value>.offset(of: \.off) == JSONLayout.valueOff
                && MemoryLayout<sj_value>.offset(of: \.len) == JSONLayout.valueLen
                && MemoryLayout<sj_value>.offset(of: \.type) == JSONLayout.valueType
                && SJ_NONE == JSONLayout.none
                && Int(SJ_FRAME_DUPLICATE_KEY) == Int(JSONLayout.duplicateKey) && Int(SJ_FRAME_NOT_OBJECT) == Int(JSONLayout.notObject)
                && Int(SJ_FIELD_SCALAR) == Int(JSONFieldCode.scalar) && Int(SJ_FIELD_ATTACHMENT) == Int(JSONFieldCode.attachment)
                && Int(SJ_FIELD_OBJECT) == Int(JSONFieldCode.object) && Int(SJ_FIELD_OBJECTS) == Int(JSONFieldCode.objects)
                && Int(SJ_T_ARRAY) == Int(JSONValueType.array.rawValue) && Int(SJ_T_OBJECT) == Int(JSONValueType.object.rawValue)
                && Int(SJ_T_STRING) == Int(JSONValueType.string.rawValue) && Int(SJ_T_NUMBER) == Int(JSONValueType.number.rawValue)
                && Int(SJ_T_BOOL) == Int(JSONValueType.bool.rawValue) && Int(SJ_T_NULL) == Int(JSONValueType.null.rawValue),
            "ShipKPIJSON's layout constants do not match sj_extract.h")
    }
}
