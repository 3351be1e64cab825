import Foundation
import ShipKPICore
import Testing

/// Expected instants come from GNU `date` (`TZ=America/Mexico_City date -d @<s>` to read the
/// zone's history; `date -u -d '<UTC time>' +%s` for epoch seconds) and the tz database:
/// Mexico City kept DST until 2022 — on 2021-10-31 clocks fell back 02:00 CDT → 01:00 CST
/// (07:00Z); on 2022-04-03 they sprang forward 02:00 CST → 03:00 CDT (08:00Z); since 2023 it is
/// fixed at −06:00. Saigon was +08:00 from 1959 to 1975 and has been +07:00 since.
@Suite struct ZoneResolverTests {
    static func zone(_ identifier: String) throws -> ZoneResolver {
        ZoneResolver(timeZone: try #require(TimeZone(identifier: identifier)))
    }

    /// Wall-clock milliseconds "as if UTC" of a local time, built without the code under test's
    /// arithmetic: epoch seconds of the same fields read as UTC (from `date -u`).
    static func wall(_ utcSecondsOfSameFields: Int64, ms: Int64 = 0) -> Int64 {
        utcSecondsOfSameFields * 1000 + ms
    }

    /// Expects each local wall time — the epoch seconds of the same fields read as UTC (see
    /// ``wall(_:ms:)``) plus milliseconds — to resolve to the UTC instant (ms) beside it.
    static func expectUTC(
        _ zone: ZoneResolver, _ cases: [(wallSeconds: Int64, ms: Int64, utc: Int64)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (wallSeconds, ms, utc) in cases {
            #expect(zone.utcMillis(localWallMillis: wall(wallSeconds, ms: ms)) == utc, sourceLocation: sourceLocation)
        }
    }

    // 2022-04-03 02:30 local, as if UTC = `date -u -d '2022-04-03 02:30' +%s` = 1648953000.
    @Test func gapShiftsForwardLikeJavaTime() throws {
        Self.expectUTC(
            try Self.zone("America/Mexico_City"),
            [
                // 02:30 does not exist; read with the pre-gap offset −06:00 → 08:30Z (= 03:30 CDT).
                (1_648_953_000, 0, 1_648_974_600_000),
                // Gap edges: 01:59:59.999 CST → 07:59:59.999Z; 02:00 → 08:00Z; 03:00 CDT → 08:00Z.
                (1_648_951_199, 999, 1_648_972_799_999), (1_648_951_200, 0, 1_648_972_800_000),
                (1_648_954_800, 0, 1_648_972_800_000),
            ])
    }

    // 2021-10-31 01:30 local, as if UTC = 1635643800.
    @Test func overlapTakesTheEarlierOffset() throws {
        Self.expectUTC(
            try Self.zone("America/Mexico_City"),
            [
                // 01:30 happens at 06:30Z (CDT) and 07:30Z (CST): the earlier offset, CDT, wins.
                (1_635_643_800, 0, 1_635_661_800_000),
                // Edges: 00:59:59.999 → 05:59:59.999Z; 01:00 → 06:00Z; 01:59:59.999 → 06:59:59.999Z;
                // 02:00 (after the overlap, CST) → 08:00Z.
                (1_635_641_999, 999, 1_635_659_999_999), (1_635_642_000, 0, 1_635_660_000_000),
                (1_635_645_599, 999, 1_635_663_599_999), (1_635_645_600, 0, 1_635_667_200_000),
                // The last fall-back, 2022-10-30 01:30 (as if UTC 1667093400) → 06:30Z.
                (1_667_093_400, 0, 1_667_111_400_000),
            ])
    }

    @Test func mexicoCityWithoutDST() throws {
        let mexico = try Self.zone("America/Mexico_City")
        // 2023-04-02 02:30 (as if UTC 1680402600): no DST any more, −06:00 → 08:30Z.
        #expect(mexico.utcMillis(localWallMillis: Self.wall(1_680_402_600)) == 1_680_424_200_000)
        // 2025-03-15 08:05:09 (as if UTC 1742025909) → 14:05:09Z.
        #expect(mexico.utcMillis(localWallMillis: Self.wall(1_742_025_909)) == 1_742_047_509_000)
        #expect(mexico.offsetSeconds(atUTC: 1_742_047_509_000) == -21600)
    }

    @Test func offsetsAroundTransitions() throws {
        let mexico = try Self.zone("America/Mexico_City")
        // Fall back at 2021-10-31T07:00Z (1635663600), spring forward at 2022-04-03T08:00Z (1648972800).
        #expect(mexico.offsetSeconds(atUTC: 1_635_663_599_999) == -18000)
        #expect(mexico.offsetSeconds(atUTC: 1_635_663_600_000) == -21600)
        #expect(mexico.offsetSeconds(atUTC: 1_648_972_799_999) == -21600)
        #expect(mexico.offsetSeconds(atUTC: 1_648_972_800_000) == -18000)
    }

    @Test func saigon() throws {
        let saigon = try Self.zone("Asia/Ho_Chi_Minh")
        // 2019-08-07 11:24:12.494 (as if UTC 1565177052.494) → 04:24:12.494Z.
        #expect(saigon.utcMillis(localWallMillis: Self.wall(1_565_177_052, ms: 494)) == 1_565_151_852_494)
        #expect(saigon.offsetSeconds(atUTC: 1_565_151_852_494) == 25200)
        // History is honoured, not a fixed +07:00: in 1970 Saigon was at +08:00.
        #expect(saigon.offsetSeconds(atUTC: 0) == 28800)
        // New year in Saigon: 2024-12-31T17:00Z is local 2025-01-01 (day 20089).
        #expect(saigon.localDayNumber(atUTC: 1_735_664_400_000) == 20089)
        #expect(saigon.localDayNumber(atUTC: 1_735_664_399_999) == 20088)
    }

    @Test func utcAndFixedOffsets() throws {
        let utc = try Self.zone("UTC")
        #expect(utc.utcMillis(localWallMillis: 1_565_151_852_494) == 1_565_151_852_494)
        #expect(utc.offsetSeconds(atUTC: -62_135_596_800_000) == 0)

        let minusSix = ZoneResolver(timeZone: try #require(TimeZone(secondsFromGMT: -21600)))
        // 2025-03-15 08:05:09 at −06:00 → 14:05:09Z.
        #expect(minusSix.utcMillis(localWallMillis: Self.wall(1_742_025_909)) == 1_742_047_509_000)
        for instant: Int64 in [-62_135_596_800_000, 0, 1_635_663_600_000, 1_648_972_800_000, 253_402_300_799_999] {
            #expect(minusSix.offsetSeconds(atUTC: instant) == -21600)
        }
        #expect(minusSix.localDayNumber(atUTC: 1_742_018_400_000) == 20162)  // 2025-03-15T06:00Z → 00:00 local
        #expect(minusSix.localDayNumber(atUTC: 1_742_018_399_999) == 20161)
    }

    /// Offsets agree with `TimeZone` itself at every 7th minute of 1990–2025 (also exercising the
    /// cache's eviction, as that spans more hours than it holds).
    @Test(arguments: ["America/Mexico_City", "Asia/Ho_Chi_Minh", "Europe/London", "Australia/Lord_Howe"])
    func offsetsMatchFoundation(identifier: String) throws {
        let timeZone = try #require(TimeZone(identifier: identifier))
        let resolver = ZoneResolver(timeZone: timeZone)
        var mismatches = 0
        var instant: Int64 = 631_152_000_000  // 1990-01-01T00:00Z
        while instant < 1_767_225_600_000 {  // 2026-01-01T00:00Z
            let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant) / 1000))
            if resolver.offsetSeconds(atUTC: instant) != expected {
                mismatches += 1
            }
            instant += 420_000
        }
        #expect(mismatches == 0)
    }

