/// A rejected line, element or remittance row. `detail` never contains input values.
package struct Reject: Sendable, Equatable {
    package var source: SourcePosition
    package var reason: RejectReason
    package var detail: String
    /// The line's text, redacted and cut to 1 KiB — only kept with `--include-pii`.
    package var text: [UInt8]?

    package init(source: SourcePosition, reason: RejectReason, detail: String, text: [UInt8]? = nil) {
        self.source = source
        self.reason = reason
        self.detail = detail
        self.text = text
    }
}
