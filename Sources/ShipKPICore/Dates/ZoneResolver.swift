import Foundation

/// Converts between UTC instants and one time zone's wall clock, millions of times per run,
/// with `TimeZone` consulted only once per UTC hour seen.
///
/// All instants are `Int64` milliseconds since 1970-01-01T00:00Z; wall-clock times are the local
/// fields expressed as milliseconds "as if UTC" (``LocalDateTime/wallMillis``).
///
/// **Not thread-safe, deliberately not `Sendable`**: its caches mutate on every miss. Create one
/// per worker thread (it is cheap); the `TimeZone` it wraps is `Sendable` and can be shared.
///
/// Caches: the offset per UTC hour (with the exact instant of a transition inside that hour, found
/// to the second), and the resolved offset per local wall-clock hour. Each holds at most
/// 131,072 hours (about 15 years) and is emptied when full, so memory stays bounded on hostile
/// input. A zone without any transition in its history (`TimeZone(secondsFromGMT:)`, UTC) skips
/// the caches entirely.
///
/// Assumptions, true of every tzdb zone: offsets stay within ±16 h, and a zone changes offset at
/// most once within any hour.
package final class ZoneResolver {
    /// The zone this resolver reads.
    package let timeZone: TimeZone
    /// The offset of a zone that never changes offset, in seconds; `nil` otherwise.
    private let fixedOffsetSeconds: Int?

    private var utcHours: [Int64: HourOffsets] = [:]
    private var lastUTCHour = Int64.min
    private var lastUTCEntry = HourOffsets(before: 0, after: 0, transition: .max)

    private var wallHours: [Int64: Int32] = [:]
    private var lastWallHour = Int64.min
    private var lastWallOffset: Int32 = 0

    private static let millisPerHour: Int64 = 3_600_000
    /// Hours either side of an instant where an offset of up to ±16 h can matter.
    private static let reachHours: Int64 = 17
    private static let cacheLimit = 1 << 17
    /// Marks a wall-clock hour that a transition affects (resolved per call, uncached).
    private static let mixedHour = Int32.min

    /// The offsets in force during one UTC hour: `before` until `transition`, `after` from it on
    /// (`transition == .max`: one offset for the whole hour).
    private struct HourOffsets {
        var before: Int32
        var after: Int32
        var transition: Int64
    }

    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
        fixedOffsetSeconds =
            timeZone.nextDaylightSavingTimeTransition(after: .distantPast) == nil
            ? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) : nil
    }

    /// The zone's offset from UTC (seconds, east positive) at a UTC instant (milliseconds).
    package func offsetSeconds(atUTC utcMillis: Int64) -> Int {
        if let fixedOffsetSeconds {
            return fixedOffsetSeconds
        }
        let hour = CivilDate.floorDivide(utcMillis, Self.millisPerHour)
        let entry = hourOffsets(hour)
        return Int(utcMillis < entry.transition ? entry.before : entry.after)
    }

    /// The local day number (days since 1970-01-01) of a UTC instant (milliseconds).
    package func localDayNumber(atUTC utcMillis: Int64) -> Int {
        CivilDate.dayNumber(epochMillis: utcMillis &+ Int64(offsetSeconds(atUTC: utcMillis)) &* 1000)
    }

    /// The UTC instant (milliseconds) of a local wall-clock time (milliseconds "as if UTC"),
    /// resolved the way `java.time.ZonedDateTime.of` does:
    ///
    /// - **gap** (the wall time does not exist, e.g. 2022-04-03 02:30 in Mexico City, where clocks
    ///   jumped from 02:00 to 03:00): the time moves forward by the length of the gap, i.e. it is
    ///   read with the offset in force *before* the transition (02:30 CST = 03:30 CDT = 08:30Z);
    /// - **overlap** (the wall time occurs twice, e.g. 2021-10-31 01:30 in Mexico City): the
    ///   earlier offset, i.e. the earlier of the two instants (01:30 CDT = 06:30Z).
    package func utcMillis(localWallMillis wallMillis: Int64) -> Int64 {
        if let fixedOffsetSeconds {
            return wallMillis &- Int64(fixedOffsetSeconds) &* 1000
        }
        let wallHour = CivilDate.floorDivide(wallMillis, Self.millisPerHour)
        let offset: Int32
        if wallHour == lastWallHour {
            offset = lastWallOffset
        } else if let cached = wallHours[wallHour] {
            offset = cached
        } else {
            offset = uniformOffset(aroundHour: wallHour)
            if wallHours.count >= Self.cacheLimit {
                wallHours.removeAll(keepingCapacity: true)
            }
            wallHours[wallHour] = offset
        }
        lastWallHour = wallHour
        lastWallOffset = offset
        if offset != Self.mixedHour {
            return wallMillis &- Int64(offset) &* 1000
        }
        return resolveNearTransition(wallMillis)
    }

    // MARK: - Private

    /// The single offset in force for ±17 h around a wall-clock hour, or ``mixedHour`` when a
    /// transition happens there. With one offset `o` everywhere in reach, `wall − o` is the one
    /// and only instant showing that wall time.
    private func uniformOffset(aroundHour hour: Int64) -> Int32 {
        let first = hourOffsets(hour &- Self.reachHours)
        for neighbour in (hour &- Self.reachHours + 1) ... (hour &+ Self.reachHours) {
            let entry = hourOffsets(neighbour)
            if entry.transition != .max || entry.before != first.before {
                return Self.mixedHour
            }
        }
        return first.transition == .max ? first.before : Self.mixedHour
    }

    /// Walks the constant-offset segments of UTC time within ±17 h of the wall time and picks the
    /// earliest instant that shows it; with none (a gap), reads it with the offset in force
    /// before the gap's transition.
    private func resolveNearTransition(_ wallMillis: Int64) -> Int64 {
        let centre = CivilDate.floorDivide(wallMillis, Self.millisPerHour)
        var earliest: Int64?
        var gapResult: Int64?
        var previousOffset: Int32?
        func visit(start: Int64, end: Int64, offset: Int32) {
            let offsetMillis = Int64(offset) * 1000
            let candidate = wallMillis &- offsetMillis
            if candidate >= start, candidate < end, candidate < (earliest ?? .max) {
                earliest = candidate
            }
            if let previousOffset, offset > previousOffset,
                wallMillis >= start &+ Int64(previousOffset) * 1000, wallMillis < start &+ offsetMillis
            {
                gapResult = wallMillis &- Int64(previousOffset) * 1000
            }
            previousOffset = offset
        }
        for hour in (centre &- Self.reachHours) ... (centre &+ Self.reachHours) {
            let start = hour &* Self.millisPerHour
            let end = start &+ Self.millisPerHour
            let entry = hourOffsets(hour)
            if entry.transition == .max {
                visit(start: start, end: end, offset: entry.before)
            } else {
                visit(start: start, end: entry.transition, offset: entry.before)
                visit(start: entry.transition, end: end, offset: entry.after)
            }
        }
        // Some segment always matches while offsets stay within ±16 h; the last fallback only
        // keeps the function total for a zone that breaks that assumption.
        return earliest ?? gapResult ?? (wallMillis &- Int64(offsetSeconds(atUTC: wallMillis)) &* 1000)
    }

    /// The offsets of one UTC hour, from the caches or from `TimeZone`.
    private func hourOffsets(_ hour: Int64) -> HourOffsets {
        if hour == lastUTCHour {
            return lastUTCEntry
        }
        let entry: HourOffsets
        if let cached = utcHours[hour] {
            entry = cached
        } else {
            entry = computeHourOffsets(hour)
            if utcHours.count >= Self.cacheLimit {
                utcHours.removeAll(keepingCapacity: true)
            }
            utcHours[hour] = entry
        }
        lastUTCHour = hour
        lastUTCEntry = entry
        return entry
    }

    /// Asks `TimeZone` for the offsets at the first and last second of the hour; when they differ,
    /// bisects (12 steps) for the second at which the new offset starts. Transitions fall on whole
    /// seconds, so seconds are exact as `Double`.
    private func computeHourOffsets(_ hour: Int64) -> HourOffsets {
        let firstSecond = hour &* 3600
        let before = zoneOffset(atSecond: firstSecond)
        var low = firstSecond
        var high = firstSecond &+ 3599
        let after = zoneOffset(atSecond: high)
        if before == after {
            return HourOffsets(before: before, after: after, transition: .max)
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if zoneOffset(atSecond: middle) == before {
                low = middle
            } else {
                high = middle
            }
        }
        return HourOffsets(before: before, after: after, transition: high &* 1000)
    }

    private func zoneOffset(atSecond second: Int64) -> Int32 {
        Int32(clamping: timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }
}

@available(*, unavailable, message: "ZoneResolver caches mutate without locks; create one per thread")
extension ZoneResolver: Sendable {}
