/// One status event after normalisation — the map stage's output for an event line — compact and
/// allocation-free: every text field is a range in its batch's arena.
///
/// Nothing in it depends on the run's as-of instant, its filters or a process-local seed, so a
/// mapped event means the same thing in every process and on every later run: an event without a
/// usable date (`dateSource == .asOf`) has no instant yet; the fold gives it the run's as-of.
package struct NormalizedEvent: Sendable, Equatable {
    package var carrier: Carrier
    package var status: CanonicalStatus
    package var dateSource: DateSource
    package var flags: EventFlags
    package var reasonCategory: ReasonCategory = .other
    package var reasonParty: Party = .unknown
    /// Offset of the reporting zone at `instant`, seconds east of UTC (0 until dated for `.asOf`).
    package var localOffsetSeconds: Int32
    /// The event's instant, milliseconds since 1970-01-01T00:00:00Z (0 until dated for `.asOf`).
    package var instant: Int64
    /// The local date in the reporting zone, days since 1970-01-01 (0 until dated for `.asOf`).
    package var localDay: Int32
    /// `RequestFeedbackCount` (247Express), valid when `flags` has `.hasFeedback`.
    package var feedback: Int32 = 0
    /// The event's place in the run's input (the order every tie and "first" is decided in).
    package var position: InputPosition
    /// 1-based line (or `.json` element index) in its input.
    package var line: Int64
    package var orderCode: ByteRange
    /// The event's identity within its order (``IdentityText``): equal texts are one event.
    package var identity: ByteRange
    package var statusCode: ByteRange
    package var statusName: ByteRange = .empty
    package var reasonCode: ByteRange = .empty
    package var reasonLabel: ByteRange = .empty
    package var courier: ByteRange = .empty
    /// `events.csv`'s `event_id` (only kept when the run writes events).
    package var eventID: ByteRange = .empty

    package init(
        carrier: Carrier, status: CanonicalStatus, dateSource: DateSource, flags: EventFlags,
        localOffsetSeconds: Int32, instant: Int64, localDay: Int32, position: InputPosition, line: Int64,
        orderCode: ByteRange, identity: ByteRange, statusCode: ByteRange
    ) {
        self.carrier = carrier
        self.status = status
        self.dateSource = dateSource
        self.flags = flags
        self.localOffsetSeconds = localOffsetSeconds
        self.instant = instant
        self.localDay = localDay
        self.position = position
        self.line = line
        self.orderCode = orderCode
        self.identity = identity
        self.statusCode = statusCode
    }
}
