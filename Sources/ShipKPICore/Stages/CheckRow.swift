/// One row of `order_checks.csv`.
package struct CheckRow: Sendable, Codable, Equatable {
    package var carrier: Carrier
    package var orderCode: String
    package var finding: OrderFinding
    /// The finding's index among its order's findings (they come in rule order).
    package var index: Int

    package init(carrier: Carrier, orderCode: String, finding: OrderFinding, index: Int) {
        self.carrier = carrier
        self.orderCode = orderCode
        self.finding = finding
        self.index = index
    }

    /// Report order: carrier, order code (byte order), then the finding's index.
    package static func precedes(_ a: CheckRow, _ b: CheckRow) -> Bool {
        if a.carrier != b.carrier { return a.carrier < b.carrier }
        if a.orderCode != b.orderCode { return a.orderCode.utf8.lexicographicallyPrecedes(b.orderCode.utf8) }
        return a.index < b.index
    }
}
