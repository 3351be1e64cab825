/// A dictionary that a stage file holds, written in key order.
///
/// Swift encodes a dictionary whose keys are neither strings nor integers (a ``Carrier``, a
/// ``SummaryGroup``, a ``DayKey``, a ``CodeKey``, a ``RejectReason``…) as one array of key, value,
/// key, value… in the dictionary's iteration order, and that order follows the hash seed, which
/// is new in every process: the same values gave different bytes in two runs of the same binary.
/// A property wrapped in this is written in the same shape with its keys in ascending order, so a
/// retried stage task writes the same bytes; it is read back as Swift reads such a dictionary.
@propertyWrapper
package struct SortedByKey<Key: Hashable & Comparable & Codable, Value: Codable>: Codable {
    package var wrappedValue: [Key: Value]

    package init(wrappedValue: [Key: Value]) { self.wrappedValue = wrappedValue }

    package init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var entries: [Key: Value] = [:]
        while !container.isAtEnd {
            let key = try container.decode(Key.self)
            guard !container.isAtEnd else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "a key without a value") }
            entries[key] = try container.decode(Value.self)
        }
        wrappedValue = entries
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for key in wrappedValue.keys.sorted() {
            try container.encode(key)
            try container.encode(wrappedValue[key]!)
        }
    }
}

extension SortedByKey: Equatable where Value: Equatable {}
extension SortedByKey: Sendable where Key: Sendable, Value: Sendable {}
