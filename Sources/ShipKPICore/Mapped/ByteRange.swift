/// A byte range inside a batch's arena.
package struct ByteRange: Sendable, Equatable {
    package var offset: UInt32
    package var count: UInt32

    package static let empty = ByteRange(offset: 0, count: 0)

    package init(offset: UInt32, count: UInt32) {
        self.offset = offset
        self.count = count
    }

    package var isEmpty: Bool { count == 0 }
}
