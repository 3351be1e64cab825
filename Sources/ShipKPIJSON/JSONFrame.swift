/// One object of a document walked with a schema node (or a non-object element of an
/// ``JSONFieldKind/objects(_:)`` array): a view of the extractor's buffers, valid until the
/// extractor's next `extract`.
///
/// Reads take a ``JSONField`` of the frame's node (of the extractor's schema). Passing a field of
/// another node is a programming error: unchecked in release builds, where the read may fall
/// outside the extractor's buffers, and an assertion failure in debug builds. A non-object frame
/// reads every field as absent.
///
/// Every read is `@inlinable` over raw pointers (no C type can appear in inlinable code): a few
/// loads and compares in the caller, no call, no allocation, no reference counting.
@usableFromInline package struct JSONFrame {
    @usableFromInline let buffers: JSONBuffers
    /// This frame's first value; nil for a non-object frame.
    @usableFromInline let slots: UnsafeRawPointer?
    @usableFromInline let index: UInt32

    @inlinable @inline(__always)
    init(_ buffers: JSONBuffers, _ index: UInt32) {
        self.buffers = buffers
        self.index = index
        let first = buffers.frames.load(fromByteOffset: Int(index) * JSONLayout.frameStride + JSONLayout.frameValues, as: UInt32.self)
        slots = first == JSONLayout.none ? nil : buffers.values.map { $0 + Int(first) * JSONLayout.valueStride }
    }

    @inlinable @inline(__always)
    func header<T>(_ offset: Int, as: T.Type) -> T {
        buffers.frames.load(fromByteOffset: Int(index) * JSONLayout.frameStride + offset, as: T.self)
    }

    /// False for an element of an ``JSONFieldKind/objects(_:)`` array that is not an object.
    @inlinable package var isObject: Bool {
        @inline(__always) get { header(JSONLayout.frameFlags, as: UInt8.self) & JSONLayout.notObject == 0 }
    }

    /// True when a key of one field (or two aliases of it) appeared more than once in this object;
    /// the first value was kept.
    @inlinable package var hasDuplicateKey: Bool {
        @inline(__always) get { header(JSONLayout.frameFlags, as: UInt8.self) & JSONLayout.duplicateKey != 0 }
    }

    /// The node this object was walked with; nil for a non-object element.
    @inlinable package var node: JSONNode? {
        @inline(__always) get {
            let n = header(JSONLayout.frameNode, as: UInt32.self)
            return n == JSONLayout.none ? nil : JSONNode(index: Int32(bitPattern: n))
        }
    }

    /// The frame holding the field this frame came from; nil for the root object.
    @inlinable package var parent: JSONFrame? {
        @inline(__always) get {
            let p = header(JSONLayout.frameParent, as: UInt32.self)
            return p == JSONLayout.none ? nil : buffers.frame(p)
        }
    }

    /// The frame's number in its extraction: document order, the root object is 0.
    @inlinable package var number: Int { @inline(__always) get { Int(index) } }

    @inlinable @inline(__always)
    func value(_ f: JSONField) -> UnsafeRawPointer? {
        assert(slots == nil || node == f.node, "\(f) read from a frame of \(String(describing: node))")
        return slots.map { $0 + f.slot * JSONLayout.valueStride }
    }

    @inlinable @inline(__always)
    func rawType(_ v: UnsafeRawPointer) -> UInt8 { v.load(fromByteOffset: JSONLayout.valueType, as: UInt8.self) }

    @inlinable @inline(__always)
    func off(_ v: UnsafeRawPointer) -> UInt32 { v.load(fromByteOffset: JSONLayout.valueOff, as: UInt32.self) }

    @inlinable @inline(__always)
    func len(_ v: UnsafeRawPointer) -> UInt32 { v.load(fromByteOffset: JSONLayout.valueLen, as: UInt32.self) }

    /// The JSON type of field `f` (``JSONValueType/absent`` when the object had no such key).
    @inlinable @inline(__always)
    package func type(_ f: JSONField) -> JSONValueType {
        guard let v = value(f) else { return .absent }
        return JSONValueType(rawValue: rawType(v)) ?? .absent
    }

    /// The captured bytes of a scalar field: a string's content (unescaped, trimmed), a number's
    /// JSON token, or `true`/`false`; empty for anything else (absent, null, containers, and every
    /// value of an attachment, object or objects field).
    @inlinable @inline(__always)
    package func bytes(_ f: JSONField) -> UnsafeRawBufferPointer {
        guard f.code == JSONFieldCode.scalar, let v = value(f) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let t = rawType(v)
        guard t == JSONValueType.string.rawValue || t == JSONValueType.number.rawValue || t == JSONValueType.bool.rawValue else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: buffers.arena + Int(off(v)), count: Int(len(v)))
    }

    /// A scalar field's text when it is a string or a number and not empty (after trimming): the
    /// loose typing carriers use (SPEC §1). nil otherwise.
    @inlinable @inline(__always)
    package func text(_ f: JSONField) -> UnsafeRawBufferPointer? {
        guard f.code == JSONFieldCode.scalar, let v = value(f) else { return nil }
        let t = rawType(v)
        guard t == JSONValueType.string.rawValue || t == JSONValueType.number.rawValue else { return nil }
        let n = len(v)
        return n == 0 ? nil : UnsafeRawBufferPointer(start: buffers.arena + Int(off(v)), count: Int(n))
    }

    /// True when field `f` is absent, null, or an empty string (after trimming whitespace; for an
    /// attachment, leading whitespace).
    @inlinable @inline(__always)
    package func isMissing(_ f: JSONField) -> Bool {
        guard let v = value(f) else { return true }
        let t = rawType(v)
        return t == JSONValueType.absent.rawValue || t == JSONValueType.null.rawValue || (t == JSONValueType.string.rawValue && len(v) == 0)
    }

    /// For an attachment field: true when it holds a string with something other than leading
    /// whitespace, or a non-empty array or object. (For a scalar field: a non-empty string.)
    @inlinable @inline(__always)
    package func hasContent(_ f: JSONField) -> Bool {
        guard let v = value(f) else { return false }
        let t = rawType(v)
        return (t == JSONValueType.string.rawValue || t == JSONValueType.array.rawValue || t == JSONValueType.object.rawValue) && len(v) > 0
    }

    /// For an ``JSONFieldKind/object(_:)`` field holding an object: its frame. nil otherwise.
    @inlinable @inline(__always)
    package func child(_ f: JSONField) -> JSONFrame? {
        guard f.code == JSONFieldCode.object, let v = value(f), rawType(v) == JSONValueType.object.rawValue else { return nil }
        return buffers.frame(off(v))
    }

    /// For an ``JSONFieldKind/objects(_:)`` field holding an array: a frame per element, in order
    /// (non-object elements have `isObject == false`). Empty otherwise.
    @inlinable @inline(__always)
    package func elements(_ f: JSONField) -> JSONElements {
        guard f.code == JSONFieldCode.objects, let v = value(f), rawType(v) == JSONValueType.array.rawValue else {
            return JSONElements(buffers, first: JSONLayout.none, count: 0)
        }
        return JSONElements(buffers, first: off(v), count: Int(len(v)))
    }
}
