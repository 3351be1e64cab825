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
