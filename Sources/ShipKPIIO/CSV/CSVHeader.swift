/// A CSV header row, for finding columns by name.
package struct CSVHeader: Sendable, Hashable {
    /// The column names, trimmed of whitespace (and of any stray U+FEFF byte order mark).
    package let names: [String]

    package init(_ record: CSVRecord) {
        names = record.fields.map(Self.trimmed)
    }

    /// The index of the column called `name` (trimmed the same way): the first exact match, else
    /// the first case-insensitive match (`amount` finds `Amount`), else `nil`.
    package func index(of name: String) -> Int? {
        let wanted = Self.trimmed(name)
        if let exact = names.firstIndex(of: wanted) {
            return exact
        }
        let folded = wanted.lowercased()
        return names.firstIndex { $0.lowercased() == folded }
    }

    private static func trimmed(_ text: String) -> String {
        func isPadding(_ character: Character) -> Bool {
            character.isWhitespace || character == "\u{FEFF}"
        }
        guard let first = text.firstIndex(where: { !isPadding($0) }),
            let last = text.lastIndex(where: { !isPadding($0) })
        else { return "" }
        return String(text[first ... last])
    }
}
