/// Outcome class of a canonical status (SPEC §2).
package enum OutcomeClass: UInt8, Sendable {
    case open, success, failure, cancelled
}
