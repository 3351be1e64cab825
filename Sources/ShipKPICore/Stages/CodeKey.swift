/// A carrier's raw code: the key of reasons and of unmapped status codes.
package struct CodeKey: Hashable, Sendable, Comparable, Codable {
    package var carrier: Carrier
    package var code: String

    package init(carrier: Carrier, code: String) {
        self.carrier = carrier
        self.code = code
    }

    package static func < (a: CodeKey, b: CodeKey) -> Bool {
        a.carrier != b.carrier ? a.carrier < b.carrier : a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
    }
}
