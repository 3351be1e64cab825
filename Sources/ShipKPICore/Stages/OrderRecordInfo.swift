import Foundation

/// The winning (last in input order) order record of an order.
package struct OrderRecordInfo: Sendable {
    package var cod: ExactDecimal?
    package var province: Int32  // id in `OrderFold.groups`, -1 when missing
    package var service: Int32
    package var findings: [OrderFinding]
}
