import CShipJSON
import ShipKPICore
import ShipKPIJSON
import Testing

/// The extractor against itself (the DOM fast path vs the On-Demand walk) and against the old
/// decoder, on every document of the corpus: the edge lines of the end-to-end fast-path tests,
/// more edges, every file under samples/ and the fuzz regressions (whole, by line and by array
/// element), and documents over 1 MiB.
@Suite(.serialized) struct CorpusTests {
    static let depths: [UInt32] = [64, 5]

    /// One raw C parser (the tests compare the C buffers themselves).
    final class RawParser {
        let parser: OpaquePointer

        init(_ schema: JSONSchema, _ s: ShipSchema, maxDepth: UInt32, dom: Bool) throws {
            // Build the C schema the way JSONExtractor does; the ids are the Swift ones.
            let c = try #require(sj_schema_create())
            defer { sj_schema_destroy(c) }
            for _ in 1 ..< schema.nodeCount { _ = sj_schema_add_node(c) }
            for n in 0 ..< schema.nodeCount {
                for field in schema.fields(of: schema.allNodes[n]) {
                    let (code, child): (Int32, Int32) =
                        switch field.kind {
                        case .scalar: (Int32(SJ_FIELD_SCALAR), -1)
                        case .attachment: (Int32(SJ_FIELD_ATTACHMENT), -1)
                        case .object(let c): (Int32(SJ_FIELD_OBJECT), c.index)
                        case .objects(let c): (Int32(SJ_FIELD_OBJECTS), c.index)
                        }
                    #expect(sj_schema_add_field(c, Int32(n), UInt8(code), child) == Int32(field.slot))
                }
            }
            for (node, names) in s.allNames {
                for (name, field) in names {
                    let rc = Array(name.utf8).withUnsafeBufferPointer { buf in
                        buf.withMemoryRebound(to: CChar.self) { sj_schema_add_name(c, node.index, Int32(field.slot), $0.baseAddress, $0.count) }
                    }
                    #expect(rc == 0)
                }
            }
            parser = try #require(sj_parser_create(c, maxDepth))
            sj_parser_set_dom(parser, dom ? 1 : 0)
        }

        deinit { sj_parser_destroy(parser) }

        /// Everything a parse produced, in comparable form.
        struct Result: Equatable {
            var rc: Int32
            var detail: String
            var offset: Int64
            var rootType: UInt8 = 0
            var frames: [[UInt32]] = []  // node, values, next, parent, flags
            var values: [[UInt32]] = []  // type, len, and off for walked fields
            var bytes: [[UInt8]] = []  // per value: the captured bytes (scalar fields)
        }

        func parse(_ document: [UInt8], _ schema: JSONSchema) -> Result {
            withDocument(document) { doc in
                let rc = sj_parse(parser, doc.baseAddress?.assumingMemoryBound(to: UInt8.self), doc.count)
                var r = Result(rc: rc, detail: String(cString: sj_error_detail(parser)), offset: sj_error_offset(parser))
                guard rc == Int32(SJ_OK) else { return r }
                r.rootType = sj_root_type(parser)
                let count = sj_frame_count(parser)
                guard count > 0, let frames = sj_frames(parser) else { return r }
                let values = sj_values(parser)
                let arena = sj_arena(parser)
                for i in 0 ..< count {
                    let f = frames[i]
                    r.frames.append([f.node, f.values, f.next, f.parent, UInt32(f.flags)])
                    guard f.node != SJ_NONE, let values else { continue }
                    for field in schema.fields(of: schema.allNodes[Int(f.node)]) {
                        let v = values[Int(f.values) + field.slot]
                        switch field.kind {
                        case .scalar:
                            r.values.append([UInt32(v.type), v.len])
                            let captured = v.type == UInt8(SJ_T_STRING) || v.type == UInt8(SJ_T_NUMBER) || v.type == UInt8(SJ_T_BOOL)
                            r.bytes.append(captured ? Array(UnsafeBufferPointer(start: arena! + Int(v.off), count: Int(v.len))) : [])
                        case .attachment:
                            r.values.append([UInt32(v.type), v.len, v.off])
                        case .object, .objects:
                            r.values.append([UInt32(v.type), v.len, v.off])
                        }
                    }
                }
                return r
            }
        }
    }

