/// The two carriers as the generator sees them.
enum GenCarrier: Int {
    case express247 = 0
    case hound = 1

    /// Fixed UTC offset of the carrier's local time, seconds (Asia/Ho_Chi_Minh, America/Mexico_City).
    var offsetSeconds: Int { self == .express247 ? 7 * 3600 : -6 * 3600 }
    var offsetMillis: Int64 { Int64(offsetSeconds) * 1000 }

    func localDay(_ t: Int64) -> Int64 {
        let l = t + offsetMillis
        return l >= 0 ? l / GenSpan.day : (l - GenSpan.day + 1) / GenSpan.day
    }

    func msOfDay(_ t: Int64) -> Int64 { t + offsetMillis - localDay(t) * GenSpan.day }

    /// The instant of a local day number and time of day.
    func at(_ day: Int64, msOfDay: Int64) -> Int64 { day * GenSpan.day + msOfDay - offsetMillis }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int { Int(((day + 4) % 7 + 7) % 7) }
}
