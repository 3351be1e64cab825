import Foundation
import ShipKPICore
import Testing

/// Expected instants come from GNU `date -u -d '<UTC time>' +%s` (× 1000 + the milliseconds);
/// 2019-08-07T04:24:12.494Z is 1565151852494.
@Suite struct DateParsingTests {
    /// A case: the text, and the fields it must produce (`nil`: must not parse).
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: LocalDateTime?
        var testDescription: String { "\"\(text)\"" }

        init(_ text: String, _ expected: LocalDateTime?) {
            self.text = text
            self.expected = expected
        }
    }

    static func fields(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
        ms: Int = 0, offset: Int? = nil
    ) -> LocalDateTime {
        LocalDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: ms, offsetSeconds: offset)
    }

    /// Parses through the byte API, from a slice in the middle of a larger buffer, so a parser
    /// that reads past its slice would fail.
    static func viaBytes<T>(_ text: String, _ parse: (UnsafeRawBufferPointer) -> T) -> T {
        let buffer = Array("\"9".utf8) + Array(text.utf8) + Array("9\"".utf8)
        return buffer.withUnsafeBytes { parse(UnsafeRawBufferPointer(rebasing: $0[2 ..< ($0.count - 2)])) }
    }

    // MARK: ISO-8601

    static let isoValid: [Case] = [
        Case("2019-08-07T11:24:12.4946223+07:00", fields(2019, 8, 7, 11, 24, 12, ms: 494, offset: 25200)),
        Case("2019-08-07T11:24:12.4999999+07:00", fields(2019, 8, 7, 11, 24, 12, ms: 499, offset: 25200)),
        Case("2019-08-07T11:24:12.9999999Z", fields(2019, 8, 7, 11, 24, 12, ms: 999, offset: 0)),
        Case("2019-08-07T04:24:12.494Z", fields(2019, 8, 7, 4, 24, 12, ms: 494, offset: 0)),
        Case("2019-08-07t04:24:12.494z", fields(2019, 8, 7, 4, 24, 12, ms: 494, offset: 0)),
        Case("2019-08-07T11:24:12.5", fields(2019, 8, 7, 11, 24, 12, ms: 500)),
        Case("2019-08-07T11:24:12.05", fields(2019, 8, 7, 11, 24, 12, ms: 50)),
        Case("2019-08-07T11:24:12.123456789-06:00", fields(2019, 8, 7, 11, 24, 12, ms: 123, offset: -21600)),
        Case("2019-08-07T11:24:12", fields(2019, 8, 7, 11, 24, 12)),
        Case("2019-08-07 11:24:12", fields(2019, 8, 7, 11, 24, 12)),
        Case("2019-08-07 11:24:12.007", fields(2019, 8, 7, 11, 24, 12, ms: 7)),
        Case("2019-08-07 11:24:12+07:00", fields(2019, 8, 7, 11, 24, 12, offset: 25200)),
        Case("2019-08-07T11:24", fields(2019, 8, 7, 11, 24)),
        Case("2019-08-07T11:24Z", fields(2019, 8, 7, 11, 24, offset: 0)),
        Case("2019-08-07T11:24:12+0700", fields(2019, 8, 7, 11, 24, 12, offset: 25200)),
        Case("2019-08-07T11:24:12+07", fields(2019, 8, 7, 11, 24, 12, offset: 25200)),
        Case("2019-08-07T11:24:12-0530", fields(2019, 8, 7, 11, 24, 12, offset: -19800)),
        Case("2019-08-07T11:24:12-00:00", fields(2019, 8, 7, 11, 24, 12, offset: 0)),
        Case("2019-08-07T11:24:12+14:00", fields(2019, 8, 7, 11, 24, 12, offset: 50400)),
        Case("2019-08-07T11:24:12-12:00", fields(2019, 8, 7, 11, 24, 12, offset: -43200)),
        Case("2024-02-29T00:00:00", fields(2024, 2, 29)),
        Case("2000-02-29T23:59:59", fields(2000, 2, 29, 23, 59, 59)),
        Case("0001-01-01T00:00:00Z", fields(1, 1, 1, offset: 0)),
        Case("9999-12-31T23:59:59.999Z", fields(9999, 12, 31, 23, 59, 59, ms: 999, offset: 0)),
    ]

    static let isoInvalid: [String] = [
        "", "2019-08-07", "2019-08-07T", "2019-08-07T11", "2019-08-07T11:2",
        "2019-13-01T00:00:00", "2019-00-10T00:00:00", "2019-01-32T00:00:00", "2019-01-00T00:00:00",
        "2025-02-29T00:00:00", "1900-02-29T00:00:00", "2024-02-30T00:00:00", "2019-04-31T00:00:00",
        "2019-08-07T24:00:00", "2019-08-07T24:00", "2019-08-07T25:61:00", "2019-08-07T23:60:00",
        "2019-08-07T23:59:60", "0000-01-01T00:00:00", "10000-01-01T00:00:00", "+2019-08-07T11:24:12",
        "2019-08-07T11:24:12.", "2019-08-07T11:24:12.1234567890", "2019-08-07T11:24:12,5",
        "2019-08-07T11:24.5", "2019-08-07T11:24:12+15:00", "2019-08-07T11:24:12+14:30",
        "2019-08-07T11:24:12-14:01", "2019-08-07T11:24:12+07:60", "2019-08-07T11:24:12+7:00",
        "2019-08-07T11:24:12+07:0", "2019-08-07T11:24:12+070", "2019-08-07T11:24:12+07:00:00",
        "2019-08-07T11:24:12ZZ", "2019-08-07T11:24:12 +07:00", "2019-08-07T11:24:12 Z",
        " 2019-08-07T11:24:12", "2019-08-07T11:24:12 ", "2019-08-07T11:24:12\n", "2019-8-07T11:24:12",
        "2019-08-7T11:24:12", "2019-08-07T1:24:12", "2019-08-07T11:24:1", "2019-08-07X11:24:12",
        "2019-08-07  11:24:12", "2019/08/07 11:24:12", "2019-08-07T11:24:12GMT", "2019-08-07T11:24:12+07:00\u{0}",
        "２０１９-08-07T11:24:12", "2019-08-07T11:24:12.-1", "2019-08-07T-1:24:12",
    ]

    @Test(arguments: isoValid)
    func iso8601Valid(_ testCase: Case) throws {
        let parsed = try #require(Self.viaBytes(testCase.text) { DateParsing.iso8601($0) })
        #expect(parsed == testCase.expected)
        #expect(DateParsing.iso8601(testCase.text) == testCase.expected)
    }

    @Test(arguments: isoInvalid)
    func iso8601Invalid(_ text: String) {
        #expect(Self.viaBytes(text) { DateParsing.iso8601($0) } == nil)
        #expect(DateParsing.iso8601(text) == nil)
    }

    @Test func sevenDigitFractionGivesTheDocumentedInstant() throws {
        let parsed = try #require(DateParsing.iso8601("2019-08-07T11:24:12.4946223+07:00"))
        let zone = ZoneResolver(timeZone: .gmt)  // unused: the text carries its offset
        #expect(parsed.utcMillis(localZone: zone) == 1_565_151_852_494)
        #expect(parsed.wallMillis == 1_565_177_052_494)  // 11:24:12.494 "as if UTC"
    }

    @Test func missingOffsetIsReadInTheCallersZone() throws {
        let parsed = try #require(DateParsing.iso8601("2019-08-07 11:24:12.494"))
        #expect(parsed.offsetSeconds == nil)
        let saigon = ZoneResolver(timeZone: try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh")))
        #expect(parsed.utcMillis(localZone: saigon) == 1_565_151_852_494)
    }

    // MARK: dd/MM/yyyy HH:mm[:ss]

    static let slashed: [Case] = [
        Case("07/08/2019 11:24:12", fields(2019, 8, 7, 11, 24, 12)),
        Case("07/08/2019 11:24", fields(2019, 8, 7, 11, 24)),
        Case("15/03/2025 02:05:09", fields(2025, 3, 15, 2, 5, 9)),
        Case("29/02/2024 23:59:59", fields(2024, 2, 29, 23, 59, 59)),
        Case("31/12/9999 23:59", fields(9999, 12, 31, 23, 59)),
        Case("01/01/0001 00:00:00", fields(1, 1, 1)),
        Case("30/02/2025 10:00:00", nil), Case("29/02/2025 10:00", nil), Case("31/04/2025 10:00", nil),
        Case("07/08/2019 25:61", nil), Case("07/08/2019 24:00", nil), Case("07/08/2019 23:59:60", nil),
        Case("13/13/2019 10:00", nil), Case("00/08/2019 10:00", nil), Case("07/00/2019 10:00", nil),
        Case("07/08/0000 00:00", nil), Case("7/8/2019 11:24", nil), Case("07/08/19 11:24", nil),
        Case("07/08/2019T11:24:12", nil), Case("07/08/2019 11:24:12.123", nil), Case("07/08/2019", nil),
        Case("07-08-2019 11:24:12", nil), Case("07/08/2019  11:24", nil), Case("07/08/2019 11:24:1", nil),
        Case("07/08/2019 11:24:", nil), Case("07/08/2019 11:24 ", nil), Case(" 07/08/2019 11:24", nil),
        Case("07/08/2019 11:24 PM", nil), Case("", nil),
    ]

    @Test(arguments: slashed)
    func slashedDayMonthYear(_ testCase: Case) {
        #expect(Self.viaBytes(testCase.text) { DateParsing.slashedDayMonthYear($0) } == testCase.expected)
        #expect(DateParsing.slashedDayMonthYear(testCase.text) == testCase.expected)
    }

    // MARK: dd-MM-yyyy + HH:mm:ss

    struct DashedCase: Sendable, CustomTestStringConvertible {
        let date: String
        let time: String?
        let expected: LocalDateTime?
        var testDescription: String { "\"\(date)\" + \(time.map { "\"\($0)\"" } ?? "no time")" }
    }

    static let dashed: [DashedCase] = [
        DashedCase(date: "07-08-2019", time: "11:24:12", expected: fields(2019, 8, 7, 11, 24, 12)),
        DashedCase(date: "07-08-2019", time: nil, expected: fields(2019, 8, 7)),
        DashedCase(date: "07-08-2019", time: "", expected: fields(2019, 8, 7)),
        DashedCase(date: "29-02-2024", time: "23:59:59", expected: fields(2024, 2, 29, 23, 59, 59)),
        DashedCase(date: "29-02-2023", time: nil, expected: nil),
        DashedCase(date: "30-02-2025", time: "10:00:00", expected: nil),
        DashedCase(date: "07-08-2019", time: "25:00:00", expected: nil),
        DashedCase(date: "07-08-2019", time: "24:00:00", expected: nil),
        DashedCase(date: "07-08-2019", time: "11:60:00", expected: nil),
        DashedCase(date: "07-08-2019", time: "11:24", expected: nil),
        DashedCase(date: "07-08-2019", time: "11:24:12.5", expected: nil),
        DashedCase(date: "07-08-2019", time: " 11:24:12", expected: nil),
        DashedCase(date: "07-08-2019", time: "nonsense", expected: nil),
        DashedCase(date: "2019-08-07", time: nil, expected: nil),
        DashedCase(date: "07/08/2019", time: nil, expected: nil),
        DashedCase(date: "7-8-2019", time: nil, expected: nil),
        DashedCase(date: "07-08-2019 11:24:12", time: nil, expected: nil),
        DashedCase(date: "", time: "11:24:12", expected: nil),
    ]

    @Test(arguments: dashed)
    func dashedDayMonthYear(_ testCase: DashedCase) {
        #expect(DateParsing.dashedDayMonthYear(testCase.date, time: testCase.time) == testCase.expected)
        let viaBytes = Self.viaBytes(testCase.date) { date in
            guard let time = testCase.time else { return DateParsing.dashedDayMonthYear(date, time: nil) }
            return Self.viaBytes(time) { DateParsing.dashedDayMonthYear(date, time: $0) }
        }
        #expect(viaBytes == testCase.expected)
    }

    // MARK: yyyy-MM-dd

    static let isoDates: [Case] = [
        Case("2019-08-07", fields(2019, 8, 7)), Case("2024-02-29", fields(2024, 2, 29)),
        Case("0001-01-01", fields(1, 1, 1)), Case("9999-12-31", fields(9999, 12, 31)),
        Case("2025-02-29", nil), Case("2019-13-01", nil), Case("0000-01-01", nil),
        Case("2019-8-07", nil), Case("2019-08-07T00:00", nil), Case("07-08-2019", nil),
        Case("2019-08-07 ", nil), Case("", nil),
    ]

    @Test(arguments: isoDates)
    func isoDate(_ testCase: Case) {
        #expect(Self.viaBytes(testCase.text) { DateParsing.isoDate($0) } == testCase.expected)
        #expect(DateParsing.isoDate(testCase.text) == testCase.expected)
    }

    // MARK: Epoch milliseconds

    @Test(arguments: [
        ("1565151852494", Int64?(1_565_151_852_494)),
        ("0", 0), ("-0", 0), ("-1", -1), ("007", 7),
        // Ten digits are still milliseconds (1970-01-19), never seconds.
        ("1565151852", 1_565_151_852),
        ("999999999999999", 999_999_999_999_999), ("-999999999999999", -999_999_999_999_999),
        ("1000000000000000", nil), ("", nil), ("-", nil), ("+1", nil), ("--1", nil),
        ("1.5", nil), ("1565151852494.0", nil), ("1e3", nil), (" 1", nil), ("1 ", nil),
        ("12a", nil), ("0x10", nil), ("\"1\"", nil),
    ])
    func epochMillis(text: String, expected: Int64?) {
        #expect(Self.viaBytes(text) { DateParsing.epochMillis($0) } == expected)
        #expect(DateParsing.epochMillis(text) == expected)
    }

    @Test func epochMillisFromAJSONNumberToken() {
        let line = Array(#"{"date":1565151852494,"time":null}"#.utf8)
        let value = line.withUnsafeBytes { DateParsing.epochMillis(UnsafeRawBufferPointer(rebasing: $0[8 ..< 21])) }
        #expect(value == 1_565_151_852_494)
        #expect(value.map(InstantFormat.utcString) == "2019-08-07T04:24:12.494Z")
    }
}
