/// A record the reader could not parse; the reader has already moved past it.
package struct CSVReadError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Reason: String, Sendable, Hashable {
        /// `ab"c`: a quote inside a field that did not start with one.
        case quoteInUnquotedField = "quote_in_unquoted_field"
        /// `"ab"c`: anything but `,` or a line end after a closing quote.
        case textAfterClosingQuote = "text_after_closing_quote"
        /// A quoted field still open at the end of the input.
        case unterminatedQuotedField = "unterminated_quoted_field"
        /// A field that is not valid UTF-8 (never repaired).
        case invalidUTF8 = "invalid_utf8"
    }

    package var reason: Reason
    /// The 1-based line on which the bad record starts.
    package var line: Int
    /// The byte offset at which the bad record starts.
    package var byteOffset: Int

    package init(reason: Reason, line: Int, byteOffset: Int) {
        self.reason = reason
        self.line = line
        self.byteOffset = byteOffset
    }

    package var description: String {
        "line \(line) (byte \(byteOffset)): \(reason.rawValue)"
    }
}
