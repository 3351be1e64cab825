/// Where a record sits in the run's input, as one global order: the input's index (inputs in
/// the order they are read: files as given, directories sorted by path; remittance statements
/// after the exports), the byte offset of its line or `.json` element in the (decompressed)
/// input, and its index among the records of that document (GetStatusLogs items, 0 for the first).
///
/// Everything "first" and "last" in the rules (the first occurrence of a duplicate is kept, the
/// last order record wins, ties go to the earlier record) is decided in this order, so it gives
/// the same answer whether one process reads everything or many processes read byte ranges.
package struct InputPosition: Sendable, Hashable, Comparable {
    package var input: Int32
    package var offset: Int64
    package var sub: UInt32

    package init(input: Int32, offset: Int64, sub: UInt32 = 0) {
        self.input = input
        self.offset = offset
        self.sub = sub
    }

    package static func < (a: InputPosition, b: InputPosition) -> Bool {
        if a.input != b.input { return a.input < b.input }
        if a.offset != b.offset { return a.offset < b.offset }
        return a.sub < b.sub
    }
}
