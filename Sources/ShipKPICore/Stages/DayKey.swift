/// The key of a daily row: carrier and local date (days since 1970-01-01).
package struct DayKey: Hashable, Sendable, Comparable, Codable {
    package var carrier: Carrier
    package var day: Int32

    package init(carrier: Carrier, day: Int32) {
        self.carrier = carrier
        self.day = day
    }

    package static func < (a: DayKey, b: DayKey) -> Bool { a.carrier != b.carrier ? a.carrier < b.carrier : a.day < b.day }
}
