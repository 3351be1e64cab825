/// A parsed date-time as written in the input: calendar fields, millisecond precision, and the
/// UTC offset when the text carried one.
///
/// Values from ``DateParsing`` always hold valid fields: year 1...9999, a real calendar day,
/// hour 0...23, minute and second 0...59, millisecond 0...999, and |offset| ≤ 14:00. The
/// memberwise initialiser does not check (it exists for callers that build values themselves).
package struct LocalDateTime: Sendable, Hashable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    package var millisecond: Int
    /// The offset from UTC written in the text (east positive, seconds; `Z` is 0), or `nil` when
    /// the text had none and the time is local to some zone the caller knows.
    package var offsetSeconds: Int?

    package init(
        year: Int, month: Int, day: Int,
        hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        offsetSeconds: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.offsetSeconds = offsetSeconds
    }

    /// The wall-clock fields as milliseconds since 1970-01-01T00:00 *as if they were UTC*
    /// (the offset is ignored). This is the input of ``ZoneResolver/utcMillis(localWallMillis:)``.
    package var wallMillis: Int64 {
        let days = Int64(CivilDate.daysFromCivil(year: year, month: month, day: day))
        let seconds = Int64(hour * 3600 + minute * 60 + second)
        return days * CivilDate.millisPerDay + seconds * 1000 + Int64(millisecond)
    }

    /// The UTC instant (milliseconds): wall clock minus the written offset, or — when the text had
    /// no offset — the wall clock read in `localZone` (DST gaps and overlaps resolved as
    /// ``ZoneResolver/utcMillis(localWallMillis:)`` documents).
    package func utcMillis(localZone: ZoneResolver) -> Int64 {
        if let offsetSeconds {
            return wallMillis - Int64(offsetSeconds) * 1000
        }
        return localZone.utcMillis(localWallMillis: wallMillis)
    }
}
