import ShipKPIJSON
import Testing

@Suite struct JSONSchemaTests {
    @Test func fieldsAreNumberedPerNodeAndFoundByEveryName() throws {
        var s = JSONSchema()
        let child = s.addNode()
        #expect(child != JSONSchema.root && s.nodeCount == 2)
        let a = try s.addField(names: ["a"], in: JSONSchema.root, kind: .scalar)
        let b = try s.addField(names: ["b", "bee"], in: JSONSchema.root, kind: .objects(child))
        let c = try s.addField(names: ["a"], in: child, kind: .attachment)  // same name, other node
        #expect(a.slot == 0 && b.slot == 1 && c.slot == 0)
        #expect(s.field(named: "bee", in: JSONSchema.root) == b && s.field(named: "b", in: JSONSchema.root) == b)
        #expect(s.field(named: "a", in: child) == c && s.field(named: "c", in: child) == nil)
        #expect(b.kind == .objects(child) && b.kind.childNode == child && a.kind.childNode == nil)
        #expect(s.fields(of: JSONSchema.root) == [a, b])
    }

    @Test func misuseIsReportedAndChangesNothing() throws {
        var s = JSONSchema()
        var other = JSONSchema()
        let foreign = other.addNode()
        #expect(throws: JSONSchemaError.unknownNode(foreign)) { try s.addField(names: ["x"], in: foreign, kind: .scalar) }
        #expect(throws: JSONSchemaError.unknownNode(foreign)) { try s.addField(names: ["x"], in: JSONSchema.root, kind: .object(foreign)) }
        #expect(throws: JSONSchemaError.noNames(JSONSchema.root)) { try s.addField(names: [], in: JSONSchema.root, kind: .scalar) }
        _ = try s.addField(names: ["x"], in: JSONSchema.root, kind: .scalar)
        #expect(throws: JSONSchemaError.nameTaken("x", JSONSchema.root)) { try s.addField(names: ["y", "x"], in: JSONSchema.root, kind: .scalar) }
        #expect(throws: JSONSchemaError.nameTaken("z", JSONSchema.root)) { try s.addField(names: ["z", "z"], in: JSONSchema.root, kind: .scalar) }
        #expect(s.field(named: "y", in: JSONSchema.root) == nil, "a refused field left a name behind")
        for i in 1 ..< JSONSchema.maxFieldsPerNode { _ = try s.addField(names: ["f\(i)"], in: JSONSchema.root, kind: .scalar) }
        #expect(throws: JSONSchemaError.tooManyFields(JSONSchema.root)) { try s.addField(names: ["last"], in: JSONSchema.root, kind: .scalar) }
        // 128 fields: the seen-mask's second word is used.
        let extractor = try JSONExtractor(schema: s, maxDepth: 64)
        let f127 = try #require(s.field(named: "f127", in: JSONSchema.root))
        withDocument(Array(#"{"f127":1,"f127":2,"f63":3}"#.utf8)) { doc in
            guard case .object(let root) = extractor.extract(doc) else { Issue.record("not an object"); return }
            #expect(root.bytes(f127).string == "1" && root.hasDuplicateKey)
        }
    }

    /// Names are bytes: differently normalised spellings that Swift's `String ==` equates are
    /// different keys.
    @Test func namesAreComparedAsBytes() throws {
        var s = JSONSchema()
        let composed = try s.addField(names: ["caf\u{E9}"], in: JSONSchema.root, kind: .scalar)
        let decomposed = try s.addField(names: ["cafe\u{301}"], in: JSONSchema.root, kind: .scalar)
        #expect(composed != decomposed)
        let extractor = try JSONExtractor(schema: s, maxDepth: 64)
        withDocument(Array(#"{"cafe\u0301":"d","caf\u00e9":"c"}"#.utf8)) { doc in
            guard case .object(let root) = extractor.extract(doc) else { Issue.record("not an object"); return }
            #expect(root.bytes(composed).string == "c" && root.bytes(decomposed).string == "d" && !root.hasDuplicateKey)
        }
    }

    /// A schema with long, empty and escaped names, many names of one length, and a node reused by
    /// several fields.
    @Test func unusualNamesAreFound() throws {
        var s = JSONSchema()
        let long = String(repeating: "k", count: 100)
        let fLong = try s.addField(names: [long], in: JSONSchema.root, kind: .scalar)
        let fEmpty = try s.addField(names: [""], in: JSONSchema.root, kind: .scalar)
        let fQuote = try s.addField(names: ["a\"b\\c"], in: JSONSchema.root, kind: .scalar)
        var same: [JSONField] = []
        for c in "abcdefghij" { same.append(try s.addField(names: ["x\(c)y"], in: JSONSchema.root, kind: .scalar)) }
        let extractor = try JSONExtractor(schema: s, maxDepth: 64)
        withDocument(Array(#"{"\#(long)":"L","":"E","a\"b\\c":"Q","xjy":"J","xay":"A","xzy":"Z"}"#.utf8)) { doc in
            guard case .object(let root) = extractor.extract(doc) else { Issue.record("not an object"); return }
            #expect(root.bytes(fLong).string == "L" && root.bytes(fEmpty).string == "E" && root.bytes(fQuote).string == "Q")
            #expect(root.bytes(same[9]).string == "J" && root.bytes(same[0]).string == "A" && root.type(same[1]) == .absent)
        }
    }
}
