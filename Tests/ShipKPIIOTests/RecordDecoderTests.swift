import Foundation
import ShipKPICore
import ShipKPIIO
import ShipKPITestSupport
import Testing

/// Normalisation rules of SPEC §1–§4 and §11, through the real decoder (C++ shim + Swift).
@Suite struct RecordDecoderTests {
    // MARK: Dates (SPEC §3, §11)

    @Test func sevenDigitFractionIsTruncatedToMilliseconds() throws {
        let b = try decodeLines([#"{"OrderCode":"A1","Status":"25","Time":"2019-08-07T11:24:12.4946223+07:00"}"#])
        let e = try #require(b.events.first)
        // 11:24:12.4946223 at +07:00 = 04:24:12.494Z (the 7th-4th digits are dropped, not rounded).
        #expect(e.instant == 1_565_151_852_494)
        #expect(e.dateSource == .event)
        #expect(e.localDay == day("2019-08-07"))
        #expect(e.localOffsetSeconds == 25_200)
    }

    @Test(arguments: ["2026-03-05 14:30:00", "2026-03-05T14:30:00", "2026-03-05T14:30:00.000"])
    func naive247TimesAreVietnamLocal(_ time: String) throws {
        let b = try decodeLines([#"{"OrderCode":"A1","Status":"25","Time":"\#(time)"}"#])
        // Asia/Ho_Chi_Minh is UTC+7 all year: 14:30 local = 07:30Z.
        #expect(b.events.first?.instant == ms("2026-03-05T07:30:00Z"))
    }

    @Test func localDateFollowsTheReportingZone() throws {
        // 23:30Z on 4 March is 06:30 on 5 March in Vietnam, but still 4 March in UTC.
        let line = #"{"OrderCode":"A1","Status":"25","Time":"2026-03-04T23:30:00Z"}"#
        #expect(try decodeLines([line]).events.first?.localDay == day("2026-03-05"))
        #expect(try decodeLines([line], options: testOptions(tz: "UTC")).events.first?.localDay == day("2026-03-04"))
    }

    @Test func houndEpochMillisAsStringAndNumberAreTheSameInstant() throws {
        let b = try decodeLines([
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"1540834812603"}}}"#,
            #"{"guide":{"guideNumber":"G2","currentStatus":{"status":2,"date":1540834812603}}}"#,
        ])
        #expect(b.events.count == 2)
        // 1540834812.603 s since the epoch = 2018-10-29T17:40:12.603Z (python datetime).
        #expect(b.events.allSatisfy { $0.instant == ms("2018-10-29T17:40:12.603Z") && $0.dateSource == .event })
    }

    @Test func houndSlashedDateIsMexicoCityLocal() throws {
        let b = try decodeLines([
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":8,"date":"06/04/2019 15:04:50"}}}"#,
            #"{"guide":{"guideNumber":"G2","currentStatus":{"status":8,"date":"08/04/2019 15:04:50"}}}"#,
        ])
        // Mexico City: CST (−06:00) on 6 April 2019, CDT (−05:00) from 7 April 2019.
        #expect(b.events.map(\.instant) == [ms("2019-04-06T21:04:50Z"), ms("2019-04-08T20:04:50Z")])
    }

    @Test func houndDashedDateWithAndWithoutTime() throws {
        let b = try decodeLines([
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":38,"date":"06-04-2019","time":"15:04:50"}}}"#,
            #"{"guide":{"guideNumber":"G2","currentStatus":{"status":38,"date":"06-04-2019"}}}"#,
            #"{"guide":{"guideNumber":"G3","currentStatus":{"status":38,"date":"06-04-2019","time":"25:61:00"}}}"#,
        ])
        #expect(b.events[0].instant == ms("2019-04-06T21:04:50Z"))
        #expect(b.events[1].instant == ms("2019-04-06T06:00:00Z"))  // date alone = local midnight
        #expect(b.events[2].dateSource == .asOf)  // unparseable time → fallback
    }

    @Test func webhookDatesAreFixedMinusSixAndTriedInOrder() throws {
        let b = try decodeLines([
            #"{"value":"W1","statusObj":{"id":2,"code":"DLV"},"dateTime":"2024-04-03 14:57:00"}"#,
            #"{"value":"W2","statusObj":{"id":2},"date":"03/04/2024 14:57"}"#,
            #"{"value":"W3","statusObj":{"id":2},"dateTimeISO":"2024-04-03T14:57:00-06:00","dateTime":"1999-01-01 00:00:00"}"#,
            #"{"value":"W4","statusObj":{"id":2},"dateTimeISO":"garbage","dateTime":"2024-04-03 14:57:00"}"#,
        ])
        #expect(b.events.map(\.instant) == Array(repeating: ms("2024-04-03T20:57:00Z"), count: 4))
        #expect(b.text(b.events[0].statusName) == "DLV")
        // W4's identity uses the field that parsed (dateTime), not the garbage dateTimeISO.
        #expect(b.text(b.events[3].eventID) == "W4|2|2024-04-03 14:57:00")
    }

    @Test func unparseableAndMissingDatesFallBack() throws {
        let b = try decodeLines([
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"30/02/2026 10:00:00"}}}"#,
            #"{"OrderCode":"A1","Status":"25"}"#,
            #"{"receivedAt":"2026-03-09T10:00:00+07:00","payload":{"OrderCode":"A2","Status":"25","Time":"not a date"}}"#,
            #"{"receivedAt":"2026-03-09T10:00:00","payload":{"OrderCode":"A3","Status":"25"}}"#,
        ])
        // Undated by the map stage (it does not know the run's as-of)…
        #expect(b.events[0].dateSource == .asOf && b.events[1].dateSource == .asOf)
        // …and dated with as-of by the fold, in the reporting zone (Mexico City, UTC−6 then).
        var dated: [NormalizedEvent] = []
        _ = try StagedReport.compute(settings: testFoldSettings(), onAccepted: { e, _ in dated.append(e) }) { try $0(b) }
        #expect(dated[0].instant == testAsOf && dated[0].localDay == day("2026-03-31") && dated[0].localOffsetSeconds == -6 * 3600)
        #expect(dated[1].instant == testAsOf && dated[1].localDay == day("2026-04-01"))
        #expect(b.events[2].dateSource == .receivedAt && b.events[2].instant == ms("2026-03-09T03:00:00Z"))
        // receivedAt without an offset is UTC (SPEC §11).
        #expect(b.events[3].dateSource == .receivedAt && b.events[3].instant == ms("2026-03-09T10:00:00Z"))
        #expect(b.counters.envelopes == 2)
    }

    // MARK: Shapes and loose types (SPEC §1, §11)

    @Test func everyRecordKindIsRecognised() throws {
        let b = try decodeLines([
            #"{"OrderCode":"A1","Status":"21","Time":"2026-03-01T08:00:00+07:00"}"#,
            #"{"OrderInfo":{"OrderCode":"A1","ServiceTypeID":"DE","CODAmount":500000}}"#,
            #"{"OrderCode":"A2","ServiceTypeID":"ED"}"#,
            #"{"Data":{"Orders":[{"OrderCode":"P","Histories":[{"OrderCode":"A3","Status":"23"},{"OrderCode":"MDH1","Status":"24"}]}]}}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"1540834812603"}}}"#,
            #"{"value":"W1","statusObj":{"id":46,"code":"NBROA"},"dateTimeISO":"2024-04-03T14:57:00-06:00"}"#,
            #"{"receivedAt":"2026-03-01T00:00:00Z","payload":{"guide":{"guideNumber":"G2","currentStatus":{"status":8}}}}"#,
        ])
        #expect(b.rejects.isEmpty)
        #expect(b.events.count == 6)
        #expect(b.orders.count == 2)
        #expect(b.counters.count(of: .event247) == 1)
        #expect(b.counters.count(of: .statusLogItem247) == 2)
        #expect(b.counters.count(of: .order247) == 2)
        #expect(b.counters.count(of: .houndStatus) == 2)
        #expect(b.counters.count(of: .houndWebhook) == 1)
        // A status-log item is keyed by its own OrderCode, never its parent's.
        #expect(b.events.map { b.text($0.orderCode) } == ["A1", "A3", "MDH1", "G1", "W1", "G2"])
        #expect(b.events[3].carrier == .houndExpress && b.events[3].status == .delivered)
    }

    @Test func numbersAsStringsAndPaddedCodesAreOneCode() throws {
        let b = try decodeLines([
            #"{"OrderCode":"A1","Status":"25","Time":"2026-03-01T08:00:00Z"}"#,
            #"{"OrderCode":"A1","Status":25,"Time":"2026-03-01T08:00:00Z"}"#,
            #"{"OrderCode":" A1 ","Status":" 25 ","Time":" 2026-03-01T08:00:00Z "}"#,
        ])
        #expect(b.events.count == 3)
        #expect(Set(b.events.map { b.text($0.identity) }).count == 1)  // duplicates of each other
        #expect(b.events.allSatisfy { $0.status == .outForDelivery })
    }

    @Test func transactionIdDecidesIdentityAndNeverMatchesEventsWithout() throws {
        let b = try decodeLines([
            #"{"OrderCode":"A1","Status":"25","Time":"2026-03-01T08:00:00Z","TransactionId":"t-1"}"#,
            #"{"OrderCode":"A1","Status":"30","Time":"2026-03-02T08:00:00Z","TransactionId":"t-1"}"#,
            #"{"OrderCode":"A1","Status":"25","Time":"2026-03-01T08:00:00Z"}"#,
        ])
        #expect(b.text(b.events[0].identity) == b.text(b.events[1].identity))
        #expect(b.text(b.events[0].identity) != b.text(b.events[2].identity))
        #expect(b.text(b.events[0].eventID) == "t-1")
        #expect(b.text(b.events[2].eventID) == "A1|25|2026-03-01T08:00:00Z")
    }

    @Test func unknownStatusCodesBecomeUnknownAndKeepTheirRawCode() throws {
        let b = try decodeLines([
            #"{"OrderCode":"A1","Status":"99","Time":"2026-03-01T08:00:00Z"}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":"X7","date":"1540834812603"}}}"#,
        ])
        #expect(b.events.map(\.status) == [.unknown, .unknown])
        #expect(b.events.map { b.text($0.statusCode) } == ["99", "X7"])
    }

    @Test func reasonsFromDelayCodesAndFromHoundStatuses() throws {
        var rows = StatusMapLoader.defaultMap().rows
        rows.append(
            StatusMapRow(
                kind: .reason, carrier: .express247, code: "S01",
                reason: ReasonInfo(label: "Khách hẹn giao lại", category: .rescheduled, party: .recipient)))
        let b = try decodeLines(
            [
                #"{"OrderCode":"A1","Status":"16","DelayCode":"S01","DelayNotes":"ignored when mapped"}"#,
                #"{"OrderCode":"A2","Status":"16","DelayCode":"Z9","DelayNotes":"Không liên lạc được"}"#,
                #"{"OrderCode":"A3","Status":"16","DelayNotes":"notes alone are no reason"}"#,
                #"{"guide":{"guideNumber":"G1","currentStatus":{"status":46}}}"#,
            ], options: testOptions(statusMap: StatusMap(carriers: 2, rows: rows)))
        let e = b.events
        #expect(e[0].flags.contains(.hasReason) && e[0].reasonCategory == .rescheduled && b.text(e[0].reasonLabel) == "Khách hẹn giao lại")
        #expect(e[1].flags.contains(.hasReason) && e[1].reasonCategory == .other && e[1].reasonParty == .unknown)
        #expect(b.text(e[1].reasonLabel) == "Không liên lạc được")
        #expect(!e[2].flags.contains(.hasReason))
        #expect(e[3].flags.contains(.hasReason) && b.text(e[3].reasonCode) == "46" && e[3].reasonCategory == .recipientUnavailable)
        #expect(b.text(e[3].reasonLabel) == "no one to receive")
    }

    @Test func feedbackCourierAndProofOfDelivery() throws {
        let b = try decodeLines([
            #"{"OrderCode":"A1","Status":"16","RequestFeedbackCount":"3","Mailman":"Nguyễn Văn Bình"}"#,
            #"{"OrderCode":"A1","Status":"16","RequestFeedbackCount":-1,"Mailman":null}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2},"POD":[1,2,3],"format":"[1,2]"}}"#,
            #"{"guide":{"guideNumber":"G2","currentStatus":{"status":2},"POD":[],"POD_B64":""}}"#,
        ])
        #expect(b.events[0].feedback == 3 && b.events[0].flags.contains(.hasFeedback))
        #expect(b.text(b.events[0].courier) == "Nguyễn Văn Bình")
        #expect(!b.events[1].flags.contains(.hasFeedback) && b.events[1].courier.isEmpty)
        #expect(b.events[2].flags.contains(.hasPOD) && b.events[2].flags.contains(.hasAttachment))
        #expect(!b.events[3].flags.contains(.hasPOD))
    }

    // MARK: Rejects (SPEC §8, §11)

    @Test func malformedLinesAreRejectsWithTheirReasonAndLine() throws {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let b = try decodeBytes(
            Array(
                (#"{"OrderCode":"A1", "ReferenceCode":"x" "Status":"25"}"# + "\n"  // 1 missing comma
                    + "{\"OrderCode\":\"A1\",\"Status\":\"25\",\"x\":\"a\u{01}b\"}\n"  // 2 raw control char
                    + "{\"foo\":1}\n"  // 3 unknown shape
                    + "[1,2]\n"  // 4 not an object
                    + "{\"Status\":\"25\"}\n"  // 5 missing order code
                    + "{\"OrderCode\":\"A1\"}\n"  // 6 OrderCode alone
                    + "{\"guide\":{\"guideNumber\":\"G\",\"currentStatus\":{}}}\n"  // 7 missing status
                    + "{\"OrderCode\":\"A\",\"Status\":\"25\",\"Status\":\"30\"}\n"  // 8 duplicate key
                    + "{\"a\":" + deep + "}\n"  // 9 too deep
                    + "   \t \n"  // 10 blank
                    + "{\"OrderCode\":\"A1\",\"Status\":\"25\",\"x\":tru}\n"  // 11 bad literal
                    + "{\"OrderCode\":\"A1\",\"Stat"  // 12 truncated
                    ).utf8) + [0x0A, 0xFF, 0xFE, 0x0A])  // 13 invalid UTF-8
        let got = b.rejects.map { "\($0.source.line):\($0.reason.rawValue)" }
        #expect(
            got == [
                "1:invalid_json", "2:invalid_json", "3:unknown_shape", "4:unknown_shape", "5:missing_order_code",
                "6:unknown_shape", "7:missing_status", "8:duplicate_key", "9:too_deep", "11:invalid_json",
                "12:invalid_json", "13:invalid_utf8",
            ])
        #expect(b.counters.blankLines == 1)
        #expect(b.events.isEmpty)
        #expect(b.rejects.allSatisfy { $0.text == nil })  // no text without --include-pii
    }

    @Test func aLastLineWithoutNewlineThatFailsIsTruncated() throws {
        let b = try decodeLines([#"{"OrderCode":"A1","Status":"25"}"#, #"{"OrderCode":"A2","Sta"#], unterminated: true)
        #expect(b.events.count == 1)
        #expect(b.rejects.map(\.reason) == [.truncated])
        // A complete last line without a newline is fine.
        #expect(try decodeLines([#"{"OrderCode":"A1","Status":"25"}"#], unterminated: true).events.count == 1)
    }

    @Test func statusLogItemsWithoutStatusAreRejectedAlone() throws {
        let b = try decodeLines([#"{"Data":{"Orders":[{"OrderCode":"P","Histories":[{"OrderCode":"A1","Status":"21"},{"OrderCode":"A2","Status":null},7]}]}}"#])
        #expect(b.events.count == 1)
        #expect(b.rejects.map(\.reason) == [.missingStatus, .unknownShape])
    }

    // MARK: API keys and secrets (SPEC §9)

    @Test func apiKeysGateWebhookEventsButNotStatusLogs() throws {
        let b = try decodeLines(
            [
                #"{"ApiKey":"K1","OrderCode":"A1","Status":"25"}"#,
                #"{"ApiKey":"K2","OrderCode":"A2","Status":"25"}"#,
                #"{"OrderCode":"A3","Status":"25"}"#,
                #"{"receivedAt":"2026-03-01T00:00:00Z","payload":{"ApiKey":"nope","OrderCode":"A4","Status":"25"}}"#,
                #"{"Data":{"Orders":[{"OrderCode":"A5","Histories":[{"OrderCode":"A5","Status":"21"}]}]}}"#,
                #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2}}}"#,
            ], options: testOptions(apiKeys: ["K1", "K2"]))
        #expect(b.events.map { b.text($0.orderCode) } == ["A1", "A2", "A5", "G1"])
        #expect(b.rejects.map { "\($0.source.line):\($0.reason.rawValue)" } == ["3:untrusted_api_key", "4:untrusted_api_key"])
        #expect(b.rejects.allSatisfy { !$0.detail.contains("nope") })
    }

    @Test(arguments: [
        #"{"ApiKey":"SECRET-1234","OrderCode":"A1"}"#,
        #"{"apikey": "SECRET-1234", "Status": }"#,
        #"{"Api\u004bey":"SECRET-1234","x":1,"y":}"#,
        #"{'API_KEY': 'SECRET-1234', broken"#,
        #"{"x":1,"api-key":SECRET-1234}"#,
        #"ApiKey=SECRET-1234 and more"#,
        #"{"ApiKey":"SECR\"ET-1234"}"#,
    ])
    func rejectTextNeverHoldsTheKey(_ line: String) throws {
        let b = try decodeLines([line], options: testOptions(includePII: true))
        let reject = try #require(b.rejects.first)
        let text = String(decoding: try #require(reject.text), as: UTF8.self)
        #expect(!text.contains("SECRET"), "leaked in \(text)")
        #expect(!text.contains("1234"), "leaked in \(text)")
        #expect(text.contains("[REDACTED]"))
    }

    @Test func configuredKeysAreRedactedWhereverTheyAppear() throws {
        let b = try decodeLines([#"{"note":"K-777 pasted in a note","broken"#], options: testOptions(apiKeys: ["K-777"], includePII: true))
        let text = String(decoding: try #require(b.rejects.first?.text), as: UTF8.self)
        #expect(!text.contains("K-777"))
    }

    @Test func rejectTextIsCutToOneKibibyteAtACharacterBoundary() throws {
        let line = "{\"x\":\"" + String(repeating: "ệ", count: 2000) + "\""  // invalid JSON, 3-byte characters
        let b = try decodeLines([line], options: testOptions(includePII: true))
        let text = try #require(b.rejects.first?.text)
        #expect(text.count <= 1024)
        #expect(String(validating: text, as: UTF8.self) != nil)
    }

    // MARK: Filters

    /// Filters are the fold's: a mapped event does not depend on them (so mapped records can be
    /// reused by runs with other filters), and the fold drops filtered events before anything else.
    @Test func carrierAndDateFiltersDropEventsBeforeAnythingElse() throws {
        let lines = [
            #"{"OrderCode":"A1","Status":"25","Time":"2026-03-01T08:00:00+07:00"}"#,
            #"{"OrderCode":"A1","Status":"30","Time":"2026-03-02T08:00:00+07:00"}"#,
            #"{"OrderCode":"A1","Status":"30","Time":"2026-03-03T08:00:00+07:00"}"#,
            #"{"guide":{"guideNumber":"G1","currentStatus":{"status":2,"date":"02/03/2026 10:00:00"}}}"#,
        ]
        let batch = try decodeLines(lines)
        #expect(batch.events.count == 4)
        func fold(_ settings: FoldSettings) throws -> (accepted: [String], quality: QualityCounts) {
            var accepted: [String] = []
            let result = try StagedReport.compute(settings: settings, onAccepted: { e, b in accepted.append(b.text(e.orderCode)) }) {
                try $0(batch)
            }
            return (accepted, result.tables.dataQuality.quality)
        }
        let byDate = try fold(testFoldSettings(from: "2026-03-02", to: "2026-03-02"))
        #expect(byDate.accepted == ["A1", "G1"])
        #expect(byDate.quality.filteredOut == 2)
        let byCarrier = try fold(testFoldSettings(carriers: [.houndExpress]))
        #expect(byCarrier.accepted == ["G1"])
        #expect(byCarrier.quality.filteredOut == 3)
    }

    // MARK: .json documents

    @Test func aBadArrayElementIsOneRejectAndItsSiblingsAreKept() throws {
        let json = """
            [
              {"OrderCode":"A1","Status":"25"},
              {"OrderCode":"A2" "Status":"25"},
              {"OrderCode":"A3","Status":"25"},
              42
            ]
            """
        let b = try decodeBytes(Array(json.utf8), format: .document)
        #expect(b.events.map { b.text($0.orderCode) } == ["A1", "A3"])
        #expect(b.rejects.map { "\($0.source.line):\($0.reason.rawValue)" } == ["2:invalid_json", "4:unknown_shape"])
    }

    @Test func aCutJSONArrayKeepsItsCompleteElements() throws {
        let b = try decodeBytes(Array(#"[{"OrderCode":"A1","Status":"25"},{"OrderCode":"A2","Sta"#.utf8), format: .document)
        #expect(b.events.count == 1)
        #expect(b.rejects.map(\.reason) == [.truncated])
    }

    @Test func aPrettyPrintedObjectFileIsOneRecord() throws {
        let b = try decodeBytes(Array("\u{FEFF}{\n  \"OrderCode\": \"A1\",\n  \"Status\": \"30\"\n}\n".utf8), format: .document)
        #expect(b.events.count == 1 && b.events[0].status == .delivered)
    }

    @Test func nestedEmptyArraysInAnUnknownFieldAreValidJSON() throws {
        // A regression: the integer-array fast path of the skipped-value validator moved past an
        // inner `[]` while reporting "not mine", so `[[]]` read as malformed JSON. The big
        // document (over the 1 MiB DOM limit) goes through that validator in every build.
        let small = #"{"OrderCode":"A1","Status":"25","x":[[],[[]],[1,[]],{}]}"#
        let big = #"{"OrderCode":"A2","Status":"25","x":[[],[[]]],"pod":[[],"# + String(repeating: "1,", count: 600_000) + "2]}"
        let b = try decodeBytes(Array((small + "\n" + big + "\n").utf8), maxLineBytes: 4 << 20)
        #expect(b.rejects.isEmpty, "\(b.rejects.map(\.detail))")
        #expect(b.events.count == 2)
    }
}
