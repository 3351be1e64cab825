/// JSON type of a captured value.
@usableFromInline package enum JSONValueType: UInt8, Sendable {
    /// The object had no key for the field.
    case absent = 0
    case null = 1
    case string = 2
    case number = 3
    case bool = 4
    case object = 5
    case array = 6
}
