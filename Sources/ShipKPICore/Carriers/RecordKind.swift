/// A kind of record, by its position in ``Carriers/recordKinds``.
package struct RecordKind: Hashable, Sendable {
    package let index: Int

    package init(index: Int) { self.index = index }
}
