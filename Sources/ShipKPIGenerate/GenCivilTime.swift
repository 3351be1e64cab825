import Foundation
import ShipKPICore
import ShipKPIIO
import Glibc

/// Civil-time formatting of instants (milliseconds since the epoch, UTC) at a fixed offset, digit
/// by digit: no Foundation formatter, no locale, no time-zone database (both carriers' zones have
/// had fixed offsets since 2022: Asia/Ho_Chi_Minh +07:00, America/Mexico_City −06:00).
struct GenCivilTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millis: Int

    init(_ instant: Int64, offsetSeconds: Int) {
        let local = instant + Int64(offsetSeconds) * 1000
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let rest = Int(local - days * 86_400_000)
        (year, month, day) = CivilDate.civilFromDays(Int(days))
        hour = rest / 3_600_000
        minute = rest / 60_000 % 60
        second = rest / 1000 % 60
        millis = rest % 1000
    }
}
