/// An unmapped raw status code and how many accepted events carried it.
package struct UnknownCode: Sendable {
    package var carrier: Carrier
    package var code: String
    package var events: Int64
}
