/// One field of one node: the handle for reading its value from a ``JSONFrame`` of that node.
@usableFromInline package struct JSONField: Hashable, Sendable {
    @usableFromInline package let node: JSONNode
    /// The field's position among its node's fields (the order they were added).
    @usableFromInline package let slot: Int
    package let kind: JSONFieldKind
    /// The kind's code (the C extractor's SJ_FIELD_*), so that reads test one byte.
    @usableFromInline let code: UInt8

    init(node: JSONNode, slot: Int, kind: JSONFieldKind) {
        self.node = node
        self.slot = slot
        self.kind = kind
        code = kind.code
    }
}

/// The C extractor's SJ_FIELD_* codes of the field kinds (JSONExtractor checks them against the
/// header).
@usableFromInline enum JSONFieldCode {
    @inlinable static var scalar: UInt8 { 0 }
    @inlinable static var attachment: UInt8 { 1 }
    @inlinable static var object: UInt8 { 2 }
    @inlinable static var objects: UInt8 { 3 }
}
