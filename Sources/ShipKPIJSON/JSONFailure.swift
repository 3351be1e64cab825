internal import CShipJSON

/// Why a document is not valid JSON.
package struct JSONFailure: Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// Malformed JSON (syntax, escapes, numbers, literals, trailing content, empty).
        case invalidJSON
        /// The bytes are not UTF-8.
        case invalidUTF8
        /// Nested deeper than the extractor's `maxDepth`.
        case tooDeep
    }

    package let kind: Kind
    /// A static, value-free description ("a string has an invalid escape sequence").
    package let detail: String
    /// The byte offset in the document where the problem was detected, when known.
    package let offset: Int?

    package init(kind: Kind, detail: String, offset: Int?) {
        self.kind = kind
        self.detail = detail
        self.offset = offset
    }

    package var description: String { detail + (offset.map { " (at byte \($0))" } ?? "") }
}
