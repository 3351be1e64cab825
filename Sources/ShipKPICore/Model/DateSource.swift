/// Where an event's instant came from (SPEC §3): its own date, the envelope's `receivedAt`, or the
/// run's as-of instant (the last two are "date fallbacks").
package enum DateSource: UInt8, Sendable {
    case event, receivedAt, asOf

    package var name: String {
        switch self {
        case .event: "event"
        case .receivedAt: "received_at"
        case .asOf: "as_of"
        }
    }
}
