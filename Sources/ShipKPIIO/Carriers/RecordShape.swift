/// One way a document (or an envelope's payload) is a carrier's record, recognised by its
/// top-level fields. Every carrier's shapes are tried in ``priority`` order (lowest first, across
/// carriers); the first that matches decides what the document is.
package struct RecordShape: Sendable, Equatable {
    package enum Test: Sendable, Equatable {
        /// The field is present, whatever its value (even null).
        case has(String)
        /// Every field is present and not missing (missing: null or an empty string).
        case filled([String])
    }

    package var test: Test
    /// The standard carriers use 20–90 in steps of 10; a new carrier picks free numbers.
    package var priority: Int

    package init(_ test: Test, priority: Int) {
        self.test = test
        self.priority = priority
    }

    /// The top-level fields the test reads.
    package var fieldNames: [String] {
        switch test {
        case .has(let name): [name]
        case .filled(let names): names
        }
    }
}
