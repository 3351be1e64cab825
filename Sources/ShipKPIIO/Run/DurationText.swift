import Foundation

/// Durations written as a number and a unit: `90s`, `45m`, `36h`, `2d`, `1w` (units may be
/// combined, largest first: `1d12h`).
package enum DurationText {
    /// Milliseconds, or nil when the text is not a duration.
    package static func milliseconds(_ text: String) -> Int64? {
        let units: [(Character, Int64)] = [("w", 604_800_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        var total: Int64 = 0
        var number: Int64?
        var lastUnit = -1
        for ch in text.trimmingCharacters(in: .whitespaces).lowercased() {
            if let d = ch.wholeNumberValue, ch.isASCII {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (n, o2) = m.addingReportingOverflow(Int64(d))
                guard !o1, !o2 else { return nil }
                number = n
            } else if let u = units.firstIndex(where: { $0.0 == ch }), let n = number, u > lastUnit {
                let (v, o1) = n.multipliedReportingOverflow(by: units[u].1)
                let (t, o2) = total.addingReportingOverflow(v)
                guard !o1, !o2 else { return nil }
                total = t
                number = nil
                lastUnit = u
            } else {
                return nil
            }
        }
        return number == nil && lastUnit >= 0 ? total : nil
    }

    /// `36h`, `2d`, `1d12h`: the shortest text for a whole number of seconds.
    package static func text(milliseconds ms: Int64) -> String {
        var rest = ms / 1000
        if rest == 0 { return "0s" }
        var out = ""
        for (unit, seconds) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= seconds {
            out += "\(rest / seconds)\(unit)"
            rest %= seconds
        }
        return out
    }
}
