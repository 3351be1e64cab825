/// A fold's orders with events, in (carrier, order code) order. Rows are computed from the
/// folded state when read, instead of holding a second, fully materialised copy of every order
/// (a quarter of a million rows per gigabyte of input).
package struct OrderRows: RandomAccessCollection, Sendable {
    private let fold: OrderFold
    /// Fold indices of the orders with events, sorted.
    private let order: [Int32]

    init(fold: OrderFold, order: [Int32]) {
        self.fold = fold
        self.order = order
    }

    /// Fold indices of the orders, in report order.
    package var foldIndices: [Int32] { order }

    package var startIndex: Int { 0 }
    package var endIndex: Int { order.count }

    package subscript(position: Int) -> OrderRow {
        let index = order[position]
        let s = fold.state(index)
        let open = s.finalStatus.outcome == .open
        let stuck = [.attemptFailed, .returning, .unknown].contains(s.finalStatus) || s.ageDays(asOf: fold.settings.asOf) >= 8
        return OrderRow(
            index: index, carrier: s.carrier, finalStatus: s.finalStatus,
            firstEventAt: s.firstInstant, finalEventAt: s.final.instant,
            pickedUpAt: s.flags.contains(.pickedUp) ? s.firstPickedUp : nil,
            deliveredAt: s.flags.contains(.delivered) ? s.lastDelivered.instant : nil,
            failedAttempts: s.failedAttempts,
            feedbackRequests: fold.reportsFeedback[s.carrier.index] ? s.feedbackMax : nil,
            cod: fold.record(index)?.cod, needsAction: open && stuck)
    }

    /// The order code's bytes.
    package func orderCode(_ row: OrderRow) -> ArraySlice<UInt8> { fold.orderCode(row.index) }

    /// The final event's raw status code's bytes.
    package func statusCode(_ row: OrderRow) -> ArraySlice<UInt8> { fold.finalCode(row.index) }

    /// The row as the page's list of orders that need action shows it.
    package func needsActionRow(_ row: OrderRow) -> NeedsActionRow {
        NeedsActionRow(
            carrier: row.carrier, orderCode: String(decoding: orderCode(row), as: UTF8.self), finalStatus: row.finalStatus,
            finalCode: String(decoding: statusCode(row), as: UTF8.self), firstEventAt: row.firstEventAt,
            finalEventAt: row.finalEventAt, failedAttempts: row.failedAttempts, feedbackRequests: row.feedbackRequests, cod: row.cod)
    }
}
