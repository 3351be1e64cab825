/// What a ``JSONExtractor`` captures from JSON documents: object nodes and their fields.
///
/// A schema is a tree (or a graph: a field may walk its object with its own node or an ancestor)
/// of nodes. ``root`` walks the document's root object. Each field of a node has one or more key
/// names (aliases sharing one slot) and a kind:
///
/// - ``JSONFieldKind/scalar``: a string (unescaped, trimmed of ASCII whitespace), a number (its
///   raw JSON token), a boolean or null is captured; of an object or array only the type.
/// - ``JSONFieldKind/attachment``: a possibly huge value (a proof-of-delivery image) is validated
///   and its type and non-emptiness kept; its bytes are never copied.
/// - ``JSONFieldKind/object(_:)``: an object value is walked with the given node into a frame of
///   its own (``JSONFrame/child(_:)``).
/// - ``JSONFieldKind/objects(_:)``: every element of an array value gets a frame, an object
///   element walked with the given node (``JSONFrame/elements(_:)``).
///
/// Keys that no field names are validated and skipped. When a key of a field (or another alias of
/// it) appears twice in one object, the first value is kept and the frame is flagged
/// (``JSONFrame/hasDuplicateKey``).
///
/// Names are compared byte for byte (their UTF-8) with the document's unescaped keys, not by
/// Swift's `String` equality, which would equate differently normalised forms.
///
/// A value type: building one touches no C code; each ``JSONExtractor`` compiles its own copy.
package struct JSONSchema: Sendable {
    /// Most fields one node may have.
    package static let maxFieldsPerNode = 128

    /// The node that walks the document's root object.
    package static let root = JSONNode(index: 0)

    struct FieldSpec: Sendable {
        var names: [[UInt8]]
        var kind: JSONFieldKind
    }

    /// Fields of each node, in slot order.
    private(set) var nodes: [[FieldSpec]] = [[]]
    /// Slot of each name, per node.
    private var slots: [[[UInt8]: Int]] = [[:]]

    /// A schema with the root node and no fields.
    package init() {}

    /// The number of nodes, the root included.
    package var nodeCount: Int { nodes.count }

    /// Every node, in the order they were added (the root first): `allNodes[n].index == n`.
    package var allNodes: [JSONNode] { (0 ..< nodes.count).map { JSONNode(index: Int32($0)) } }

    /// Adds a node without fields.
    package mutating func addNode() -> JSONNode {
        nodes.append([])
        slots.append([:])
        return JSONNode(index: Int32(nodes.count - 1))
    }

    /// Adds a field to `node` under every name of `names` (aliases: one slot, and a second of them
    /// in one object is a duplicate key).
    ///
    /// - Throws: ``JSONSchemaError`` when `node` (or the kind's node) is not in this schema, when
    ///   `names` is empty, when `node` already has ``maxFieldsPerNode`` fields, or when one of
    ///   `names` already names a field of `node` (or appears twice in `names`). Nothing is added then.
    package mutating func addField(names: [String], in node: JSONNode, kind: JSONFieldKind) throws(JSONSchemaError) -> JSONField {
        guard contains(node) else { throw .unknownNode(node) }
        switch kind {
        case .object(let child), .objects(let child):
            guard contains(child) else { throw .unknownNode(child) }
        case .scalar, .attachment:
            break
        }
        guard !names.isEmpty else { throw .noNames(node) }
        let n = Int(node.index)
        guard nodes[n].count < Self.maxFieldsPerNode else { throw .tooManyFields(node) }
        let keys = names.map { Array($0.utf8) }
        var fresh = Set<[UInt8]>()
        for (name, key) in zip(names, keys) {
            guard slots[n][key] == nil, fresh.insert(key).inserted else { throw .nameTaken(name, node) }
        }
        let slot = nodes[n].count
        nodes[n].append(FieldSpec(names: keys, kind: kind))
        for key in keys { slots[n][key] = slot }
        return JSONField(node: node, slot: slot, kind: kind)
    }

    /// The field of `node` that `name` names, if any.
    package func field(named name: String, in node: JSONNode) -> JSONField? {
        guard contains(node), let slot = slots[Int(node.index)][Array(name.utf8)] else { return nil }
        return JSONField(node: node, slot: slot, kind: nodes[Int(node.index)][slot].kind)
    }

    /// The fields of `node`, in slot order (empty for a node not in this schema).
    package func fields(of node: JSONNode) -> [JSONField] {
        guard contains(node) else { return [] }
        return nodes[Int(node.index)].indices.map { JSONField(node: node, slot: $0, kind: nodes[Int(node.index)][$0].kind) }
    }

    private func contains(_ node: JSONNode) -> Bool { node.index >= 0 && Int(node.index) < nodes.count }
}
