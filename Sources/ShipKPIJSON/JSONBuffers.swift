/// Byte layout of the C extractor's `sj_frame` and `sj_value`, read through raw pointers so that
/// every read inlines into the caller's module (no C type can appear in inlinable code).
/// `JSONExtractor.init` checks these against the imported C structs.
@usableFromInline enum JSONLayout {
    @inlinable static var frameStride: Int { 20 }
    @inlinable static var frameNode: Int { 0 }
    @inlinable static var frameValues: Int { 4 }
    @inlinable static var frameNext: Int { 8 }
    @inlinable static var frameParent: Int { 12 }
    @inlinable static var frameFlags: Int { 16 }
    @inlinable static var valueStride: Int { 12 }
    @inlinable static var valueOff: Int { 0 }
    @inlinable static var valueLen: Int { 4 }
    @inlinable static var valueType: Int { 8 }
    /// SJ_NONE.
    @inlinable static var none: UInt32 { .max }
    /// SJ_FRAME_DUPLICATE_KEY, SJ_FRAME_NOT_OBJECT.
    @inlinable static var duplicateKey: UInt8 { 1 }
    @inlinable static var notObject: UInt8 { 2 }
}

/// Where one extraction's frames, values and bytes are (the C parser's buffers).
@usableFromInline struct JSONBuffers {
    @usableFromInline let frames: UnsafeRawPointer
    /// nil when no frame has a value (every node walked has no fields).
    @usableFromInline let values: UnsafeRawPointer?
    @usableFromInline let arena: UnsafeRawPointer

    @inlinable init(frames: UnsafeRawPointer, values: UnsafeRawPointer?, arena: UnsafeRawPointer) {
        self.frames = frames
        self.values = values
        self.arena = arena
    }

    @inlinable @inline(__always)
    func frame(_ index: UInt32) -> JSONFrame { JSONFrame(self, index) }
}
