/// What a field captures; see ``JSONSchema``.
package enum JSONFieldKind: Hashable, Sendable {
    case scalar
    case attachment
    /// An object value is walked with this node.
    case object(JSONNode)
    /// The object elements of an array value are walked with this node.
    case objects(JSONNode)
}

extension JSONFieldKind {
    var code: UInt8 {
        switch self {
        case .scalar: JSONFieldCode.scalar
        case .attachment: JSONFieldCode.attachment
        case .object: JSONFieldCode.object
        case .objects: JSONFieldCode.objects
        }
    }

    /// The node walking this field's object(s), for `.object` and `.objects`.
    package var childNode: JSONNode? {
        switch self {
        case .object(let node), .objects(let node): node
        case .scalar, .attachment: nil
        }
    }
}
