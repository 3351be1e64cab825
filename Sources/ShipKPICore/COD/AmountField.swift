/// A numeric field of an order record as it arrived: missing, an exact decimal, or unusable.
package enum AmountField: Sendable, Equatable {
    case missing
    case value(ExactDecimal)
    /// Present but not a number (`1.500.000`, `abc`, `true`) or not representable exactly (`1e400`).
    case invalid(notExact: Bool)

    package var value: ExactDecimal? {
        if case .value(let v) = self { return v }
        return nil
    }

    package var isMissing: Bool { self == .missing }
}
