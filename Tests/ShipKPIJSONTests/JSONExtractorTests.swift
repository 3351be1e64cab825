import CShipJSON
import Foundation
import ShipKPICore
import ShipKPIJSON
import Testing

/// The extractor's contract, on both paths (`dom`: the DOM fast path first, or the On-Demand walk
/// alone).
@Suite struct JSONExtractorTests {
    let s: ShipSchema

    init() throws { s = try ShipSchema() }

    /// Extracts `text` and runs `body` on the root frame (fails the test for any other root).
    func root(_ text: String, dom: Bool, _ body: (JSONFrame) throws -> Void) throws {
        let extractor = try s.extractor(dom: dom)
        try withDocument(Array(text.utf8)) { doc in
            let result = extractor.extract(doc)
            guard case .object(let root) = result else {
                Issue.record("\(text.prefix(80)): \(result)")
                return
            }
            #expect(root.number == 0 && root.isObject && root.node == JSONSchema.root && root.parent == nil)
            try body(root)
        }
    }

    func extract(_ text: String, dom: Bool) throws -> JSONExtraction {
        let extractor = try s.extractor(dom: dom)
        return withDocument(Array(text.utf8)) { extractor.extract($0) }
    }

    @Test(arguments: [true, false])
    func scalarsAreCapturedWithTheirTypeAndTrimmed(dom: Bool) throws {
        let text =
            #"{"OrderCode":" \f\u000b A\u00e9 \t\n","Status":"\r 25 \u000c","Time":"  ","Mailman":false,"ApiKey":true,"#
            + #""DelayCode":null,"DelayNotes":[1,{"a":[]}],"DeliveryDate":{"x":1},"RequestFeedbackCount":-12,"TransactionId":"a\"b\\c\/d\u0000"}"#
        try root(text, dom: dom) { r in
            let f = { (name: String) in s[s.root, name] }
            #expect(r.type(f("OrderCode")) == .string && r.bytes(f("OrderCode")).string == "A\u{E9}")
            #expect(r.text(f("Status")).map(\.string) == "25")
            #expect(r.type(f("Time")) == .string && r.bytes(f("Time")).isEmpty && r.text(f("Time")) == nil && r.isMissing(f("Time")))
            #expect(r.type(f("Mailman")) == .bool && r.bytes(f("Mailman")).string == "false" && r.text(f("Mailman")) == nil)
            #expect(r.bytes(f("ApiKey")).string == "true" && !r.isMissing(f("ApiKey")))
            #expect(r.type(f("DelayCode")) == .null && r.isMissing(f("DelayCode")) && r.bytes(f("DelayCode")).isEmpty)
            #expect(r.type(f("DelayNotes")) == .array && r.bytes(f("DelayNotes")).isEmpty && !r.isMissing(f("DelayNotes")))
            #expect(r.type(f("DeliveryDate")) == .object && r.text(f("DeliveryDate")) == nil)
            #expect(r.type(f("RequestFeedbackCount")) == .number && r.text(f("RequestFeedbackCount")).map(\.string) == "-12")
            #expect(Array(r.bytes(f("TransactionId"))) == Array("a\"b\\c/d\u{0}".utf8))
            #expect(r.type(f("ServiceTypeID")) == .absent && r.isMissing(f("ServiceTypeID")) && r.text(f("ServiceTypeID")) == nil)
            #expect(!r.hasDuplicateKey)
        }
    }

    /// Numbers keep their JSON text, whatever simdjson could represent (the DOM path hands these
    /// documents to the walk).
    @Test(arguments: [true, false])
    func numbersKeepTheirToken(dom: Bool) throws {
        let tokens = [
            "0", "-0", "25", "-9223372036854775808", "18446744073709551615", "99999999999999999999", "25.0", "2.5e1",
            "1E400", "-0.0e-0", "1.0000000000000000000001", "1E+2", "123456789012345678901234567890",
        ]
        for token in tokens {
            try root(#"{"OrderCode":"N","Status":\#(token) ,"CODAmount":\#(token)}"#, dom: dom) { r in
                #expect(r.text(s[s.root, "Status"]).map(\.string) == token)
                #expect(r.text(s[s.root, "CODAmount"]).map(\.string) == token)
            }
        }
    }

