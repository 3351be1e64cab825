import ShipKPICore
import ShipKPIJSON

/// One document being decoded, as a carrier's decoder sees it: where it is, whether it came in an
/// envelope, and the shared rules every record goes through — counting, rejecting, and turning
/// ``EventParts`` into a dated, mapped ``NormalizedEvent``.
package struct RecordContext {
    /// The carrier whose shape the document matched.
    package let carrier: Carrier
    /// Owned by the ``RecordDecoder`` that made this context, which outlives it.
    private unowned(unsafe) let shared: RecordRules
    private let document: UnsafeRawBufferPointer
    private let source: SourcePosition
    /// The envelope's top level when the record came in one (its `receivedAt` dates events that
    /// have no date of their own).
    private let envelope: JSONFrame?
    /// The index of the document's next record (its input position's `sub`).
    private var next: UInt32 = 0

    init(carrier: Carrier, shared: RecordRules, document: UnsafeRawBufferPointer, source: SourcePosition, envelope: JSONFrame?) {
        self.carrier = carrier
        self.shared = shared
        self.document = document
        self.source = source
        self.envelope = envelope
    }

    /// The line of the document (1-based).
    package var line: Int64 { source.line }

    /// Counts one record of the carrier's record kind number `kind` (and its envelope).
    package mutating func count(kind: Int, into batch: inout EventBatch) {
        batch.counters.count(shared.recordKind(carrier, number: kind))
        if envelope != nil { batch.counters.envelopes += 1 }
    }

    /// Counts an event record as kind number `kind` and gives its order code and status code; when
    /// either is nil (absent, or not a string or number) rejects the record instead —
    /// `missing_order_code` with `orderDetail`, else `missing_status` with `statusDetail` — and
    /// returns nil.
    @inline(__always)
    package mutating func countEvent(
        kind: Int, orderCode: UnsafeRawBufferPointer?, orderDetail: String, statusCode: UnsafeRawBufferPointer?,
        statusDetail: String, into batch: inout EventBatch
    ) -> (orderCode: UnsafeRawBufferPointer, statusCode: UnsafeRawBufferPointer)? {
        count(kind: kind, into: &batch)
        guard let orderCode else {
            reject(.missingOrderCode, orderDetail, into: &batch)
            return nil
        }
        guard let statusCode else {
            reject(.missingStatus, statusDetail, into: &batch)
            return nil
        }
        return (orderCode, statusCode)
    }

    /// Rejects the record: `detail` says why without quoting any value.
    package mutating func reject(_ reason: RejectReason, _ detail: String, into batch: inout EventBatch) {
        next += 1
        shared.reject(reason, detail: detail, document: document, source: source, into: &batch)
    }

    /// The input position of the next record of the document.
    package mutating func nextPosition() -> InputPosition {
        defer { next += 1 }
        return InputPosition(input: source.file, offset: source.byteOffset, sub: next)
    }

    /// The event of `parts`: dated (its own date, else the envelope's `receivedAt`, else left for
    /// the fold to date with as-of), mapped through the status map, with its identity. The
    /// decoder adds what only it knows (reasons, feedback, courier) and appends it.
    package mutating func event(_ parts: EventParts, into batch: inout EventBatch) -> NormalizedEvent {
        shared.event(parts, carrier: carrier, position: nextPosition(), line: source.line, envelope: envelope, into: &batch)
    }

    /// Gives `event` the carrier's reason code `code`, with the label, category and party the
    /// status map gives that code (flagged `.reasonLabelFromMap`). Returns false when the map does
    /// not know the code: the decoder may then label it from the record.
    @discardableResult
    @inline(__always)
    package func addReason(_ code: UnsafeRawBufferPointer, to event: inout NormalizedEvent, into batch: inout EventBatch) -> Bool {
        event.flags.insert(.hasReason)
        event.reasonCode = batch.store(code)
        guard let info = shared.options.statusMap.reason(carrier, code) else { return false }
        event.flags.insert(.reasonLabelFromMap)
        event.reasonLabel = batch.store(info.label)
        event.reasonCategory = info.category
        event.reasonParty = info.party
        return true
    }
}
