import Foundation
import ShipKPICore

/// The layout of a remittance statement: its column names, the separators its amounts use
/// (`--remittance-columns`, the config file's `[remittance]` section) and their currency.
package struct RemittanceColumns: Sendable, Equatable {
    package var orderCode = "OrderCode"
    package var amount = "Amount"
    package var remittedAt = "RemittedAt"
    package var fee = "Fee"
    package var reference = "Reference"
    /// The declared decimal separator of `Amount` and `Fee`; nil when not declared.
    package var decimal: AmountSeparator?
    /// The declared thousands separator of `Amount` and `Fee`; nil when not declared.
    package var thousands: AmountSeparator?
    /// The ISO 4217 currency of the amounts: the remittance carrier's (247Express's VND unless
    /// configured otherwise).
    package var currency = "VND"

    package init() {}

    /// The declared separators (``AmountLayout/declared(decimal:thousands:)``), nil when none is declared.
    package var layout: AmountLayout? { AmountLayout.declared(decimal: decimal, thousands: thousands) }
}
