/// The lead times (ms) of one fold's delivered orders with a pickup, per summary group, each list
/// sorted. Percentiles cannot be merged as numbers; the exact ⌈q·n⌉-th smallest lead time of a
/// group is found by walking the folds' sorted lists together (``LeadTimePercentiles``), which
/// needs one cursor per fold, never all lead times at once.
package struct LeadTimeTable: Sendable {
    package var values: [SummaryGroup: [Int64]] = [:]

    package init() {}

    /// Groups in report order, each with its sorted lead times.
    package var sortedGroups: [(group: SummaryGroup, values: [Int64])] {
        values.keys.sorted().map { ($0, values[$0]!) }
    }
}

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

/// Exact nearest-rank percentiles over the lead times of several folds.
package enum LeadTimePercentiles {
    /// The 50th and 90th percentile (⌈q·n⌉-th smallest, computed in integers) of every group,
    /// walking the streams together, group by group and value by value (a k-way merge that
    /// stops at the 90th percentile's rank). Memory: one cursor per stream.
    package static func compute(_ streams: [any LeadTimeStream]) throws -> [SummaryGroup: (p50: Int64, p90: Int64)] {
        var streams = streams
        var heads: [(group: SummaryGroup, count: Int)?] = try streams.indices.map { try streams[$0].nextGroup() }
        var out: [SummaryGroup: (p50: Int64, p90: Int64)] = [:]
        while let group = heads.compactMap({ $0?.group }).min() {
            // The streams holding this group, each with its next unread value and what is left.
            var members: [(stream: Int, value: Int64, left: Int)] = []
            for i in heads.indices where heads[i]?.group == group && heads[i]!.count > 0 {
                members.append((i, try streams[i].nextValue(), heads[i]!.count - 1))
            }
            let n = members.reduce(0) { $0 + $1.left + 1 }
            if n > 0 {
                let r50 = nearestRank(n, num: 1, den: 2), r90 = nearestRank(n, num: 9, den: 10)
                var seen = 0
                var p50: Int64 = 0
                while true {
                    var best = 0
                    for m in 1 ..< members.count where members[m].value < members[best].value { best = m }
                    let value = members[best].value
                    seen += 1
                    if seen == r50 { p50 = value }
                    if seen == r90 {
                        out[group] = (p50, value)
                        break
                    }
                    if members[best].left > 0 {
                        members[best].value = try streams[members[best].stream].nextValue()
                        members[best].left -= 1
                    } else {
                        members.remove(at: best)
                    }
                }
            }
            for i in heads.indices where heads[i]?.group == group { heads[i] = try streams[i].nextGroup() }
        }
        return out
    }

    /// ⌈num/den · n⌉, at least 1 (exact integer arithmetic).
    package static func nearestRank(_ n: Int, num: Int, den: Int) -> Int {
        max(1, min(n, (num * n + den - 1) / den))
    }
}
