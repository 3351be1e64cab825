/// Per-event flags.
package struct EventFlags: OptionSet, Sendable, Equatable {
    package var rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let hasPOD = EventFlags(rawValue: 1)
    package static let hasAttachment = EventFlags(rawValue: 2)
    package static let hasReason = EventFlags(rawValue: 4)
    /// The reason's label came from the status map (else it is the event's own DelayNotes).
    package static let reasonLabelFromMap = EventFlags(rawValue: 8)
    package static let hasFeedback = EventFlags(rawValue: 16)
    package static let hasTransactionID = EventFlags(rawValue: 32)
    /// `.hasReason` and `.reasonLabelFromMap` together (a literal would be built per event).
    package static let mappedReason = EventFlags(rawValue: 4 | 8)
}