    /// For every 5th minute of local time across transitions, the result shows that wall time
    /// (or, in a gap, lies exactly the gap's length later), and in an overlap is the earlier one.
    @Test(arguments: ["America/Mexico_City", "Europe/London", "Australia/Lord_Howe"])
    func wallTimesResolveConsistently(identifier: String) throws {
        let timeZone = try #require(TimeZone(identifier: identifier))
        let resolver = ZoneResolver(timeZone: timeZone)
        func offset(_ instant: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant) / 1000))) * 1000
        }
        var problems = 0
        var wall: Int64 = 1_577_836_800_000  // 2020-01-01T00:00 local
        while wall < 1_672_531_200_000 {  // 2023-01-01T00:00 local
            let instant = resolver.utcMillis(localWallMillis: wall)
            let shown = instant + offset(instant)
            // Any other instant showing the same wall time must be later.
            let earlierCandidates = [wall - offset(instant - 3_600_000), wall - offset(instant - 1_800_000)]
                .filter { $0 < instant && $0 + offset($0) == wall }
            if shown == wall {
                if !earlierCandidates.isEmpty {
                    problems += 1
                }
            } else {
                // A gap: the wall time does not exist; the result uses the offset before it.
                let before = offset(instant - 3_600_000)
                let after = offset(instant)
                let inGap = shown > wall && shown - wall == after - before && instant == wall - before
                if !inGap {
                    problems += 1
                }
            }
            wall += 300_000
        }
        #expect(problems == 0)
    }
}
