import ShipKPICore
import ShipKPIJSON

extension JSONFrame {
    /// A numeric field: a JSON number or a numeric string, parsed exactly; missing when absent,
    /// null or an empty string; invalid for any other type.
    package func amount(_ field: JSONField) -> AmountField {
        switch type(field) {
        case .absent, .null: return .missing
        case .string where bytes(field).isEmpty: return .missing
        case .string, .number: return MoneyParsing.amountField(bytes(field))
        default: return .invalid(notExact: false)
        }
    }
}
