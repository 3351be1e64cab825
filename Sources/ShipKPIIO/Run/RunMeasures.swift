import Foundation
import ShipKPICore

/// What the gates measure of a finished read (counts after rejects, duplicates and filters).
package struct RunMeasures: Sendable, Equatable {
    /// Accepted events (after rejects, duplicates and filters).
    package var acceptedEvents: Int64
    /// Accepted events whose raw status code the status map does not know (`UNKNOWN`).
    package var unknownEvents: Int64
    /// Instant (ms) of the newest accepted event that has a date of its own (its own date or the
    /// envelope's `receivedAt`; an event dated by the as-of fallback says nothing about freshness).
    package var newestEventInstant: Int64?
    /// Records read (events, order records, remittance rows) and rejects.
    package var records: Int64
    package var rejects: Int64
    package var asOf: Int64

    package init(acceptedEvents: Int64, unknownEvents: Int64, newestEventInstant: Int64?, records: Int64, rejects: Int64, asOf: Int64) {
        self.acceptedEvents = acceptedEvents
        self.unknownEvents = unknownEvents
        self.newestEventInstant = newestEventInstant
        self.records = records
        self.rejects = rejects
        self.asOf = asOf
    }
}
