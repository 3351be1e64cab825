/// The elements of an array field, as frames in document order.
@usableFromInline package struct JSONElements: Sequence {
    @usableFromInline let buffers: JSONBuffers
    @usableFromInline let first: UInt32
    /// The number of elements.
    @usableFromInline package let count: Int

    @inlinable init(_ buffers: JSONBuffers, first: UInt32, count: Int) {
        self.buffers = buffers
        self.first = first
        self.count = count
    }

    @inlinable package var isEmpty: Bool { count == 0 }
    @inlinable package var underestimatedCount: Int { count }

    @inlinable package func makeIterator() -> Iterator { Iterator(buffers, first) }

    @usableFromInline package struct Iterator: IteratorProtocol {
        @usableFromInline let buffers: JSONBuffers
        @usableFromInline var current: UInt32

        @inlinable init(_ buffers: JSONBuffers, _ first: UInt32) {
            self.buffers = buffers
            current = first
        }

        @inlinable @inline(__always)
        package mutating func next() -> JSONFrame? {
            guard current != JSONLayout.none else { return nil }
            let frame = buffers.frame(current)
            current = frame.header(JSONLayout.frameNext, as: UInt32.self)
            return frame
        }
    }
}
