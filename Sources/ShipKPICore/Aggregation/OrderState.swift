/// The position of an event in the order of SPEC §4: instant, then canonical rank, then input
/// position. `rankPosition` packs the rank (top 8 bits) above the global input position.
package struct EventKey: Comparable, Sendable {
    package var instant: Int64
    package var rankPosition: UInt64

    package static let none = EventKey(instant: .min, rankPosition: 0)

    package init(instant: Int64, rankPosition: UInt64) {
        self.instant = instant
        self.rankPosition = rankPosition
    }

    package init(instant: Int64, rank: UInt8, position: UInt64) {
        self.instant = instant
        self.rankPosition = UInt64(rank) << 56 | (position & 0x00FF_FFFF_FFFF_FFFF)
    }

    @inline(__always)
    package static func < (a: EventKey, b: EventKey) -> Bool {
        a.instant != b.instant ? a.instant < b.instant : a.rankPosition < b.rankPosition
    }
}

/// Everything the KPIs need from one order's events, folded incrementally (no event list is kept).
///
/// Folding is exact because every KPI depends on an order's events only through minima/maxima in
/// the §4 order (final event, first PICKED_UP, last DELIVERED, first ATTEMPT_FAILED, last courier),
/// counts, and the maximum feedback count.
package struct OrderState: Sendable {
    package struct Flags: OptionSet, Sendable {
        package var rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Has an OUT_FOR_DELIVERY, ATTEMPT_FAILED or DELIVERED event.
        package static let attempted = Flags(rawValue: 1)
        package static let pickedUp = Flags(rawValue: 2)
        package static let delivered = Flags(rawValue: 4)
        package static let attemptFailed = Flags(rawValue: 8)
        package static let feedback = Flags(rawValue: 16)
        package static let courier = Flags(rawValue: 32)
        // Combined constants: an array literal would build an OptionSet generically per event.
        package static let attemptedAndFailed = Flags(rawValue: 1 | 8)
        package static let attemptedAndDelivered = Flags(rawValue: 1 | 4)
    }

    package var carrier: Carrier
    package var flags = Flags(rawValue: 0)
    package var finalStatus: CanonicalStatus = .unknown
    package var eventCount: Int32 = 0
    package var failedAttempts: Int32 = 0
    package var feedbackMax: Int32 = 0
    /// Id of the final event's raw status code in the carrier's code interner.
    package var finalCode: Int32 = -1
    package var courier: Int32 = -1
    /// Local date (days since 1970-01-01, reporting zone) of the final event.
    package var finalLocalDay: Int32 = 0
    /// Earliest event instant (ms); the order's age is measured from it.
    package var firstInstant: Int64 = .max
    /// Earliest PICKED_UP instant (ms).
    package var firstPickedUp: Int64 = .max
    package var final: EventKey = .none
    package var lastDelivered: EventKey = .none
    package var firstAttemptFailed = EventKey(instant: .max, rankPosition: .max)
    package var courierKey: EventKey = .none
    /// The first four local days with events (for `orders_touched`); further days go to the
    /// aggregator's overflow set. Most orders live within four days, so the set stays small.
    package var days: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    package var dayCount: UInt8 = 0

    package init(carrier: Carrier) { self.carrier = carrier }

    /// Folds one accepted event: `key` is its place in the §4 order (instant, rank, input
    /// position), `code` and `courier` its interned raw status code and courier (-1: none).
    @inline(__always)
    package mutating func fold(_ event: NormalizedEvent, key: EventKey, code: Int32, courier: Int32) {
        eventCount += 1
        if event.instant < firstInstant { firstInstant = event.instant }
        if final < key {
            final = key
            finalStatus = event.status
            finalCode = code
            finalLocalDay = event.localDay
        }
        switch event.status {
        case .pickedUp:
            flags.insert(.pickedUp)
            if event.instant < firstPickedUp { firstPickedUp = event.instant }
        case .outForDelivery:
            flags.insert(.attempted)
        case .attemptFailed:
            flags.formUnion(Flags.attemptedAndFailed)
            failedAttempts += 1
            if key < firstAttemptFailed { firstAttemptFailed = key }
        case .delivered:
            flags.formUnion(Flags.attemptedAndDelivered)
            if lastDelivered < key { lastDelivered = key }
        default:
            break
        }
        if event.flags.contains(.hasFeedback) {
            if !flags.contains(.feedback) || event.feedback > feedbackMax { feedbackMax = event.feedback }
            flags.insert(.feedback)
        }
        if courier >= 0 && courierKey < key {
            courierKey = key
            self.courier = courier
            flags.insert(.courier)
        }
    }

    /// Records `day`; true when it is new for this order. `overflow` decides days past the fourth.
    @inline(__always)
    package mutating func touch(day: Int32, overflow: (Int32) -> Bool) -> Bool {
        let n = Int(dayCount)
        if n > 0 && days.0 == day { return false }
        if n > 1 && days.1 == day { return false }
        if n > 2 && days.2 == day { return false }
        if n > 3 && days.3 == day { return false }
        switch n {
        case 0: days.0 = day
        case 1: days.1 = day
        case 2: days.2 = day
        case 3: days.3 = day
        default: return overflow(day)
        }
        dayCount += 1
        return true
    }

    package var hasEvents: Bool { eventCount > 0 }

    /// Delivered orders with no ATTEMPT_FAILED event before their last DELIVERED event.
    package var isFirstAttemptDelivered: Bool {
        finalStatus == .delivered && !(flags.contains(.attemptFailed) && firstAttemptFailed < lastDelivered)
    }

    /// Lead time in ms (last DELIVERED − first PICKED_UP) for delivered orders with a pickup.
    package var leadTimeMs: Int64? {
        guard finalStatus == .delivered, flags.contains(.pickedUp), flags.contains(.delivered) else { return nil }
        return lastDelivered.instant - firstPickedUp
    }

    /// Whole days (floored) from the first event to `asOf`.
    package func ageDays(asOf: Int64) -> Int64 {
        floorDiv(asOf - firstInstant, 86_400_000)
    }
}

/// Floor division for possibly negative numerators (positive divisor).
@inline(__always)
package func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
