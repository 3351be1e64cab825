/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation.
///
/// A *day number* counts days since 1970-01-01 (day 0; negative before). The conversions are
/// Howard Hinnant's `days_from_civil` / `civil_from_days`
/// (<https://howardhinnant.github.io/date_algorithms.html>): exact, branch-light and
/// allocation-free. Valid for |year| and |days| below 10¹⁵ (far beyond the ±2.9 × 10⁸ years that
/// `Int64` milliseconds can reach); larger arguments overflow.
package enum CivilDate {
    /// Milliseconds in one day (86,400,000).
    package static let millisPerDay: Int64 = 86_400_000

    /// The day number (days since 1970-01-01) of a civil date.
    ///
    /// The date is not validated (`month` must be 1...12 and `day` 1...31; an out-of-range day
    /// simply counts on: 2025-02-30 is 2025-03-02). Validate with ``isValid(year:month:day:)``.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400  // 0...399
        let shiftedMonth = month > 2 ? month - 3 : month + 9  // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1  // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number (days since 1970-01-01); the inverse of
    /// ``daysFromCivil(year:month:day:)``.
    package static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Whether `year` is a Gregorian leap year (divisible by 4, except centuries not divisible by 400).
    package static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`; 0 for a month outside 1...12.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Whether the triple names a real calendar day: month 1...12, day within that month
    /// (February 29 only in leap years). Any year is accepted; parsers bound it themselves.
    package static func isValid(year: Int, month: Int, day: Int) -> Bool {
        day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// The day number containing an instant, for wall-clock milliseconds since the epoch
    /// (floored, so -1 ms is day -1). Pass UTC milliseconds for the UTC date, or
    /// `utc + offset × 1000` for a local date.
    package static func dayNumber(epochMillis: Int64) -> Int {
        Int(floorDivide(epochMillis, millisPerDay))
    }

    /// `a ÷ b` rounded toward negative infinity (`b` > 0).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b < 0) ? q - 1 : q
    }
}
