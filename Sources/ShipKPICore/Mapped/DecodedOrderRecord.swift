/// An order record (a carrier's description of an order: COD amount, destination, service,
/// packages) after decoding and checking (the map stage's output for it).
package struct DecodedOrderRecord: Sendable, Equatable {
    package var carrier: Carrier
    /// The record's place in the run's input: the last record of an order wins.
    package var position: InputPosition
    package var line: Int64
    package var orderCode: ByteRange
    /// `CODAmount` when present and an exact, non-negative decimal; nil otherwise (see findings).
    package var cod: ExactDecimal?
    package var province: ByteRange
    package var service: ByteRange
    package var findings: [OrderFinding]

    package init(
        carrier: Carrier, position: InputPosition, line: Int64, orderCode: ByteRange, cod: ExactDecimal?,
        province: ByteRange, service: ByteRange, findings: [OrderFinding]
    ) {
        self.carrier = carrier
        self.position = position
        self.line = line
        self.orderCode = orderCode
        self.cod = cod
        self.province = province
        self.service = service
        self.findings = findings
    }
}
