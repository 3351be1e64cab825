internal import CShipJSON

/// What ``JSONExtractor/extract(_:)`` found: valid JSON with an object, array or scalar root, or
/// why the document is not valid JSON.
package enum JSONExtraction {
    /// The root object's frame (its node is ``JSONSchema/root``).
    case object(JSONFrame)
    /// A valid document whose root is an array (validated, nothing captured).
    case array
    /// A valid document whose root is a string, number, boolean or null.
    case scalar
    case failure(JSONFailure)
}
