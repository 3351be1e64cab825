/// The first `limit` elements of a set in a fixed total order, mergeable: the first `limit` of a
/// union are among the first `limit` of each part. The report's capped lists (orders that need
/// action, COD rows to review, order-check findings) are built this way, so folds over any
/// partition of the orders give the same list, and the merge holds `limit` rows, not all of them.
package struct BoundedList<Element: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    package private(set) var elements: [Element] = []
    /// How many elements were offered in all (the list shows the first `limit`).
    package private(set) var total: Int64 = 0
    package var limit: Int

    package init(limit: Int) { self.limit = limit }

    /// Offers one element; `precedes` is the list's order (a strict total order).
    package mutating func offer(_ element: Element, by precedes: (Element, Element) -> Bool) {
        total += 1
        if elements.count >= limit, let last = elements.last, !precedes(element, last) { return }
        let at = elements.partitioningIndex { precedes(element, $0) }
        elements.insert(element, at: at)
        if elements.count > limit { elements.removeLast() }
    }

    package mutating func merge(_ other: BoundedList, by precedes: (Element, Element) -> Bool) {
        let total = self.total + other.total
        for element in other.elements { offer(element, by: precedes) }
        self.total = total
    }
}

extension Array {
    /// The first index whose element satisfies `belongsAfter` (which must be false, then true).
    package func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
