/// One (carrier, raw reason code) of `reasons.csv`, as counts that add up across folds, with the
/// label, category and party of its first accepted event in input order (kept with that event's
/// position, so merging keeps the earliest).
package struct ReasonCounts: Sendable, Equatable, Codable {
    package var events: Int64 = 0
    /// Distinct orders with an event of this reason (each order is in exactly one fold).
    package var orders: Int64 = 0
    package var label: String
    package var category: ReasonCategory
    package var party: Party
    package var firstSeen: InputPosition

    package init(label: String, category: ReasonCategory, party: Party, firstSeen: InputPosition) {
        self.label = label
        self.category = category
        self.party = party
        self.firstSeen = firstSeen
    }

    package mutating func merge(_ other: ReasonCounts) {
        events += other.events
        orders += other.orders
        if other.firstSeen < firstSeen {
            label = other.label
            category = other.category
            party = other.party
            firstSeen = other.firstSeen
        }
    }
}

extension InputPosition: Codable {
    package init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        self.init(input: try c.decode(Int32.self), offset: try c.decode(Int64.self), sub: try c.decode(UInt32.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(input)
        try c.encode(offset)
        try c.encode(sub)
    }
}
