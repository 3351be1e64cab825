/// Lifecycle steps (what happened), rendered into each carrier's codes.
enum GenStep: UInt8 {
    case created = 0, pickedUp, inTransit, transitDelay, held, outForDelivery, attemptFailed, returning, returned,
        delivered, lost, confiscated, cancelled
}

/// Why an attempt failed (or transit was delayed). 1–8 are the 247Express DelayCodes S01–S08.
enum GenReason: UInt8 {
    case none = 0, rescheduled, unavailable, address, refused, damaged, weather, away, inspect, noCode
}

/// One status event of a simulated lifecycle.
struct GenEvent {
    var time: Int64
    var step: GenStep
    var reason: GenReason = .none
    var feedback: UInt8 = 0
    /// Courier (247Express Mailman) index within the province's pool, -1 = none.
    var courier: Int16 = -1
}
