internal import CShipJSON

/// A ``JSONExtractor`` could not be made.
package enum JSONExtractorError: Error, Sendable, Equatable, CustomStringConvertible {
    case outOfMemory
    /// The C side refused a schema the Swift side accepted (a bug in this module).
    case schemaRejected(String)

    package var description: String {
        switch self {
        case .outOfMemory: "cannot allocate the JSON extractor"
        case .schemaRejected(let what): "the JSON extractor refused the schema's \(what)"
        }
    }
}
