/// A source of lead times in group order: a fold's table in memory, or one read back from a
/// fold's output file, value by value. ``nextGroup()`` moves to the next group (ascending
/// ``SummaryGroup`` order) and gives its size; ``nextValue()`` then gives its values in ascending
/// order (unread values of a group are skipped by the next ``nextGroup()``).
package protocol LeadTimeStream {
    mutating func nextGroup() throws -> (group: SummaryGroup, count: Int)?
    mutating func nextValue() throws -> Int64
}

/// A table in memory as a stream.
package struct LeadTimeTableStream: LeadTimeStream {
    private var groups: [(group: SummaryGroup, values: [Int64])]
    private var g = -1
    private var v = 0

    package init(_ table: LeadTimeTable) { groups = table.sortedGroups }

    package mutating func nextGroup() -> (group: SummaryGroup, count: Int)? {
        g += 1
        v = 0
        guard g < groups.count else { return nil }
        return (groups[g].group, groups[g].values.count)
    }

    package mutating func nextValue() -> Int64 {
        defer { v += 1 }
        return groups[g].values[v]
    }
}
