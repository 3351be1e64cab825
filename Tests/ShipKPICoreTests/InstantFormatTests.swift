import ShipKPICore
import Testing

/// Expected texts come from GNU `date -u -d @<seconds>` and hand arithmetic.
@Suite struct InstantFormatTests {
    @Test(arguments: [
        (Int64(1_565_151_852_494), "2019-08-07T04:24:12.494Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (1_742_025_909_007, "2025-03-15T08:05:09.007Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        // Outside 0001...9999 (only reachable from extreme epoch values): expanded years.
        (-62_135_596_801_000, "0000-12-31T23:59:59.000Z"),
        (-62_167_219_201_000, "-0001-12-31T23:59:59.000Z"),
        (253_402_300_800_000, "+10000-01-01T00:00:00.000Z"),
        (999_999_999_999_999, "+33658-09-27T01:46:39.999Z"),
        (-999_999_999_999_999, "-29719-04-05T22:13:20.001Z"),
    ])
    func utc(epochMillis: Int64, text: String) {
        #expect(InstantFormat.utcString(epochMillis) == text)
    }

    @Test(arguments: [
        (Int64(1_565_151_852_494), 25200, "2019-08-07T11:24:12.494+07:00"),
        (1_742_047_509_000, -21600, "2025-03-15T08:05:09.000-06:00"),
        (1_735_664_400_000, 25200, "2025-01-01T00:00:00.000+07:00"),
        (1_735_664_399_999, 25200, "2024-12-31T23:59:59.999+07:00"),
        (1_635_661_800_000, -18000, "2021-10-31T01:30:00.000-05:00"),
        (0, 0, "1970-01-01T00:00:00.000+00:00"),
        (0, 19800, "1970-01-01T05:30:00.000+05:30"),
        (0, -34200, "1969-12-31T14:30:00.000-09:30"),
        // Mexico City's local mean time before 1922 was −06:36:36.
        (0, -23796, "1969-12-31T17:23:24.000-06:36:36"),
    ])
    func local(epochMillis: Int64, offsetSeconds: Int, text: String) {
        #expect(InstantFormat.localString(epochMillis, offsetSeconds: offsetSeconds) == text)
    }

    @Test(arguments: [
        (0, "1970-01-01"), (-1, "1969-12-31"), (11016, "2000-02-29"), (19782, "2024-02-29"),
        (47541, "2100-03-01"), (-719_162, "0001-01-01"), (2_932_896, "9999-12-31"),
    ])
    func date(dayNumber: Int, text: String) {
        #expect(InstantFormat.dateString(dayNumber: dayNumber) == text)
    }

    /// Any `Int64`/`Int` formats without trapping (hostile epoch values reach here).
    @Test func extremesNeverTrap() {
        var out: [UInt8] = []
        for instant in [Int64.min, Int64.max, Int64.min + 1, -1, 0] {
            InstantFormat.appendUTC(instant, to: &out)
            for offset in [Int.min, Int.max, -50400, 50400] {
                InstantFormat.appendLocal(instant, offsetSeconds: offset, to: &out)
            }
        }
        InstantFormat.appendDate(dayNumber: Int(Int32.max), to: &out)
        InstantFormat.appendDate(dayNumber: Int(Int32.min), to: &out)
        #expect(out.count > 0)
        #expect(InstantFormat.utcString(.max) == "+292278994-08-17T07:12:55.807Z")
    }

    @Test func appendsAfterExistingBytes() {
        var out = Array("x,".utf8)
        InstantFormat.appendUTC(1_565_151_852_494, to: &out)
        out.append(UInt8(ascii: ","))
        InstantFormat.appendLocal(1_565_151_852_494, offsetSeconds: 25200, to: &out)
        out.append(UInt8(ascii: ","))
        InstantFormat.appendDate(dayNumber: 18115, to: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "x,2019-08-07T04:24:12.494Z,2019-08-07T11:24:12.494+07:00,2019-08-07")
    }
}
