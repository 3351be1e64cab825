/// An object node of a ``JSONSchema``.
@usableFromInline package struct JSONNode: Hashable, Sendable, CustomStringConvertible {
    /// The node's number in its schema (the root is 0).
    @usableFromInline package let index: Int32

    @usableFromInline init(index: Int32) { self.index = index }

    @usableFromInline package var description: String { "node \(index)" }
}