    /// Frames form a tree in pre-order: each frame is reached exactly once from its parent's
    /// field, after its parent, elements chained in order.
    static func checkTree(_ r: RawParser.Result, _ schema: JSONSchema, _ name: String) {
        guard !r.frames.isEmpty else { return }
        var reached = [Bool](repeating: false, count: r.frames.count)
        reached[0] = true
        #expect(r.frames[0][3] == SJ_NONE && r.frames[0][0] == 0, "\(name): root frame")
        var vi = 0
        for (i, f) in r.frames.enumerated() {
            if i > 0 { #expect(f[3] < UInt32(i), "\(name): frame \(i) before its parent") }
            guard f[0] != SJ_NONE else { continue }
            for field in schema.fields(of: schema.allNodes[Int(f[0])]) {
                let v = r.values[vi]
                vi += 1
                switch field.kind {
                case .object where v[0] == UInt32(SJ_T_OBJECT):
                    let c = Int(v[2])
                    #expect(c > i && r.frames[c][3] == UInt32(i) && !reached[c], "\(name): child of \(i)")
                    reached[c] = true
                case .objects where v[0] == UInt32(SJ_T_ARRAY):
                    var e = v[2], n: UInt32 = 0, last = i
                    while e != SJ_NONE {
                        #expect(Int(e) > last && r.frames[Int(e)][3] == UInt32(i) && !reached[Int(e)], "\(name): element of \(i)")
                        reached[Int(e)] = true
                        last = Int(e)
                        e = r.frames[Int(e)][2]
                        n += 1
                    }
                    #expect(n == v[1], "\(name): element count")
                default:
                    break
                }
            }
        }
        #expect(reached.allSatisfy { $0 }, "\(name): unreachable frames")
    }

    @Test(arguments: depths)
    func bothPathsCaptureAlike(maxDepth: UInt32) throws {
        let s = try ShipSchema()
        let dom = try RawParser(s.schema, s, maxDepth: maxDepth, dom: true)
        let walk = try RawParser(s.schema, s, maxDepth: maxDepth, dom: false)
        var failures = 0, objects = 0
        for document in try Corpus.all() {
            let a = dom.parse(document.bytes, s.schema)
            let b = walk.parse(document.bytes, s.schema)
            #expect(a == b, "\(document): the DOM path and the walk differ")
            Self.checkTree(a, s.schema, document.name)
            if a.rc != Int32(SJ_OK) { failures += 1 } else if a.rootType == UInt8(SJ_T_OBJECT) { objects += 1 }
        }
        // The corpus exercises both outcomes in quantity.
        #expect(failures > 60 && objects > 300, "\(failures) failures, \(objects) objects")
    }

}

extension CorpusTests {
    /// Small documents of the corpus, each mutated many times (a byte replaced by a JSON-significant
    /// one, deleted, duplicated, or the document cut): the DOM path and the exact walk agree on
    /// every mutant — what they capture, and the errors' words and offsets. (When the extractor
    /// replaced the decoder with hard-coded shapes, 200,000 such mutants also agreed with it.)
    @Test func mutantsDecodeAlikeOnBothPaths() throws {
        let s = try ShipSchema()
        let seeds = try Corpus.all().map(\.bytes).filter { $0.count < 4096 }
        let alphabet = Array(#"{}[]:,"\/ 0123456789-+.eEtrufalsnu"#.utf8) + [0x00, 0x0C, 0x0B, 0xC3, 0xFF, 0xED, 0xA0]
        var random = SplitMix64(state: 13)
        let dom = try RawParser(s.schema, s, maxDepth: 64, dom: true)
        let walk = try RawParser(s.schema, s, maxDepth: 64, dom: false)
        var outcomes: [String: Int] = [:]
        for round in 0 ..< 20_000 {
            var doc = seeds[round % seeds.count]
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) where !doc.isEmpty {
                let i = Int.random(in: 0 ..< doc.count, using: &random)
                switch Int.random(in: 0 ..< 4, using: &random) {
                case 0: doc[i] = alphabet.randomElement(using: &random) ?? 0x20
                case 1: doc.remove(at: i)
                case 2: doc.insert(doc[i], at: i)
                default: doc.removeLast(Int.random(in: 0 ... min(8, doc.count), using: &random))
                }
            }
            let a = dom.parse(doc, s.schema)
            #expect(walk.parse(doc, s.schema) == a, "\(String(decoding: doc, as: UTF8.self))")
            outcomes[a.rc == Int32(SJ_OK) ? "valid" : a.detail, default: 0] += 1
        }
        // The mutants reach the valid outcome and most of the error details.
        #expect(outcomes.count >= 8, "\(outcomes)")
    }
}

extension ShipSchema {
    var allNames: [(JSONNode, [(String, JSONField)])] {
        [root, order, event, package, extra, data, ordersItem, guide, currentStatus, statusObj].map { node in
            (node, (fieldsByName[node] ?? [:]).sorted { $0.key < $1.key })
        }
    }
}
