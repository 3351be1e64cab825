/// One parsed CSV record.
package struct CSVRecord: Sendable, Hashable {
    /// The fields, unquoted and unescaped, as valid UTF-8 text (no trimming).
    package var fields: [String]
    /// The 1-based line on which the record starts (CR, LF and CRLF each end a line, also inside
    /// quoted fields, so this matches what a text editor shows).
    package var line: Int
    /// The byte offset of the record's first byte in the input (a BOM counts: the first record
    /// after one starts at offset 3).
    package var byteOffset: Int

    package init(fields: [String], line: Int, byteOffset: Int) {
        self.fields = fields
        self.line = line
        self.byteOffset = byteOffset
    }

    /// The field at `index`, or `nil` when the record is shorter.
    package func field(_ index: Int) -> String? {
        fields.indices.contains(index) ? fields[index] : nil
    }
}
