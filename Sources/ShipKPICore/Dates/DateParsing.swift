/// Strict, allocation-free parsers for the date formats the carriers send (SPEC §3, §11 "Dates").
///
/// Every parser takes the field's bytes exactly — the caller trims surrounding whitespace; any
/// leftover whitespace, a missing or extra character makes the parse fail. Failure is `nil`, never
/// a trap. Impossible values are rejected, never rolled over: month 13, day 32, February 30 (or 29
/// outside leap years), hour 24 (ISO-8601's `24:00` end-of-day form is not accepted), minute 60,
/// second 60 (no leap seconds), year 0000 or a year of more or fewer than four digits, and an
/// offset beyond ±14:00 or with minutes above 59.
///
/// Times without an offset come back with `offsetSeconds == nil`; the caller decides the zone
/// (carrier-local, or UTC for `receivedAt` and `--as-of`).
package enum DateParsing {
    /// ISO-8601 extended date-time and the variants the carriers use:
    ///
    /// - `yyyy-MM-ddTHH:mm:ss` — `T` may also be `t` or a single space (`yyyy-MM-dd HH:mm:ss`);
    /// - `yyyy-MM-ddTHH:mm` — seconds omitted (then no fraction either);
    /// - an optional fraction after the seconds: `.` and 1...9 digits
    ///   (`2019-08-07T11:24:12.4946223`), **truncated** to milliseconds (`.4999` is 499 ms);
    /// - an optional offset: `Z`/`z`, `±HH:mm`, `±HHmm` or `±HH` (`-00:00` reads as `+00:00`).
    package static func iso8601(_ text: UnsafeRawBufferPointer) -> LocalDateTime? {
        let count = text.count
        guard count >= 16,
            let (year, month, day) = yearMonthDay(text),
            text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: "t") || text[10] == UInt8(ascii: " "),
            let hour = twoDigits(text, at: 11), text[13] == UInt8(ascii: ":"),
            let minute = twoDigits(text, at: 14)
        else { return nil }
        var index = 16
        var second = 0
        var millisecond = 0
        if index < count, text[index] == UInt8(ascii: ":") {
            guard index + 3 <= count, let value = twoDigits(text, at: index + 1) else { return nil }
            second = value
            index += 3
            if index < count, text[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < count, text[index] &- UInt8(ascii: "0") < 10 {
                    index += 1
                }
                let digits = index - start
                guard digits >= 1, digits <= 9 else { return nil }
                for position in 0 ..< 3 {
                    millisecond *= 10
                    if position < digits {
                        millisecond += Int(text[start + position] &- UInt8(ascii: "0"))
                    }
                }
            }
        }
        var offsetSeconds: Int?
        if index < count {
            guard let offset = offset(text, from: index) else { return nil }
            offsetSeconds = offset
        }
        return validated(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millisecond, offsetSeconds: offsetSeconds)
    }

    /// `dd/MM/yyyy HH:mm:ss` (HoundExpress changeOrderStatus `currentStatus.date`, 24-hour clock)
    /// or `dd/MM/yyyy HH:mm` (HoundExpress webhook `date`). Two-digit day, month, hour, minute and
    /// second, one space; no offset (the result is local time).
    package static func slashedDayMonthYear(_ text: UnsafeRawBufferPointer) -> LocalDateTime? {
        guard text.count == 16 || text.count == 19,
            let (day, month, year) = dayMonthYear(text, separator: UInt8(ascii: "/")),
            text[10] == UInt8(ascii: " "),
            let hour = twoDigits(text, at: 11), text[13] == UInt8(ascii: ":"),
            let minute = twoDigits(text, at: 14)
        else { return nil }
        var second = 0
        if text.count == 19 {
            guard text[16] == UInt8(ascii: ":"), let value = twoDigits(text, at: 17) else { return nil }
            second = value
        }
        return validated(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `dd-MM-yyyy` (HoundExpress `currentStatus.date`) with an optional separate `HH:mm:ss`
    /// (`currentStatus.time`).
    ///
    /// - Parameter time: `nil` or empty when the time field is absent: the result is local
    ///   midnight. A time that is present but not exactly `HH:mm:ss` makes the whole date
    ///   unparseable (`nil`, SPEC §11), rather than silently falling back to midnight.
    package static func dashedDayMonthYear(
        _ date: UnsafeRawBufferPointer, time: UnsafeRawBufferPointer?
    ) -> LocalDateTime? {
        guard date.count == 10, let (day, month, year) = dayMonthYear(date, separator: UInt8(ascii: "-"))
        else { return nil }
        guard let time, time.count > 0 else {
            return validated(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        }
        guard time.count == 8,
            let hour = twoDigits(time, at: 0), time[2] == UInt8(ascii: ":"),
            let minute = twoDigits(time, at: 3), time[5] == UInt8(ascii: ":"),
            let second = twoDigits(time, at: 6)
        else { return nil }
        return validated(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `yyyy-MM-dd` alone (command-line `--from`, `--to`, `--as-of`): midnight, no offset.
    package static func isoDate(_ text: UnsafeRawBufferPointer) -> LocalDateTime? {
        guard text.count == 10, let (year, month, day) = yearMonthDay(text) else { return nil }
        return validated(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
    }

    /// Epoch milliseconds (HoundExpress `currentStatus.date` as a JSON number token or a numeric
    /// string): an optional `-` and 1...15 ASCII digits, nothing else (no `+`, fraction, exponent
    /// or whitespace). The value is always **milliseconds** since 1970-01-01T00:00Z, as the
    /// carrier documents — a 10-digit value such as `1565151852` is 1970-01-19T02:45:51.852Z, never
    /// reinterpreted as seconds. 15 digits bound the result to ±31,688 years, far from overflow.
    package static func epochMillis(_ text: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let negative = !text.isEmpty && text[0] == UInt8(ascii: "-")
        if negative {
            index = 1
        }
        let digits = text.count - index
        guard digits >= 1, digits <= 15 else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    // MARK: - String conveniences (command line, tests)

    /// The byte parser of the same name, on a `String` (no copy for native strings).
    package static func iso8601(_ text: String) -> LocalDateTime? {
        withBytes(text) { iso8601($0) }
    }

    /// The byte parser of the same name, on a `String` (no copy for native strings).
    package static func slashedDayMonthYear(_ text: String) -> LocalDateTime? {
        withBytes(text) { slashedDayMonthYear($0) }
    }

    /// The byte parser of the same name, on `String`s (no copy for native strings).
    package static func dashedDayMonthYear(_ date: String, time: String?) -> LocalDateTime? {
        withBytes(date) { dateBytes in
            guard let time else { return dashedDayMonthYear(dateBytes, time: nil) }
            return withBytes(time) { dashedDayMonthYear(dateBytes, time: $0) }
        }
    }

    /// The byte parser of the same name, on a `String` (no copy for native strings).
    package static func isoDate(_ text: String) -> LocalDateTime? {
        withBytes(text) { isoDate($0) }
    }

    /// The byte parser of the same name, on a `String` (no copy for native strings).
    package static func epochMillis(_ text: String) -> Int64? {
        withBytes(text) { epochMillis($0) }
    }

    // MARK: - Pieces

    /// Two ASCII digits at `index` (the caller guarantees `index + 2 <= text.count`).
    @inline(__always)
    private static func twoDigits(_ text: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let tens = text[index] &- UInt8(ascii: "0")
        let ones = text[index + 1] &- UInt8(ascii: "0")
        guard tens < 10, ones < 10 else { return nil }
        return Int(tens) * 10 + Int(ones)
    }

    /// Four ASCII digits at `index` (the caller guarantees `index + 4 <= text.count`).
    @inline(__always)
    private static func fourDigits(_ text: UnsafeRawBufferPointer, at index: Int) -> Int? {
        guard let high = twoDigits(text, at: index), let low = twoDigits(text, at: index + 2) else { return nil }
        return high * 100 + low
    }

    /// `yyyy-MM-dd` in the first 10 bytes (`text.count >= 10`); fields unvalidated.
    private static func yearMonthDay(_ text: UnsafeRawBufferPointer) -> (Int, Int, Int)? {
        guard let year = fourDigits(text, at: 0), text[4] == UInt8(ascii: "-"),
            let month = twoDigits(text, at: 5), text[7] == UInt8(ascii: "-"),
            let day = twoDigits(text, at: 8)
        else { return nil }
        return (year, month, day)
    }

    /// `dd?MM?yyyy` in the first 10 bytes (`text.count >= 10`), `?` = `separator`; fields unvalidated.
    private static func dayMonthYear(_ text: UnsafeRawBufferPointer, separator: UInt8) -> (Int, Int, Int)? {
        guard let day = twoDigits(text, at: 0), text[2] == separator,
            let month = twoDigits(text, at: 3), text[5] == separator,
            let year = fourDigits(text, at: 6)
        else { return nil }
        return (day, month, year)
    }

    /// An offset running from `index` to the end of `text`: `Z`, `z`, `±HH`, `±HHmm`, `±HH:mm`;
    /// seconds east of UTC, `nil` when malformed or beyond ±14:00.
    private static func offset(_ text: UnsafeRawBufferPointer, from index: Int) -> Int? {
        let length = text.count - index
        let first = text[index]
        if first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") {
            return length == 1 ? 0 : nil
        }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
            length == 3 || length == 5 || length == 6,
            let hours = twoDigits(text, at: index + 1)
        else { return nil }
        var minutes = 0
        if length == 5 {
            guard let value = twoDigits(text, at: index + 3) else { return nil }
            minutes = value
        } else if length == 6 {
            guard text[index + 3] == UInt8(ascii: ":"), let value = twoDigits(text, at: index + 4) else { return nil }
            minutes = value
        }
        let seconds = hours * 3600 + minutes * 60
        guard minutes <= 59, seconds <= 14 * 3600 else { return nil }
        return first == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func validated(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
        millisecond: Int = 0, offsetSeconds: Int? = nil
    ) -> LocalDateTime? {
        guard year >= 1, CivilDate.isValid(year: year, month: month, day: day),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        return LocalDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millisecond, offsetSeconds: offsetSeconds)
    }

    private static func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var text = text
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
