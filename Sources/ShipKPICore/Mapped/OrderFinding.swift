/// A finding of the 247Express order checks: the carrier's error code where it has one.
package struct OrderFinding: Sendable, Equatable, Codable {
    package var code: String
    package var field: String
    package var message: String

    package init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}
