import Foundation
import ShipKPICore
import ShipKPIJSON

/// Turns JSON documents into normalised events, order records and rejects.
///
/// The JSON extractor validates each document completely and captures the fields every carrier
/// of the registry declared; this type then decides what the document is — an envelope (its
/// payload is decoded the same way), a document with a duplicated field (a reject), or the record
/// of the first carrier shape that matches, in priority order across carriers — and hands it to
/// that carrier's decoder. Anything else is an `unknown_shape` reject.
///
/// One decoder per worker thread: it owns the extractor and the carriers' decoders, so it is not
/// `Sendable`. Records are appended to an `EventBatch` in input order.
package final class RecordDecoder {
    private let extractor: JSONExtractor
    private let options: DecodeOptions
    private let schema: RecordSchema
    private let rules: RecordRules
    private let decoders: [any CarrierDecoder]
    /// Every carrier's shapes, in priority order.
    private let shapes: [Shape]

    /// A carrier's shape with its test resolved to fields (``testFields[first ..< first + count]``;
    /// flat, so that trying a shape retains nothing).
    private struct Shape {
        let carrier: Carrier
        /// The shape's number among its carrier's shapes.
        let number: Int
        /// `has` (the one field is present) or `filled` (every field present and not missing).
        let has: Bool
        let first: Int
        let count: Int
    }

    private let testFields: [JSONField]

    @inline(__always)
    private func matches(_ shape: Shape, frame: JSONFrame) -> Bool {
        if shape.has { return frame.type(testFields[shape.first]) != .absent }
        for i in shape.first ..< shape.first + shape.count where frame.isMissing(testFields[i]) { return false }
        return true
    }

    /// - Parameter domFastPath: false sends every document through the extractor's exact walk
    ///   (for checking that the fast path decides alike); default: the options'.
    package init(options: DecodeOptions, domFastPath: Bool? = nil) throws {
        self.options = options
        let schema = try RecordSchema(options.registry)
        self.schema = schema
        extractor = try JSONExtractor(schema: schema.json, maxDepth: options.maxDepth, domFastPath: domFastPath ?? options.domFastPath)
        rules = RecordRules(options: options, receivedAt: schema.receivedAt)
        var decoders: [any CarrierDecoder] = []
        var shapes: [(priority: Int, shape: Shape)] = []
        var testFields: [JSONField] = []
        for carrier in options.registry.all {
            let reading = options.registry[carrier].reading
            decoders.append(try reading.makeDecoder(CarrierDecoderSetup(carrier: carrier, schema: schema, options: options)))
            for (number, shape) in reading.shapes.enumerated() {
                let names = shape.fieldNames
                let has = if case .has = shape.test { true } else { false }
                shapes.append((shape.priority, Shape(carrier: carrier, number: number, has: has, first: testFields.count, count: names.count)))
                testFields += try names.map { try Self.topLevel($0, in: schema) }
            }
        }
        self.decoders = decoders
        self.testFields = testFields
        // Stable: equal priorities keep carrier order.
        self.shapes = shapes.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element.shape)
    }

    private static func topLevel(_ name: String, in schema: RecordSchema) throws -> JSONField {
        guard let field = schema.field([name]) else { throw ShipKPIError.internal("a shape tests \(name), which is not declared") }
        return field
    }

    /// Bytes that must be readable after every document given to ``decode(_:source:terminated:into:)``.
    package static let padding = JSONExtractor.padding

    /// Decodes one document. `document` must be followed by ``padding`` readable bytes.
    /// `terminated`: false for a last line without a newline (a cut export → `truncated`).
    package func decode(_ document: UnsafeRawBufferPointer, source: SourcePosition, terminated: Bool, into batch: inout EventBatch) {
        switch extractor.extract(document) {
        case .object(let root):
            decodeObject(root, envelope: nil, document: document, source: source, into: &batch)
        case .array:
            rules.reject(.unknownShape, detail: "the record is a JSON array, not an object", document: document, source: source, into: &batch)
        case .scalar:
            rules.reject(.unknownShape, detail: "the record is a JSON scalar, not an object", document: document, source: source, into: &batch)
        case .failure(let failure):
            var reason: RejectReason
            switch failure.kind {
            case .invalidUTF8: reason = .invalidUTF8
            case .tooDeep: reason = .tooDeep
            case .invalidJSON: reason = terminated ? .invalidJSON : .truncated
            }
            var detail = failure.detail
            if let at = failure.offset { detail += " (at byte \(at) of the record)" }
            if reason == .truncated { detail = "the last line ends without a newline and is incomplete: " + detail }
            rules.reject(reason, detail: detail, document: document, source: source, into: &batch)
        }
    }

    /// What an object is: an envelope, a document with a duplicated field, or the first carrier
    /// shape that matches it.
    private func decodeObject(
        _ frame: JSONFrame, envelope: JSONFrame?, document: UnsafeRawBufferPointer, source: SourcePosition,
        into batch: inout EventBatch
    ) {
        // An envelope's payload is read like a document (envelopes do not nest: inside one,
        // `payload` is an ordinary field).
        if envelope == nil, frame.type(schema.payload) != .absent {
            guard let payload = frame.child(schema.payload) else {
                return rules.reject(.unknownShape, detail: "envelope: payload is not an object", document: document, source: source, into: &batch)
            }
            return decodeObject(payload, envelope: frame, document: document, source: source, into: &batch)
        }
        if frame.hasDuplicateKey {
            return rules.reject(.duplicateKey, detail: "a field appears twice in one object", document: document, source: source, into: &batch)
        }
        for shape in shapes where matches(shape, frame: frame) {
            var context = RecordContext(carrier: shape.carrier, shared: rules, document: document, source: source, envelope: envelope)
            decoders[shape.carrier.index].decode(shape: shape.number, record: frame, context: &context, into: &batch)
            return
        }
        rules.reject(.unknownShape, detail: "not a known record shape", document: document, source: source, into: &batch)
    }
}
