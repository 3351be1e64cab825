import ShipKPICore

/// Text formatting for report.html: what a reader sees, never what a program parses (the CSV and
/// XML files keep the plain-digit forms of DESIGN.md "Formatting conventions").
///
/// Everything is exact and locale-free: percentages come from the report's 4-decimal ratio
/// strings by integer arithmetic, money from ``ExactDecimal`` text, dates from day numbers.
enum HTMLFormat {
    /// Shown in place of an empty value (zero denominator, no data).
    static let dash = "—"

    /// Digit-group separator: U+202F NARROW NO-BREAK SPACE, the SI/ISO 31-0 separator. Neither a
    /// comma nor a period, so `1 500 000` reads the same to Vietnamese (`1.500.000`), Mexican
    /// (`1,500,000`) and English readers, and a number never wraps across lines.
    static let groupSeparator = "\u{202F}"

    /// `1234567` → `1 234 567` (see ``groupSeparator``).
    static func grouped(_ n: Int64) -> String {
        groupDigits(String(n))
    }

    /// Groups the whole-number digits of a plain decimal text (`-1234567.50` → `-1 234 567.50`).
    static func groupDigits(_ plain: String) -> String {
        var sign = ""
        var body = Substring(plain)
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        }
        let whole: Substring
        let rest: Substring
        if let dot = body.firstIndex(of: ".") {
            whole = body[..<dot]
            rest = body[dot...]
        } else {
            whole = body
            rest = ""
        }
        guard whole.count > 3, whole.allSatisfy(\.isASCIIDigit) else { return plain }
        var out = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += groupSeparator }
            out.append(c)
        }
        return sign + out + rest
    }

    /// The value of a report ratio (`0.8261`, `1.0000`) in ten-thousandths (8261, 10000); nil for
    /// anything else.
    static func tenThousandths(_ ratio: String) -> Int64? {
        let parts = ratio.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let head = parts.first, !head.isEmpty, head.allSatisfy(\.isASCIIDigit),
            let whole = Int64(head), whole <= 1_000_000
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigit), let f = Int64(digits) else {
                return nil
            }
            fraction = f
            for _ in digits.count ..< 4 { fraction *= 10 }
        }
        return whole * 10_000 + fraction
    }

    /// A report ratio as a percentage with one decimal, rounded half away from zero from the
    /// 4-decimal ratio (`0.8261` → `82.6%`, `1.0000` → `100.0%`); nil for an empty ratio.
    static func percent(_ ratio: String?) -> String? {
        guard let ratio, let t = tenThousandths(ratio) else { return nil }
        return Fixed.decimal(Fixed.roundHalfAway(Int128(t), 10), digits: 1) + "%"
    }

    /// `count / total` as a percentage with one decimal (via the report's 4-decimal ratio rule).
    static func percent(_ count: Int64, of total: Int64) -> String? {
        percent(Fixed.ratio(count, total))
    }

    /// `total / count` with 2 decimals, rounded half away from zero from the exact quotient (like
    /// the lead times on the page; `feedback.csv` keeps 4 decimals), digits grouped; nil when
    /// `count` is 0. `9 / 16` → `0.56`.
    static func mean(_ total: Int64, over count: Int64) -> String? {
        guard count > 0 else { return nil }
        return groupDigits(Fixed.decimal(Fixed.roundHalfAway(Int128(total) * 100, Int128(count)), digits: 2))
    }

    /// An amount with its currency's minor-unit digits (never rounded) and grouped whole digits.
    static func money(_ value: ExactDecimal, _ currency: String) -> String {
        groupDigits(value.formatted(minFractionDigits: minorDigits(currency)))
    }

    /// `yyyy-MM-dd` of a day number (days since 1970-01-01).
    static func date(_ day: Int32) -> String {
        InstantFormat.dateString(dayNumber: Int(day))
    }

    /// An instant as `yyyy-MM-dd HH:mm` UTC (minutes are what a reader needs; the CSV has the
    /// milliseconds). Use ``instantISO(_:)`` for the exact value (e.g. in a `title`).
    static func instant(_ ms: Int64) -> String {
        let iso = InstantFormat.utcString(ms)
        guard iso.count >= 16 else { return iso }
        let dateEnd = iso.index(iso.startIndex, offsetBy: 10)
        let minuteEnd = iso.index(iso.startIndex, offsetBy: 16)
        return String(iso[..<dateEnd]) + " " + String(iso[iso.index(after: dateEnd) ..< minuteEnd])
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    static func instantISO(_ ms: Int64) -> String {
        InstantFormat.utcString(ms)
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A short axis label: `Mar 5`, or `Mar 5, 2026` when `withYear`.
    static func shortDate(_ day: Int32, withYear: Bool = false) -> String {
        let (year, month, dayOfMonth) = CivilDate.civilFromDays(Int(day))
        let name = (1 ... 12).contains(month) ? monthNames[month - 1] : String(month)
        return withYear ? "\(name) \(dayOfMonth), \(year)" : "\(name) \(dayOfMonth)"
    }

    /// A month label: `Mar 2026`.
    static func monthLabel(_ day: Int32) -> String {
        let (year, month, _) = CivilDate.civilFromDays(Int(day))
        let name = (1 ... 12).contains(month) ? monthNames[month - 1] : String(month)
        return "\(name) \(year)"
    }

    /// `text` cut to at most `limit` characters (grapheme clusters, so Vietnamese diacritics stay
    /// whole), with `…` when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// A chart coordinate with at most one decimal (deterministic, short).
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int64((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    /// Singular or plural noun with a grouped count: `1 order`, `2 orders`.
    static func count(_ n: Int64, _ singular: String, _ plural: String? = nil) -> String {
        grouped(n) + " " + (n == 1 ? singular : (plural ?? singular + "s"))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
