import ShipKPICore
import Testing

/// Expected day numbers come from GNU `date -u -d '<date> 00:00' +%s` ÷ 86,400.
@Suite struct CivilDateTests {
    struct Known: Sendable, CustomTestStringConvertible {
        let year: Int, month: Int, day: Int, days: Int
        var testDescription: String { "\(year)-\(month)-\(day) = day \(days)" }
    }

    static let known: [Known] = [
        Known(year: 1970, month: 1, day: 1, days: 0),
        Known(year: 1969, month: 12, day: 31, days: -1),
        Known(year: 2000, month: 2, day: 29, days: 11016),
        Known(year: 2024, month: 2, day: 29, days: 19782),
        Known(year: 2025, month: 1, day: 1, days: 20089),
        Known(year: 1900, month: 3, day: 1, days: -25508),
        Known(year: 2100, month: 3, day: 1, days: 47541),
        Known(year: 1600, month: 2, day: 29, days: -135081),
        Known(year: 1, month: 1, day: 1, days: -719162),
        Known(year: 9999, month: 12, day: 31, days: 2_932_896),
        Known(year: 0, month: 12, day: 31, days: -719163),
    ]

    @Test(arguments: known)
    func daysFromCivil(_ known: Known) {
        #expect(CivilDate.daysFromCivil(year: known.year, month: known.month, day: known.day) == known.days)
    }

    @Test(arguments: known)
    func civilFromDays(_ known: Known) {
        let civil = CivilDate.civilFromDays(known.days)
        #expect(civil.year == known.year)
        #expect(civil.month == known.month)
        #expect(civil.day == known.day)
    }

    /// Every day from 0001-01-01 to 9999-12-31 follows its predecessor on the calendar and
    /// converts back to its own number.
    @Test func consecutiveDaysRoundTrip() {
        var previous = CivilDate.civilFromDays(-719_163)
        var failures = 0
        for days in -719_162 ... 2_932_896 {
            let civil = CivilDate.civilFromDays(days)
            let expectedNext: (Int, Int, Int) =
                previous.day < CivilDate.daysInMonth(year: previous.year, month: previous.month)
                ? (previous.year, previous.month, previous.day + 1)
                : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
            if civil != expectedNext
                || CivilDate.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) != days
            {
                failures += 1
            }
            previous = civil
        }
        #expect(failures == 0)
    }

    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
        (2100, 2, 29, false), (2400, 2, 29, true), (2024, 2, 30, false), (2025, 2, 28, true),
        (2025, 4, 31, false), (2025, 4, 30, true), (2025, 12, 31, true), (2025, 1, 32, false),
        (2025, 13, 1, false), (2025, 0, 1, false), (2025, 1, 0, false), (2025, 6, -1, false),
    ])
    func isValid(year: Int, month: Int, day: Int, valid: Bool) {
        #expect(CivilDate.isValid(year: year, month: month, day: day) == valid)
    }

    @Test(arguments: [
        (Int64(0), 0), (-1, -1), (86_399_999, 0), (86_400_000, 1), (-86_400_000, -1),
        (-86_400_001, -2), (1_565_151_852_494, 18115),
    ])
    func dayNumberFloors(epochMillis: Int64, day: Int) {
        #expect(CivilDate.dayNumber(epochMillis: epochMillis) == day)
    }
}
