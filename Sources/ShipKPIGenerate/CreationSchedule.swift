/// When orders are created: a per-day volume (weekday pattern, a slight upward trend, the
/// Vietnamese "double day" sales such as 3/3) spread evenly over the shop's working hours, so
/// creation instants increase with the order index.
struct CreationSchedule {
    let carrier: GenCarrier
    let firstDay: Int64
    /// Index of the first order of each day; `starts.count == days + 1`.
    let starts: [Int]
    let seed: UInt64

    static let openMs: Int64 = 7 * GenSpan.hour
    static let spanMs: Int64 = 14 * GenSpan.hour + 30 * GenSpan.minute

    init(carrier: GenCarrier, orders: Int, firstDay: Int64, days: Int, seed: UInt64) {
        self.carrier = carrier
        self.firstDay = firstDay
        self.seed = seed
        let weekdayWeight = [60, 115, 105, 100, 100, 105, 85]  // Sunday … Saturday
        var weights: [Int] = []
        for d in 0 ..< days {
            let day = firstDay + Int64(d)
            var w = weekdayWeight[GenCarrier.weekday(day)] * (100 + 30 * d / max(1, days))
            let civil = GenCivilTime(day * GenSpan.day, offsetSeconds: 0)
            if carrier == .express247 && civil.day == civil.month { w *= 2 }
            weights.append(w)
        }
        let total = weights.reduce(0, +)
        var starts: [Int] = [0]
        var cumulative = 0
        for w in weights {
            cumulative += w
            starts.append(Int((Int64(orders) * Int64(cumulative)) / Int64(total)))
        }
        self.starts = starts
    }

    var count: Int { starts[starts.count - 1] }

    /// The creation instant of order `index` (increasing with `index`).
    func created(_ index: Int) -> Int64 {
        var lo = 0, hi = starts.count - 2
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        let n = Int64(starts[lo + 1] - starts[lo])
        let j = Int64(index - starts[lo])
        let slot = Self.spanMs / max(1, n)
        var r = GeneratorRandom(seed, .creation, UInt64(carrier.rawValue), UInt64(index))
        let jitter = slot > 1 ? Int64(r.below(Int(slot))) : 0
        return carrier.at(firstDay + Int64(lo), msOfDay: Self.openMs + Self.spanMs * j / max(1, n) + jitter)
    }
}
