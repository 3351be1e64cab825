import ShipKPICore

/// What a carrier's decoder read of one status event, before the shared rules (dates and their
/// fallbacks, the status map, the identity) make it a ``NormalizedEvent``. Byte ranges point
/// into the extractor's arena and are valid while the document is decoded.
package struct EventParts {
    package var orderCode: UnsafeRawBufferPointer
    package var statusCode: UnsafeRawBufferPointer
    package var statusName: UnsafeRawBufferPointer?
    /// The event's instant (ms since 1970, UTC), nil when it has no usable date.
    package var instant: Int64?
    /// The date as written (part of the identity of an event without a transaction id).
    package var rawDate: UnsafeRawBufferPointer
    package var rawTime: UnsafeRawBufferPointer?
    package var transactionID: UnsafeRawBufferPointer?
    package var flags = EventFlags(rawValue: 0)  // not `[]`: an array literal builds the set generically

    package init(orderCode: UnsafeRawBufferPointer, statusCode: UnsafeRawBufferPointer, statusName: UnsafeRawBufferPointer?) {
        self.orderCode = orderCode
        self.statusCode = statusCode
        self.statusName = statusName
        rawDate = UnsafeRawBufferPointer(start: nil, count: 0)
    }
}
