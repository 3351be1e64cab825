/// ISO-8601 text for instants and dates, written as ASCII bytes (no `String`, no Foundation).
///
/// Instants are `Int64` milliseconds since 1970-01-01T00:00:00Z. Years 0000...9999 print as four
/// digits; years outside that range (only reachable from out-of-range epoch values) print in the
/// ISO-8601 expanded form, `-0001` or `+10000`, so formatting never traps.
package enum InstantFormat {
    /// Appends `yyyy-MM-ddTHH:mm:ss.SSSZ` (UTC, milliseconds) — 24 bytes for years 0...9999.
    package static func appendUTC(_ epochMillis: Int64, to out: inout [UInt8]) {
        write(to: &out) { cursor in
            cursor.putWallClock(epochMillis)
            cursor.put(UInt8(ascii: "Z"))
        }
    }

    /// Appends the local wall-clock time of an instant with its offset:
    /// `yyyy-MM-ddTHH:mm:ss.SSS+07:00` (29 bytes for years 0...9999).
    ///
    /// - Parameters:
    ///   - epochMillis: the instant, UTC milliseconds.
    ///   - offsetSeconds: the zone's offset from UTC at that instant (east positive), as given by
    ///     ``ZoneResolver/offsetSeconds(atUTC:)``. Zero prints as `+00:00` (never `Z`: the column
    ///     always carries an offset). An offset with leftover seconds (historical local mean
    ///     time such as −06:36:36) prints as `-06:36:36` so that wall time and offset stay
    ///     consistent.
    package static func appendLocal(_ epochMillis: Int64, offsetSeconds: Int, to out: inout [UInt8]) {
        write(to: &out) { cursor in
            cursor.putWallClock(epochMillis &+ Int64(offsetSeconds) &* 1000)
            let magnitude = offsetSeconds.magnitude
            cursor.put(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
            cursor.putPadded(magnitude / 3600, width: 2)
            cursor.put(UInt8(ascii: ":"))
            cursor.putTwoDigits(Int(magnitude / 60 % 60))
            if magnitude % 60 != 0 {
                cursor.put(UInt8(ascii: ":"))
                cursor.putTwoDigits(Int(magnitude % 60))
            }
        }
    }

    /// Appends the date of a day number (days since 1970-01-01) as `yyyy-MM-dd`.
    package static func appendDate(dayNumber: Int, to out: inout [UInt8]) {
        write(to: &out) { $0.putDate(dayNumber: dayNumber) }
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` as a `String` (convenience; allocates).
    package static func utcString(_ epochMillis: Int64) -> String {
        string(capacity: 24) { appendUTC(epochMillis, to: &$0) }
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS±HH:mm` as a `String` (convenience; allocates).
    package static func localString(_ epochMillis: Int64, offsetSeconds: Int) -> String {
        string(capacity: 29) { appendLocal(epochMillis, offsetSeconds: offsetSeconds, to: &$0) }
    }

    /// `yyyy-MM-dd` as a `String` (convenience; allocates).
    package static func dateString(dayNumber: Int) -> String {
        string(capacity: 10) { appendDate(dayNumber: dayNumber, to: &$0) }
    }

    /// Formats into a stack buffer, then appends it to `out` in one copy (one capacity check
    /// instead of one per byte). 64 bytes hold the longest output: a signed 9-digit year (the
    /// most `Int64` milliseconds reach), the time, and a 16-digit-hour offset (any `Int`).
    private static func write(to out: inout [UInt8], _ body: (inout Cursor) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return }
            var cursor = Cursor(base: base)
            body(&cursor)
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: cursor.count))
        }
    }

    /// A write position in a stack buffer.
    private struct Cursor {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        /// `value` (0...99) as exactly two digits.
        @inline(__always)
        mutating func putTwoDigits(_ value: Int) {
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10))
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
        }

        /// `value` in decimal, left-padded with zeros to at least `width` digits.
        mutating func putPadded(_ value: UInt, width: Int) {
            var digits = 1
            var rest = value / 10
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            for _ in digits ..< max(width, digits) {
                put(UInt8(ascii: "0"))
            }
            var remainder = value
            for position in stride(from: count + digits - 1, through: count, by: -1) {
                base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder % 10)
                remainder /= 10
            }
            count += digits
        }

        /// `yyyy-MM-dd`; years outside 0...9999 as `-0001` / `+10000`.
        mutating func putDate(dayNumber: Int) {
            let (year, month, day) = CivilDate.civilFromDays(dayNumber)
            if year >= 0 && year <= 9999 {
                putTwoDigits(year / 100)
                putTwoDigits(year % 100)
            } else {
                put(UInt8(ascii: year < 0 ? "-" : "+"))
                putPadded(year.magnitude, width: 4)
            }
            put(UInt8(ascii: "-"))
            putTwoDigits(month)
            put(UInt8(ascii: "-"))
            putTwoDigits(day)
        }

        /// `yyyy-MM-ddTHH:mm:ss.SSS` for wall-clock milliseconds (no zone designator).
        mutating func putWallClock(_ wallMillis: Int64) {
            let days = CivilDate.floorDivide(wallMillis, CivilDate.millisPerDay)
            let millisOfDay = Int(wallMillis &- days &* CivilDate.millisPerDay)  // 0..<86_400_000
            putDate(dayNumber: Int(days))
            put(UInt8(ascii: "T"))
            putTwoDigits(millisOfDay / 3_600_000)
            put(UInt8(ascii: ":"))
            putTwoDigits(millisOfDay / 60_000 % 60)
            put(UInt8(ascii: ":"))
            putTwoDigits(millisOfDay / 1000 % 60)
            put(UInt8(ascii: "."))
            let millis = millisOfDay % 1000
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: millis / 100))
            putTwoDigits(millis % 100)
        }
    }

    private static func string(capacity: Int, _ body: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        body(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