    @Test(arguments: [true, false])
    func theFirstValueOfARepeatedKeyOrAliasWins(dom: Bool) throws {
        try root(#"{"OrderCode":"A","Status":"1","OrderCode":{"x":"B"}}"#, dom: dom) { r in
            #expect(r.bytes(s[s.root, "OrderCode"]).string == "A" && r.hasDuplicateKey)
        }
        // Aliases share one slot: the second is a duplicate, and its array is not walked.
        try root(#"{"ExtraServices":[{"ServiceID":"X"}],"ExtraService":[{"ServiceID":"DVBH"},{}]}"#, dom: dom) { r in
            let extras = s[s.root, "ExtraServices"]
            #expect(s[s.root, "ExtraService"] == extras)
            #expect(r.hasDuplicateKey && r.elements(extras).count == 1)
            #expect(r.elements(extras).map { $0.bytes(s[s.extra, "ServiceID"]).string } == ["X"])
        }
        // The flag belongs to the object that repeats the key.
        try root(#"{"guide":{"guideNumber":"1","currentStatus":{"status":"S","status":"T"},"guideNumber":"2"}}"#, dom: dom) { r in
            let g = try #require(r.child(s[s.root, "guide"]))
            let cur = try #require(g.child(s[s.guide, "currentStatus"]))
            #expect(!r.hasDuplicateKey && g.hasDuplicateKey && cur.hasDuplicateKey)
            #expect(g.bytes(s[s.guide, "guideNumber"]).string == "1" && cur.bytes(s[s.currentStatus, "status"]).string == "S")
        }
        // Repeated keys that no field names are not duplicates; escaped spellings are the same key.
        try root(#"{"x":1,"x":2,"Order\u0043ode":"A","OrderCode":"B"}"#, dom: dom) { r in
            #expect(r.hasDuplicateKey && r.bytes(s[s.root, "OrderCode"]).string == "A")
        }
        try root(#"{"x":1,"x":2}"#, dom: dom) { r in #expect(!r.hasDuplicateKey) }
        // A repeated value is still validated.
        guard case .failure(let failure) = try extract(#"{"OrderCode":"A","OrderCode":tru}"#, dom: dom) else {
            Issue.record("a repeated key's invalid value passed")
            return
        }
        #expect(failure.kind == .invalidJSON)
    }

    @Test(arguments: [true, false])
    func unknownKeysAreValidatedButNotCaptured(dom: Bool) throws {
        try root(#"{"x":{"OrderCode":"no","Packages":[{}]},"OrderCode":"yes","y":[{"OrderInfo":{}}]}"#, dom: dom) { r in
            #expect(r.bytes(s[s.root, "OrderCode"]).string == "yes")
            #expect(r.type(s[s.root, "Packages"]) == .absent && r.type(s[s.root, "OrderInfo"]) == .absent)
        }
        for bad in [#"{"x":[1,2,]}"#, #"{"x":{"a" 1}}"#, #"{"x":"\q"}"#, #"{"x":01}"#, #"{"x":nul}"#] {
            guard case .failure = try extract(bad, dom: dom) else { Issue.record("\(bad) passed"); continue }
        }
    }

    /// Skipped integer arrays (attachments as byte arrays) are checked 64 bytes at a time when
    /// they have the usual layout: arrays of every layout, each with one defect or none placed at
    /// every distance from a block's edge, are judged by the On-Demand walk as Foundation's JSON
    /// parser judges them (the DOM path is no oracle: it hands what it declines to On-Demand).
    @Test func integerArraysAreJudgedAsFoundationJudgesThem() throws {
        let onDemand = try s.extractor(dom: false)
        var rng = SplitMix64(state: 7)
        let defects = ["", "07", ",,", ", ,", "1 2", "1,]", "-5", "-0", "- 5", "1e5", "1.5", "x", "\u{7F}", "\n", "\t", "  ", "00", "0"]
        var checked = 0, valid = 0
        for separator in [",", ", ", " , ", ",\n", ",  "] {
            for defect in defects {
                for _ in 0 ..< 40 {
                    var elements = (0 ..< 120).map { _ in String(rng.next() % 256) }
                    let at = Int(rng.next() % UInt64(elements.count))
                    if !defect.isEmpty { elements[at] = defect == "1,]" ? "1," : (rng.next() % 2 == 0 ? defect : elements[at] + defect) }
                    let text = #"{"OrderCode":"A","x":["# + elements.joined(separator: separator) + "]}"
                    // Foundation accepts a trailing comma, which JSON does not.
                    let trailingComma = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "").hasSuffix(",]}")
                    let aOK = !trailingComma && (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
                    let b = withDocument(Array(text.utf8)) { onDemand.extract($0) }
                    let bOK = if case .object = b { true } else { false }
                    #expect(aOK == bOK, "Foundation \(aOK), On-Demand \(bOK): \(text)")
                    checked += 1
                    if aOK { valid += 1 }
                }
            }
        }
        #expect(valid > 500 && checked - valid > 500, "\(valid) valid of \(checked)")  // both verdicts exercised
    }

    @Test(arguments: [true, false])
    func objectsAndArraysOfObjectsGetFramesInDocumentOrder(dom: Bool) throws {
        let text =
            #"{"OrderCode":"A","Packages":[{"Length":1,"Width":"2"},7,{"Height":3,"Height":4},[],{}],"#
            + #""OrderInfo":{"OrderCode":"B","Packages":[{"RealWeight":5}]},"payload":{"Status":"P","payload":{"Status":"Q"}}}"#
        try root(text, dom: dom) { r in
            let packages = r.elements(s[s.root, "Packages"])
            #expect(packages.count == 5 && r.type(s[s.root, "Packages"]) == .array)
            let p = Array(packages)
            #expect(p.map(\.isObject) == [true, false, true, false, true])
            #expect(p.map(\.number) == [1, 2, 3, 4, 5])
            #expect(p.allSatisfy { $0.parent?.number == 0 })
            #expect(p[0].node == s.package && p[1].node == nil)
            #expect(p[0].text(s[s.package, "Length"]).map(\.string) == "1" && p[0].bytes(s[s.package, "Width"]).string == "2")
            #expect(p[1].type(s[s.package, "Length"]) == .absent && p[1].isMissing(s[s.package, "Length"]) && !p[1].hasDuplicateKey)
            #expect(p[2].hasDuplicateKey && p[2].bytes(s[s.package, "Height"]).string == "3")
            let info = try #require(r.child(s[s.root, "OrderInfo"]))
            #expect(info.number == 6 && info.node == s.order && info.parent?.number == 0)
            #expect(info.bytes(s[s.order, "OrderCode"]).string == "B")
            let inner = Array(info.elements(s[s.order, "Packages"]))
            #expect(inner.map(\.number) == [7] && inner.first?.parent?.number == 6)
            #expect(inner.first?.bytes(s[s.package, "RealWeight"]).string == "5")
            // payload is walked with the root node again, recursively.
            let payload = try #require(r.child(s[s.root, "payload"]))
            #expect(payload.node == JSONSchema.root && payload.number == 8 && payload.bytes(s[s.root, "Status"]).string == "P")
            let nested = try #require(payload.child(s[s.root, "payload"]))
            #expect(nested.number == 9 && nested.parent?.number == 8 && nested.bytes(s[s.root, "Status"]).string == "Q")
            // The wrong accessor for a field's kind reads nothing.
            #expect(r.child(s[s.root, "Packages"]) == nil && r.elements(s[s.root, "OrderInfo"]).isEmpty)
            #expect(r.bytes(s[s.root, "OrderInfo"]).isEmpty)
        }
        // Containers of the wrong type: type only, no frames.
        try root(#"{"OrderInfo":[1],"Packages":{"Length":1},"guide":"G","statusObj":null,"Data":7}"#, dom: dom) { r in
            #expect(r.type(s[s.root, "OrderInfo"]) == .array && r.child(s[s.root, "OrderInfo"]) == nil)
            #expect(r.type(s[s.root, "Packages"]) == .object && r.elements(s[s.root, "Packages"]).isEmpty)
            #expect(r.type(s[s.root, "guide"]) == .string && r.bytes(s[s.root, "guide"]).isEmpty && r.text(s[s.root, "guide"]) == nil)
            #expect(r.type(s[s.root, "statusObj"]) == .null && r.isMissing(s[s.root, "statusObj"]))
            #expect(r.type(s[s.root, "Data"]) == .number)
        }
        try root(#"{"Packages":[]}"#, dom: dom) { r in
            #expect(r.type(s[s.root, "Packages"]) == .array && r.elements(s[s.root, "Packages"]).isEmpty)
            #expect(Array(r.elements(s[s.root, "Packages"])).isEmpty)
        }
    }

    @Test(arguments: [true, false])
    func attachmentsKeepTypeAndPresenceOnly(dom: Bool) throws {
        let cases: [(String, JSONValueType, Bool)] = [
            (#""iVBOR""#, .string, true), (#"" \t x""#, .string, true), (#""  ""#, .string, false), (#""""#, .string, false),
            (#"" \u0020 ""#, .string, false), (#""\u0041""#, .string, true),
            ("[137, 80]", .array, true), ("[ ]", .array, false), (#"{"a":1}"#, .object, true), ("{}", .object, false),
            ("1", .number, false), ("true", .bool, false), ("null", .null, false),
        ]
        for (value, type, content) in cases {
            try root(#"{"OrderCode":"A","POD":\#(value)}"#, dom: dom) { r in
                let pod = s[s.root, "POD"]
                #expect(r.type(pod) == type, "\(value)")
                #expect(r.hasContent(pod) == content, "\(value)")
                #expect(r.bytes(pod).isEmpty && r.text(pod) == nil, "\(value)")
            }
        }
    }

    /// A 5 MB proof of delivery is validated in place: the arena holds only the small fields.
    @Test(arguments: [true, false])
    func attachmentsAreNeverCopied(dom: Bool) throws {
        let schema = try #require(sj_schema_create())
        defer { sj_schema_destroy(schema) }
        let code = sj_schema_add_field(schema, 0, UInt8(SJ_FIELD_SCALAR), -1)
        let pod = sj_schema_add_field(schema, 0, UInt8(SJ_FIELD_ATTACHMENT), -1)
        #expect(sj_schema_add_name(schema, 0, code, "OrderCode", 9) == 0 && sj_schema_add_name(schema, 0, pod, "POD", 3) == 0)
        let parser = try #require(sj_parser_create(schema, 64))
        defer { sj_parser_destroy(parser) }
        sj_parser_set_dom(parser, dom ? 1 : 0)
        for document in [Corpus.bigPOD(megabytes: 5), Corpus.bigPODArray(megabytes: 5)] {
            let text = String(decoding: document, as: UTF8.self)
                .replacingOccurrences(of: "POD_B64", with: "POD").replacingOccurrences(
                    of: #"{"guide":{"guideNumber":"G","currentStatus":{"status":"1"},"#, with: #"{"OrderCode":"BIG","#
                )
                .replacingOccurrences(of: "}}", with: "}")
            try withDocument(Array(text.utf8)) { doc in
                #expect(sj_parse(parser, doc.baseAddress?.assumingMemoryBound(to: UInt8.self), doc.count) == Int32(SJ_OK))
                #expect(sj_frame_count(parser) == 1)
                #expect(sj_arena_size(parser) == 3, "the arena holds \(sj_arena_size(parser)) bytes")
                let values = try #require(sj_values(parser))
                #expect(values[1].len > 0 && (values[1].type == UInt8(SJ_T_STRING) || values[1].type == UInt8(SJ_T_ARRAY)))
            }
        }
    }

    @Test(arguments: [true, false])
    func rootsThatAreNotObjectsAreReportedAsSuch(dom: Bool) throws {
        for text in ["[1,2]", " [ ] ", #"[{"OrderCode":"A"}]"#] {
            guard case .array = try extract(text, dom: dom) else { Issue.record("\(text): not .array"); continue }
        }
        for text in [#""x""#, "42", " -0.5e3 ", "null", "true", "false"] {
            guard case .scalar = try extract(text, dom: dom) else { Issue.record("\(text): not .scalar"); continue }
        }
    }

    @Test(arguments: [true, false])
    func invalidDocumentsSayWhatAndWhere(dom: Bool) throws {
        let cases: [(String, JSONFailure)] = [
            ("", JSONFailure(kind: .invalidJSON, detail: "the document is empty", offset: nil)),
            (
                #"{"OrderCode":"A","Status":tru}"#,
                JSONFailure(kind: .invalidJSON, detail: "malformed JSON (missing comma, colon, quote or bracket)", offset: 26)
            ),
            (
                #"{"OrderCode":"A","Status":"1","x":tru}"#,
                JSONFailure(kind: .invalidJSON, detail: "malformed JSON (missing comma, colon, quote or bracket)", offset: 34)
            ),
            (#"{"a":[1,2,]}"#, JSONFailure(kind: .invalidJSON, detail: "malformed JSON (missing comma, colon, quote or bracket)", offset: 10)),
            ("nully", JSONFailure(kind: .invalidJSON, detail: "an invalid literal (expected true, false or null)", offset: nil)),
            (#"3]"#, JSONFailure(kind: .invalidJSON, detail: "unexpected content after the document", offset: 1)),
            (#"{"a":1} x"#, JSONFailure(kind: .invalidJSON, detail: "the document ends inside an object or array", offset: nil)),
            (#"{"a":1} {"b":2}"#, JSONFailure(kind: .invalidJSON, detail: "unexpected content after the document", offset: 8)),
            (
                "[" + String(repeating: "[", count: 64) + String(repeating: "]", count: 65),
                JSONFailure(kind: .tooDeep, detail: "the document is nested too deeply", offset: 64)
            ),
        ]
        for (text, expected) in cases {
            guard case .failure(let failure) = try extract(text, dom: dom) else { Issue.record("\(text) passed"); continue }
            // The words and offsets reach users' reject files: they are part of the contract.
            #expect(failure == expected, "\(text)")
        }
        let extractor = try s.extractor(dom: dom)
        withDocument([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) { doc in
            guard case .failure(let failure) = extractor.extract(doc) else { Issue.record("invalid UTF-8 passed"); return }
            #expect(failure.kind == .invalidUTF8 && failure.detail == "the text is not valid UTF-8")
        }
        // No buffer at all is the empty document.
        guard case .failure(let empty) = extractor.extract(UnsafeRawBufferPointer(start: nil, count: 0)) else {
            Issue.record("the empty document passed")
            return
        }
        #expect(empty.detail == "the document is empty")
    }

    /// A parser works on its own copy of the schema, and gives back what a big document made large.
    @Test func theParserCopiesTheSchemaAndReleasesBigBuffers() throws {
        var parserOrNil: OpaquePointer?
        do {
            let schema = try #require(sj_schema_create())
            let slot = sj_schema_add_field(schema, 0, UInt8(SJ_FIELD_SCALAR), -1)
            #expect(sj_schema_add_name(schema, 0, slot, "DelayNotes", 10) == 0)
            #expect(sj_schema_add_name(schema, 0, slot, "DelayNotes", 10) == Int32(SJ_E_NAME_TAKEN))
            #expect(sj_schema_add_name(schema, 0, 5, "x", 1) == Int32(SJ_E_UNKNOWN_SLOT))
            #expect(sj_schema_add_field(schema, 3, UInt8(SJ_FIELD_SCALAR), -1) == Int32(SJ_E_UNKNOWN_NODE))
            #expect(sj_schema_add_field(schema, 0, UInt8(SJ_FIELD_OBJECT), 7) == Int32(SJ_E_UNKNOWN_NODE))
            #expect(sj_schema_add_field(schema, 0, 9, -1) == Int32(SJ_E_BAD_KIND))
            parserOrNil = sj_parser_create(schema, 64)
            sj_schema_destroy(schema)
        }
        let parser = try #require(parserOrNil)
        defer { sj_parser_destroy(parser) }
        func parse(_ bytes: [UInt8]) -> Int32 {
            withDocument(bytes) { sj_parse(parser, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count) }
        }
        let notes = String(repeating: "n", count: 3 << 20)
        let big = Array(#"{"DelayNotes":"\#(notes)","x":[\#(String(repeating: "1,", count: 1 << 20))1]}"#.utf8)
        #expect(parse(big) == Int32(SJ_OK))
        #expect(sj_arena_size(parser) == 3 << 20)  // the big document's results stay readable…
        let values = try #require(sj_values(parser))
        #expect(UnsafeRawBufferPointer(start: sj_arena(parser) + Int(values[0].off), count: Int(values[0].len)).allSatisfy { $0 == UInt8(ascii: "n") })
        // simdjson's buffers are kept for the next big document (no page faults to grow them
        // again), the output vectors only until the next parse.
        #expect(sj_parser_retained(parser) > 4 << 20, "simdjson's buffers were not kept: \(sj_parser_retained(parser))")
        #expect(parse(Array(#"{"DelayNotes":"short"}"#.utf8)) == Int32(SJ_OK))
        #expect(sj_arena_size(parser) == 5)
        let kept = sj_parser_retained(parser)
        #expect(kept > 4 << 20 && kept < 64 << 20, "\(kept)")
        // After a quiet period without big documents they are released.
        for _ in 1 ..< Int(SJ_QUIET_DOCUMENTS) - 1 { _ = parse(Array(#"{"DelayNotes":"short"}"#.utf8)) }
        #expect(sj_parser_retained(parser) == kept, "released before the quiet period ended")
        #expect(parse(Array(#"{"DelayNotes":"short"}"#.utf8)) == Int32(SJ_OK))
        #expect(sj_parser_retained(parser) < 1 << 16, "still holding \(sj_parser_retained(parser)) bytes")
        // A document over 16 MiB: its buffers go at once.
        let huge = Array(#"{"DelayNotes":"\#(String(repeating: "n", count: 17 << 20))"}"#.utf8)
        #expect(parse(huge) == Int32(SJ_OK))
        #expect(sj_parser_retained(parser) < (17 << 20) + (1 << 20), "kept \(sj_parser_retained(parser)) after a 17 MiB document")
        #expect(parse(Array(#"{"DelayNotes":"short"}"#.utf8)) == Int32(SJ_OK))
        #expect(sj_parser_retained(parser) < 1 << 16, "still holding \(sj_parser_retained(parser)) bytes")
    }
}
