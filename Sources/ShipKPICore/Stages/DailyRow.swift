/// One row of `daily.csv`.
@dynamicMemberLookup
package struct DailyRow: Sendable {
    package var carrier: Carrier
    package var day: Int32
    package var counts: DailyCounts

    package subscript<T>(dynamicMember keyPath: KeyPath<DailyCounts, T>) -> T { counts[keyPath: keyPath] }
}
