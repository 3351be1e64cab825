import ShipKPICore
import ShipKPIXML

/// The value forms of report.xml: counts, optional texts (an empty CSV cell is an absent
/// attribute) and amounts with their currency's minor-unit digits, as the CSV files write them.
extension XMLStreamWriter {
    /// Opens element `name`, lets `body` write its attributes and children, and closes it.
    func element(_ name: String, _ body: () throws -> Void) throws {
        try startElement(name)
        try body()
        try endElement()
    }

    /// Attribute `name` with a count.
    func attribute(_ name: String, _ value: Int64) throws {
        try attribute(name, String(value))
    }

    /// Attribute `name`, or nothing when `value` is nil.
    func attribute(_ name: String, _ value: String?) throws {
        if let value { try attribute(name, value) }
    }

    /// Attribute `name` with an amount in `currency` (never rounded), or nothing when it is nil.
    func amount(_ name: String, _ value: ExactDecimal?, currency: String) throws {
        if let value { try attribute(name, value.formatted(minFractionDigits: minorDigits(currency))) }
    }

    /// Attribute `name` with a total in `currency` (exact, never rounded).
    func amount(_ name: String, _ value: ExactSum, currency: String) throws {
        try attribute(name, value.formatted(minFractionDigits: minorDigits(currency)))
    }
}
