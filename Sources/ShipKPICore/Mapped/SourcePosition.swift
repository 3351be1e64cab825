/// Where a rejected line or row came from, as written in rejects.ndjson: the input's index, the
/// 1-based line (or `.json` element index, or CSV record) and the byte offset of the line.
package struct SourcePosition: Sendable, Equatable {
    package var file: Int32
    package var line: Int64
    package var byteOffset: Int64

    package init(file: Int32, line: Int64, byteOffset: Int64) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
    }
}
