/// A schema was built wrongly (a programming error in a profile, reported rather than trapped).
package enum JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownNode(JSONNode)
    case noNames(JSONNode)
    case tooManyFields(JSONNode)
    case nameTaken(String, JSONNode)

    package var description: String {
        switch self {
        case .unknownNode(let node): "\(node) is not in this schema"
        case .noNames(let node): "a field of \(node) has no name"
        case .tooManyFields(let node): "\(node) already has \(JSONSchema.maxFieldsPerNode) fields"
        case .nameTaken(let name, let node): "\(node) already has a field named \"\(name)\""
        }
    }
}
